// Ruleset loading: JSON → validated, compiled, immutable ruleset.
//
// The loader never stops at the first problem: every section is checked and every problem is
// reported with its JSON pointer, so one `minhu validate` run shows everything to fix. Only when
// the document is clean are the automaton and the regexes compiled.
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "minhu/detail/json_document.hpp"
#include "minhu/limits.hpp"
#include "minhu/ruleset.hpp"
#include "minhu/text.hpp"

namespace minhu {

using detail::json_document;
using detail::json_value;

std::string_view to_string(urgency u) noexcept {
  switch (u) {
    case urgency::normal:
      return "normal";
    case urgency::urgent:
      return "urgent";
    case urgency::critical:
      return "critical";
  }
  return "normal";
}
std::string_view to_string(hit_policy h) noexcept {
  switch (h) {
    case hit_policy::first:
      return "first";
    case hit_policy::priority:
      return "priority";
    case hit_policy::collect:
      return "collect";
  }
  return "first";
}
std::string_view to_string(loop_tier t) noexcept {
  switch (t) {
    case loop_tier::small:
      return "small";
    case loop_tier::medium:
      return "medium";
    case loop_tier::big:
      return "big";
  }
  return "small";
}

namespace {
constexpr std::array<std::string_view, 9> unit_kind_names{
    "property_manager", "merchant", "social_org", "grid",          "community",
    "street",           "town",     "department", "command_center"};
constexpr std::array<std::string_view, 6> area_kind_names{"district",  "street", "town",
                                                          "community", "grid",   "compound"};
constexpr std::array<std::string_view, 9> channel_names{
    "hotline", "app", "web", "wechat", "grid_worker", "deputy", "sensor", "email", "other"};
}  // namespace

std::string_view to_string(unit_kind k) noexcept { return unit_kind_names[std::size_t(k)]; }
std::string_view to_string(area_kind k) noexcept { return area_kind_names[std::size_t(k)]; }

namespace detail {
rule_index::rule_index() = default;
rule_index::~rule_index() = default;
rule_index::rule_index(rule_index&&) noexcept = default;
rule_index& rule_index::operator=(rule_index&&) noexcept = default;
}  // namespace detail

ruleset::ruleset() = default;
ruleset::~ruleset() = default;

std::int32_t ruleset::find_category(std::string_view id) const noexcept {
  return category_ids_.find(id);
}
std::int32_t ruleset::find_rule(std::string_view id) const noexcept { return rule_ids_.find(id); }
const business_calendar* ruleset::find_calendar(std::string_view id) const noexcept {
  for (const auto& c : calendars_compiled_)
    if (c.id() == id) return &c;
  return nullptr;
}

std::int32_t ruleset::find_area(std::string_view id) const noexcept { return area_ids_.find(id); }
std::vector<std::uint64_t> ruleset::categories_matching(std::string_view pattern) const {
  std::vector<std::uint64_t> bits((categories_.size() + 63) / 64, 0);
  auto set = [&](std::size_t c) { bits[c >> 6] |= std::uint64_t{1} << (c & 63); };
  if (pattern == "*") {
    for (std::size_t c = 0; c < categories_.size(); ++c) set(c);
    return bits;
  }
  const bool subtree = pattern.size() > 2 && pattern.substr(pattern.size() - 2) == ".*";
  const std::int32_t root =
      find_category(subtree ? pattern.substr(0, pattern.size() - 2) : pattern);
  if (root < 0) return bits;
  if (!subtree) {
    set(std::size_t(root));
    return bits;
  }
  for (std::size_t c = 0; c < categories_.size(); ++c)
    for (std::int32_t x = std::int32_t(c); x >= 0; x = categories_[std::size_t(x)].parent)
      if (x == root) {
        set(c);
        break;
      }
  return bits;
}

std::vector<std::string> ruleset::category_path(std::uint32_t c) const {
  std::vector<std::string> path;
  for (std::int32_t i = std::int32_t(c); i >= 0; i = categories_[i].parent)
    path.push_back(categories_[i].id);
  std::reverse(path.begin(), path.end());
  return path;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Small helpers

std::string type_name(json_value j) {
  switch (j.type()) {
    case json_value::kind::null:
      return "null";
    case json_value::kind::object:
      return "an object";
    case json_value::kind::array:
      return "an array";
    case json_value::kind::string:
      return "a string";
    case json_value::kind::boolean:
      return "a boolean";
    case json_value::kind::integer:
    case json_value::kind::unsigned_integer:
      return "an integer";
    case json_value::kind::floating:
      return "a number";
  }
  return "an unsupported value";
}

std::string child(const std::string& ptr, std::string_view key) {
  std::string out = ptr;
  detail::append_pointer_token(out, key);
  return out;
}
std::string child(const std::string& ptr, std::size_t i) { return ptr + "/" + std::to_string(i); }

// A JSON pointer spelled out only when a problem is reported: loading a valid ruleset spells
// none below the elements of its sections. A path is a pointer already spelled, or its parent
// path and one key or index; it refers to its parent (and to the spelled string), so it is built
// in the argument list of a call or as a local below its parent, never kept. A pointer kept for
// a later check is kept as its string.
class json_path {
 public:
  json_path(const char* spelled) noexcept : spelled_(spelled) {}
  json_path(const std::string& spelled) noexcept : spelled_(spelled) {}
  json_path(const json_path& parent, std::string_view key) noexcept
      : parent_(&parent), spelled_(key) {}
  json_path(const json_path& parent, std::size_t index) noexcept
      : parent_(&parent), index_(index), is_index_(true) {}

  std::string str() const {
    if (!parent_) return std::string(spelled_);
    return is_index_ ? child(parent_->str(), index_) : child(parent_->str(), spelled_);
  }

 private:
  const json_path* parent_ = nullptr;
  std::string_view spelled_;  // the pointer (no parent), or the key
  std::size_t index_ = 0;
  bool is_index_ = false;
};

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s.substr(0, 80)) out += (c == '"' ? std::string("\\\"") : std::string(1, c));
  if (s.size() > 80) out += "...";
  return out + "\"";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

bool valid_id(std::string_view s) {
  if (s.empty() || s.size() > 200) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Traditional → simplified inside a regex pattern. ASCII (all of RE2's syntax) is untouched, so
// escapes and classes keep their meaning; only CJK literals change.
std::string regex_to_simplified(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size());
  std::size_t i = 0;
  while (i < pattern.size()) {
    std::size_t len = 0;
    char32_t cp = detail::decode_utf8(pattern, i, len);
    if (cp >= 0x80 && !(cp == detail::replacement_char && len == 1))
      cp = detail::t2s_table::instance().map(cp);
    if (cp == detail::replacement_char && len == 1)
      out.push_back(pattern[i]);
    else
      detail::append_utf8(out, cp);
    i += len;
  }
  return out;
}

// Nesting of arrays/objects is checked before parsing (keeps the parser and the recursive
// condition compiler far from the stack limit on hostile input): limits::ruleset_json_depth.
constexpr int max_json_depth = limits::ruleset_json_depth;
using limits::json_depth;

}  // namespace

// ---------------------------------------------------------------------------------------------
// The compiler: checks every section, collecting problems, then builds the rule index.

class ruleset_compiler {
 public:
  ruleset_compiler(std::string base_dir) : base_dir_(std::move(base_dir)) {}

  std::vector<problem>& problems() { return problems_; }

  std::shared_ptr<ruleset> compile(std::string_view text) {
    if (text.size() > limits::ruleset_bytes) {
      add("", "the ruleset is " + std::to_string(text.size()) + " bytes; the limit is " +
                  std::to_string(limits::ruleset_bytes));
      return nullptr;
    }
    // JSON lets a key appear twice in an object (the last one silently wins); in a ruleset
    // that is always a mistake.
    std::vector<json_document::duplicate_key> duplicates;
    auto report_duplicates = [&] {
      for (const auto& d : duplicates)
        add(d.pointer, "duplicate key " + quote(d.key) + " in the same object");
    };
    // simdjson first (it checks UTF-8 and depth as it goes); what it refuses is checked again
    // step by step, for the message: UTF-8, depth, then nlohmann's syntax error.
    std::optional<json_document> doc = json_document::parse_fast(text, duplicates, max_json_depth);
    if (!doc) {
      if (!detail::is_valid_utf8(text)) {
        add("", "the file is not valid UTF-8");
        return nullptr;
      }
      if (json_depth(text) > max_json_depth) {
        add("", "JSON nesting deeper than " + std::to_string(max_json_depth) + " levels");
        return nullptr;
      }
      try {
        doc = json_document::parse(text, duplicates);
      } catch (const nlohmann::json::exception& e) {  // syntax errors, and numbers out of range
        report_duplicates();
        std::string what = e.what();
        const auto p = what.find("] ");
        add("", "JSON syntax error: " + (p == std::string::npos ? what : what.substr(p + 2)));
        return nullptr;
      }
    }
    report_duplicates();
    if (!problems_.empty()) return nullptr;
    rs_.reset(new ruleset());
    top(doc->root());
    if (!problems_.empty()) return nullptr;
    build_index();
    if (!problems_.empty()) return nullptr;
    build_organisation();
    if (!problems_.empty()) return nullptr;
    build_sla();
    if (!problems_.empty()) return nullptr;
    return std::move(rs_);
  }

 private:
  // -- problem reporting and typed access ------------------------------------------------------
  void add(const json_path& ptr, std::string msg) {
    problems_.push_back({ptr.str(), std::move(msg)});
  }

  bool expect_object(json_value j, const json_path& ptr,
                     std::initializer_list<std::string_view> allowed) {
    if (!j.is_object()) {
      add(ptr, "expected an object, found " + type_name(j));
      return false;
    }
    for (std::size_t m = 0; m < j.size(); ++m) {
      const std::string_view k = j.at(m).key;
      if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
      std::string msg = "unknown field " + quote(k);
      std::string_view best;
      std::size_t best_d = 3;
      for (auto a : allowed) {
        const auto d = edit_distance(k, a);
        if (d < best_d) best_d = d, best = a;
      }
      if (!best.empty()) msg += " (did you mean " + quote(best) + "?)";
      add({ptr, k}, msg);
    }
    return true;
  }

  std::optional<json_value> member(json_value o, std::string_view key, const json_path& ptr,
                                   bool required) {
    auto v = o.find(key);
    if (!v) {
      if (required) add(ptr, "missing required field " + quote(key));
      return std::nullopt;
    }
    return v;
  }

  std::optional<std::string> get_string(json_value o, std::string_view key, const json_path& ptr,
                                        bool required, bool non_empty = true) {
    std::optional<json_value> v = member(o, key, ptr, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      add({ptr, key}, "expected a string, found " + type_name(*v));
      return std::nullopt;
    }
    std::string s(v->str());
    if (non_empty && s.empty()) {
      add({ptr, key}, "must not be empty");
      return std::nullopt;
    }
    return s;
  }

  std::optional<std::string> get_id(json_value o, std::string_view key, const json_path& ptr,
                                    bool required) {
    auto s = get_string(o, key, ptr, required);
    if (s && !valid_id(*s)) {
      add({ptr, key}, "invalid id " + quote(*s) + " (use letters, digits and _ . : -)");
      return std::nullopt;
    }
    return s;
  }

  std::optional<double> get_number(json_value o, std::string_view key, const json_path& ptr,
                                   bool required) {
    std::optional<json_value> v = member(o, key, ptr, required);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
      add({ptr, key}, "expected a number, found " + type_name(*v));
      return std::nullopt;
    }
    return v->number();
  }

  std::optional<std::int64_t> get_int(json_value o, std::string_view key, const json_path& ptr,
                                      bool required, std::int64_t lo, std::int64_t hi) {
    std::optional<json_value> v = member(o, key, ptr, required);
    if (!v) return std::nullopt;
    if (!v->is_number_integer()) {
      add({ptr, key}, "expected an integer, found " + type_name(*v));
      return std::nullopt;
    }
    if (v->is_number_unsigned() && v->unsigned_integer() > std::uint64_t(INT64_MAX)) {
      add({ptr, key}, "integer out of range");
      return std::nullopt;
    }
    const auto x = v->integer();
    if (x < lo || x > hi) {
      add({ptr, key}, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                          ", found " + std::to_string(x));
      return std::nullopt;
    }
    return x;
  }

  std::optional<bool> get_bool(json_value o, std::string_view key, const json_path& ptr) {
    std::optional<json_value> v = member(o, key, ptr, false);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
      add({ptr, key}, "expected true or false, found " + type_name(*v));
      return std::nullopt;
    }
    return v->boolean();
  }

  template <std::size_t N>
  std::optional<std::size_t> get_enum(json_value o, std::string_view key, const json_path& ptr,
                                      bool required, const std::array<std::string_view, N>& names) {
    auto s = get_string(o, key, ptr, required);
    if (!s) return std::nullopt;
    auto idx = enum_index(*s, names);
    if (!idx) add({ptr, key}, "unknown value " + quote(*s) + "; expected one of " + join(names));
    return idx;
  }

  template <std::size_t N>
  static std::optional<std::size_t> enum_index(std::string_view s,
                                               const std::array<std::string_view, N>& names) {
    for (std::size_t i = 0; i < N; ++i)
      if (names[i] == s) return i;
    return std::nullopt;
  }
  template <std::size_t N>
  static std::string join(const std::array<std::string_view, N>& names) {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) out += (i ? ", " : "") + std::string(names[i]);
    return out;
  }

  /// An array of strings; `ids` checks each as an id; `allow_empty` permits [].
  std::vector<std::string> get_strings(json_value o, std::string_view key, const json_path& ptr,
                                       bool required, bool ids, bool allow_empty) {
    std::vector<std::string> out;
    std::optional<json_value> v = member(o, key, ptr, required);
    if (!v) return out;
    const json_path p(ptr, key);
    if (!v->is_array()) {
      add(p, "expected an array of strings, found " + type_name(*v));
      return out;
    }
    if (v->empty() && !allow_empty) add(p, "must not be empty");
    for (std::size_t i = 0; i < v->size(); ++i) {
      json_value e = (*v)[i];
      if (!e.is_string()) {
        add({p, i}, "expected a string, found " + type_name(e));
      } else if (e.str().empty()) {
        add({p, i}, "must not be empty");
      } else if (ids && !valid_id(e.str())) {
        add({p, i}, "invalid id " + quote(e.str()));
      } else {
        out.emplace_back(e.str());
      }
    }
    return out;
  }

  std::optional<json_value> get_array(json_value o, std::string_view key, const json_path& ptr,
                                      bool required) {
    std::optional<json_value> v = member(o, key, ptr, required);
    if (!v) return std::nullopt;
    if (!v->is_array()) {
      add({ptr, key}, "expected an array, found " + type_name(*v));
      return std::nullopt;
    }
    return v;
  }

  // Registers `id`, of element `i` of the array `section` (whose pointer is `ptr`), in `seen`;
  // reports a duplicate with the pointer of the element that defined it first.
  bool unique(detail::id_index& seen, const std::string& id, const json_path& ptr,
              std::string_view section, std::size_t i, std::string_view what) {
    if (seen.insert(id, std::int32_t(i))) return true;
    add({ptr, "id"}, "duplicate " + std::string(what) + " id " + quote(id) + " (first defined at " +
                         child(std::string(section), std::size_t(seen.find(id))) + ")");
    return false;
  }

  static std::optional<duration> parse_duration(std::string_view s) {
    duration d;
    std::size_t i = 0;
    int last = -1;  // order d < h < m
    bool any = false;
    while (i < s.size()) {
      std::size_t j = i;
      std::int64_t n = 0;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9' && j - i < 7) n = n * 10 + (s[j++] - '0');
      if (j == i || j >= s.size()) return std::nullopt;
      const int unit = s[j] == 'd' ? 0 : s[j] == 'h' ? 1 : s[j] == 'm' ? 2 : -1;
      if (unit <= last) return std::nullopt;
      last = unit;
      (unit == 0 ? d.days : unit == 1 ? d.hours : d.minutes) = std::int32_t(n);
      any = true;
      i = j + 1;
    }
    if (!any) return std::nullopt;
    return d;
  }

  std::optional<duration> get_duration(json_value o, std::string_view key, const json_path& ptr,
                                       bool required) {
    auto s = get_string(o, key, ptr, required);
    if (!s) return std::nullopt;
    auto d = parse_duration(*s);
    if (!d)
      add({ptr, key},
          "invalid duration " + quote(*s) + " (expected e.g. \"30m\", \"2h\", \"5d\", \"1d4h\")");
    return d;
  }

  static bool valid_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
      if (s[i] < '0' || s[i] > '9') return false;
    const int y = std::stoi(std::string(s.substr(0, 4)));
    const int m = std::stoi(std::string(s.substr(5, 2)));
    const int d = std::stoi(std::string(s.substr(8, 2)));
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
  }

  static std::optional<int> parse_hhmm(std::string_view s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    for (std::size_t i : {0, 1, 3, 4})
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
    const int h = (s[0] - '0') * 10 + (s[1] - '0');
    const int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
  }

  // -- sections ---------------------------------------------------------------------------------
  void top(json_value doc) {
    const std::string root;
    if (!expect_object(doc, root,
                       {"$schema", "format_version", "id", "version", "name", "description",
                        "hit_policy", "calendars", "taxonomy", "sla_policies", "rules", "model",
                        "units", "links", "areas", "routing"}))
      return;
    if (auto v = get_int(doc, "format_version", root, true, INT32_MIN, INT32_MAX)) {
      if (*v != 1)
        add("/format_version",
            "unknown format version " + std::to_string(*v) + " (this minhu reads version 1)");
    }
    if (auto s = get_id(doc, "id", root, true)) rs_->id_ = *s;
    if (auto s = get_string(doc, "version", root, true)) rs_->version_ = *s;
    if (auto s = get_string(doc, "name", root, false)) rs_->name_ = *s;
    get_string(doc, "description", root, false, false);
    get_string(doc, "$schema", root, false);
    if (auto h = get_enum(doc, "hit_policy", root, false,
                          std::array<std::string_view, 3>{"first", "priority", "collect"}))
      rs_->policy_ = hit_policy(*h);

    calendars(doc);
    sla_policies(doc);
    taxonomy(doc);
    areas(doc);
    units(doc);
    links(doc);
    routing(doc);
    model(doc);
    rules(doc);
  }

  void calendars(json_value doc) {
    std::optional<json_value> arr = get_array(doc, "calendars", "", false);
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string p = child("/calendars", i);
      json_value c = (*arr)[i];
      if (!expect_object(c, p,
                         {"id", "name", "utc_offset", "workweek", "hours", "holidays", "workdays"}))
        continue;
      calendar_def cal;
      auto id = get_id(c, "id", p, true);
      if (id && unique(calendar_ids_, *id, p, "/calendars", i, "calendar")) cal.id = *id;
      get_string(c, "name", p, false);
      if (auto off = get_string(c, "utc_offset", p, false)) {
        const auto& s = *off;
        auto hm =
            s.size() == 6 && (s[0] == '+' || s[0] == '-') ? parse_hhmm(s.substr(1)) : std::nullopt;
        if (!hm || *hm > 14 * 60)
          add(p + "/utc_offset", "invalid UTC offset " + quote(s) + " (expected e.g. \"+08:00\")");
        else
          cal.utc_offset_minutes = s[0] == '-' ? -*hm : *hm;
      }
      if (std::optional<json_value> ww = get_array(c, "workweek", p, false)) {
        cal.workweek.clear();
        for (std::size_t k = 0; k < ww->size(); ++k) {
          json_value d = (*ww)[k];
          if (!d.is_number_integer() || int(d.integer()) < 1 || int(d.integer()) > 7)
            add(child(p + "/workweek", k), "expected an ISO weekday 1 (Monday) .. 7 (Sunday)");
          else if (std::find(cal.workweek.begin(), cal.workweek.end(), int(d.integer())) !=
                   cal.workweek.end())
            add(child(p + "/workweek", k), "duplicate weekday");
          else
            cal.workweek.push_back(int(d.integer()));
        }
      }
      if (std::optional<json_value> hs = get_array(c, "hours", p, false)) {
        cal.hours.clear();
        if (hs->empty()) add(p + "/hours", "must not be empty");
        int prev_end = -1;
        for (std::size_t k = 0; k < hs->size(); ++k) {
          json_value h = (*hs)[k];
          const std::string hp = child(p + "/hours", k);
          std::optional<int> a, b;
          if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string()) {
            a = parse_hhmm(h[0].str());
            b = parse_hhmm(h[1].str());
          }
          if (!a || !b || *a >= 24 * 60) {
            add(hp, "expected [\"HH:MM\", \"HH:MM\"] (end may be \"24:00\")");
          } else if (*a >= *b) {
            add(hp, "interval must end after it starts");
          } else if (*a < prev_end) {
            add(hp, "intervals must be in order and must not overlap");
          } else {
            cal.hours.emplace_back(*a, *b);
            prev_end = *b;
          }
        }
      }
      if (std::optional<json_value> hs = get_array(c, "holidays", p, false)) {
        for (std::size_t k = 0; k < hs->size(); ++k) {
          json_value h = (*hs)[k];
          const std::string hp = child(p + "/holidays", k);
          calendar_def::date_range r;
          if (h.is_string()) {
            r.from = r.to = std::string(h.str());
            if (!valid_date(r.from)) {
              add(hp, "invalid date " + quote(r.from) + " (expected YYYY-MM-DD)");
              continue;
            }
          } else if (expect_object(h, hp, {"from", "to", "name"})) {
            auto f = get_string(h, "from", hp, true);
            auto t = get_string(h, "to", hp, true);
            if (auto n = get_string(h, "name", hp, false)) r.name = *n;
            if (!f || !t) continue;
            if (!valid_date(*f)) add(hp + "/from", "invalid date " + quote(*f));
            if (!valid_date(*t)) add(hp + "/to", "invalid date " + quote(*t));
            if (valid_date(*f) && valid_date(*t) && *t < *f) add(hp, "\"to\" is before \"from\"");
            r.from = *f;
            r.to = *t;
          } else {
            continue;
          }
          cal.holidays.push_back(r);
        }
      }
      for (auto& d : get_strings(c, "workdays", p, false, false, true)) {
        if (!valid_date(d))
          add(p + "/workdays", "invalid date " + quote(d) + " (expected YYYY-MM-DD)");
        else
          cal.workdays.push_back(d);
      }
      rs_->calendars_.push_back(std::move(cal));
    }
  }

  std::optional<sla_targets> targets(json_value o, const json_path& p, bool need_resolve) {
    sla_targets t;
    t.acknowledge = get_duration(o, "acknowledge", p, false);
    t.respond = get_duration(o, "respond", p, false);
    t.resolve = get_duration(o, "resolve", p, need_resolve);
    if (auto b =
            get_enum(o, "time", p, false, std::array<std::string_view, 2>{"working", "calendar"}))
      t.time = time_basis(*b);
    return t;
  }

  void sla_policies(json_value doc) {
    std::optional<json_value> arr = get_array(doc, "sla_policies", "", false);
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string p = child("/sla_policies", i);
      json_value s = (*arr)[i];
      if (!expect_object(s, p,
                         {"id", "name", "calendar", "time", "acknowledge", "respond", "resolve",
                          "warning", "urgency", "escalation"}))
        continue;
      sla_policy_def pol;
      auto id = get_id(s, "id", p, true);
      if (id && unique(policy_ids_, *id, p, "/sla_policies", i, "SLA policy")) pol.id = *id;
      get_string(s, "name", p, false);
      if (auto c = get_string(s, "calendar", p, false)) {
        if (calendar_ids_.find(*c) < 0) add(p + "/calendar", "unknown calendar " + quote(*c));
        pol.calendar = *c;
      }
      if (auto t = targets(s, p, true)) {
        pol.targets = *t;
        if (t->time) pol.time = *t->time;
      }
      if (pol.time == time_basis::working && pol.calendar.empty() && s.contains("resolve"))
        add(p, "working time needs a \"calendar\" (or set \"time\": \"calendar\")");
      if (auto w = get_number(s, "warning", p, false)) {
        if (!(*w > 0 && *w < 1)) add(p + "/warning", "must be between 0 and 1 (exclusive)");
        pol.warning = *w;
      }
      if (std::optional<json_value> u = member(s, "urgency", p, false)) {
        const std::string up = p + "/urgency";
        if (expect_object(*u, up, {"normal", "urgent", "critical"})) {
          for (std::size_t m = 0; m < u->size(); ++m) {
            const auto [key, value] = u->at(m);
            const auto idx =
                enum_index(key, std::array<std::string_view, 3>{"normal", "urgent", "critical"});
            if (!idx) continue;
            const std::string tp = child(up, key);
            if (!expect_object(value, tp, {"acknowledge", "respond", "resolve", "time"})) continue;
            pol.by_urgency[*idx] = targets(value, tp, false);
          }
        }
      }
      if (std::optional<json_value> es = get_array(s, "escalation", p, false)) {
        for (std::size_t k = 0; k < es->size(); ++k) {
          const std::string ep = child(p + "/escalation", k);
          json_value e = (*es)[k];
          if (!expect_object(e, ep, {"after", "to"})) continue;
          sla_policy_def::escalation_step st;
          if (auto d = get_duration(e, "after", ep, true)) st.after = *d;
          if (auto to = get_string(e, "to", ep, true)) {
            st.to = *to;
            if (*to != "parent" && *to != "command_center")
              pending_unit_refs_.push_back({ep, "to", *to});
          }
          pol.escalation.push_back(st);
        }
      }
      rs_->sla_policies_.push_back(std::move(pol));
    }
  }

  void taxonomy(json_value doc) {
    std::optional<json_value> arr = get_array(doc, "taxonomy", "", true);
    if (!arr) return;
    if (arr->empty()) add("/taxonomy", "must contain at least one category");
    struct pending {
      std::string parent;
      std::string ptr;
      std::optional<loop_tier> tier;
      bool has_sla = false;
    };
    std::vector<pending> pend;
    auto& cats = rs_->categories_;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string p = child("/taxonomy", i);
      json_value c = (*arr)[i];
      if (!expect_object(c, p, {"id", "name", "parent", "tier", "sla", "aliases", "description"}))
        continue;
      category cat;
      pending pd;
      pd.ptr = p;
      auto id = get_id(c, "id", p, true);
      if (!id) continue;
      if (!unique(category_seen_, *id, p, "/taxonomy", i, "category")) continue;
      cat.id = *id;
      if (auto n = get_string(c, "name", p, true)) cat.name = *n;
      if (auto par = get_id(c, "parent", p, false)) pd.parent = *par;
      if (auto t = get_enum(c, "tier", p, false,
                            std::array<std::string_view, 3>{"small", "medium", "big"}))
        pd.tier = loop_tier(*t);
      if (auto s = get_string(c, "sla", p, false)) {
        if (policy_ids_.find(*s) < 0) add(p + "/sla", "unknown SLA policy " + quote(*s));
        cat.sla = *s;
        pd.has_sla = true;
      }
      get_string(c, "description", p, false, false);
      cat.aliases = get_strings(c, "aliases", p, false, false, true);
      rs_->category_ids_.insert(cat.id, std::int32_t(cats.size()));
      cats.push_back(std::move(cat));
      pend.push_back(std::move(pd));
    }
    // Parents, then cycles, then inheritance top-down.
    for (std::size_t i = 0; i < cats.size(); ++i) {
      if (pend[i].parent.empty()) continue;
      const auto par = rs_->find_category(pend[i].parent);
      if (par < 0)
        add(pend[i].ptr + "/parent", "unknown category " + quote(pend[i].parent));
      else if (std::size_t(par) == i)
        add(pend[i].ptr + "/parent", "a category cannot be its own parent");
      else
        cats[i].parent = par;
    }
    std::vector<int> state(cats.size(), 0);  // 0 new, 1 on stack, 2 done
    for (std::size_t i = 0; i < cats.size(); ++i) {
      std::vector<std::size_t> chain;
      std::size_t v = i;
      while (state[v] == 0) {
        state[v] = 1;
        chain.push_back(v);
        if (cats[v].parent < 0) break;
        v = std::size_t(cats[v].parent);
      }
      if (state[v] == 1 && cats[v].parent >= 0 &&
          std::find(chain.begin(), chain.end(), v) != chain.end() &&
          !(chain.back() == v && cats[v].parent < 0)) {
        // v is on the current chain and has a parent: a cycle through v.
        std::string cyc;
        auto start = std::find(chain.begin(), chain.end(), v);
        for (auto it = start; it != chain.end(); ++it) cyc += cats[*it].id + " → ";
        cyc += cats[v].id;
        add(pend[v].ptr + "/parent", "cycle in the category hierarchy: " + cyc);
        for (auto it = start; it != chain.end(); ++it) cats[*it].parent = -1;  // break it
      }
      for (auto c : chain) state[c] = 2;
    }
    // Depth, tier and SLA inheritance (parents first: resolve recursively with memo).
    std::vector<bool> done(cats.size(), false);
    std::function<void(std::size_t)> resolve = [&](std::size_t i) {
      if (done[i]) return;
      done[i] = true;
      const auto par = cats[i].parent;
      if (par >= 0) {
        resolve(std::size_t(par));
        cats[i].depth = cats[par].depth + 1;
        cats[i].tier = pend[i].tier.value_or(cats[par].tier);
        if (!pend[i].has_sla) cats[i].sla = cats[par].sla;
      } else {
        cats[i].tier = pend[i].tier.value_or(loop_tier::small);
      }
    };
    for (std::size_t i = 0; i < cats.size(); ++i) resolve(i);
  }

  void areas(json_value doc) {
    std::optional<json_value> arr = get_array(doc, "areas", "", false);
    if (!arr) return;
    std::vector<std::pair<std::string, std::string>> parents;  // parent id, ptr
    auto& as = rs_->areas_;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string p = child("/areas", i);
      json_value a = (*arr)[i];
      if (!expect_object(a, p, {"id", "kind", "name", "parent", "aliases", "polygon"})) continue;
      area_def ad;
      auto id = get_id(a, "id", p, true);
      if (!id || !unique(area_seen_, *id, p, "/areas", i, "area")) continue;
      ad.id = *id;
      if (auto k = get_enum(a, "kind", p, true, area_kind_names)) ad.kind = area_kind(*k);
      if (auto n = get_string(a, "name", p, true)) ad.name = *n;
      std::string par;
      if (auto s = get_id(a, "parent", p, false)) par = *s;
      ad.aliases = get_strings(a, "aliases", p, false, false, true);
      if (std::optional<json_value> poly = get_array(a, "polygon", p, false))
        polygon(*poly, json_path(p, "polygon"), ad);
      rs_->area_ids_.insert(ad.id, std::int32_t(as.size()));
      as.push_back(std::move(ad));
      parents.emplace_back(par, p);
    }
    auto rank = [](area_kind k) {
      switch (k) {
        case area_kind::district:
          return 0;
        case area_kind::street:
        case area_kind::town:
          return 1;
        case area_kind::community:
          return 2;
        case area_kind::grid:
          return 3;
        case area_kind::compound:
          return 4;
      }
      return 0;
    };
    for (std::size_t i = 0; i < as.size(); ++i) {
      const auto& [par, p] = parents[i];
      if (par.empty()) continue;
      const auto pi = rs_->find_area(par);
      if (pi < 0) {
        add(p + "/parent", "unknown area " + quote(par));
      } else if (rank(as[pi].kind) >= rank(as[i].kind)) {
        // Kinds strictly descend, so a parent chain can never loop.
        add(p + "/parent", "a " + std::string(to_string(as[i].kind)) + " cannot lie inside a " +
                               std::string(to_string(as[pi].kind)) + " (" + quote(par) + ")");
      } else {
        as[i].parent = pi;
      }
    }
  }

  void polygon(json_value poly, const json_path& p, area_def& ad) {
    if (poly.empty()) add(p, "must contain at least the outer ring");
    for (std::size_t r = 0; r < poly.size(); ++r) {
      const json_path rp(p, r);
      json_value ring = poly[r];
      if (!ring.is_array() || ring.size() < 4) {
        add(rp, "a ring needs at least 4 [lon, lat] points (closed)");
        continue;
      }
      std::vector<area_def::point> pts;
      bool ok = true;
      for (std::size_t k = 0; k < ring.size(); ++k) {
        json_value pt = ring[k];
        if (!pt.is_array() || pt.size() != 2 || !pt[0].is_number() || !pt[1].is_number()) {
          add({rp, k}, "expected [lon, lat]");
          ok = false;
          continue;
        }
        const double lon = pt[0].number(), lat = pt[1].number();
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
          add({rp, k}, "coordinate out of range (lon -180..180, lat -90..90)");
          ok = false;
        }
        pts.emplace_back(lon, lat);
      }
      if (ok && pts.front() != pts.back()) {
        add(rp, "ring is not closed (the last point must repeat the first)");
        ok = false;
      }
      if (ok) ad.polygon.push_back(std::move(pts));
    }
  }

  void units(json_value doc) {
    std::optional<json_value> arr = get_array(doc, "units", "", false);
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string p = child("/units", i);
      json_value u = (*arr)[i];
      if (!expect_object(u, p, {"id", "kind", "name", "parent", "serves", "areas", "capacity"}))
        continue;
      unit_def ud;
      auto id = get_id(u, "id", p, true);
      if (!id || !unique(unit_seen_, *id, p, "/units", i, "unit")) continue;
      ud.id = *id;
      if (auto k = get_enum(u, "kind", p, true, unit_kind_names)) ud.kind = unit_kind(*k);
      if (auto n = get_string(u, "name", p, true)) ud.name = *n;
      if (auto s = get_id(u, "parent", p, false)) {
        ud.parent = *s;
        pending_unit_refs_.push_back({p, "parent", *s});
      } else if (u.contains("kind") && ud.kind != unit_kind::command_center &&
                 !u.contains("parent")) {
        add(p, "missing required field \"parent\" (only a command_center has none)");
      }
      ud.serves = get_strings(u, "serves", p, false, false, true);
      for (std::size_t k = 0; k < ud.serves.size(); ++k)
        check_category_pattern(ud.serves[k], json_path(json_path(p, "serves"), k));
      ud.areas = get_strings(u, "areas", p, false, true, true);
      for (std::size_t k = 0; k < ud.areas.size(); ++k)
        if (rs_->find_area(ud.areas[k]) < 0)
          add(child(p + "/areas", k), "unknown area " + quote(ud.areas[k]));
      if (auto c = get_int(u, "capacity", p, false, 1, 1'000'000'000))
        ud.capacity = std::int32_t(*c);
      rs_->units_.push_back(std::move(ud));
    }
  }

  void check_category_pattern(const std::string& s, const json_path& p) {
    if (s == "*") return;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".*") == 0) {
      const std::string_view prefix = std::string_view(s).substr(0, s.size() - 2);
      if (rs_->find_category(prefix) < 0)
        add(p, "wildcard " + quote(s) + " names no category (" + quote(prefix) + " is unknown)");
      return;
    }
    if (rs_->find_category(s) < 0) add(p, "unknown category " + quote(s));
  }

  void links(json_value doc) {
    std::optional<json_value> arr = get_array(doc, "links", "", false);
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string p = child("/links", i);
      json_value l = (*arr)[i];
      if (!expect_object(l, p, {"type", "from", "to", "categories"})) continue;
      link_def ld;
      if (auto t =
              get_enum(l, "type", p, true, std::array<std::string_view, 2>{"summons", "assists"}))
        ld.type = link_type(*t);
      if (auto f = get_id(l, "from", p, true)) {
        ld.from = *f;
        pending_unit_refs_.push_back({p, "from", *f});
      }
      if (auto t = get_id(l, "to", p, true)) {
        ld.to = *t;
        pending_unit_refs_.push_back({p, "to", *t});
      }
      ld.categories = get_strings(l, "categories", p, false, false, false);
      for (std::size_t k = 0; k < ld.categories.size(); ++k)
        check_category_pattern(ld.categories[k], json_path(json_path(p, "categories"), k));
      rs_->links_.push_back(std::move(ld));
    }
  }

  void routing(json_value doc) {
    // Unit references collected from units, links and escalation steps.
    for (const auto& ref : pending_unit_refs_)
      if (unit_seen_.find(ref.id) < 0) add({ref.at, ref.field}, "unknown unit " + quote(ref.id));
    std::optional<json_value> r = member(doc, "routing", "", false);
    if (!r) return;
    const std::string p = "/routing";
    if (!expect_object(*r, p, {"tiers", "command_center", "triage_unit", "max_returns"})) return;
    auto& rd = rs_->routing_;
    if (std::optional<json_value> t = member(*r, "tiers", p, false)) {
      if (expect_object(*t, p + "/tiers", {"small", "medium", "big"})) {
        static const std::array<std::string_view, 3> tier_names{"small", "medium", "big"};
        for (std::size_t k = 0; k < 3; ++k) {
          for (auto& name : get_strings(*t, tier_names[k], p + "/tiers", false, false, true)) {
            auto kind = enum_index(name, unit_kind_names);
            if (!kind)
              add(child(p + "/tiers", tier_names[k]), "unknown unit kind " + quote(name));
            else
              rd.tiers[k].push_back(unit_kind(*kind));
          }
        }
      }
    }
    auto unit_ref = [&](std::string_view key, std::string& out) {
      if (auto s = get_id(*r, key, p, false)) {
        if (unit_seen_.find(*s) < 0) add(child(p, key), "unknown unit " + quote(*s));
        out = *s;
      }
    };
    unit_ref("command_center", rd.command_center);
    unit_ref("triage_unit", rd.triage_unit);
    if (rd.triage_unit.empty()) rd.triage_unit = rd.command_center;
    if (auto m = get_int(*r, "max_returns", p, false, 0, 1000)) rd.max_returns = std::int32_t(*m);
  }

  void model(json_value doc) {
    std::optional<json_value> m = member(doc, "model", "", false);
    if (!m) return;
    if (!expect_object(*m, "/model", {"path", "threshold"})) return;
    model_ref mr;
    if (auto s = get_string(*m, "path", "/model", true)) mr.path = *s;
    if (auto t = get_number(*m, "threshold", "/model", false)) {
      if (!(*t >= 0 && *t <= 1)) add("/model/threshold", "must be between 0 and 1");
      mr.threshold = *t;
    }
    if (mr.path.empty()) return;
    // A model the ruleset asks for but cannot have is an error, never a silent rules-only run.
    const std::string file =
        mr.path.front() == '/' || base_dir_.empty() ? mr.path : base_dir_ + "/" + mr.path;
    try {
      mr.model = text_model::load_file(file);
    } catch (const error& e) {
      add("/model/path", e.message());
      return;
    }
    const auto& labels = mr.model->labels();
    for (std::size_t c = 0; c < labels.size(); ++c) {
      const std::int32_t ci = rs_->find_category(labels[c]);
      if (ci < 0)
        add("/model/path", "model class " + std::to_string(c) + " " + quote(labels[c]) +
                               " is not a category of the taxonomy");
      else
        mr.category_of.push_back(std::uint32_t(ci));
    }
    if (mr.category_of.size() == labels.size()) rs_->model_ = std::move(mr);
  }

  // -- rules ------------------------------------------------------------------------------------
  void rules(json_value doc) {
    std::optional<json_value> arr = get_array(doc, "rules", "", false);
    if (!arr) return;
    if (arr->size() > limits::rules) {
      add("/rules",
          std::to_string(arr->size()) + " rules; the limit is " + std::to_string(limits::rules));
      return;
    }
    auto& rules = rs_->rules_;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const std::string p = child("/rules", i);
      json_value r = (*arr)[i];
      if (!expect_object(r, p,
                         {"id", "category", "priority", "when", "urgency", "tags", "weight",
                          "confidence", "description", "enabled"}))
        continue;
      rule ru;
      auto id = get_id(r, "id", p, true);
      if (id) unique(rule_seen_, *id, p, "/rules", i, "rule");
      auto cat = get_string(r, "category", p, true);
      std::int32_t ci = -1;
      if (cat) {
        ci = rs_->find_category(*cat);
        if (ci < 0) add(p + "/category", "unknown category " + quote(*cat));
      }
      if (auto pr = get_int(r, "priority", p, false, -1'000'000, 1'000'000))
        ru.priority = std::int32_t(*pr);
      if (auto u = get_enum(r, "urgency", p, false,
                            std::array<std::string_view, 3>{"normal", "urgent", "critical"}))
        ru.urgency = urgency(*u);
      ru.tags = get_strings(r, "tags", p, false, false, true);
      if (ru.tags.size() > 64) add(p + "/tags", "at most 64 tags per rule");
      if (auto w = get_number(r, "weight", p, false)) {
        if (!(*w > 0) || !std::isfinite(*w)) add(p + "/weight", "must be a positive number");
        ru.weight = *w;
      }
      if (auto c = get_number(r, "confidence", p, false)) {
        if (!(*c > 0 && *c <= 1)) add(p + "/confidence", "must be in (0, 1]");
        ru.confidence = *c;
      }
      if (auto d = get_string(r, "description", p, false, false)) ru.description = *d;
      const bool enabled = get_bool(r, "enabled", p).value_or(true);
      std::optional<json_value> w = member(r, "when", p, true);
      std::optional<std::uint32_t> root;
      if (w) root = condition(*w, json_path(p, "when"), 0);
      if (!id || ci < 0 || !root || !enabled) continue;
      ru.id = *id;
      ru.category = std::uint32_t(ci);
      ru.root = *root;
      ru.file_index = std::uint32_t(i);
      rs_->rule_ids_.insert(ru.id, std::int32_t(rules.size()));
      rules.push_back(std::move(ru));
    }
  }

  // The normalised form of a keyword or an area name, valid until the next call (one buffer
  // for all of them, without the per-byte offsets).
  std::string_view normalized(std::string_view s) {
    norm_.track_offsets = false;
    normalize(s, norm_);
    return norm_.text;
  }

  std::uint32_t new_node(detail::node_kind k) {
    auto& nodes = rs_->index_.nodes;
    nodes.push_back(detail::cond_node{k, field_scope::both, 0, 0, 0});
    return std::uint32_t(nodes.size() - 1);
  }

  std::optional<field_scope> scope_of(json_value o, const json_path& p) {
    auto s = get_enum(o, "in", p, false, std::array<std::string_view, 3>{"title", "text", "both"});
    if (!s) return o.contains("in") ? std::nullopt : std::optional<field_scope>(field_scope::both);
    return *s == 0 ? field_scope::title : *s == 1 ? field_scope::text : field_scope::both;
  }

  // Compiles one condition node; returns its id, or nullopt after reporting problems.
  std::optional<std::uint32_t> condition(json_value j, const json_path& p, int depth) {
    using detail::node_kind;
    auto& ix = rs_->index_;
    if (depth > 64) {
      add(p, "condition nested deeper than 64 levels");
      return std::nullopt;
    }
    if (!j.is_object()) {
      add(p, "expected a condition object, found " + type_name(j));
      return std::nullopt;
    }
    static constexpr std::array<std::string_view, 8> shapes{"all",   "any",   "not",     "text",
                                                            "regex", "field", "channel", "area"};
    std::string shape;
    for (auto s : shapes)
      if (j.contains(s)) {
        if (!shape.empty()) {
          add(p, "a condition has exactly one of " + join(shapes) + "; found both " + quote(shape) +
                     " and " + quote(s));
          return std::nullopt;
        }
        shape = s;
      }
    if (shape.empty()) {
      if (j.contains("eq") || j.contains("in") || j.contains("gte") || j.contains("lte") ||
          j.contains("prefix") || j.contains("exists"))
        add(p, "operator without \"field\"");
      else
        add(p, "empty or unknown condition; expected one of " + join(shapes));
      expect_object(j, p,
                    {"all", "any", "not", "text", "regex", "field", "channel", "area", "eq", "in",
                     "gte", "lte", "prefix", "exists"});
      return std::nullopt;
    }
    if (shape == "all" || shape == "any") {
      expect_object(j, p, {shape});
      json_value arr = *j.find(shape);
      const json_path ap(p, shape);
      if (!arr.is_array()) {
        add(ap, "expected an array of conditions, found " + type_name(arr));
        return std::nullopt;
      }
      if (arr.empty()) {
        add(ap, "must contain at least one condition");
        return std::nullopt;
      }
      std::vector<std::uint32_t> kids;
      bool ok = true;
      for (std::size_t k = 0; k < arr.size(); ++k) {
        auto c = condition(arr[k], json_path(ap, k), depth + 1);
        if (c)
          kids.push_back(*c);
        else
          ok = false;
      }
      if (!ok) return std::nullopt;
      const auto n = new_node(shape == "all" ? node_kind::all : node_kind::any);
      ix.nodes[n].begin = std::uint32_t(ix.refs.size());
      ix.nodes[n].count = std::uint32_t(kids.size());
      ix.refs.insert(ix.refs.end(), kids.begin(), kids.end());
      return n;
    }
    if (shape == "not") {
      expect_object(j, p, {"not"});
      auto c = condition(*j.find("not"), json_path(p, "not"), depth + 1);
      if (!c) return std::nullopt;
      const auto n = new_node(node_kind::negate);
      ix.nodes[n].begin = std::uint32_t(ix.refs.size());
      ix.nodes[n].count = 1;
      ix.refs.push_back(*c);
      return n;
    }
    if (shape == "text") {
      expect_object(j, p, {"text"});
      json_value t = *j.find("text");
      const json_path tp(p, "text");
      if (!expect_object(t, tp, {"any", "all", "none", "in"})) return std::nullopt;
      auto scope = scope_of(t, tp);
      std::vector<std::uint32_t> parts;
      bool ok = scope.has_value();
      for (auto [key, kind] :
           {std::pair{"any", node_kind::text_any}, std::pair{"all", node_kind::text_all},
            std::pair{"none", node_kind::text_none}}) {
        if (!t.contains(key)) continue;
        const json_path kp(tp, key);
        json_value list = *t.find(key);
        if (!list.is_array()) {
          add(kp, "expected an array of keywords, found " + type_name(list));
          ok = false;
          continue;
        }
        if (list.empty()) {
          add(kp, "keyword list must not be empty");
          ok = false;
          continue;
        }
        std::vector<std::uint32_t> pats;
        for (std::size_t k = 0; k < list.size(); ++k) {
          if (!list[k].is_string()) {
            add({kp, k}, "expected a keyword string, found " + type_name(list[k]));
            ok = false;
            continue;
          }
          const std::string_view norm = normalized(list[k].str());
          if (norm.empty()) {
            add({kp, k}, "keyword is empty (after normalisation)");
            ok = false;
            continue;
          }
          if (keywords_.size() >= limits::keywords && !keywords_.contains(norm)) {
            add({kp, k}, "more than " + std::to_string(limits::keywords) +
                             " distinct keywords in the ruleset (the limit)");
            ok = false;
            break;
          }
          const auto id = keywords_.add(norm);
          if (id >= keyword_flag_.size()) keyword_flag_.resize(id + 1, 0);
          keyword_flag_[id] = 1;
          if (std::find(pats.begin(), pats.end(), id) == pats.end()) pats.push_back(id);
        }
        if (!ok) continue;
        const auto n = new_node(kind);
        ix.nodes[n].scope = *scope;
        ix.nodes[n].begin = std::uint32_t(ix.refs.size());
        ix.nodes[n].count = std::uint32_t(pats.size());
        ix.refs.insert(ix.refs.end(), pats.begin(), pats.end());
        parts.push_back(n);
      }
      if (ok && parts.empty()) add(tp, "needs at least one of \"any\", \"all\", \"none\"");
      if (!ok || parts.empty()) return std::nullopt;
      if (parts.size() == 1) return parts[0];
      const auto n = new_node(node_kind::all);
      ix.nodes[n].begin = std::uint32_t(ix.refs.size());
      ix.nodes[n].count = std::uint32_t(parts.size());
      ix.refs.insert(ix.refs.end(), parts.begin(), parts.end());
      return n;
    }
    if (shape == "regex") {
      expect_object(j, p, {"regex"});
      json_value r = *j.find("regex");
      const json_path regex_path(p, "regex"), pattern_path(regex_path, "pattern");
      const json_path* rp = &regex_path;  // where the pattern is
      std::string pattern;
      field_scope scope = field_scope::both;
      if (r.is_string()) {
        pattern = std::string(r.str());
      } else if (expect_object(r, regex_path, {"pattern", "in"})) {
        auto s = get_string(r, "pattern", regex_path, true);
        auto sc = scope_of(r, regex_path);
        if (!s || !sc) return std::nullopt;
        pattern = *s;
        scope = *sc;
        rp = &pattern_path;
      } else {
        return std::nullopt;
      }
      if (pattern.empty()) {
        add(*rp, "regex must not be empty");
        return std::nullopt;
      }
      // Compiled once, into the filter the classifier uses; a second time only to tell why RE2
      // refuses it.
      RE2::Options opt;
      opt.set_log_errors(false);
      opt.set_case_sensitive(false);
      const std::string simplified = regex_to_simplified(pattern);
      if (!regex_filter_) regex_filter_ = std::make_unique<re2::FilteredRE2>(3);
      int id = -1;
      if (regex_filter_->Add(simplified, opt, &id) != RE2::NoError) {
        add(*rp, "RE2 rejects " + quote(pattern) + ": " + RE2(simplified, opt).error());
        return std::nullopt;
      }
      const auto n = new_node(node_kind::regex);
      ix.nodes[n].scope = scope;
      ix.nodes[n].arg = std::uint32_t(ix.regexes.size());
      ix.regexes.push_back({pattern, scope});
      return n;
    }
    if (shape == "channel" || shape == "area") {
      expect_object(j, p, {shape});
      json_value v = *j.find(shape);
      const json_path vp(p, shape);
      constexpr std::size_t whole = SIZE_MAX;  // the value is the string itself
      std::vector<std::pair<std::string_view, std::size_t>> items;  // value, index in the array
      if (v.is_string()) {
        items.emplace_back(v.str(), whole);
      } else if (v.is_array() && !v.empty()) {
        for (std::size_t k = 0; k < v.size(); ++k) {
          if (v[k].is_string())
            items.emplace_back(v[k].str(), k);
          else
            add({vp, k}, "expected a string, found " + type_name(v[k]));
        }
      } else {
        add(vp, "expected a string or a non-empty array of strings");
        return std::nullopt;
      }
      bool ok = items.size() == (v.is_string() ? 1 : v.size());
      const auto n = new_node(shape == "channel" ? node_kind::channel : node_kind::area);
      ix.nodes[n].begin = std::uint32_t(ix.refs.size());
      auto at = [&](std::size_t k) { return k == whole ? vp : json_path(vp, k); };
      for (auto& [s, k] : items) {
        if (shape == "channel") {
          if (!enum_index(s, channel_names)) {
            add(at(k), "unknown channel " + quote(s) + "; expected one of " + join(channel_names));
            ok = false;
            continue;
          }
          ix.refs.push_back(std::uint32_t(ix.strings.size()));
          ix.strings.emplace_back(s);
        } else {
          const auto a = rs_->find_area(s);
          if (a < 0) {
            add(at(k), "unknown area " + quote(s));
            ok = false;
            continue;
          }
          ix.refs.push_back(std::uint32_t(a));
        }
      }
      ix.nodes[n].count = std::uint32_t(ix.refs.size() - ix.nodes[n].begin);
      if (!ok) return std::nullopt;
      return n;
    }
    // field
    expect_object(j, p, {"field", "eq", "in", "gte", "lte", "prefix", "exists"});
    detail::field_test ft;
    bool ok = true;
    if (auto f = get_string(j, "field", p, true))
      ft.name = *f;
    else
      ok = false;
    auto scalar = [&](json_value v, const json_path& vp) -> std::optional<value> {
      if (v.is_string()) return value(std::string(v.str()));
      if (v.is_boolean()) return value(v.boolean());
      if (v.is_number()) return value(v.number());
      add(vp, "expected a string, number or boolean, found " + type_name(v));
      return std::nullopt;
    };
    int ops = 0;
    if (j.contains("eq")) {
      ++ops;
      ft.eq = scalar(*j.find("eq"), json_path(p, "eq"));
      ok = ok && ft.eq;
    }
    if (j.contains("in")) {
      ++ops;
      json_value v = *j.find("in");
      if (!v.is_array() || v.empty()) {
        add({p, "in"}, "expected a non-empty array");
        ok = false;
      } else {
        for (std::size_t k = 0; k < v.size(); ++k) {
          if (auto s = scalar(v[k], json_path(json_path(p, "in"), k)))
            ft.in.push_back(*s);
          else
            ok = false;
        }
      }
    }
    for (auto key : {"gte", "lte"}) {
      if (!j.contains(key)) continue;
      ++ops;
      auto x = get_number(j, key, p, false);
      if (!x) {
        ok = false;
        continue;
      }
      (std::string_view(key) == "gte" ? ft.gte : ft.lte) = *x;
    }
    if (j.contains("prefix")) {
      ++ops;
      auto s = get_string(j, "prefix", p, false);
      if (s)
        ft.prefix = *s;
      else
        ok = false;
    }
    if (j.contains("exists")) {
      ++ops;
      auto b = get_bool(j, "exists", p);
      if (b)
        ft.exists = *b;
      else
        ok = false;
    }
    if (ops == 0) {
      add(p, "field condition needs an operator: eq, in, gte, lte, prefix or exists");
      ok = false;
    }
    if (!ok) return std::nullopt;
    const auto n = new_node(node_kind::field);
    ix.nodes[n].arg = std::uint32_t(ix.fields.size());
    ix.fields.push_back(std::move(ft));
    return n;
  }

  // -- the index --------------------------------------------------------------------------------
  // Trigger set of a node: patterns of which at least one must occur for the node to hold;
  // nullopt when the node can hold whatever the text contains.
  std::optional<std::vector<std::uint32_t>> triggers(std::uint32_t n) const {
    using detail::node_kind;
    const auto& ix = rs_->index_;
    const auto& nd = ix.nodes[n];
    switch (nd.kind) {
      case node_kind::text_any:
        return std::vector<std::uint32_t>(ix.refs.begin() + nd.begin,
                                          ix.refs.begin() + nd.begin + nd.count);
      case node_kind::text_all: {
        // Any single required keyword will do; the longest is usually the rarest.
        std::uint32_t best = ix.refs[nd.begin];
        for (std::uint32_t k = 1; k < nd.count; ++k) {
          const auto pk = ix.refs[nd.begin + k];
          if (keywords_size(pk) > keywords_size(best)) best = pk;
        }
        return std::vector<std::uint32_t>{best};
      }
      case node_kind::all: {
        std::optional<std::vector<std::uint32_t>> best;
        for (std::uint32_t k = 0; k < nd.count; ++k) {
          auto t = triggers(ix.refs[nd.begin + k]);
          if (t && (!best || t->size() < best->size())) best = std::move(t);
        }
        return best;
      }
      case node_kind::any: {
        std::vector<std::uint32_t> all;
        for (std::uint32_t k = 0; k < nd.count; ++k) {
          auto t = triggers(ix.refs[nd.begin + k]);
          if (!t) return std::nullopt;
          all.insert(all.end(), t->begin(), t->end());
        }
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        return all;
      }
      default:
        return std::nullopt;
    }
  }
  std::size_t keywords_size(std::uint32_t pattern) const { return pattern_text_[pattern].size(); }

  void build_index() {
    auto& ix = rs_->index_;
    auto& rules = rs_->rules_;
    // Regexes: one FilteredRE2 over all of them; their literal atoms join the keyword automaton
    // so the same single scan tells which regexes can possibly match.
    // (Filter id i is ix.regexes[i]: condition() adds to both.)
    std::vector<std::string> atoms;
    if (!ix.regexes.empty()) {
      ix.filter = std::move(regex_filter_);
      ix.filter->Compile(&atoms);
    }
    pattern_text_.clear();
    for (std::uint32_t i = 0; i < keywords_.size(); ++i) pattern_text_.push_back("");
    // Rebuild the automaton with keywords first (ids unchanged), then atoms.
    keyword_automaton::builder b = std::move(keywords_);
    rs_->keyword_count_ = b.size();
    std::vector<std::pair<std::uint32_t, std::int32_t>> atom_ids;  // pattern, atom
    for (std::size_t a = 0; a < atoms.size(); ++a) atom_ids.emplace_back(b.add(atoms[a]), a);
    // Gazetteer: area names and aliases, found by the same scan as the keywords.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> gaz;  // pattern, area
    const auto& areas = rs_->areas_;
    for (std::uint32_t a = 0; a < areas.size(); ++a) {
      auto add_name = [&](const std::string& name) {
        const std::string_view norm = normalized(name);
        if (!norm.empty()) gaz.emplace_back(b.add(norm), a);
      };
      add_name(areas[a].name);
      for (const auto& al : areas[a].aliases) add_name(al);
    }
    std::sort(gaz.begin(), gaz.end());
    gaz.erase(std::unique(gaz.begin(), gaz.end()), gaz.end());
    ix.patterns.assign(b.size(), {});
    for (auto [pat, a] : atom_ids) ix.patterns[pat].atom = a;
    for (std::size_t pat = 0; pat < keyword_flag_.size(); ++pat)
      if (keyword_flag_[pat]) ix.patterns[pat].flags |= detail::rule_index::keyword_pattern;
    for (auto& [pat, a] : gaz) ix.patterns[pat].flags |= detail::rule_index::gazetteer_pattern;
    ix.gazetteer_begin.assign(b.size() + 1, 0);
    for (auto& [pat, a] : gaz) ++ix.gazetteer_begin[pat + 1];
    for (std::size_t k = 1; k < ix.gazetteer_begin.size(); ++k)
      ix.gazetteer_begin[k] += ix.gazetteer_begin[k - 1];
    for (auto& [pat, a] : gaz) ix.gazetteer_areas.push_back(a);  // sorted by pattern already
    ix.automaton = std::move(b).build();
    for (std::uint32_t i = 0; i < ix.automaton.size(); ++i) {
      if (i < pattern_text_.size()) pattern_text_[i] = std::string(ix.automaton.pattern(i));
    }

    // Evaluation order: priority (high first), then file order.
    const auto nr = std::uint32_t(rules.size());
    ix.order.resize(nr);
    for (std::uint32_t i = 0; i < nr; ++i) ix.order[i] = i;
    std::stable_sort(ix.order.begin(), ix.order.end(),
                     [&](auto a, auto c) { return rules[a].priority > rules[c].priority; });
    ix.rank.assign(nr, 0);
    for (std::uint32_t r = 0; r < nr; ++r) ix.rank[ix.order[r]] = r;

    // Candidate index (CSR): pattern → ranks of rules it triggers; the rest are "always".
    ix.always.assign((nr + 63) / 64, 0);
    std::vector<std::vector<std::uint32_t>> by_pattern(ix.automaton.size());
    for (std::uint32_t i = 0; i < nr; ++i) {
      const auto rk = ix.rank[i];
      auto t = triggers(rules[i].root);
      if (!t) {
        ix.always[rk / 64] |= std::uint64_t{1} << (rk % 64);
        ++ix.always_count;
        continue;
      }
      for (auto pat : *t) by_pattern[pat].push_back(rk);
    }
    for (std::size_t pt = 0; pt < by_pattern.size(); ++pt) {
      ix.patterns[pt].trigger_begin = std::uint32_t(ix.triggers.size());
      ix.triggers.insert(ix.triggers.end(), by_pattern[pt].begin(), by_pattern[pt].end());
      ix.patterns[pt].trigger_end = std::uint32_t(ix.triggers.size());
    }
    std::vector<std::uint32_t> tags(ix.patterns.size(), 0);
    for (std::size_t pt = 0; pt < tags.size(); ++pt) {
      const auto& pe = ix.patterns[pt];
      std::uint32_t& tag = tags[pt];
      if (pe.flags & detail::rule_index::keyword_pattern) tag |= detail::rule_index::tag_keyword;
      const std::uint32_t n = pe.trigger_end - pe.trigger_begin;
      if (pe.atom >= 0 || (pe.flags & detail::rule_index::gazetteer_pattern) || n > 1) continue;
      const std::uint32_t rank1 = n == 0 ? 0 : ix.triggers[pe.trigger_begin] + 1;
      if (rank1 > detail::rule_index::tag_rank) continue;
      tag |= detail::rule_index::tag_simple | rank1;
    }
    ix.automaton.set_tags(tags);
  }

  // Organisation graph, area tree and routing table (after everything else is clean, so every
  // reference they follow is known to exist).
  void build_organisation() {
    ruleset& rs = *rs_;
    rs.org_ = org_graph::build(rs, problems_);
    rs.area_tree_ = area_index::build(rs);
    const auto& org = rs.org_;
    auto cc = [&](const std::string& id, const char* key) -> std::int32_t {
      if (id.empty()) return -1;
      const auto u = org.find(id);
      if (u >= 0 && org[std::uint32_t(u)].kind != unit_kind::command_center &&
          std::string_view(key) == "command_center")
        add("/routing/command_center", "unit " + quote(id) + " is a " +
                                           std::string(to_string(org[std::uint32_t(u)].kind)) +
                                           ", not a command_center");
      return u;
    };
    rs.command_center_ = cc(rs.routing_.command_center, "command_center");
    if (rs.command_center_ < 0 && org.size() > 0) {
      // Not named: the only command centre, if there is exactly one.
      std::int32_t only = -1, count = 0;
      for (std::uint32_t u = 0; u < org.size(); ++u)
        if (org[u].kind == unit_kind::command_center) only = std::int32_t(u), ++count;
      if (count == 1)
        rs.command_center_ = only;
      else
        add("/routing", count == 0
                            ? "the organisation has no command_center unit (the owner of "
                              "last resort)"
                            : "several command_center units: name one in \"command_center\"");
    }
    rs.triage_unit_ =
        rs.routing_.triage_unit.empty() || rs.routing_.triage_unit == rs.routing_.command_center
            ? rs.command_center_
            : cc(rs.routing_.triage_unit, "triage_unit");
    if (org.size() > 0 && rs.routing_.tiers[0].empty() && rs.routing_.tiers[1].empty() &&
        rs.routing_.tiers[2].empty())
      add("/routing/tiers", "no unit kind is assigned to any loop tier: nothing could be routed");
    if (problems_.empty()) rs.table_ = routing_table::build(rs);
  }

  // Business calendars and SLA policies, resolved per urgency into budgets of milliseconds.
  void build_sla() {
    ruleset& rs = *rs_;
    for (const auto& c : rs.calendars_) {
      // Holiday ranges, clipped to the calendar's table (it ignores other days) and merged
      // through a difference array: "0001-01-01".."9999-12-31", however often repeated, costs
      // one pass over the table, not millions of days per range.
      std::vector<std::int64_t> hol, work;
      const std::int64_t first = business_calendar::table_first_day;
      const std::int64_t end = business_calendar::table_end_day;
      std::vector<std::int32_t> cover(std::size_t(end - first) + 1, 0);
      for (const auto& h : c.holidays) {
        const std::int64_t from = std::max(first, detail::parse_day(h.from));
        const std::int64_t to = std::min(end - 1, detail::parse_day(h.to));
        if (from > to) continue;
        ++cover[std::size_t(from - first)];
        --cover[std::size_t(to + 1 - first)];
      }
      std::int32_t open = 0;
      for (std::size_t i = 0; i + 1 < cover.size(); ++i)
        if ((open += cover[i]) > 0) hol.push_back(first + std::int64_t(i));
      for (const auto& w : c.workdays) work.push_back(detail::parse_day(w));
      rs.calendars_compiled_.emplace_back(c.id, c.utc_offset_minutes, c.workweek, c.hours, hol,
                                          work);
    }
    rs.policies_.resize(rs.sla_policies_.size());
    for (std::size_t i = 0; i < rs.sla_policies_.size(); ++i) {
      const auto& def = rs.sla_policies_[i];
      sla_policy& pol = rs.policies_[i];
      pol.id = def.id;
      const business_calendar* cal =
          def.calendar.empty() ? nullptr : rs.find_calendar(def.calendar);
      for (std::size_t u = 0; u < 3; ++u) {
        const sla_targets* over = def.by_urgency[u] ? &*def.by_urgency[u] : nullptr;
        const time_basis basis = over && over->time ? *over->time : def.time;
        const business_calendar* c = basis == time_basis::working ? cal : nullptr;
        if (basis == time_basis::working && !c) {
          add("/sla_policies/" + std::to_string(i),
              "working time needs a \"calendar\" (or set \"time\": \"calendar\")");
          continue;
        }
        auto ms = [&](const duration& d) {
          const std::int64_t day = c ? c->working_day_ms() : business_calendar::ms_per_day;
          return d.days * day + std::int64_t(d.hours) * 3'600'000 +
                 std::int64_t(d.minutes) * 60'000;
        };
        auto pick = [&](const std::optional<duration> sla_targets::*m) -> std::int64_t {
          if (over && over->*m) return ms(*(over->*m));
          return def.targets.*m ? ms(*(def.targets.*m)) : 0;
        };
        sla_clock& k = pol.clocks_[u];
        k.calendar = c;
        k.acknowledge = pick(&sla_targets::acknowledge);
        k.respond = pick(&sla_targets::respond);
        k.resolve = pick(&sla_targets::resolve);
        k.warning = def.warning;
      }
      // Escalation delays run in each urgency's own time basis ("1d" is a working day on a
      // working-time clock, 24 hours on a calendar-time one).
      for (std::size_t u = 0; u < 3; ++u) {
        const business_calendar* c = pol.clocks_[u].calendar;
        for (const auto& e : def.escalation) {
          const auto& d = e.after;
          const std::int64_t day = c ? c->working_day_ms() : business_calendar::ms_per_day;
          pol.escalation_[u].push_back(
              {d.days * day + std::int64_t(d.hours) * 3'600'000 + std::int64_t(d.minutes) * 60'000,
               e.to});
        }
        pol.clocks_[u].escalation = &pol.escalation_[u];
      }
    }
    rs.category_policy_.assign(rs.categories_.size(), -1);
    for (std::size_t c = 0; c < rs.categories_.size(); ++c) {
      const auto& id = rs.categories_[c].sla;
      for (std::size_t i = 0; i < rs.policies_.size() && !id.empty(); ++i)
        if (rs.policies_[i].id == id) rs.category_policy_[c] = std::int32_t(i);
    }
  }

  std::string base_dir_;
  std::vector<problem> problems_;
  std::shared_ptr<ruleset> rs_;
  // Every id met, by section (id → index of its first element there).
  detail::id_index calendar_ids_, policy_ids_, category_seen_, area_seen_, unit_seen_, rule_seen_;
  struct unit_ref {
    std::string at;          // the object that names the unit
    std::string_view field;  // its field that does
    std::string id;
  };
  std::vector<unit_ref> pending_unit_refs_;
  keyword_automaton::builder keywords_;
  std::unique_ptr<re2::FilteredRE2> regex_filter_;  // every regex accepted so far
  std::vector<std::uint8_t> keyword_flag_;
  std::vector<std::string> pattern_text_;
  normalized_text norm_;  // normalized()'s buffer
};

namespace {
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw error(errc::io, "cannot read ruleset file " + quote(path));
  const auto size = in.tellg();
  if (size > std::streamoff(limits::ruleset_bytes))
    throw error(errc::io, "ruleset file " + quote(path) + " is " + std::to_string(size) +
                              " bytes; the limit is " + std::to_string(limits::ruleset_bytes));
  in.seekg(0);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw error(errc::io, "error while reading " + quote(path));
  return ss.str();
}
std::string dir_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
}
}  // namespace

std::shared_ptr<const ruleset> ruleset::load_string(std::string_view json_text,
                                                    const std::string& base_dir) {
  ruleset_compiler c(base_dir);
  auto rs = c.compile(json_text);
  if (!rs) throw ruleset_error(std::move(c.problems()));
  return rs;
}

std::shared_ptr<const ruleset> ruleset::load_file(const std::string& path) {
  const std::string text = read_file(path);
  ruleset_compiler c(dir_of(path));
  auto rs = c.compile(text);
  if (!rs) throw ruleset_error(std::move(c.problems()));
  rs->source_ = path;
  return rs;
}

std::vector<problem> ruleset::check_string(std::string_view json_text,
                                           const std::string& base_dir) {
  ruleset_compiler c(base_dir);
  c.compile(json_text);
  return std::move(c.problems());
}

std::vector<problem> ruleset::check_file(const std::string& path) {
  std::string text;
  try {
    text = read_file(path);
  } catch (const error& e) {
    return {problem{"", e.message()}};
  }
  return check_string(text, dir_of(path));
}

}  // namespace minhu
