// The one error family of minhu.
//
// Everything minhu throws derives from minhu::error (itself a std::runtime_error) and carries
// a stable code; what() reads "[minhu.<code>] message". Ruleset problems are collected, not
// stopped at: a ruleset_error lists every problem found, each with its JSON pointer.
// Hot paths (classify, dispatch) never throw; they report through their results.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minhu {

/// Stable error codes. The numeric values and names never change meaning.
enum class errc : int {
  io = 1,                ///< a file could not be read or written
  ruleset_invalid = 2,   ///< the ruleset is not valid (see ruleset_error::problems())
  petition_invalid = 3,  ///< a petition is malformed (bad JSON, missing id/text, wrong type)
  invalid_argument = 4,  ///< a caller passed a value outside the documented domain
  not_loaded = 5,        ///< an engine was used before a ruleset was loaded
};

/// "io", "ruleset_invalid", ... : the name used in messages and by the bindings.
inline std::string_view code_name(errc c) noexcept {
  switch (c) {
    case errc::io:
      return "io";
    case errc::ruleset_invalid:
      return "ruleset_invalid";
    case errc::petition_invalid:
      return "petition_invalid";
    case errc::invalid_argument:
      return "invalid_argument";
    case errc::not_loaded:
      return "not_loaded";
  }
  return "unknown";
}

class error : public std::runtime_error {
 public:
  error(errc code, const std::string& message)
      : std::runtime_error("[minhu." + std::string(code_name(code)) + "] " + message),
        code_(code),
        message_(message) {}
  errc code() const noexcept { return code_; }
  /// The message without the "[minhu.code]" prefix.
  const std::string& message() const noexcept { return message_; }

 private:
  errc code_;
  std::string message_;
};

/// One problem in a ruleset: where (RFC 6901 JSON pointer, "" for the whole document) and what.
struct problem {
  std::string pointer;
  std::string message;
  std::string to_string() const { return (pointer.empty() ? "/" : pointer) + ": " + message; }
};

/// Thrown when a ruleset cannot be loaded; holds every problem found, section by section
/// (within a section in document order; cross-references are checked after their section).
class ruleset_error : public error {
 public:
  explicit ruleset_error(std::vector<problem> problems)
      : error(errc::ruleset_invalid, summarize(problems)), problems_(std::move(problems)) {}
  const std::vector<problem>& problems() const noexcept { return problems_; }

 private:
  static std::string summarize(const std::vector<problem>& ps) {
    std::string s = std::to_string(ps.size()) + (ps.size() == 1 ? " problem" : " problems");
    for (std::size_t i = 0; i < ps.size() && i < 20; ++i) s += "\n  " + ps[i].to_string();
    if (ps.size() > 20) s += "\n  ...";
    return s;
  }
  std::vector<problem> problems_;
};

/// Thrown by the petition parsers for one bad petition; `field` names the offending member.
class petition_error : public error {
 public:
  petition_error(std::string field, const std::string& message)
      : error(errc::petition_invalid, field.empty() ? message : field + ": " + message),
        field_(std::move(field)) {}
  const std::string& field() const noexcept { return field_; }
  /// The petition's id when it was readable before the problem was found, else "".
  const std::string& id() const noexcept { return id_; }
  void set_id(std::string id) { id_ = std::move(id); }

 private:
  std::string field_;
  std::string id_;
};

}  // namespace minhu
