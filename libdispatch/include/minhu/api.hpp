// minhu::api — the one narrow facade every language binding translates (Python, Java, Node).
//
// Plain value types only: strings, doubles, int64 epoch milliseconds, vectors of small structs.
// No Boost, no nlohmann, no std::chrono, no shared_ptr in signatures — SWIG and pybind11 see
// this header and nothing else of minhu. Each binding renames (camelCase for Java/JS) and maps
// minhu::api::failure to its idiomatic exception; it adds no logic of its own.
//
//   minhu::api::dispatcher d = minhu::api::dispatcher::load("rulesets/demo-city.json");
//   minhu::api::petition p;
//   p.id = "p1";
//   p.text = "楼下饭店油烟直排";
//   p.area = "grid-a-01-1";
//   minhu::api::decision r = d.dispatch(p);   // r.category, r.lead, r.explanation, ...
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "minhu/engine.hpp"
#include "minhu/error.hpp"

namespace minhu::api {

/// One attribute: `kind` is "string", "number", "bool" or "null".
struct attribute {
  std::string name;
  std::string kind = "string";
  std::string text;   ///< for kind "string"
  double number = 0;  ///< for kind "number" (and 1/0 for "bool")
};

/// A petition as plain values. Unset optional strings are "".
struct petition {
  std::string id;
  std::string title;
  std::string text;
  std::string channel;
  std::int64_t received_at = 0;  ///< epoch milliseconds, 0 = unknown
  std::string area;
  std::string address;
  bool has_point = false;  ///< lat/lon below are meaningful
  double lat = 0, lon = 0;
  std::string category;
  std::vector<attribute> attributes;
};

/// Evidence: a byte range of the original title or text.
struct span {
  std::string field;  ///< "title" or "text"
  std::int64_t begin = 0, end = 0;
  std::string text;     ///< the original substring
  std::string keyword;  ///< normalised keyword, or "" for a regex match
  std::string regex;    ///< the pattern for a regex match, else ""
  std::string rule;     ///< the fired rule it supports
};

/// A unit reference (lead or assisting).
struct unit_ref {
  std::string id;
  std::string name;
};

/// Everything decided about one petition. Classification fields are always set; location and
/// assignment fields only by dispatch ("" / empty otherwise).
struct decision {
  std::string id;
  std::string decided_by;  ///< "rule", "model" or "triage"
  std::string category;    ///< "" for triage
  std::string category_name;
  std::vector<std::string> category_path;
  std::string urgency;  ///< "normal", "urgent", "critical"
  double confidence = 0;
  std::vector<std::string> rules;
  std::vector<std::string> tags;
  std::vector<span> spans;
  std::vector<std::string> flags;  ///< "invalid_utf8", "spans_truncated", "internal_error"
  // dispatch only
  std::string area;
  std::string area_name;
  std::string location_method;  ///< explicit_id, gps, gazetteer, ambiguous, unknown
  std::vector<std::string> area_candidates;
  std::string lead;
  std::string lead_name;
  std::string tier;  ///< "small", "medium", "big"
  std::vector<unit_ref> assisting;
  std::vector<std::string> explanation;
};

/// One ruleset problem.
struct problem {
  std::string pointer;
  std::string message;
};

/// The exception of the facade: a stable code name ("ruleset_invalid", "io",
/// "petition_invalid", "invalid_argument", "not_loaded"), the message, and for rulesets every
/// problem with its JSON pointer (`pointer` is the first one's).
class failure : public std::runtime_error {
 public:
  failure(std::string code, std::string message, std::vector<problem> problems = {})
      : std::runtime_error(message), code_(std::move(code)), problems_(std::move(problems)) {}
  const std::string& code() const noexcept { return code_; }
  std::string pointer() const { return problems_.empty() ? std::string() : problems_[0].pointer; }
  const std::vector<problem>& problems() const noexcept { return problems_; }

 private:
  std::string code_;
  std::vector<problem> problems_;
};

/// One class of the learned model and its probability.
struct class_score {
  std::string category;
  double probability = 0;
};

/// Ruleset facts for status pages.
struct ruleset_info {
  std::string id, version, name;
  std::int64_t categories = 0, rules = 0, keywords = 0, units = 0, areas = 0;
  std::int64_t generation = 0;  ///< reloads so far + 1
  std::string model_path;       ///< the learned model's file ("" without a model)
  double model_threshold = 0;
  std::vector<std::string> model_classes;  ///< category ids, in model_scores() order
};

/// The engine behind the facade. Thread-safe like minhu::engine; cheap to move.
class dispatcher {
 public:
  /// Loads a ruleset file. Throws failure.
  static dispatcher load(const std::string& path);
  /// Loads a ruleset from JSON text; relative paths inside resolve against `base_dir`.
  static dispatcher from_json(const std::string& json, const std::string& base_dir = ".");

  decision classify(const petition& p) const;
  /// Classify + locate + route. `exclude`: ids of units that returned the case (退回).
  decision dispatch(const petition& p, const std::vector<std::string>& exclude = {}) const;
  /// All from one ruleset snapshot, in order.
  std::vector<decision> classify_batch(const std::vector<petition>& ps) const;
  std::vector<decision> dispatch_batch(const std::vector<petition>& ps) const;
  /// The same over `threads` worker threads (0: one per hardware thread), each with its own
  /// working memory, all from one ruleset snapshot. Blocks until done; safe to call without
  /// any lock of the caller (bindings release theirs, e.g. Python's GIL, around it).
  std::vector<decision> classify_batch(const std::vector<petition>& ps, unsigned threads) const;
  std::vector<decision> dispatch_batch(const std::vector<petition>& ps, unsigned threads) const;
  /// The learned model's probability of every class for `p`, whether or not a rule decides
  /// (classes in info().model_classes order); empty when the ruleset has no model.
  std::vector<class_score> model_scores(const petition& p) const;
  /// Human-readable trace of classification and routing.
  std::string explain(const petition& p) const;

  /// Re-reads the ruleset file (or loads `path`); on error throws and keeps the current one.
  void reload();
  void reload_from(const std::string& path);

  /// Open-case load of a unit (by id) used for least-loaded routing; unknown ids throw.
  void set_load(const std::string& unit_id, std::int64_t load);
  void add_load(const std::string& unit_id, std::int64_t delta);
  std::int64_t load_of(const std::string& unit_id) const;

  ruleset_info info() const;

  /// Parses a petition from a JSON object (the CLI's JSON Lines format). Throws failure.
  static petition parse_petition(const std::string& json);

  /// minhu's text normalisation (width, case, traditional → simplified, white space): what
  /// rules and the learned model see. Model training uses it to read texts as the core does.
  static std::string normalize(const std::string& text);

 private:
  explicit dispatcher(std::shared_ptr<minhu::engine> e) : engine_(std::move(e)) {}
  std::shared_ptr<minhu::engine> engine_;
};

}  // namespace minhu::api
