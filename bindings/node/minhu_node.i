// The Node binding: `swig -c++ -javascript -node` on this file builds the addon minhu.node.
//
// Like every language file it holds only what bindings/swig/minhu.i leaves to the language:
// the two exception macros, camelCase renames and typemaps (and the tracker's dispose(), which
// only a garbage-collected host needs). The typemaps turn the facade's
// value structs into plain JS values and back in one crossing (a petition object in, decisions
// out packed, which lib/decision.js unpacks; arrays for the batch calls; the conversions are in
// convert.hpp), so the JS side never walks proxy objects field by field. Everything idiomatic
// beyond that (ISO dates, Date, UTF-16 span offsets, the Engine class) is in lib/*.js.
%module minhu

%{
#include "convert.hpp"

// Used by the shared %exception of minhu.i around every facade call.
#define MINHU_SWIG_FAILURE(e)     \
  minhu_node::throw_failure(e); \
  SWIG_fail;
#define MINHU_SWIG_INTERNAL(e)                        \
  minhu_node::throw_failure("internal", (e).what()); \
  SWIG_fail;
%}

// ---- typemaps: plain JS values in and out ---------------------------------------------------
// Conversion failures are thrown like facade failures (code petition_invalid or
// invalid_argument, with a pointer), before the call.
%define MINHU_NODE_IN(TYPE, CONVERT)
%typemap(in) const TYPE& (TYPE temp) {
  try {
    temp = CONVERT($input);
  } catch (const minhu::api::failure& e) {
    minhu_node::throw_failure(e);
    SWIG_fail;
  } catch (const minhu_node::js_pending&) {
    SWIG_fail;
  }
  $1 = &temp;
}
%typemap(typecheck) const TYPE& "$1 = 1;"
%enddef

MINHU_NODE_IN(minhu::api::petition, minhu_node::to_petition)
MINHU_NODE_IN(std::vector<minhu::api::petition>, minhu_node::to_petitions)
MINHU_NODE_IN(std::vector<std::string>, minhu_node::to_strings)

%typemap(out) minhu::api::decision "$result = minhu_node::from_decision($1);"
%typemap(out) std::vector<minhu::api::decision> "$result = minhu_node::from_decisions($1);"
%typemap(out) minhu::api::decision_pack "$result = minhu_node::from_pack($1);"
%typemap(out) minhu::api::petition "$result = minhu_node::from_petition($1);"
%typemap(out) minhu::api::ruleset_info "$result = minhu_node::from_info($1);"
%typemap(out) std::vector<minhu::api::class_score> "$result = minhu_node::from_scores($1);"

// The case tracker: a decision and a filter in; events, cases and metrics out.
MINHU_NODE_IN(minhu::api::decision, minhu_node::to_decision)
MINHU_NODE_IN(minhu::api::metrics_filter, minhu_node::to_filter)
%typemap(out) std::vector<minhu::api::case_event> "$result = minhu_node::from_events($1);"
%typemap(out) minhu::api::case_info "$result = minhu_node::from_case($1);"
%typemap(out) std::vector<minhu::api::case_info> "$result = minhu_node::from_cases($1);"
%typemap(out) minhu::api::metrics "$result = minhu_node::from_metrics($1);"

// A journaled tracker holds its SQLite file until it is destroyed, and V8 destroys a proxy
// whenever it collects it. dispose() releases it now: the tracker is moved into a temporary
// that dies at once, leaving an empty one that lib/tracker.js never calls again.
%extend minhu::api::case_tracker {
  void dispose() { minhu::api::case_tracker released(std::move(*$self)); }
}

// ---- camelCase names --------------------------------------------------------------------------
%rename("%(lowercamelcase)s", %$isfunction) "";
%rename("%(lowercamelcase)s", %$isvariable) "";
%rename("%(camelcase)s", %$isclass) "";

%include "minhu.i"
