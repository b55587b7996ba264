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
//
//   minhu::api::case_tracker t(d, "cases.db");           // SLA clocks, journaled (or "" in memory)
//   t.open(p.id, r, now);                                // assigned to r.lead; deadlines set
//   t.acknowledge(p.id, now + 600'000);                  // 签收 ... reply, rate, close
//   for (const auto& e : t.advance(later)) ...           // colour changes, breaches, 督办
//   minhu::api::metrics m = t.measure({"street-a"});     // 一量三率 of a street's subtree
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
  /// "invalid_utf8", "spans_truncated", "internal_error", "text_truncated" (see limits.hpp)
  std::vector<std::string> flags;
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

/// Many decisions in one compact block, for a binding that builds its host's objects itself
/// (the Node, Java and Python bindings): the values of the decisions, with the strings a batch
/// repeats (it names the same categories, rules, keywords and units over and over) stored once
/// in `strings` and everything else in `fields`, per decision in this order — a string as its index
/// into `strings` (-1: none, for the fields marked ?), a list as its length followed by its items:
///
///     id decided_by category? category_name? [category_path] urgency confidence [rules] [tags]
///     [spans: field begin end text keyword? regex? rule] [flags] dispatched (0 or 1)
///     and after dispatch: area? area_name? location_method [area_candidates] lead? lead_name?
///                         tier? [assisting: id name] [explanation]
struct decision_pack {
  std::vector<std::string> strings;
  std::vector<double> fields;
  std::int64_t size = 0;  ///< decisions

  /// The same block built from decisions. (For a single decision the strings are stored
  /// where they occur, without looking for repeats.)
  static decision_pack of(const std::vector<decision>& ds);
};

/// One ruleset problem.
struct problem {
  std::string pointer;
  std::string message;
};

/// The exception of the facade: a stable code name ("ruleset_invalid", "io",
/// "petition_invalid", "invalid_argument", "not_loaded"; from case_tracker also "unknown_case"
/// and "invalid_state"), the message, and for rulesets every
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
  /// All from one ruleset snapshot, in order. More than limits::batch (1,000,000) petitions
  /// throw failure("invalid_argument") before any is processed.
  std::vector<decision> classify_batch(const std::vector<petition>& ps) const;
  std::vector<decision> dispatch_batch(const std::vector<petition>& ps) const;
  /// The same over `threads` worker threads (0: one per hardware thread), each with its own
  /// working memory, all from one ruleset snapshot. Blocks until done; safe to call without
  /// any lock of the caller (bindings release theirs, e.g. Python's GIL, around it).
  std::vector<decision> classify_batch(const std::vector<petition>& ps, unsigned threads) const;
  std::vector<decision> dispatch_batch(const std::vector<petition>& ps, unsigned threads) const;
  /// classify_batch / dispatch_batch with their decisions packed: the same values without a
  /// std::string per field (see decision_pack). `exclude` applies to every petition (for one
  /// petition: the units that returned it).
  decision_pack classify_packed(const std::vector<petition>& ps, unsigned threads = 1) const;
  decision_pack dispatch_packed(const std::vector<petition>& ps, unsigned threads = 1,
                                const std::vector<std::string>& exclude = {}) const;
  /// The learned model's probability of every class for `p`, whether or not a rule decides
  /// (classes in info().model_classes order); empty when the ruleset has no model.
  std::vector<class_score> model_scores(const petition& p) const;
  /// Human-readable trace of classification and routing. Phone, ID and bank card numbers are
  /// masked (138****5678) unless `show_pii`.
  std::string explain(const petition& p, bool show_pii = false) const;

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
  friend class case_tracker;
  explicit dispatcher(std::shared_ptr<minhu::engine> e) : engine_(std::move(e)) {}
  std::shared_ptr<minhu::engine> engine_;
};

/// One tracker event, as journaled: a command the caller gave or a consequence the tracker
/// derived. `kind`: opened, acknowledged, started, replied, rated, closed, returned,
/// reassigned, escalated, supervised, paused, resumed, merged, tick (commands); assigned,
/// reopened, colour_changed, breached, auto_escalated, followed (consequences).
struct case_event {
  std::int64_t seq = 0;  ///< 1, 2, 3, ... per tracker, without gaps
  std::int64_t at = 0;   ///< epoch ms
  std::string kind;
  std::string case_id;
  std::string unit;      ///< acting unit, new lead or supervising unit
  std::string category;  ///< opened: category id
  std::string area;      ///< opened: area id
  /// opened: urgency (0 normal, 1 urgent, 2 critical); rated: stars; colour_changed: 0 blue,
  /// 1 yellow, 2 red; breached: 0 acknowledge, 1 respond, 2 resolve; auto_escalated: step
  std::int64_t value = 0;
  std::string detail;  ///< opened: assisting unit ids, comma-separated; merged: primary case
};

/// One case as the tracker sees it. Times are epoch ms, 0 = not (yet); deadlines 0 = none.
struct case_info {
  std::string id;
  std::string category;  ///< "" for a case opened from manual triage
  std::string urgency;   ///< "normal", "urgent", "critical"
  std::string area;
  std::string lead, lead_name;
  std::vector<std::string> assisting;    ///< unit ids (协办)
  std::vector<std::string> returned_by;  ///< units that returned it (退回)
  std::string state;   ///< received, assigned, acknowledged, in_progress, replied, rated, closed
  std::string colour;  ///< blue, yellow, red — as of the tracker's last advance()
  bool open = false;
  bool paused = false;      ///< 挂起: the clock is stopped
  bool supervised = false;  ///< 督办
  std::string supervisor;   ///< unit supervising it, "" none
  std::int32_t escalation_level = 0;
  std::int32_t rating = 0;  ///< 1-5 stars, 0 = not rated
  std::int32_t reopened = 0;
  std::string merged_into;              ///< primary case id when merged (并单)
  std::vector<std::string> duplicates;  ///< cases merged into this one
  std::int64_t received_at = 0, assigned_at = 0, acknowledged_at = 0, started_at = 0;
  std::int64_t replied_at = 0, rated_at = 0, closed_at = 0;
  std::int64_t acknowledge_due = 0, respond_due = 0, resolve_due = 0;
  std::vector<std::string> breached;  ///< "acknowledge", "respond", "resolve"
};

/// 一量三率 and friends over a set of cases.
struct metrics {
  std::int64_t volume = 0;    ///< cases received
  std::int64_t resolved = 0;  ///< replied (办结), including those later rated or closed
  std::int64_t resolved_on_time = 0;
  std::int64_t acknowledged = 0, acknowledged_on_time = 0;
  std::int64_t rated = 0, satisfied = 0;  ///< satisfied: 3 stars or more
  std::int64_t closed = 0;
  std::int64_t open = 0, blue = 0, yellow = 0, red = 0;  ///< live colours of open cases
  double completion_rate = 0;                            ///< 办结率: resolved / volume
  double timeliness_rate = 0;                            ///< 及时率: resolved_on_time / resolved
  double satisfaction_rate = 0;                          ///< 满意率: satisfied / rated
  double response_rate = 0;                              ///< acknowledged_on_time / volume
};

/// Which cases a query covers; empty fields do not filter. `scope_unit` is the scoped view
/// (a department, street, community or compound sees only cases led within its subtree).
struct metrics_filter {
  std::string scope_unit;         ///< cases led by this unit or any unit below it
  std::string unit;               ///< cases led by exactly this unit
  std::string street;             ///< cases located in this area or below it
  std::string category;           ///< this category or its descendants
  std::int64_t from = 0, to = 0;  ///< received in [from, to) when to > 0
};

/// Case lifecycle and SLA clocks (minhu::tracker) over a dispatcher's ruleset, optionally
/// journaled to SQLite so that a restarted host recovers every case, timer and colour.
///
/// Every command returns the events it caused (the command first). An invalid transition
/// throws failure("invalid_state") and changes nothing; an unknown case id throws
/// failure("unknown_case"); an unknown unit, category or area throws
/// failure("invalid_argument"). Open cases count as load of their lead in the dispatcher's
/// least-loaded routing (by unit id, across reloads). The tracker keeps the ruleset it was
/// created with (categories, SLA policies, organisation). Thread-safe: calls are serialised
/// by an internal lock. Times are the caller's: a command may carry a time before the last
/// advance() (a late report, a replay of history) and is judged at the time it carries.
class case_tracker {
 public:
  /// `journal_path` "": in memory. Otherwise a SQLite journal (created if missing); an
  /// existing one is replayed, and a corrupt, truncated or diverging one throws failure("io")
  /// rather than loading half. `durability`: "full" (survives power loss) or "normal"
  /// (survives a crash of the process; faster).
  explicit case_tracker(const dispatcher& d, const std::string& journal_path = "",
                        const std::string& durability = "full");
  ~case_tracker();
  case_tracker(case_tracker&&) noexcept;
  case_tracker& operator=(case_tracker&&) noexcept;
  case_tracker(const case_tracker&) = delete;
  case_tracker& operator=(const case_tracker&) = delete;

  /// Opens case `case_id` from a dispatch() decision: assigned to its lead with its assisting
  /// units, SLA clocks started at `now`. A decision without a lead (from classify()) is
  /// rejected.
  std::vector<case_event> open(const std::string& case_id, const decision& d, std::int64_t now);
  /// Dispatches `p` and opens case p.id from the decision, which it returns.
  decision submit(const petition& p, std::int64_t now);

  std::vector<case_event> acknowledge(const std::string& case_id, std::int64_t now);  ///< 签收
  std::vector<case_event> start(const std::string& case_id, std::int64_t now);  ///< first response
  std::vector<case_event> reply(const std::string& case_id, std::int64_t now);  ///< 办结
  /// 1-5 stars; 1-2 reopen the case for redo (重办) with a new resolve deadline.
  std::vector<case_event> rate(const std::string& case_id, int stars, std::int64_t now);
  std::vector<case_event> close(const std::string& case_id, std::int64_t now);
  /// 退回: the lead `unit` returns the case; it is re-routed without every unit that returned
  /// it (after the ruleset's max_returns the command centre decides).
  std::vector<case_event> return_case(const std::string& case_id, const std::string& unit,
                                      std::int64_t now);
  /// The command centre moves the case to `unit`.
  std::vector<case_event> reassign(const std::string& case_id, const std::string& unit,
                                   std::int64_t now);
  /// 督办 by hand: supervision by the lead's parent, or by `unit` when given.
  std::vector<case_event> escalate(const std::string& case_id, std::int64_t now,
                                   const std::string& unit = "");
  std::vector<case_event> supervise(const std::string& case_id, std::int64_t now);
  std::vector<case_event> pause(const std::string& case_id, std::int64_t now);  ///< 挂起
  std::vector<case_event> resume(const std::string& case_id, std::int64_t now);
  /// 并单: `duplicate` follows `primary` from now on.
  std::vector<case_event> merge(const std::string& duplicate, const std::string& primary,
                                std::int64_t now);
  /// Moves the clocks to `now`: the colour changes, breaches and escalation steps that fell
  /// due, in time order. Time never goes back: an earlier `now` reports nothing.
  std::vector<case_event> advance(std::int64_t now);

  bool contains(const std::string& case_id) const;
  /// Throws failure("unknown_case").
  case_info get(const std::string& case_id) const;
  /// The cases a filter selects, in the order they were opened. A unit, area or category the
  /// tracker's ruleset does not know throws failure("invalid_argument").
  std::vector<case_info> cases(const metrics_filter& f = {}) const;
  metrics measure(const metrics_filter& f = {}) const;

  std::int64_t size() const;      ///< cases (open or not)
  std::int64_t now() const;       ///< the time of the last advance()
  std::int64_t timers() const;    ///< pending SLA timers
  std::int64_t last_seq() const;  ///< the last event's seq

 private:
  struct impl;
  impl& self() const;  // throws failure when moved from
  std::unique_ptr<impl> impl_;
};

}  // namespace minhu::api
