// The SWIG interface shared by the Java and Node bindings.
//
// It exposes exactly the facade of minhu/api.hpp (an explicit whitelist: SWIG parses that one
// header, never the core ones), instantiates the vectors it uses, and turns
// minhu::api::failure into each language's exception through two macros that the including
// language file defines before %include-ing this one:
//   MINHU_SWIG_FAILURE(e)   e is a const minhu::api::failure& (code(), what(), pointer(), problems())
//   MINHU_SWIG_INTERNAL(e)  e is a const std::exception&
// Language files (bindings/java/*.i, bindings/node/*.i) hold only those macros, renames
// (camelCase) and typemaps.

%{
#include "minhu/api.hpp"
%}

%include <std_string.i>
%include <std_vector.i>
%include <stdint.i>

// Every call may fail with a minhu::api::failure; nothing else is expected, but nothing may
// escape into the host runtime either.
%exception {
  try {
    $action
  } catch (const minhu::api::failure& e) {
    MINHU_SWIG_FAILURE(e)
  } catch (const std::exception& e) {
    MINHU_SWIG_INTERNAL(e)
  }
}

// The exception type itself is mapped, not wrapped; a tracker is moved only in C++.
%ignore minhu::api::failure;
%ignore minhu::api::case_tracker::case_tracker(case_tracker&&);
%ignore minhu::api::case_tracker::operator=;

namespace std {
%template(StringVector) vector<std::string>;
%template(AttributeVector) vector<minhu::api::attribute>;
%template(SpanVector) vector<minhu::api::span>;
%template(UnitRefVector) vector<minhu::api::unit_ref>;
%template(PetitionVector) vector<minhu::api::petition>;
%template(DecisionVector) vector<minhu::api::decision>;
%template(ProblemVector) vector<minhu::api::problem>;
%template(ClassScoreVector) vector<minhu::api::class_score>;
%template(CaseEventVector) vector<minhu::api::case_event>;
%template(CaseInfoVector) vector<minhu::api::case_info>;
}

%include "minhu/api.hpp"
