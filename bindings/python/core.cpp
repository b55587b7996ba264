// minhu._core: the pybind11 translation of minhu/api.hpp, and nothing else of minhu.
//
// Names follow Python (snake_case functions, CapWords classes); errors become the exception
// classes of minhu.errors (RulesetError, PetitionError, Error) carrying code, pointer and
// problems. Batches release the GIL while the facade's worker threads run.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "minhu/api.hpp"

namespace py = pybind11;
using namespace minhu::api;

namespace {

py::dict span_dict(const span& s) {
  py::dict d;
  d["field"] = s.field;
  d["begin"] = s.begin;
  d["end"] = s.end;
  d["text"] = s.text;
  d["keyword"] = s.keyword;
  d["regex"] = s.regex;
  d["rule"] = s.rule;
  return d;
}

py::dict decision_dict(const decision& r) {
  py::dict d;
  d["id"] = r.id;
  d["decided_by"] = r.decided_by;
  d["category"] = r.category;
  d["category_name"] = r.category_name;
  d["category_path"] = r.category_path;
  d["urgency"] = r.urgency;
  d["confidence"] = r.confidence;
  d["rules"] = r.rules;
  d["tags"] = r.tags;
  py::list spans;
  for (const auto& s : r.spans) spans.append(span_dict(s));
  d["spans"] = spans;
  d["flags"] = r.flags;
  d["area"] = r.area;
  d["area_name"] = r.area_name;
  d["location_method"] = r.location_method;
  d["area_candidates"] = r.area_candidates;
  d["lead"] = r.lead;
  d["lead_name"] = r.lead_name;
  d["tier"] = r.tier;
  py::list assisting;
  for (const auto& u : r.assisting) {
    py::dict a;
    a["id"] = u.id;
    a["name"] = u.name;
    assisting.append(a);
  }
  d["assisting"] = assisting;
  d["explanation"] = r.explanation;
  return d;
}

py::dict event_dict(const case_event& e) {
  py::dict d;
  d["seq"] = e.seq;
  d["at"] = e.at;
  d["kind"] = e.kind;
  d["case_id"] = e.case_id;
  d["unit"] = e.unit;
  d["category"] = e.category;
  d["area"] = e.area;
  d["value"] = e.value;
  d["detail"] = e.detail;
  return d;
}

py::dict case_dict(const case_info& c) {
  py::dict d;
  d["id"] = c.id;
  d["category"] = c.category;
  d["urgency"] = c.urgency;
  d["area"] = c.area;
  d["lead"] = c.lead;
  d["lead_name"] = c.lead_name;
  d["assisting"] = c.assisting;
  d["returned_by"] = c.returned_by;
  d["state"] = c.state;
  d["colour"] = c.colour;
  d["open"] = c.open;
  d["paused"] = c.paused;
  d["supervised"] = c.supervised;
  d["supervisor"] = c.supervisor;
  d["escalation_level"] = c.escalation_level;
  d["rating"] = c.rating;
  d["reopened"] = c.reopened;
  d["merged_into"] = c.merged_into;
  d["duplicates"] = c.duplicates;
  d["received_at"] = c.received_at;
  d["assigned_at"] = c.assigned_at;
  d["acknowledged_at"] = c.acknowledged_at;
  d["started_at"] = c.started_at;
  d["replied_at"] = c.replied_at;
  d["rated_at"] = c.rated_at;
  d["closed_at"] = c.closed_at;
  d["acknowledge_due"] = c.acknowledge_due;
  d["respond_due"] = c.respond_due;
  d["resolve_due"] = c.resolve_due;
  d["breached"] = c.breached;
  return d;
}

py::dict metrics_dict(const metrics& m) {
  py::dict d;
  d["volume"] = m.volume;
  d["resolved"] = m.resolved;
  d["resolved_on_time"] = m.resolved_on_time;
  d["acknowledged"] = m.acknowledged;
  d["acknowledged_on_time"] = m.acknowledged_on_time;
  d["rated"] = m.rated;
  d["satisfied"] = m.satisfied;
  d["closed"] = m.closed;
  d["open"] = m.open;
  d["blue"] = m.blue;
  d["yellow"] = m.yellow;
  d["red"] = m.red;
  d["completion_rate"] = m.completion_rate;
  d["timeliness_rate"] = m.timeliness_rate;
  d["satisfaction_rate"] = m.satisfaction_rate;
  d["response_rate"] = m.response_rate;
  return d;
}

// minhu::api::failure → minhu.errors.{RulesetError, PetitionError, CaseError, Error}.
void raise_failure(const failure& f) {
  const py::module_ errors = py::module_::import("minhu.errors");
  const std::string& code = f.code();
  const char* cls = code == "ruleset_invalid" || code == "io"           ? "RulesetError"
                    : code == "petition_invalid"                        ? "PetitionError"
                    : code == "unknown_case" || code == "invalid_state" ? "CaseError"
                                                                        : "Error";
  py::list problems;
  const py::object problem_t = errors.attr("Problem");
  for (const auto& p : f.problems()) problems.append(problem_t(p.pointer, p.message));
  const py::object type = errors.attr(cls);
  const py::object exc = type(f.what(), py::arg("code") = code, py::arg("pointer") = f.pointer(),
                              py::arg("problems") = problems);
  PyErr_SetObject(type.ptr(), exc.ptr());
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "minhu's C++ core (the minhu::api facade). Use the `minhu` package instead.";

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const failure& f) {
      raise_failure(f);
    }
  });

  py::class_<attribute>(m, "Attribute")
      .def(py::init<>())
      .def_readwrite("name", &attribute::name)
      .def_readwrite("kind", &attribute::kind)
      .def_readwrite("text", &attribute::text)
      .def_readwrite("number", &attribute::number);

  py::class_<petition>(m, "Petition")
      .def(py::init([](std::string id, std::string text, std::string title, std::string channel,
                       std::int64_t received_at, std::string area, std::string address,
                       std::string category) {
             petition p;
             p.id = std::move(id);
             p.text = std::move(text);
             p.title = std::move(title);
             p.channel = std::move(channel);
             p.received_at = received_at;
             p.area = std::move(area);
             p.address = std::move(address);
             p.category = std::move(category);
             return p;
           }),
           py::arg("id") = "", py::arg("text") = "", py::arg("title") = "", py::arg("channel") = "",
           py::arg("received_at") = 0, py::arg("area") = "", py::arg("address") = "",
           py::arg("category") = "")
      .def_readwrite("id", &petition::id)
      .def_readwrite("title", &petition::title)
      .def_readwrite("text", &petition::text)
      .def_readwrite("channel", &petition::channel)
      .def_readwrite("received_at", &petition::received_at)
      .def_readwrite("area", &petition::area)
      .def_readwrite("address", &petition::address)
      .def_readwrite("has_point", &petition::has_point)
      .def_readwrite("lat", &petition::lat)
      .def_readwrite("lon", &petition::lon)
      .def_readwrite("category", &petition::category)
      .def_readwrite("attributes", &petition::attributes)
      .def("__repr__", [](const petition& p) { return "<minhu.Petition id=" + p.id + ">"; });

  py::class_<span>(m, "Span")
      .def_readonly("field", &span::field)
      .def_readonly("begin", &span::begin)
      .def_readonly("end", &span::end)
      .def_readonly("text", &span::text)
      .def_readonly("keyword", &span::keyword)
      .def_readonly("regex", &span::regex)
      .def_readonly("rule", &span::rule)
      .def("to_dict", &span_dict);

  py::class_<unit_ref>(m, "UnitRef")
      .def_readonly("id", &unit_ref::id)
      .def_readonly("name", &unit_ref::name);

  py::class_<decision>(m, "Decision")
      .def_readonly("id", &decision::id)
      .def_readonly("decided_by", &decision::decided_by)
      .def_readonly("category", &decision::category)
      .def_readonly("category_name", &decision::category_name)
      .def_readonly("category_path", &decision::category_path)
      .def_readonly("urgency", &decision::urgency)
      .def_readonly("confidence", &decision::confidence)
      .def_readonly("rules", &decision::rules)
      .def_readonly("tags", &decision::tags)
      .def_readonly("spans", &decision::spans)
      .def_readonly("flags", &decision::flags)
      .def_readonly("area", &decision::area)
      .def_readonly("area_name", &decision::area_name)
      .def_readonly("location_method", &decision::location_method)
      .def_readonly("area_candidates", &decision::area_candidates)
      .def_readonly("lead", &decision::lead)
      .def_readonly("lead_name", &decision::lead_name)
      .def_readonly("tier", &decision::tier)
      .def_readonly("assisting", &decision::assisting)
      .def_readonly("explanation", &decision::explanation)
      .def("to_dict", &decision_dict)
      .def("__repr__", [](const decision& d) {
        return "<minhu.Decision id=" + d.id + " " + d.decided_by +
               (d.category.empty() ? std::string() : " " + d.category) +
               (d.lead.empty() ? std::string() : " → " + d.lead) + ">";
      });

  py::class_<class_score>(m, "ClassScore")
      .def_readonly("category", &class_score::category)
      .def_readonly("probability", &class_score::probability);

  py::class_<ruleset_info>(m, "RulesetInfo")
      .def_readonly("id", &ruleset_info::id)
      .def_readonly("version", &ruleset_info::version)
      .def_readonly("name", &ruleset_info::name)
      .def_readonly("categories", &ruleset_info::categories)
      .def_readonly("rules", &ruleset_info::rules)
      .def_readonly("keywords", &ruleset_info::keywords)
      .def_readonly("units", &ruleset_info::units)
      .def_readonly("areas", &ruleset_info::areas)
      .def_readonly("generation", &ruleset_info::generation)
      .def_readonly("model_path", &ruleset_info::model_path)
      .def_readonly("model_threshold", &ruleset_info::model_threshold)
      .def_readonly("model_classes", &ruleset_info::model_classes);

  using batch_fn =
      std::vector<decision> (dispatcher::*)(const std::vector<petition>&, unsigned) const;
  py::class_<dispatcher>(m, "Dispatcher")
      .def_static("load", &dispatcher::load, py::arg("path"))
      .def_static("from_json", &dispatcher::from_json, py::arg("json"), py::arg("base_dir") = ".")
      .def("classify", &dispatcher::classify, py::arg("petition"))
      .def("dispatch", &dispatcher::dispatch, py::arg("petition"),
           py::arg("exclude") = std::vector<std::string>{})
      .def("classify_batch", static_cast<batch_fn>(&dispatcher::classify_batch),
           py::arg("petitions"), py::arg("threads") = 0, py::call_guard<py::gil_scoped_release>())
      .def("dispatch_batch", static_cast<batch_fn>(&dispatcher::dispatch_batch),
           py::arg("petitions"), py::arg("threads") = 0, py::call_guard<py::gil_scoped_release>())
      .def("explain", &dispatcher::explain, py::arg("petition"), py::arg("show_pii") = false)
      .def("model_scores", &dispatcher::model_scores, py::arg("petition"))
      .def("reload", &dispatcher::reload, py::call_guard<py::gil_scoped_release>())
      .def("reload_from", &dispatcher::reload_from, py::arg("path"),
           py::call_guard<py::gil_scoped_release>())
      .def("set_load", &dispatcher::set_load, py::arg("unit"), py::arg("load"))
      .def("add_load", &dispatcher::add_load, py::arg("unit"), py::arg("delta"))
      .def("load_of", &dispatcher::load_of, py::arg("unit"))
      .def("info", &dispatcher::info)
      .def_static("parse_petition", &dispatcher::parse_petition, py::arg("json"));

  py::class_<case_event>(m, "CaseEvent")
      .def_readonly("seq", &case_event::seq)
      .def_readonly("at", &case_event::at)
      .def_readonly("kind", &case_event::kind)
      .def_readonly("case_id", &case_event::case_id)
      .def_readonly("unit", &case_event::unit)
      .def_readonly("category", &case_event::category)
      .def_readonly("area", &case_event::area)
      .def_readonly("value", &case_event::value)
      .def_readonly("detail", &case_event::detail)
      .def("to_dict", &event_dict)
      .def("__repr__", [](const case_event& e) {
        return "<minhu.CaseEvent " + std::to_string(e.seq) + " " + e.kind + " " + e.case_id +
               (e.unit.empty() ? std::string() : " " + e.unit) + ">";
      });

  py::class_<case_info>(m, "CaseInfo")
      .def_readonly("id", &case_info::id)
      .def_readonly("category", &case_info::category)
      .def_readonly("urgency", &case_info::urgency)
      .def_readonly("area", &case_info::area)
      .def_readonly("lead", &case_info::lead)
      .def_readonly("lead_name", &case_info::lead_name)
      .def_readonly("assisting", &case_info::assisting)
      .def_readonly("returned_by", &case_info::returned_by)
      .def_readonly("state", &case_info::state)
      .def_readonly("colour", &case_info::colour)
      .def_readonly("open", &case_info::open)
      .def_readonly("paused", &case_info::paused)
      .def_readonly("supervised", &case_info::supervised)
      .def_readonly("supervisor", &case_info::supervisor)
      .def_readonly("escalation_level", &case_info::escalation_level)
      .def_readonly("rating", &case_info::rating)
      .def_readonly("reopened", &case_info::reopened)
      .def_readonly("merged_into", &case_info::merged_into)
      .def_readonly("duplicates", &case_info::duplicates)
      .def_readonly("received_at", &case_info::received_at)
      .def_readonly("assigned_at", &case_info::assigned_at)
      .def_readonly("acknowledged_at", &case_info::acknowledged_at)
      .def_readonly("started_at", &case_info::started_at)
      .def_readonly("replied_at", &case_info::replied_at)
      .def_readonly("rated_at", &case_info::rated_at)
      .def_readonly("closed_at", &case_info::closed_at)
      .def_readonly("acknowledge_due", &case_info::acknowledge_due)
      .def_readonly("respond_due", &case_info::respond_due)
      .def_readonly("resolve_due", &case_info::resolve_due)
      .def_readonly("breached", &case_info::breached)
      .def("to_dict", &case_dict)
      .def("__repr__", [](const case_info& c) {
        return "<minhu.CaseInfo " + c.id + " " + c.state + " " + c.colour +
               (c.lead.empty() ? std::string() : " → " + c.lead) + ">";
      });

  py::class_<metrics>(m, "Metrics")
      .def_readonly("volume", &metrics::volume)
      .def_readonly("resolved", &metrics::resolved)
      .def_readonly("resolved_on_time", &metrics::resolved_on_time)
      .def_readonly("acknowledged", &metrics::acknowledged)
      .def_readonly("acknowledged_on_time", &metrics::acknowledged_on_time)
      .def_readonly("rated", &metrics::rated)
      .def_readonly("satisfied", &metrics::satisfied)
      .def_readonly("closed", &metrics::closed)
      .def_readonly("open", &metrics::open)
      .def_readonly("blue", &metrics::blue)
      .def_readonly("yellow", &metrics::yellow)
      .def_readonly("red", &metrics::red)
      .def_readonly("completion_rate", &metrics::completion_rate)
      .def_readonly("timeliness_rate", &metrics::timeliness_rate)
      .def_readonly("satisfaction_rate", &metrics::satisfaction_rate)
      .def_readonly("response_rate", &metrics::response_rate)
      .def("to_dict", &metrics_dict)
      .def("__repr__", [](const metrics& x) {
        return "<minhu.Metrics volume=" + std::to_string(x.volume) +
               " completion=" + std::to_string(x.completion_rate) +
               " timeliness=" + std::to_string(x.timeliness_rate) +
               " satisfaction=" + std::to_string(x.satisfaction_rate) + ">";
      });

  py::class_<metrics_filter>(m, "MetricsFilter")
      .def(py::init([](std::string scope_unit, std::string unit, std::string street,
                       std::string category, std::int64_t from, std::int64_t to) {
             return metrics_filter{std::move(scope_unit),
                                   std::move(unit),
                                   std::move(street),
                                   std::move(category),
                                   from,
                                   to};
           }),
           py::arg("scope_unit") = "", py::arg("unit") = "", py::arg("street") = "",
           py::arg("category") = "", py::arg("from_") = 0, py::arg("to") = 0)
      .def_readwrite("scope_unit", &metrics_filter::scope_unit)
      .def_readwrite("unit", &metrics_filter::unit)
      .def_readwrite("street", &metrics_filter::street)
      .def_readwrite("category", &metrics_filter::category)
      .def_readwrite("from_", &metrics_filter::from)
      .def_readwrite("to", &metrics_filter::to);

  // Commands may wait on the journal's fsync: they run without the GIL (the tracker has its
  // own lock).
  using cmd = std::vector<case_event> (case_tracker::*)(const std::string&, std::int64_t);
  const auto nogil = py::call_guard<py::gil_scoped_release>();
  py::class_<case_tracker>(m, "CaseTracker")
      .def(py::init<const dispatcher&, const std::string&, const std::string&>(),
           py::arg("dispatcher"), py::arg("journal_path") = "", py::arg("durability") = "full",
           nogil)
      .def("open", &case_tracker::open, py::arg("case_id"), py::arg("decision"), py::arg("now"),
           nogil)
      .def("submit", &case_tracker::submit, py::arg("petition"), py::arg("now"), nogil)
      .def("acknowledge", static_cast<cmd>(&case_tracker::acknowledge), py::arg("case_id"),
           py::arg("now"), nogil)
      .def("start", static_cast<cmd>(&case_tracker::start), py::arg("case_id"), py::arg("now"),
           nogil)
      .def("reply", static_cast<cmd>(&case_tracker::reply), py::arg("case_id"), py::arg("now"),
           nogil)
      .def("rate", &case_tracker::rate, py::arg("case_id"), py::arg("stars"), py::arg("now"), nogil)
      .def("close", static_cast<cmd>(&case_tracker::close), py::arg("case_id"), py::arg("now"),
           nogil)
      .def("return_case", &case_tracker::return_case, py::arg("case_id"), py::arg("unit"),
           py::arg("now"), nogil)
      .def("reassign", &case_tracker::reassign, py::arg("case_id"), py::arg("unit"), py::arg("now"),
           nogil)
      .def("escalate", &case_tracker::escalate, py::arg("case_id"), py::arg("now"),
           py::arg("unit") = "", nogil)
      .def("supervise", static_cast<cmd>(&case_tracker::supervise), py::arg("case_id"),
           py::arg("now"), nogil)
      .def("pause", static_cast<cmd>(&case_tracker::pause), py::arg("case_id"), py::arg("now"),
           nogil)
      .def("resume", static_cast<cmd>(&case_tracker::resume), py::arg("case_id"), py::arg("now"),
           nogil)
      .def("merge", &case_tracker::merge, py::arg("duplicate"), py::arg("primary"), py::arg("now"),
           nogil)
      .def("advance", &case_tracker::advance, py::arg("now"), nogil)
      .def("contains", &case_tracker::contains, py::arg("case_id"))
      .def("get", &case_tracker::get, py::arg("case_id"))
      .def("cases", &case_tracker::cases, py::arg("filter") = metrics_filter{})
      .def("measure", &case_tracker::measure, py::arg("filter") = metrics_filter{})
      .def("size", &case_tracker::size)
      .def("now", &case_tracker::now)
      .def("timers", &case_tracker::timers)
      .def("last_seq", &case_tracker::last_seq);

  m.def("normalize", &dispatcher::normalize, py::arg("text"),
        "minhu's text normalisation: full-width → half-width, ASCII lower case, traditional → "
        "simplified, white space runs → one space. What rules and the model see.");
}
