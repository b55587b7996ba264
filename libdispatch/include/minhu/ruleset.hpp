// A compiled ruleset: taxonomy, rules (with their keyword automaton and regexes), calendars,
// SLA policies, organisation units, links, areas and routing — loaded from one JSON file,
// validated with a JSON pointer for every problem, then immutable and shared by pointer.
//
//   std::shared_ptr<const minhu::ruleset> rs =
//   minhu::ruleset::load_file("rulesets/demo-city.json"); rs->categories().size(); // the taxonomy
//   rs->find_category("env.pollution.noise");  // index or -1
//
//   auto problems = minhu::ruleset::check_file("broken.json");   // every problem, no throw
//   for (auto& p : problems) std::cerr << p.to_string() << "\n"; // "/rules/12/when/all/1/regex:
//   ..."
//
// The format is documented in docs/ruleset-format.md and rulesets/schema/ruleset.schema.json.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "minhu/calendar.hpp"
#include "minhu/detail/id_index.hpp"
#include "minhu/error.hpp"
#include "minhu/fwd.hpp"
#include "minhu/location.hpp"
#include "minhu/matcher.hpp"
#include "minhu/model.hpp"
#include "minhu/org_graph.hpp"
#include "minhu/petition.hpp"
#include "minhu/router.hpp"
#include "minhu/sla.hpp"

namespace re2 {
class FilteredRE2;
}

namespace minhu {

/// A taxonomy category.
struct category {
  std::string id;
  std::string name;
  std::int32_t parent = -1;           ///< index into categories(), -1 for a root
  loop_tier tier = loop_tier::small;  ///< lowest loop allowed to lead (inherited)
  std::string sla;                    ///< SLA policy id (inherited), may be empty
  std::vector<std::string> aliases;
  std::uint32_t depth = 0;  ///< 0 for a root
};

/// A classification rule. Its condition tree lives in the ruleset's compiled index.
struct rule {
  std::string id;
  std::uint32_t category = 0;  ///< index into categories()
  std::int32_t priority = 0;
  minhu::urgency urgency = urgency::normal;
  std::vector<std::string> tags;
  double weight = 1.0;
  double confidence = 1.0;
  std::string description;
  std::uint32_t root = 0;        ///< root node in rule_index::nodes
  std::uint32_t file_index = 0;  ///< position in the file's rules array
};

/// "<n>d<n>h<n>m": days are working days under working time, 24 h under calendar time.
struct duration {
  std::int32_t days = 0, hours = 0, minutes = 0;
  friend bool operator==(const duration& a, const duration& b) {
    return a.days == b.days && a.hours == b.hours && a.minutes == b.minutes;
  }
};

struct calendar_def {
  struct date_range {
    std::string from, to, name;  ///< ISO dates, inclusive
  };
  std::string id;
  std::int32_t utc_offset_minutes = 8 * 60;
  std::vector<int> workweek{1, 2, 3, 4, 5};  ///< ISO weekdays
  std::vector<std::pair<int, int>> hours{{9 * 60, 12 * 60},
                                         {13 * 60 + 30, 17 * 60 + 30}};  ///< minutes of day
  std::vector<date_range> holidays;
  std::vector<std::string> workdays;  ///< adjusted working days (调休)
};

struct sla_targets {
  std::optional<duration> acknowledge, respond, resolve;
  std::optional<time_basis> time;
};

struct sla_policy_def {
  struct escalation_step {
    duration after;
    std::string to;  ///< "parent", "command_center" or a unit id
  };
  std::string id;
  std::string calendar;
  time_basis time = time_basis::working;
  sla_targets targets;
  std::array<std::optional<sla_targets>, 3> by_urgency;  ///< indexed by urgency
  double warning = 0.8;
  std::vector<escalation_step> escalation;
};

struct unit_def {
  std::string id;
  unit_kind kind = unit_kind::department;
  std::string name;
  std::string parent;
  std::vector<std::string> serves;  ///< category ids or wildcards ("urban.*", "*")
  std::vector<std::string> areas;
  std::int32_t capacity = 10;
};

struct link_def {
  link_type type = link_type::summons;
  std::string from, to;
  std::vector<std::string> categories;  ///< empty = all
};

struct area_def {
  using point = std::pair<double, double>;  ///< lon, lat
  std::string id;
  area_kind kind = area_kind::grid;
  std::string name;
  std::int32_t parent = -1;  ///< index into areas()
  std::vector<std::string> aliases;
  std::vector<std::vector<point>> polygon;  ///< outer ring, then holes
};

struct routing_def {
  std::array<std::vector<unit_kind>, 3> tiers;  ///< indexed by loop_tier
  std::string command_center;
  std::string triage_unit;
  std::int32_t max_returns = 3;
};

struct model_ref {
  std::string path;  ///< resolved against the ruleset's directory
  double threshold = 0.5;
  std::shared_ptr<const text_model> model;  ///< loaded with the ruleset, never null when set
  std::vector<std::uint32_t> category_of;   ///< per model class: index into categories()
};

namespace detail {

enum class node_kind : std::uint8_t {
  all,
  any,
  negate,
  text_any,
  text_all,
  text_none,
  regex,
  field,
  channel,
  area
};

/// One node of a compiled condition tree. Children / operands live in side arrays:
/// all/any/negate: refs[begin, begin+count) are node ids; text_*: pattern ids;
/// channel: indices into strings; area: area indices; regex/field: `arg` indexes regexes/fields.
struct cond_node {
  node_kind kind = node_kind::all;
  field_scope scope = field_scope::both;
  std::uint32_t begin = 0, count = 0, arg = 0;
};

struct field_test {
  std::string name;
  std::optional<value> eq;
  std::vector<value> in;
  std::optional<double> gte, lte;
  std::optional<std::string> prefix;
  std::optional<bool> exists;
};

struct regex_def {
  std::string pattern;  ///< as written
  field_scope scope = field_scope::both;
};

/// Everything the classifier needs, laid out for one scan and few branches.
struct rule_index {
  rule_index();
  ~rule_index();
  rule_index(rule_index&&) noexcept;
  rule_index& operator=(rule_index&&) noexcept;

  std::vector<cond_node> nodes;
  std::vector<std::uint32_t> refs;
  std::vector<std::string> strings;
  std::vector<field_test> fields;
  std::vector<regex_def> regexes;
  std::unique_ptr<re2::FilteredRE2> filter;  ///< all regexes; null when there are none

  keyword_automaton automaton;  ///< keywords + regex literals (atoms) + gazetteer names
  /// What the classifier does when pattern p is found, in one 16-byte record per pattern: a
  /// distinct hit costs one cache line here rather than one per array.
  struct pattern_entry {
    /// triggers[trigger_begin, trigger_end): ranks of the rules that can only hold if p occurred
    std::uint32_t trigger_begin = 0, trigger_end = 0;
    std::int32_t atom = -1;  ///< regex atom index, or -1
    std::uint8_t flags = 0;  ///< keyword_pattern | gazetteer_pattern
  };
  static constexpr std::uint8_t keyword_pattern = 1;    ///< a rule keyword
  static constexpr std::uint8_t gazetteer_pattern = 2;  ///< names at least one area
  std::vector<pattern_entry> patterns;                  ///< per automaton pattern
  /// The automaton's tag of each pattern (keyword_automaton::set_tags) holds what a match of
  /// it needs, so that the usual match reads no pattern_entry: `tag_keyword` for a
  /// keyword_pattern; `tag_simple` when it has no atom, names no area and triggers at most one
  /// rule, whose rank + 1 (0: none) is then in the bits of `tag_rank`.
  static constexpr std::uint32_t tag_keyword = 1u << 31;
  static constexpr std::uint32_t tag_simple = 1u << 30;
  static constexpr std::uint32_t tag_rank = tag_simple - 1;
  /// Gazetteer: areas named by pattern p are gazetteer_areas[gazetteer_begin[p], [p+1]).
  std::vector<std::uint32_t> gazetteer_begin;
  std::vector<std::uint32_t> gazetteer_areas;

  /// Rules in evaluation order (priority desc, then file order); rank = position here.
  std::vector<std::uint32_t> order;
  std::vector<std::uint32_t> rank;  ///< per rule
  /// Candidate index: rules (as ranks) that can only hold if a pattern occurred, grouped by
  /// pattern (see pattern_entry).
  std::vector<std::uint32_t> triggers;
  /// Ranks of rules that must be evaluated whatever the text contains (bitset).
  std::vector<std::uint64_t> always;
  std::size_t always_count = 0;
};

}  // namespace detail

/// An immutable compiled ruleset. Share it by std::shared_ptr<const ruleset>.
class ruleset {
 public:
  /// Loads, validates and compiles. Throws ruleset_error listing every problem (errc::io when
  /// the file cannot be read).
  static std::shared_ptr<const ruleset> load_file(const std::string& path);
  /// Same from a JSON string; relative paths inside (the model) resolve against `base_dir`.
  static std::shared_ptr<const ruleset> load_string(std::string_view json,
                                                    const std::string& base_dir = ".");
  /// Every problem of the file, empty when it loads. Never throws for a bad ruleset.
  static std::vector<problem> check_file(const std::string& path);
  static std::vector<problem> check_string(std::string_view json,
                                           const std::string& base_dir = ".");

  // Compiled automata and RE2 objects are expensive to build and copy: share, don't copy.
  ruleset(const ruleset&) = delete;
  ruleset& operator=(const ruleset&) = delete;
  ~ruleset();

  const std::string& id() const noexcept { return id_; }
  const std::string& version() const noexcept { return version_; }
  const std::string& name() const noexcept { return name_; }
  /// The file it was loaded from ("" when loaded from a string).
  const std::string& source() const noexcept { return source_; }
  hit_policy policy() const noexcept { return policy_; }

  const std::vector<category>& categories() const noexcept { return categories_; }
  /// Index of the category with this id, or -1.
  std::int32_t find_category(std::string_view id) const noexcept;
  /// Ids from the root down to `c`.
  std::vector<std::string> category_path(std::uint32_t c) const;

  const std::vector<rule>& rules() const noexcept { return rules_; }
  std::int32_t find_rule(std::string_view id) const noexcept;

  const std::vector<calendar_def>& calendars() const noexcept { return calendars_; }
  const std::vector<sla_policy_def>& sla_policies() const noexcept { return sla_policies_; }
  const std::vector<unit_def>& units() const noexcept { return units_; }
  const std::vector<link_def>& links() const noexcept { return links_; }
  const std::vector<area_def>& areas() const noexcept { return areas_; }
  /// Index of the area with this id, or -1.
  std::int32_t find_area(std::string_view id) const noexcept;
  const routing_def& routing() const noexcept { return routing_; }

  /// The organisation graph (units, parents, links) compiled from units() and links().
  const org_graph& organisation() const noexcept { return org_; }
  /// The area hierarchy with its polygon index.
  const area_index& area_tree() const noexcept { return area_tree_; }
  /// The category × area → candidates table.
  const routing_table& table() const noexcept { return table_; }
  /// Index of the command centre unit (routing.command_center), or -1.
  std::int32_t command_center() const noexcept { return command_center_; }
  /// Index of the triage unit (routing.triage_unit, default the command centre), or -1.
  std::int32_t triage_unit() const noexcept { return triage_unit_; }
  /// Compiled business calendars (same order as calendars()).
  const std::vector<business_calendar>& business_calendars() const noexcept {
    return calendars_compiled_;
  }
  /// The calendar with this id, or nullptr.
  const business_calendar* find_calendar(std::string_view id) const noexcept;
  /// Compiled SLA policies (same order as sla_policies()).
  const std::vector<sla_policy>& policies() const noexcept { return policies_; }
  /// The SLA policy of a category (its own or inherited `sla`), or nullptr.
  const sla_policy* sla_for(std::uint32_t category) const noexcept {
    const auto p = category < category_policy_.size() ? category_policy_[category] : -1;
    return p < 0 ? nullptr : &policies_[std::size_t(p)];
  }

  /// Bitset over categories() of those `pattern` names: "x" (x only), "x.*" (x and below), "*".
  std::vector<std::uint64_t> categories_matching(std::string_view pattern) const;
  const std::optional<model_ref>& model() const noexcept { return model_; }

  /// Number of distinct keywords across all rules.
  std::size_t keyword_count() const noexcept { return keyword_count_; }
  /// Compiled classification structures (for the classifier and diagnostics).
  const detail::rule_index& index() const noexcept { return index_; }

 private:
  ruleset();
  friend class ruleset_compiler;

  std::string id_, version_, name_, source_;
  hit_policy policy_ = hit_policy::first;
  // The id indexes hold copies of the ids: a lookup by string_view needs no std::string (no
  // allocation on the hot path, whatever the id's length).
  std::vector<category> categories_;
  detail::id_index category_ids_;
  std::vector<rule> rules_;
  detail::id_index rule_ids_;
  std::vector<calendar_def> calendars_;
  std::vector<sla_policy_def> sla_policies_;
  std::vector<unit_def> units_;
  std::vector<link_def> links_;
  std::vector<area_def> areas_;
  detail::id_index area_ids_;
  routing_def routing_;
  std::optional<model_ref> model_;
  std::size_t keyword_count_ = 0;
  detail::rule_index index_;
  org_graph org_;
  area_index area_tree_;
  routing_table table_;
  std::int32_t command_center_ = -1, triage_unit_ = -1;
  std::vector<business_calendar> calendars_compiled_;
  std::vector<sla_policy> policies_;
  std::vector<std::int32_t> category_policy_;
};

}  // namespace minhu
