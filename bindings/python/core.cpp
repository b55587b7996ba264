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

// minhu::api::failure → minhu.errors.{RulesetError, PetitionError, Error}.
void raise_failure(const failure& f) {
  const py::module_ errors = py::module_::import("minhu.errors");
  const std::string& code = f.code();
  const char* cls = code == "ruleset_invalid" || code == "io" ? "RulesetError"
                    : code == "petition_invalid"              ? "PetitionError"
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
      .def("explain", &dispatcher::explain, py::arg("petition"))
      .def("model_scores", &dispatcher::model_scores, py::arg("petition"))
      .def("reload", &dispatcher::reload, py::call_guard<py::gil_scoped_release>())
      .def("reload_from", &dispatcher::reload_from, py::arg("path"),
           py::call_guard<py::gil_scoped_release>())
      .def("set_load", &dispatcher::set_load, py::arg("unit"), py::arg("load"))
      .def("add_load", &dispatcher::add_load, py::arg("unit"), py::arg("delta"))
      .def("load_of", &dispatcher::load_of, py::arg("unit"))
      .def("info", &dispatcher::info)
      .def_static("parse_petition", &dispatcher::parse_petition, py::arg("json"));

  m.def("normalize", &dispatcher::normalize, py::arg("text"),
        "minhu's text normalisation: full-width → half-width, ASCII lower case, traditional → "
        "simplified, white space runs → one space. What rules and the model see.");
}
