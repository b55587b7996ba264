// minhu._core: the pybind11 translation of minhu/api.hpp, and nothing else of minhu.
//
// Names follow Python (snake_case functions, CapWords classes); errors become the exception
// classes of minhu.errors (RulesetError, PetitionError, Error) carrying code, pointer and
// problems. Batches release the GIL while the facade's worker threads run.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

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

// The decisions of one facade call as the facade packed them (minhu::api::decision_pack),
// shared by the Decision objects that view them: a field is read from the block when Python
// asks for it, and each distinct string of the block (a batch names the same categories, rules
// and units over and over) becomes a Python str once, the first time it is read. Strings are
// created and released with the GIL held (blocks are made and dropped only under it).
class decision_block {
 public:
  // The fields of one decision, in the order of the layout.
  enum field : std::uint8_t {
    f_id,
    f_decided_by,
    f_category,
    f_category_name,
    f_category_path,
    f_urgency,
    f_confidence,
    f_rules,
    f_tags,
    f_spans,
    f_flags,
    f_dispatched,
    f_area,
    f_area_name,
    f_location_method,
    f_area_candidates,
    f_lead,
    f_lead_name,
    f_tier,
    f_assisting,
    f_explanation,
    f_count
  };

  explicit decision_block(decision_pack pack)
      : pack_(std::move(pack)), strs_(pack_.strings.size()) {
    const auto n = std::size_t(pack_.size);
    at_.resize(n * f_count, absent);
    std::size_t k = 0;
    const std::size_t end = pack_.fields.size();
    auto take = [&](std::size_t items) {
      if (items > end - std::min(k, end)) throw std::runtime_error("malformed decision block");
      k += items;
    };
    auto list = [&](std::size_t per_item) {
      take(1);
      const double c = pack_.fields[k - 1];
      if (!(c >= 0 && c <= double(end))) throw std::runtime_error("malformed decision block");
      take(std::size_t(c) * per_item);
    };
    for (std::size_t i = 0; i < n; ++i) {
      std::uint32_t* at = &at_[i * f_count];
      for (int f = f_id; f < f_count; ++f) {
        at[f] = std::uint32_t(k);
        switch (f) {
          case f_category_path:
          case f_rules:
          case f_tags:
          case f_flags:
          case f_area_candidates:
          case f_explanation:
            list(1);
            break;
          case f_spans:
            list(7);
            break;
          case f_assisting:
            list(2);
            break;
          default:
            take(1);
        }
        if (f == f_dispatched && pack_.fields[k - 1] == 0) break;  // classify: no more fields
      }
    }
    if (k != end) throw std::runtime_error("malformed decision block");
  }

  std::size_t size() const { return std::size_t(pack_.size); }
  bool has(std::size_t i, field f) const { return at_[i * f_count + f] != absent; }

  // A string field ("" when absent or unset).
  py::object str(std::size_t i, field f) {
    return has(i, f) ? str_at(pack_.fields[at_[i * f_count + f]]) : empty();
  }
  double num(std::size_t i, field f) const {
    return has(i, f) ? pack_.fields[at_[i * f_count + f]] : 0;
  }
  // A list of strings.
  py::list strs(std::size_t i, field f) {
    std::size_t k = 0;
    const std::size_t n = items(i, f, k);
    py::list out(n);
    for (std::size_t j = 0; j < n; ++j)
      PyList_SET_ITEM(out.ptr(), j, str_at(pack_.fields[k++]).release().ptr());
    return out;
  }
  // The same string as a C++ string, for the facade's structs.
  std::string text(double slot) const {
    return slot < 0 ? std::string() : pack_.strings[index(slot)];
  }
  // A string field as a C++ string ("" when absent or unset).
  std::string text(std::size_t i, field f) const {
    return has(i, f) ? text(pack_.fields[at_[i * f_count + f]]) : std::string();
  }
  std::vector<span> spans(std::size_t i) const {
    std::size_t k = 0;
    std::vector<span> out(items(i, f_spans, k));
    for (auto& s : out) {
      s.field = text(pack_.fields[k++]);
      s.begin = std::int64_t(pack_.fields[k++]);
      s.end = std::int64_t(pack_.fields[k++]);
      s.text = text(pack_.fields[k++]);
      s.keyword = text(pack_.fields[k++]);
      s.regex = text(pack_.fields[k++]);
      s.rule = text(pack_.fields[k++]);
    }
    return out;
  }
  std::vector<unit_ref> assisting(std::size_t i) const {
    std::size_t k = 0;
    std::vector<unit_ref> out(items(i, f_assisting, k));
    for (auto& u : out) {
      u.id = text(pack_.fields[k++]);
      u.name = text(pack_.fields[k++]);
    }
    return out;
  }
  std::vector<std::string> texts(std::size_t i, field f) const {
    std::size_t k = 0;
    std::vector<std::string> out(items(i, f, k));
    for (auto& s : out) s = text(pack_.fields[k++]);
    return out;
  }

  // Decision i as the facade's struct (what CaseTracker.open takes).
  decision to_decision(std::size_t i) const {
    decision d;
    auto s = [&](field f) { return text(i, f); };
    d.id = s(f_id);
    d.decided_by = s(f_decided_by);
    d.category = s(f_category);
    d.category_name = s(f_category_name);
    d.category_path = texts(i, f_category_path);
    d.urgency = s(f_urgency);
    d.confidence = num(i, f_confidence);
    d.rules = texts(i, f_rules);
    d.tags = texts(i, f_tags);
    d.spans = spans(i);
    d.flags = texts(i, f_flags);
    d.area = s(f_area);
    d.area_name = s(f_area_name);
    d.location_method = s(f_location_method);
    d.area_candidates = texts(i, f_area_candidates);
    d.lead = s(f_lead);
    d.lead_name = s(f_lead_name);
    d.tier = s(f_tier);
    d.assisting = assisting(i);
    d.explanation = texts(i, f_explanation);
    return d;
  }

 private:
  static constexpr std::uint32_t absent = std::uint32_t(-1);

  // The item count of list field f of decision i (0 when absent); `k` is set to where its
  // first item begins. The constructor checked the count against the block.
  std::size_t items(std::size_t i, field f, std::size_t& k) const {
    if (!has(i, f)) return 0;
    k = at_[i * f_count + f];
    return std::size_t(pack_.fields[k++]);
  }

  std::size_t index(double slot) const {
    if (!(slot < double(pack_.strings.size())))
      throw std::runtime_error("malformed decision block");
    return std::size_t(slot);
  }
  py::object empty() {
    if (!empty_) empty_ = py::str("");
    return empty_;
  }
  py::object str_at(double slot) {
    if (slot < 0) return empty();
    py::object& o = strs_[index(slot)];
    if (!o) {
      const std::string& s = pack_.strings[index(slot)];
      PyObject* u = PyUnicode_DecodeUTF8(s.data(), Py_ssize_t(s.size()), "replace");
      if (!u) throw py::error_already_set();
      o = py::reinterpret_steal<py::object>(u);
    }
    return o;
  }

  decision_pack pack_;
  std::vector<std::uint32_t> at_;  // per decision, where each field begins in pack_.fields
  std::vector<py::object> strs_;   // pack_.strings as Python str, made when first read
  py::object empty_;
};

// A Decision: one decision of a block. A plain CPython type rather than a pybind11 class: a
// batch makes one per petition and a caller reads a few fields of each, and a C getter costs a
// fraction of a pybind11 call.
struct decision_view {
  PyObject ob_base;  // PyObject_HEAD
  std::shared_ptr<decision_block> block;
  std::size_t i;
};

PyTypeObject* decision_type = nullptr;  // set when the module is initialised

PyObject* new_view(const std::shared_ptr<decision_block>& block, std::size_t i) {
  auto* v = PyObject_New(decision_view, decision_type);
  if (!v) throw py::error_already_set();
  new (&v->block) std::shared_ptr<decision_block>(block);
  v->i = i;
  return reinterpret_cast<PyObject*>(v);
}

void view_dealloc(PyObject* self) {
  auto* v = reinterpret_cast<decision_view*>(self);
  PyTypeObject* type = Py_TYPE(self);
  v->block.~shared_ptr();
  PyObject_Free(self);
  Py_DECREF(type);  // instances of a heap type own a reference to it
}

const decision_view& as_view(py::handle h) {
  if (!h || Py_TYPE(h.ptr()) != decision_type)
    throw py::type_error(std::string("expected a minhu.Decision, not ") +
                         (h ? Py_TYPE(h.ptr())->tp_name : "nothing"));
  return *reinterpret_cast<const decision_view*>(h.ptr());
}

// Runs `call` (a facade call that touches no Python object) without the GIL; its result.
template <class Fn>
auto without_gil(Fn call) {
  py::gil_scoped_release nogil;
  return call();
}

// The Decision objects of a facade call's pack, in order.
py::list views(decision_pack pack) {
  auto block = std::make_shared<decision_block>(std::move(pack));
  const std::size_t n = block->size();
  py::list out(n);
  for (std::size_t i = 0; i < n; ++i) PyList_SET_ITEM(out.ptr(), i, new_view(block, i));
  return out;
}

py::object view_of(const decision& d) {
  return py::reinterpret_steal<py::object>(
      new_view(std::make_shared<decision_block>(decision_pack::of({d})), 0));
}

py::dict decision_dict(const decision_view& v) {
  using b = decision_block;
  decision_block& k = *v.block;
  const std::size_t i = v.i;
  py::dict d;
  d["id"] = k.str(i, b::f_id);
  d["decided_by"] = k.str(i, b::f_decided_by);
  d["category"] = k.str(i, b::f_category);
  d["category_name"] = k.str(i, b::f_category_name);
  d["category_path"] = k.strs(i, b::f_category_path);
  d["urgency"] = k.str(i, b::f_urgency);
  d["confidence"] = k.num(i, b::f_confidence);
  d["rules"] = k.strs(i, b::f_rules);
  d["tags"] = k.strs(i, b::f_tags);
  py::list spans;
  for (const auto& s : k.spans(i)) spans.append(span_dict(s));
  d["spans"] = spans;
  d["flags"] = k.strs(i, b::f_flags);
  d["area"] = k.str(i, b::f_area);
  d["area_name"] = k.str(i, b::f_area_name);
  d["location_method"] = k.str(i, b::f_location_method);
  d["area_candidates"] = k.strs(i, b::f_area_candidates);
  d["lead"] = k.str(i, b::f_lead);
  d["lead_name"] = k.str(i, b::f_lead_name);
  d["tier"] = k.str(i, b::f_tier);
  py::list assisting;
  for (const auto& u : k.assisting(i)) {
    py::dict a;
    a["id"] = u.id;
    a["name"] = u.name;
    assisting.append(a);
  }
  d["assisting"] = assisting;
  d["explanation"] = k.strs(i, b::f_explanation);
  return d;
}

// Runs a getter, turning C++ exceptions into Python ones (a C slot must not throw).
template <class Fn>
PyObject* guarded(Fn fn) {
  try {
    return fn().release().ptr();
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (py::builtin_exception& e) {
    e.set_error();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
}

decision_block::field field_of(void* closure) {
  return decision_block::field(reinterpret_cast<std::uintptr_t>(closure));
}
void* closure_of(decision_block::field f) { return reinterpret_cast<void*>(std::uintptr_t(f)); }

PyObject* get_str(PyObject* self, void* f) {
  return guarded([&] {
    const auto& v = *reinterpret_cast<decision_view*>(self);
    return v.block->str(v.i, field_of(f));
  });
}
PyObject* get_strs(PyObject* self, void* f) {
  return guarded([&] {
    const auto& v = *reinterpret_cast<decision_view*>(self);
    return py::object(v.block->strs(v.i, field_of(f)));
  });
}
PyObject* get_confidence(PyObject* self, void*) {
  const auto& v = *reinterpret_cast<decision_view*>(self);
  return PyFloat_FromDouble(v.block->num(v.i, decision_block::f_confidence));
}
PyObject* get_spans(PyObject* self, void*) {
  return guarded([&] {
    const auto& v = *reinterpret_cast<decision_view*>(self);
    return py::cast(v.block->spans(v.i));
  });
}
PyObject* get_assisting(PyObject* self, void*) {
  return guarded([&] {
    const auto& v = *reinterpret_cast<decision_view*>(self);
    return py::cast(v.block->assisting(v.i));
  });
}
PyObject* view_to_dict(PyObject* self, PyObject*) {
  return guarded([&] { return py::object(decision_dict(as_view(self))); });
}
PyObject* view_repr(PyObject* self) {
  return guarded([&] {
    const auto& v = as_view(self);
    const decision_block& b = *v.block;
    const std::string category = b.text(v.i, decision_block::f_category);
    const std::string lead = b.text(v.i, decision_block::f_lead);
    return py::object(py::str("<minhu.Decision id=" + b.text(v.i, decision_block::f_id) + " " +
                              b.text(v.i, decision_block::f_decided_by) +
                              (category.empty() ? std::string() : " " + category) +
                              (lead.empty() ? std::string() : " → " + lead) + ">"));
  });
}

// Decisions come from an Engine only.
PyObject* view_new(PyTypeObject*, PyObject*, PyObject*) {
  PyErr_SetString(
      PyExc_TypeError,
      "minhu.Decision objects come from Engine.classify / dispatch (and their batches)");
  return nullptr;
}

// Creates the Decision type (once, at module initialisation).
py::object make_decision_type() {
  using b = decision_block;
  static PyGetSetDef getset[] = {
      {"id", get_str, nullptr, nullptr, closure_of(b::f_id)},
      {"decided_by", get_str, nullptr, "\"rule\", \"model\" or \"triage\"",
       closure_of(b::f_decided_by)},
      {"category", get_str, nullptr, "category id, \"\" for triage", closure_of(b::f_category)},
      {"category_name", get_str, nullptr, nullptr, closure_of(b::f_category_name)},
      {"category_path", get_strs, nullptr, "category ids, root first",
       closure_of(b::f_category_path)},
      {"urgency", get_str, nullptr, "\"normal\", \"urgent\" or \"critical\"",
       closure_of(b::f_urgency)},
      {"confidence", get_confidence, nullptr, nullptr, nullptr},
      {"rules", get_strs, nullptr, "ids of the rules that fired", closure_of(b::f_rules)},
      {"tags", get_strs, nullptr, nullptr, closure_of(b::f_tags)},
      {"spans", get_spans, nullptr, "evidence: byte ranges of the title or text", nullptr},
      {"flags", get_strs, nullptr, nullptr, closure_of(b::f_flags)},
      {"area", get_str, nullptr, "dispatch only", closure_of(b::f_area)},
      {"area_name", get_str, nullptr, nullptr, closure_of(b::f_area_name)},
      {"location_method", get_str, nullptr, nullptr, closure_of(b::f_location_method)},
      {"area_candidates", get_strs, nullptr, nullptr, closure_of(b::f_area_candidates)},
      {"lead", get_str, nullptr, "the lead unit's id (dispatch only)", closure_of(b::f_lead)},
      {"lead_name", get_str, nullptr, nullptr, closure_of(b::f_lead_name)},
      {"tier", get_str, nullptr, "\"small\", \"medium\" or \"big\"", closure_of(b::f_tier)},
      {"assisting", get_assisting, nullptr, "assisting units (协办)", nullptr},
      {"explanation", get_strs, nullptr, nullptr, closure_of(b::f_explanation)},
      {nullptr, nullptr, nullptr, nullptr, nullptr}};
  static PyMethodDef methods[] = {{"to_dict", view_to_dict, METH_NOARGS, "every field as a dict"},
                                  {nullptr, nullptr, 0, nullptr}};
  static PyType_Slot slots[] = {
      {Py_tp_new, reinterpret_cast<void*>(view_new)},
      {Py_tp_dealloc, reinterpret_cast<void*>(view_dealloc)},
      {Py_tp_repr, reinterpret_cast<void*>(view_repr)},
      {Py_tp_getset, getset},
      {Py_tp_methods, methods},
      {Py_tp_doc, const_cast<char*>("Everything decided about one petition (read-only). "
                                    "Location and assignment fields are set by dispatch only.")},
      {0, nullptr}};
  static PyType_Spec spec = {"minhu._core.Decision", int(sizeof(decision_view)), 0,
                             Py_TPFLAGS_DEFAULT, slots};
  PyObject* t = PyType_FromSpec(&spec);
  if (!t) throw py::error_already_set();
  decision_type = reinterpret_cast<PyTypeObject*>(t);
  return py::reinterpret_steal<py::object>(t);
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

  // Decisions are views into the block their call packed (see decision_block).
  m.attr("Decision") = make_decision_type();

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

  py::class_<dispatcher>(m, "Dispatcher")
      .def_static("load", &dispatcher::load, py::arg("path"))
      .def_static("from_json", &dispatcher::from_json, py::arg("json"), py::arg("base_dir") = ".")
      .def(
          "classify", [](const dispatcher& d, const petition& p) { return view_of(d.classify(p)); },
          py::arg("petition"))
      .def(
          "dispatch",
          [](const dispatcher& d, const petition& p, const std::vector<std::string>& exclude) {
            return view_of(d.dispatch(p, exclude));
          },
          py::arg("petition"), py::arg("exclude") = std::vector<std::string>{})
      // Batches run without the GIL and come back packed: one block of values, read by the
      // Decision views (see decision_block).
      .def(
          "classify_batch",
          [](const dispatcher& d, const std::vector<petition>& ps, unsigned threads) {
            return views(without_gil([&] { return d.classify_packed(ps, threads); }));
          },
          py::arg("petitions"), py::arg("threads") = 0)
      .def(
          "dispatch_batch",
          [](const dispatcher& d, const std::vector<petition>& ps, unsigned threads) {
            return views(without_gil([&] { return d.dispatch_packed(ps, threads); }));
          },
          py::arg("petitions"), py::arg("threads") = 0)
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
      .def(
          "open",
          [](case_tracker& t, const std::string& case_id, py::handle decision_, std::int64_t now) {
            const auto& v = as_view(decision_);
            const decision d = v.block->to_decision(v.i);
            return without_gil([&] { return t.open(case_id, d, now); });
          },
          py::arg("case_id"), py::arg("decision"), py::arg("now"))
      .def(
          "submit",
          [](case_tracker& t, const petition& p, std::int64_t now) {
            return view_of(without_gil([&] { return t.submit(p, now); }));
          },
          py::arg("petition"), py::arg("now"))
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
