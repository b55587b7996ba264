// Conversions between JS values and the facade's value types (minhu/api.hpp), for the
// typemaps of minhu_node.i: a petition object in, a decision object out, arrays of them for the
// batch calls; for the case tracker a decision and a filter in, events, cases and metrics out;
// each in one crossing. Errors are thrown as minhu::api::failure (or js_pending
// when V8 already has an exception pending) and turned into JS errors by the typemaps.
#pragma once

#include <v8.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "minhu/api.hpp"
#include "minhu/detail/utf8.hpp"

// Conversions between JS values and the facade's value types, used by the typemaps below.
namespace minhu_node {

// A JS exception is already pending (a throwing getter, say): unwind without adding another.
struct js_pending {};

inline v8::Isolate* isolate() { return v8::Isolate::GetCurrent(); }
inline v8::Local<v8::Context> context() { return isolate()->GetCurrentContext(); }

// Property names, internalized once: every key is a string literal of this file, so its
// address identifies it. One isolate only (lib/native.js refuses worker threads).
inline v8::Local<v8::String> key(const char* k) {
  static std::unordered_map<const char*, v8::Eternal<v8::String>> cache;
  v8::Eternal<v8::String>& e = cache[k];
  if (e.IsEmpty())
    e.Set(isolate(),
          v8::String::NewFromUtf8(isolate(), k, v8::NewStringType::kInternalized).ToLocalChecked());
  return e.Get(isolate());
}

inline v8::Local<v8::Value> str(const std::string& s) {
  v8::Local<v8::String> out;
  // Only fails beyond V8's maximum string length; the core never produces such strings.
  if (!v8::String::NewFromUtf8(isolate(), s.data(), v8::NewStringType::kNormal, int(s.size()))
           .ToLocal(&out))
    return v8::String::Empty(isolate());
  return out;
}

// "" is how the facade says "none"; JS says null.
inline v8::Local<v8::Value> str_or_null(const std::string& s) {
  if (s.empty()) return v8::Null(isolate());
  return str(s);
}

inline void set(v8::Local<v8::Object> o, const char* k, v8::Local<v8::Value> v) {
  (void)o->CreateDataProperty(context(), key(k), v);
}

inline v8::Local<v8::Array> strings(const std::vector<std::string>& v) {
  v8::Local<v8::Array> a = v8::Array::New(isolate(), int(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) (void)a->Set(context(), std::uint32_t(i), str(v[i]));
  return a;
}

// UTF-8 with lone surrogates replaced by U+FFFD, the way Buffer.from(s) encodes: the byte
// offsets the core reports then agree with what JS computes.
// Petition texts are short: they are written in one pass into room for the longest encoding
// (3 bytes per UTF-16 unit), longer strings are measured first.
inline std::string utf8(v8::Local<v8::String> s) {
  constexpr int flags = v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8;
  const int units = s->Length();
  const int room = units <= (1 << 16) ? 3 * units : s->Utf8Length(isolate());
  std::string out(std::size_t(room), '\0');
  out.resize(std::size_t(s->WriteUtf8(isolate(), out.data(), room, nullptr, flags)));
  return out;
}

inline std::string kind_of(v8::Local<v8::Value> v) {
  if (v->IsNull()) return "null";
  if (v->IsUndefined()) return "undefined";
  if (v->IsString()) return "a string";
  if (v->IsNumber()) return "a number";
  if (v->IsBoolean()) return "a boolean";
  if (v->IsArray()) return "an array";
  if (v->IsFunction()) return "a function";
  if (v->IsBigInt()) return "a bigint";
  return "an object";
}

[[noreturn]] inline void bad(const std::string& code, const std::string& pointer,
                             const std::string& message) {
  // Worded like the core's petition errors: "<field>: <message>", the pointer alongside.
  const std::string full =
      (pointer.empty() ? std::string("petition") : pointer.substr(1)) + ": " + message;
  throw minhu::api::failure(code, full, {{pointer, full}});
}

inline v8::Local<v8::Value> get(v8::Local<v8::Object> o, const char* k) {
  v8::Local<v8::Value> v;
  if (!o->Get(context(), key(k)).ToLocal(&v)) throw js_pending{};
  return v;
}

inline bool absent(v8::Local<v8::Value> v) { return v->IsUndefined() || v->IsNull(); }

inline std::string opt_string(v8::Local<v8::Object> o, const char* k, const std::string& at) {
  v8::Local<v8::Value> v = get(o, k);
  if (absent(v)) return {};
  if (!v->IsString())
    bad("petition_invalid", at + "/" + k, "expected a string, found " + kind_of(v));
  return utf8(v.As<v8::String>());
}

// A petition object in the shape of the CLI's JSON Lines (with camelCase receivedAt; the
// snake_case received_at and the grid alias of area are accepted too, so parsed JSON Lines
// pass unchanged), checked the way minhu's JSON Lines reader checks it. `at` is the JSON
// pointer of the object (non-empty inside a batch). Unknown properties are ignored.
inline minhu::api::petition to_petition(v8::Local<v8::Value> v, const std::string& at = "") {
  if (!v->IsObject() || v->IsArray() || v->IsFunction())
    bad("petition_invalid", at, "expected a petition object, found " + kind_of(v));
  v8::Local<v8::Object> o = v.As<v8::Object>();
  minhu::api::petition p;
  v8::Local<v8::Value> id = get(o, "id");
  if (id->IsString()) {
    p.id = utf8(id.As<v8::String>());
    if (p.id.empty()) bad("petition_invalid", at + "/id", "must not be empty");
  } else if (id->IsNumber()) {  // integer ids are common in hotline exports; kept as text
    const double d = id.As<v8::Number>()->Value();
    if (!(std::fabs(d) <= 9007199254740991.0) || d != std::floor(d))
      bad("petition_invalid", at + "/id", "expected a string or a safe integer");
    p.id = std::to_string(std::int64_t(d));
  } else if (absent(id)) {
    bad("petition_invalid", at + "/id", "missing");
  } else {
    bad("petition_invalid", at + "/id", "expected a string or an integer, found " + kind_of(id));
  }
  v8::Local<v8::Value> text = get(o, "text");
  if (absent(text)) bad("petition_invalid", at + "/text", "missing");
  if (!text->IsString())
    bad("petition_invalid", at + "/text", "expected a string, found " + kind_of(text));
  p.text = utf8(text.As<v8::String>());
  p.title = opt_string(o, "title", at);
  p.channel = opt_string(o, "channel", at);
  p.area = opt_string(o, "area", at);
  if (p.area.empty()) p.area = opt_string(o, "grid", at);
  p.address = opt_string(o, "address", at);
  p.category = opt_string(o, "category", at);
  {
    const char* name = "receivedAt";
    v8::Local<v8::Value> t = get(o, name);
    if (absent(t)) t = get(o, name = "received_at");
    if (!absent(t)) {
      if (!t->IsNumber())
        bad("petition_invalid", at + "/" + name,
            "expected epoch milliseconds, an ISO-8601 string or a Date, found " + kind_of(t));
      const double d = t.As<v8::Number>()->Value();
      if (!(std::fabs(d) <= 9007199254740991.0) || d != std::floor(d))
        bad("petition_invalid", at + "/" + name, "expected integral epoch milliseconds");
      p.received_at = std::int64_t(d);
    }
  }
  bool has[2] = {false, false};
  for (int i = 0; i < 2; ++i) {
    const char* k = i == 0 ? "lat" : "lon";
    v8::Local<v8::Value> x = get(o, k);
    if (absent(x)) continue;
    if (!x->IsNumber())
      bad("petition_invalid", at + "/" + k, "expected a number, found " + kind_of(x));
    const double d = x.As<v8::Number>()->Value();
    if (!(std::fabs(d) <= (i == 0 ? 90.0 : 180.0)))
      bad("petition_invalid", at + "/" + k, "out of range");
    (i == 0 ? p.lat : p.lon) = d;
    has[i] = true;
  }
  if (has[0] != has[1])
    bad("petition_invalid", at + (has[0] ? "/lon" : "/lat"), "lat and lon must be given together");
  p.has_point = has[0];
  v8::Local<v8::Value> attrs = get(o, "attributes");
  if (!absent(attrs)) {
    if (!attrs->IsObject() || attrs->IsArray() || attrs->IsFunction())
      bad("petition_invalid", at + "/attributes", "expected an object, found " + kind_of(attrs));
    v8::Local<v8::Object> ao = attrs.As<v8::Object>();
    v8::Local<v8::Array> names;
    if (!ao->GetOwnPropertyNames(context()).ToLocal(&names)) throw js_pending{};
    p.attributes.reserve(names->Length());
    for (std::uint32_t i = 0; i < names->Length(); ++i) {
      v8::Local<v8::Value> name, val;
      if (!names->Get(context(), i).ToLocal(&name)) throw js_pending{};
      if (!ao->Get(context(), name).ToLocal(&val)) throw js_pending{};
      v8::Local<v8::String> name_str;
      if (!name->ToString(context()).ToLocal(&name_str)) throw js_pending{};
      minhu::api::attribute a;
      a.name = utf8(name_str);
      if (val->IsString()) {
        a.kind = "string";
        a.text = utf8(val.As<v8::String>());
      } else if (val->IsBoolean()) {
        a.kind = "bool";
        a.number = val->IsTrue() ? 1 : 0;
      } else if (val->IsNumber()) {
        a.kind = "number";
        a.number = val.As<v8::Number>()->Value();
      } else if (val->IsNull()) {
        a.kind = "null";
      } else {
        bad("petition_invalid", at + "/attributes/" + a.name,
            "expected a string, number, boolean or null, found " + kind_of(val));
      }
      p.attributes.push_back(std::move(a));
    }
  }
  return p;
}

// Petitions packed by lib/petition.js (packPetitions) once it has checked that every one is
// plain — string fields strings, numbers numbers, no attributes: `strings` holds the string
// fields of all petitions one after another, `layout` per petition the UTF-16 lengths of id,
// title, text, channel, area, address and category, then receivedAt, hasPoint (0 or 1), lat
// and lon. A layout that does not add up is refused (invalid_argument), never read past.
constexpr std::size_t packed_petition_fields = 11;

inline std::vector<minhu::api::petition> unpack_petitions(v8::Local<v8::String> strings,
                                                          v8::Local<v8::Float64Array> layout) {
  // Filled by Write before it is read: not zeroed first (a batch's texts are megabytes).
  const std::size_t total = std::size_t(strings->Length());
  const std::unique_ptr<std::uint16_t[]> units(new std::uint16_t[total]);
  strings->Write(isolate(), units.get(), 0, int(total), v8::String::NO_NULL_TERMINATION);
  std::vector<double> f(layout->Length());
  layout->CopyContents(f.data(), f.size() * sizeof(double));
  auto malformed = [] {
    throw minhu::api::failure("invalid_argument", "minhu: malformed packed petitions");
  };
  if (f.size() % packed_petition_fields) malformed();
  const std::size_t n = f.size() / packed_petition_fields;
  std::vector<minhu::api::petition> out(n);
  std::size_t at = 0;
  auto take = [&](double len, std::string& into) {
    if (!(len >= 0 && len <= double(total - at)) || len != std::floor(len)) malformed();
    minhu::detail::utf16_to_utf8(units.get() + at, std::size_t(len), into);
    at += std::size_t(len);
  };
  for (std::size_t i = 0; i < n; ++i) {
    const double* x = f.data() + i * packed_petition_fields;
    minhu::api::petition& p = out[i];
    take(x[0], p.id);
    take(x[1], p.title);
    take(x[2], p.text);
    take(x[3], p.channel);
    take(x[4], p.area);
    take(x[5], p.address);
    take(x[6], p.category);
    if (p.id.empty() || !(std::fabs(x[7]) <= 9007199254740991.0) || x[7] != std::floor(x[7]) ||
        !(std::fabs(x[9]) <= 90) || !(std::fabs(x[10]) <= 180))
      malformed();
    p.received_at = std::int64_t(x[7]);
    p.has_point = x[8] != 0;
    p.lat = x[9];
    p.lon = x[10];
  }
  if (at != total) malformed();
  return out;
}

// An array of petition objects, or petitions packed by lib/petition.js: {strings, layout}.
inline std::vector<minhu::api::petition> to_petitions(v8::Local<v8::Value> v) {
  if (!v->IsArray() && v->IsObject()) {
    v8::Local<v8::Object> o = v.As<v8::Object>();
    v8::Local<v8::Value> strings = get(o, "strings");
    v8::Local<v8::Value> layout = get(o, "layout");
    if (strings->IsString() && layout->IsFloat64Array())
      return unpack_petitions(strings.As<v8::String>(), layout.As<v8::Float64Array>());
  }
  if (!v->IsArray())
    bad("invalid_argument", "", "expected an array of petitions, found " + kind_of(v));
  v8::Local<v8::Array> a = v.As<v8::Array>();
  std::vector<minhu::api::petition> out;
  out.reserve(a->Length());
  for (std::uint32_t i = 0; i < a->Length(); ++i) {
    v8::Local<v8::Value> x;
    if (!a->Get(context(), i).ToLocal(&x)) throw js_pending{};
    out.push_back(to_petition(x, "/" + std::to_string(i)));
  }
  return out;
}

inline std::vector<std::string> to_strings(v8::Local<v8::Value> v) {
  if (absent(v)) return {};
  if (!v->IsArray())
    bad("invalid_argument", "", "expected an array of strings, found " + kind_of(v));
  v8::Local<v8::Array> a = v.As<v8::Array>();
  std::vector<std::string> out;
  out.reserve(a->Length());
  for (std::uint32_t i = 0; i < a->Length(); ++i) {
    v8::Local<v8::Value> x;
    if (!a->Get(context(), i).ToLocal(&x)) throw js_pending{};
    if (!x->IsString())
      bad("invalid_argument", "/" + std::to_string(i), "expected a string, found " + kind_of(x));
    out.push_back(utf8(x.As<v8::String>()));
  }
  return out;
}

// Decisions cross to JS packed (minhu::api::decision_pack: every distinct string once, the
// other fields in a Float64Array) as the pair [strings, fields], which lib/decision.js unpacks
// into plain objects: building each object property by property through the V8 API costs more
// than classifying the petition, while JIT-compiled JS builds object literals cheaply.
inline v8::Local<v8::Array> from_pack(const minhu::api::decision_pack& pack) {
  std::vector<v8::Local<v8::Value>> strings;
  strings.reserve(pack.strings.size());
  for (const auto& s : pack.strings) strings.push_back(str(s));
  const std::size_t bytes = pack.fields.size() * sizeof(double);
  v8::Local<v8::ArrayBuffer> buf = v8::ArrayBuffer::New(isolate(), bytes);
  if (bytes) std::memcpy(buf->GetBackingStore()->Data(), pack.fields.data(), bytes);
  v8::Local<v8::Value> pair[2] = {v8::Array::New(isolate(), strings.data(), strings.size()),
                                  v8::Float64Array::New(buf, 0, pack.fields.size())};
  return v8::Array::New(isolate(), pair, 2);
}

inline v8::Local<v8::Array> from_decision(const minhu::api::decision& d) {
  return from_pack(minhu::api::decision_pack::of({d}));
}

inline v8::Local<v8::Array> from_decisions(const std::vector<minhu::api::decision>& ds) {
  return from_pack(minhu::api::decision_pack::of(ds));
}

inline v8::Local<v8::Object> from_petition(const minhu::api::petition& p) {
  v8::Local<v8::Object> o = v8::Object::New(isolate());
  set(o, "id", str(p.id));
  set(o, "title", str(p.title));
  set(o, "text", str(p.text));
  set(o, "channel", str(p.channel));
  // 0 is the facade's "unknown".
  set(o, "receivedAt",
      p.received_at ? v8::Local<v8::Value>(v8::Number::New(isolate(), double(p.received_at)))
                    : v8::Local<v8::Value>(v8::Null(isolate())));
  set(o, "area", str(p.area));
  set(o, "address", str(p.address));
  v8::Local<v8::Value> null = v8::Null(isolate());
  set(o, "lat", p.has_point ? v8::Local<v8::Value>(v8::Number::New(isolate(), p.lat)) : null);
  set(o, "lon", p.has_point ? v8::Local<v8::Value>(v8::Number::New(isolate(), p.lon)) : null);
  set(o, "category", str(p.category));
  v8::Local<v8::Object> attrs = v8::Object::New(isolate());
  for (const auto& a : p.attributes) {
    v8::Local<v8::Value> v = null;
    if (a.kind == "string") v = str(a.text);
    if (a.kind == "number") v = v8::Number::New(isolate(), a.number);
    if (a.kind == "bool") v = v8::Boolean::New(isolate(), a.number != 0);
    (void)attrs->CreateDataProperty(context(), str(a.name).As<v8::String>(), v);
  }
  set(o, "attributes", attrs);
  return o;
}

inline v8::Local<v8::Object> from_info(const minhu::api::ruleset_info& i) {
  v8::Local<v8::Object> o = v8::Object::New(isolate());
  set(o, "id", str(i.id));
  set(o, "version", str(i.version));
  set(o, "name", str(i.name));
  set(o, "categories", v8::Number::New(isolate(), double(i.categories)));
  set(o, "rules", v8::Number::New(isolate(), double(i.rules)));
  set(o, "keywords", v8::Number::New(isolate(), double(i.keywords)));
  set(o, "units", v8::Number::New(isolate(), double(i.units)));
  set(o, "areas", v8::Number::New(isolate(), double(i.areas)));
  set(o, "generation", v8::Number::New(isolate(), double(i.generation)));
  set(o, "modelPath", str_or_null(i.model_path));
  set(o, "modelThreshold", v8::Number::New(isolate(), i.model_threshold));
  set(o, "modelClasses", strings(i.model_classes));
  return o;
}

inline v8::Local<v8::Array> from_scores(const std::vector<minhu::api::class_score>& v) {
  v8::Local<v8::Array> a = v8::Array::New(isolate(), int(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) {
    v8::Local<v8::Object> o = v8::Object::New(isolate());
    set(o, "category", str(v[i].category));
    set(o, "probability", v8::Number::New(isolate(), v[i].probability));
    (void)a->Set(context(), std::uint32_t(i), o);
  }
  return a;
}

// ---- case tracker ---------------------------------------------------------------------------

// Like bad() for the tracker's arguments: "<what>: <message>" or "<what>/<field>: <message>".
[[noreturn]] inline void bad_arg(const std::string& what, const std::string& pointer,
                                 const std::string& message) {
  const std::string full = what + pointer + ": " + message;
  throw minhu::api::failure("invalid_argument", full, {{pointer, full}});
}

inline std::string arg_string(v8::Local<v8::Object> o, const char* k, const std::string& what) {
  v8::Local<v8::Value> v = get(o, k);
  if (absent(v)) return {};
  if (!v->IsString()) bad_arg(what, std::string("/") + k, "expected a string, found " + kind_of(v));
  return utf8(v.As<v8::String>());
}

// A decision as dispatch() returned it (or any object with the same fields) for
// case_tracker::open: what the tracker reads is the lead, the assisting units (objects with an
// id, or id strings), the urgency, the category and the area; null means "none" as on the way
// out. Other fields are carried over when present and otherwise ignored.
inline minhu::api::decision to_decision(v8::Local<v8::Value> v) {
  const std::string what = "decision";
  if (!v->IsObject() || v->IsArray() || v->IsFunction())
    bad_arg(what, "", "expected a decision object (from dispatch()), found " + kind_of(v));
  v8::Local<v8::Object> o = v.As<v8::Object>();
  minhu::api::decision d;
  d.id = arg_string(o, "id", what);
  d.decided_by = arg_string(o, "decidedBy", what);
  d.category = arg_string(o, "category", what);
  d.category_name = arg_string(o, "categoryName", what);
  d.urgency = arg_string(o, "urgency", what);
  d.area = arg_string(o, "area", what);
  d.area_name = arg_string(o, "areaName", what);
  d.location_method = arg_string(o, "locationMethod", what);
  d.lead = arg_string(o, "lead", what);
  d.lead_name = arg_string(o, "leadName", what);
  d.tier = arg_string(o, "tier", what);
  v8::Local<v8::Value> assisting = get(o, "assisting");
  if (!absent(assisting)) {
    if (!assisting->IsArray())
      bad_arg(what, "/assisting", "expected an array, found " + kind_of(assisting));
    v8::Local<v8::Array> a = assisting.As<v8::Array>();
    for (std::uint32_t i = 0; i < a->Length(); ++i) {
      const std::string at = "/assisting/" + std::to_string(i);
      v8::Local<v8::Value> x;
      if (!a->Get(context(), i).ToLocal(&x)) throw js_pending{};
      minhu::api::unit_ref u;
      if (x->IsString()) {
        u.id = utf8(x.As<v8::String>());
      } else if (x->IsObject() && !x->IsArray() && !x->IsFunction()) {
        v8::Local<v8::Object> xo = x.As<v8::Object>();
        v8::Local<v8::Value> id = get(xo, "id");
        if (!id->IsString()) bad_arg(what, at + "/id", "expected a unit id, found " + kind_of(id));
        u.id = utf8(id.As<v8::String>());
        u.name = arg_string(xo, "name", what + at);
      } else {
        bad_arg(what, at, "expected a unit ({id, name}) or a unit id, found " + kind_of(x));
      }
      if (u.id.empty()) bad_arg(what, at, "an empty unit id");
      d.assisting.push_back(std::move(u));
    }
  }
  return d;
}

// A case filter {scopeUnit, unit, street, category, from, to}; undefined or null: every case.
// Unknown properties are refused: a misspelt key (scope_unit) must not silently select all.
inline minhu::api::metrics_filter to_filter(v8::Local<v8::Value> v) {
  const std::string what = "filter";
  minhu::api::metrics_filter f;
  if (absent(v)) return f;
  if (!v->IsObject() || v->IsArray() || v->IsFunction())
    bad_arg(what, "", "expected an object, found " + kind_of(v));
  v8::Local<v8::Object> o = v.As<v8::Object>();
  v8::Local<v8::Array> names;
  if (!o->GetOwnPropertyNames(context()).ToLocal(&names)) throw js_pending{};
  for (std::uint32_t i = 0; i < names->Length(); ++i) {
    v8::Local<v8::Value> name;
    if (!names->Get(context(), i).ToLocal(&name)) throw js_pending{};
    v8::Local<v8::String> name_str;
    if (!name->ToString(context()).ToLocal(&name_str)) throw js_pending{};
    const std::string n = utf8(name_str);
    if (n != "scopeUnit" && n != "unit" && n != "street" && n != "category" && n != "from" &&
        n != "to")
      bad_arg(what, "/" + n,
              "unknown property (expected scopeUnit, unit, street, category, from, to)");
  }
  f.scope_unit = arg_string(o, "scopeUnit", what);
  f.unit = arg_string(o, "unit", what);
  f.street = arg_string(o, "street", what);
  f.category = arg_string(o, "category", what);
  for (int i = 0; i < 2; ++i) {
    const char* k = i == 0 ? "from" : "to";
    v8::Local<v8::Value> t = get(o, k);
    if (absent(t)) continue;
    if (!t->IsNumber())
      bad_arg(what, std::string("/") + k, "expected epoch milliseconds, found " + kind_of(t));
    const double d = t.As<v8::Number>()->Value();
    if (!(std::fabs(d) <= 9007199254740991.0) || d != std::floor(d))
      bad_arg(what, std::string("/") + k, "expected integral epoch milliseconds");
    (i == 0 ? f.from : f.to) = std::int64_t(d);
  }
  return f;
}

inline v8::Local<v8::Value> num(std::int64_t x) { return v8::Number::New(isolate(), double(x)); }

// Epoch ms, 0 being the facade's "not (yet)" / "none": null.
inline v8::Local<v8::Value> time_or_null(std::int64_t t) {
  if (t == 0) return v8::Null(isolate());
  return num(t);
}

inline v8::Local<v8::Object> from_event(const minhu::api::case_event& e) {
  v8::Local<v8::Object> o = v8::Object::New(isolate());
  set(o, "seq", num(e.seq));
  set(o, "at", num(e.at));
  set(o, "kind", str(e.kind));
  set(o, "caseId", str_or_null(e.case_id));
  set(o, "unit", str_or_null(e.unit));
  set(o, "category", str_or_null(e.category));
  set(o, "area", str_or_null(e.area));
  set(o, "value", num(e.value));
  set(o, "detail", str_or_null(e.detail));
  return o;
}

inline v8::Local<v8::Array> from_events(const std::vector<minhu::api::case_event>& es) {
  v8::Local<v8::Array> a = v8::Array::New(isolate(), int(es.size()));
  for (std::size_t i = 0; i < es.size(); ++i)
    (void)a->Set(context(), std::uint32_t(i), from_event(es[i]));
  return a;
}

inline v8::Local<v8::Object> from_case(const minhu::api::case_info& c) {
  v8::Local<v8::Object> o = v8::Object::New(isolate());
  set(o, "id", str(c.id));
  set(o, "category", str_or_null(c.category));
  set(o, "urgency", str(c.urgency));
  set(o, "area", str_or_null(c.area));
  set(o, "lead", str_or_null(c.lead));
  set(o, "leadName", str_or_null(c.lead_name));
  set(o, "assisting", strings(c.assisting));
  set(o, "returnedBy", strings(c.returned_by));
  set(o, "state", str(c.state));
  set(o, "colour", str(c.colour));
  set(o, "open", v8::Boolean::New(isolate(), c.open));
  set(o, "paused", v8::Boolean::New(isolate(), c.paused));
  set(o, "supervised", v8::Boolean::New(isolate(), c.supervised));
  set(o, "supervisor", str_or_null(c.supervisor));
  set(o, "escalationLevel", num(c.escalation_level));
  set(o, "rating", num(c.rating));
  set(o, "reopened", num(c.reopened));
  set(o, "mergedInto", str_or_null(c.merged_into));
  set(o, "duplicates", strings(c.duplicates));
  set(o, "receivedAt", time_or_null(c.received_at));
  set(o, "assignedAt", time_or_null(c.assigned_at));
  set(o, "acknowledgedAt", time_or_null(c.acknowledged_at));
  set(o, "startedAt", time_or_null(c.started_at));
  set(o, "repliedAt", time_or_null(c.replied_at));
  set(o, "ratedAt", time_or_null(c.rated_at));
  set(o, "closedAt", time_or_null(c.closed_at));
  set(o, "acknowledgeDue", time_or_null(c.acknowledge_due));
  set(o, "respondDue", time_or_null(c.respond_due));
  set(o, "resolveDue", time_or_null(c.resolve_due));
  set(o, "breached", strings(c.breached));
  return o;
}

inline v8::Local<v8::Array> from_cases(const std::vector<minhu::api::case_info>& cs) {
  v8::Local<v8::Array> a = v8::Array::New(isolate(), int(cs.size()));
  for (std::size_t i = 0; i < cs.size(); ++i)
    (void)a->Set(context(), std::uint32_t(i), from_case(cs[i]));
  return a;
}

inline v8::Local<v8::Object> from_metrics(const minhu::api::metrics& m) {
  v8::Local<v8::Object> o = v8::Object::New(isolate());
  set(o, "volume", num(m.volume));
  set(o, "resolved", num(m.resolved));
  set(o, "resolvedOnTime", num(m.resolved_on_time));
  set(o, "acknowledged", num(m.acknowledged));
  set(o, "acknowledgedOnTime", num(m.acknowledged_on_time));
  set(o, "rated", num(m.rated));
  set(o, "satisfied", num(m.satisfied));
  set(o, "closed", num(m.closed));
  set(o, "open", num(m.open));
  set(o, "blue", num(m.blue));
  set(o, "yellow", num(m.yellow));
  set(o, "red", num(m.red));
  set(o, "completionRate", v8::Number::New(isolate(), m.completion_rate));
  set(o, "timelinessRate", v8::Number::New(isolate(), m.timeliness_rate));
  set(o, "satisfactionRate", v8::Number::New(isolate(), m.satisfaction_rate));
  set(o, "responseRate", v8::Number::New(isolate(), m.response_rate));
  return o;
}

// An Error carrying the failure's stable code, its first JSON pointer (null when there is
// none) and every problem: what index.js documents as the binding's error shape.
inline void throw_failure(const std::string& code, const std::string& message,
                          const std::vector<minhu::api::problem>& problems = {}) {
  v8::Local<v8::Object> err =
      v8::Exception::Error(str(message).As<v8::String>())->ToObject(context()).ToLocalChecked();
  set(err, "code", str(code));
  set(err, "pointer",
      problems.empty() ? v8::Local<v8::Value>(v8::Null(isolate())) : str(problems[0].pointer));
  v8::Local<v8::Array> ps = v8::Array::New(isolate(), int(problems.size()));
  for (std::size_t i = 0; i < problems.size(); ++i) {
    v8::Local<v8::Object> p = v8::Object::New(isolate());
    set(p, "pointer", str(problems[i].pointer));
    set(p, "message", str(problems[i].message));
    (void)ps->Set(context(), std::uint32_t(i), p);
  }
  set(err, "problems", ps);
  isolate()->ThrowException(err);
}

inline void throw_failure(const minhu::api::failure& e) {
  throw_failure(e.code(), e.what(), e.problems());
}

}  // namespace minhu_node
