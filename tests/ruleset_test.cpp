// The ruleset loader: every kind of problem is reported with its exact JSON pointer (and all of
// them at once), and a valid ruleset compiles into what the format documentation promises.
#include "minhu/ruleset.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace {

using minhu::problem;
using minhu::ruleset;

// ---------------------------------------------------------------------------------------------
// Helpers

// The required boilerplate, a small taxonomy, then `sections` (a comma-separated list of
// top-level members, may be empty).
constexpr const char* kTaxonomy = R"("taxonomy": [
    {"id": "env", "name": "环境"},
    {"id": "env.noise", "name": "噪声扰民", "parent": "env"},
    {"id": "urban", "name": "城市管理"}
  ])";

std::string doc(const std::string& sections, const std::string& taxonomy = kTaxonomy) {
  std::string s = R"({"format_version": 1, "id": "test", "version": "1", )" + taxonomy;
  if (!sections.empty()) s += ", " + sections;
  return s + "}";
}

// A document with one rule whose `when` is the given condition.
std::string with_when(const std::string& when, const std::string& more_sections = "") {
  std::string rules = R"("rules": [{"id": "r1", "category": "env.noise", "when": )" + when + "}]";
  return doc(more_sections.empty() ? rules : more_sections + ", " + rules);
}

struct expected {
  std::string pointer;
  std::string fragment;  // must occur in the message
};

std::string dump(const std::vector<problem>& ps) {
  std::string s;
  for (const auto& p : ps) s += "\n    " + p.to_string();
  return s.empty() ? "\n    (no problems)" : s;
}

// check_string reports exactly `want` (in this order), and load_string throws a ruleset_error
// carrying the same problems.
::testing::AssertionResult rejected_with(const std::string& json,
                                         const std::vector<expected>& want) {
  const auto got = ruleset::check_string(json);
  if (got.size() != want.size())
    return ::testing::AssertionFailure()
           << "expected " << want.size() << " problem(s), got " << got.size() << ":" << dump(got);
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (got[i].pointer != want[i].pointer)
      return ::testing::AssertionFailure()
             << "problem " << i << ": pointer \"" << got[i].pointer << "\", expected \""
             << want[i].pointer << "\"" << dump(got);
    if (got[i].message.find(want[i].fragment) == std::string::npos)
      return ::testing::AssertionFailure() << "problem " << i << ": message \"" << got[i].message
                                           << "\" lacks \"" << want[i].fragment << "\"";
  }
  try {
    ruleset::load_string(json);
    return ::testing::AssertionFailure() << "load_string accepted the document";
  } catch (const minhu::ruleset_error& e) {
    if (e.code() != minhu::errc::ruleset_invalid)
      return ::testing::AssertionFailure() << "code " << int(e.code());
    if (std::string(e.what()).rfind("[minhu.ruleset_invalid] ", 0) != 0)
      return ::testing::AssertionFailure() << "what() is \"" << e.what() << "\"";
    const auto& ps = e.problems();
    if (ps.size() != got.size())
      return ::testing::AssertionFailure() << "load_string reported" << dump(ps);
    for (std::size_t i = 0; i < ps.size(); ++i)
      if (ps[i].pointer != got[i].pointer || ps[i].message != got[i].message)
        return ::testing::AssertionFailure()
               << "load_string problem " << i << " differs: " << ps[i].to_string();
    // Every problem appears in what(), each on its own line.
    for (const auto& p : ps)
      if (std::string(e.what()).find("\n  " + p.to_string()) == std::string::npos)
        return ::testing::AssertionFailure() << "what() lacks " << p.to_string();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "load_string threw something else: " << e.what();
  }
  return ::testing::AssertionSuccess();
}

std::shared_ptr<const ruleset> load(const std::string& json) {
  try {
    return ruleset::load_string(json);
  } catch (const minhu::ruleset_error& e) {
    ADD_FAILURE() << "unexpected problems:" << dump(e.problems());
    throw;
  }
}

// ---------------------------------------------------------------------------------------------
// The helper documents are valid.

TEST(RulesetLoad, HelperDocumentsAreValid) {
  EXPECT_TRUE(ruleset::check_string(doc("")).empty()) << dump(ruleset::check_string(doc("")));
  const auto w = with_when(R"({"text": {"any": ["噪音"]}})");
  EXPECT_TRUE(ruleset::check_string(w).empty()) << dump(ruleset::check_string(w));
}

// ---------------------------------------------------------------------------------------------
// One test per kind of problem.

TEST(RulesetErrors, MalformedJson) {
  EXPECT_TRUE(rejected_with(R"({"format_version": 1, "id": "t",})",
                            {{"", "JSON syntax error: parse error at line 1, column 33"}}));
  EXPECT_TRUE(rejected_with("{\"format_version\": 1,\n  \"id\": ", {{"", "line 2"}}));
  EXPECT_TRUE(rejected_with("", {{"", "JSON syntax error"}}));
  // Valid JSON that is not an object.
  EXPECT_TRUE(rejected_with("[1, 2]", {{"", "expected an object, found an array"}}));
}

TEST(RulesetErrors, NotUtf8) {
  std::string json = doc(R"("name": "城区)");
  json.insert(json.find("城区"), "\xff\xfe");
  ASSERT_NE(json.find('\xff'), std::string::npos);
  EXPECT_TRUE(rejected_with(json + "\"}", {{"", "not valid UTF-8"}}));
  // A truncated multi-byte sequence (first two bytes of 城).
  EXPECT_TRUE(rejected_with(doc("\"name\": \"\xe5\x9f\""), {{"", "not valid UTF-8"}}));
}

TEST(RulesetErrors, UnknownTopLevelFieldSuggestsTheNearestName) {
  EXPECT_TRUE(rejected_with(doc(R"("rule": [])"),
                            {{"/rule", "unknown field \"rule\" (did you mean \"rules\"?)"}}));
  EXPECT_TRUE(rejected_with(doc(R"("hitpolicy": "first")"),
                            {{"/hitpolicy", "(did you mean \"hit_policy\"?)"}}));
  // Nothing close: no suggestion.
  const auto ps = ruleset::check_string(doc(R"("colour": "red")"));
  ASSERT_EQ(ps.size(), 1u) << dump(ps);
  EXPECT_EQ(ps[0].pointer, "/colour");
  EXPECT_EQ(ps[0].message, "unknown field \"colour\"");
}

TEST(RulesetErrors, UnknownNestedFields) {
  // In a rule.
  EXPECT_TRUE(rejected_with(doc(R"("rules": [{"id": "r1", "category": "env", "priorty": 5,
                                              "when": {"text": {"any": ["噪音"]}}}])"),
                            {{"/rules/0/priorty",
                              "unknown field \"priorty\" (did you mean "
                              "\"priority\"?)"}}));
  // In a text node of a `when` tree.
  EXPECT_TRUE(rejected_with(
      with_when(R"({"all": [{"text": {"any": ["噪音"], "al": ["施工"]}}, {"channel": "app"}]})"),
      {{"/rules/0/when/all/0/text/al", "unknown field \"al\" (did you mean \"all\"?)"}}));
  // Beside the shape of a when node.
  EXPECT_TRUE(rejected_with(with_when(R"({"regex": "噪音", "in": "text"})"),
                            {{"/rules/0/when/in", "unknown field \"in\""}}));
  // In a category, a calendar and the routing section.
  EXPECT_TRUE(
      rejected_with(doc("", R"("taxonomy": [{"id": "env", "name": "环境", "tire": "big"}])"),
                    {{"/taxonomy/0/tire", "(did you mean \"tier\"?)"}}));
  EXPECT_TRUE(rejected_with(doc(R"("calendars": [{"id": "c", "holiday": []}])"),
                            {{"/calendars/0/holiday", "(did you mean \"holidays\"?)"}}));
  EXPECT_TRUE(rejected_with(doc(R"("routing": {"max_return": 3})"),
                            {{"/routing/max_return", "(did you mean \"max_returns\"?)"}}));
  // A when node with no known shape at all.
  EXPECT_TRUE(rejected_with(with_when(R"({"keywords": ["噪音"]})"),
                            {{"/rules/0/when", "empty or unknown condition"},
                             {"/rules/0/when/keywords", "unknown field \"keywords\""}}));
}

TEST(RulesetErrors, WrongTypes) {
  EXPECT_TRUE(rejected_with(R"({"format_version": "1", "id": 5, "version": 1, "taxonomy": {}})",
                            {{"/format_version", "expected an integer, found a string"},
                             {"/id", "expected a string, found an integer"},
                             {"/version", "expected a string, found an integer"},
                             {"/taxonomy", "expected an array, found an object"}}));
  EXPECT_TRUE(rejected_with(
      doc(R"("rules": [{"id": "r1", "category": "env", "priority": "high", "weight": "1",
                        "tags": "噪音", "enabled": 1, "when": {"text": {"any": "噪音"}}}])"),
      {{"/rules/0/priority", "expected an integer, found a string"},
       {"/rules/0/tags", "expected an array of strings, found a string"},
       {"/rules/0/weight", "expected a number, found a string"},
       {"/rules/0/enabled", "expected true or false, found an integer"},
       {"/rules/0/when/text/any", "expected an array of keywords, found a string"}}));
  // A number where an integer is required, and an element of the wrong type.
  EXPECT_TRUE(rejected_with(doc(R"("routing": {"max_returns": 2.5})"),
                            {{"/routing/max_returns", "expected an integer, found a number"}}));
  EXPECT_TRUE(
      rejected_with(with_when(R"({"text": {"any": ["噪音", 7]}})"),
                    {{"/rules/0/when/text/any/1", "expected a keyword string, found an integer"}}));
  EXPECT_TRUE(rejected_with(with_when(R"({"field": "age", "gte": "60"})"),
                            {{"/rules/0/when/gte", "expected a number, found a string"}}));
  EXPECT_TRUE(rejected_with(with_when(R"(["噪音"])"),
                            {{"/rules/0/when", "expected a condition object, found an array"}}));
}

TEST(RulesetErrors, MissingRequiredTopLevelFields) {
  EXPECT_TRUE(rejected_with("{}", {{"", "missing required field \"format_version\""},
                                   {"", "missing required field \"id\""},
                                   {"", "missing required field \"version\""},
                                   {"", "missing required field \"taxonomy\""}}));
  EXPECT_TRUE(rejected_with(R"({"format_version": 1, "id": "t", "version": "1", "taxonomy": []})",
                            {{"/taxonomy", "must contain at least one category"}}));
}

TEST(RulesetErrors, MissingRequiredRuleAndCategoryFields) {
  EXPECT_TRUE(rejected_with(doc(R"("rules": [{"priority": 1}])"),
                            {{"/rules/0", "missing required field \"id\""},
                             {"/rules/0", "missing required field \"category\""},
                             {"/rules/0", "missing required field \"when\""}}));
  EXPECT_TRUE(rejected_with(doc("", R"("taxonomy": [{"id": "env"}, {"name": "无名"}])"),
                            {{"/taxonomy/0", "missing required field \"name\""},
                             {"/taxonomy/1", "missing required field \"id\""}}));
}

TEST(RulesetErrors, InvalidIds) {
  EXPECT_TRUE(rejected_with(doc(R"("rules": [{"id": "噪音 规则", "category": "env",
                                               "when": {"text": {"any": ["噪音"]}}}])"),
                            {{"/rules/0/id", "invalid id \"噪音 规则\""}}));
  EXPECT_TRUE(rejected_with(R"({"format_version": 1, "id": "", "version": "", "taxonomy": [
                               {"id": "env/noise", "name": "噪声"}]})",
                            {{"/id", "must not be empty"},
                             {"/version", "must not be empty"},
                             {"/taxonomy/0/id", "invalid id \"env/noise\""}}));
}

TEST(RulesetErrors, DuplicateIdsNameTheFirstDefinition) {
  // Rules.
  EXPECT_TRUE(
      rejected_with(doc(R"("rules": [
      {"id": "r1", "category": "env", "when": {"text": {"any": ["噪音"]}}},
      {"id": "r2", "category": "env", "when": {"text": {"any": ["施工"]}}},
      {"id": "r1", "category": "urban", "when": {"text": {"any": ["路灯"]}}}])"),
                    {{"/rules/2/id", "duplicate rule id \"r1\" (first defined at /rules/0)"}}));
  // Categories.
  EXPECT_TRUE(rejected_with(
      doc("", R"("taxonomy": [{"id": "env", "name": "环境"}, {"id": "env", "name": "环境2"}])"),
      {{"/taxonomy/1/id", "duplicate category id \"env\" (first defined at /taxonomy/0)"}}));
  // Units.
  EXPECT_TRUE(
      rejected_with(doc(R"("units": [
      {"id": "ccc", "kind": "command_center", "name": "指挥中心"},
      {"id": "dept", "kind": "department", "name": "城管局", "parent": "ccc"},
      {"id": "dept", "kind": "department", "name": "环保局", "parent": "ccc"}])"),
                    {{"/units/2/id", "duplicate unit id \"dept\" (first defined at /units/1)"}}));
  // Areas.
  EXPECT_TRUE(
      rejected_with(doc(R"("areas": [
      {"id": "d", "kind": "district", "name": "清源区"},
      {"id": "g1", "kind": "grid", "name": "一网格"},
      {"id": "g1", "kind": "grid", "name": "二网格"}])"),
                    {{"/areas/2/id", "duplicate area id \"g1\" (first defined at /areas/1)"}}));
  // Calendars and SLA policies.
  EXPECT_TRUE(rejected_with(doc(R"("calendars": [{"id": "c"}, {"id": "c"}],
                                   "sla_policies": [{"id": "s", "time": "calendar", "resolve": "1d"},
                                                    {"id": "s", "time": "calendar", "resolve": "2d"}])"),
                            {{"/calendars/1/id", "(first defined at /calendars/0)"},
                             {"/sla_policies/1/id", "(first defined at /sla_policies/0)"}}));
}

TEST(RulesetErrors, UnknownCategoryReferencedByRule) {
  EXPECT_TRUE(rejected_with(doc(R"("rules": [{"id": "r1", "category": "env.nosie",
                                               "when": {"text": {"any": ["噪音"]}}}])"),
                            {{"/rules/0/category", "unknown category \"env.nosie\""}}));
}

TEST(RulesetErrors, UnknownParentCategory) {
  EXPECT_TRUE(rejected_with(doc("", R"("taxonomy": [{"id": "env", "name": "环境"},
                              {"id": "env.noise", "name": "噪声", "parent": "enviro"}])"),
                            {{"/taxonomy/1/parent", "unknown category \"enviro\""}}));
}

TEST(RulesetErrors, CycleInCategoryParents) {
  EXPECT_TRUE(
      rejected_with(doc("", R"("taxonomy": [{"id": "a", "name": "A", "parent": "c"},
                                                    {"id": "b", "name": "B", "parent": "a"},
                                                    {"id": "c", "name": "C", "parent": "b"},
                                                    {"id": "d", "name": "D", "parent": "c"}])"),
                    {{"/taxonomy/0/parent", "cycle in the category hierarchy: a → c → b → a"}}));
  EXPECT_TRUE(rejected_with(doc("", R"("taxonomy": [{"id": "a", "name": "A", "parent": "a"}])"),
                            {{"/taxonomy/0/parent", "a category cannot be its own parent"}}));
}

TEST(RulesetErrors, InvalidRegex) {
  EXPECT_TRUE(rejected_with(with_when(R"({"all": [{"text": {"any": ["噪音"]}}, {"regex": "("}]})"),
                            {{"/rules/0/when/all/1/regex", "RE2 rejects \"(\""}}));
  const auto ps =
      ruleset::check_string(with_when(R"({"all": [{"text": {"any": ["噪音"]}}, {"regex": "("}]})"));
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_NE(ps[0].message.find("missing )"), std::string::npos) << ps[0].message;
  // The object form points at the pattern.
  EXPECT_TRUE(rejected_with(with_when(R"({"regex": {"pattern": "[噪音", "in": "text"}})"),
                            {{"/rules/0/when/regex/pattern", "RE2 rejects \"[噪音\""}}));
  // Constructs RE2 does not support (backreferences) and empty patterns.
  EXPECT_TRUE(rejected_with(with_when(R"({"regex": "(噪)\\1"})"),
                            {{"/rules/0/when/regex", "RE2 rejects"}}));
  EXPECT_TRUE(
      rejected_with(with_when(R"({"regex": ""})"), {{"/rules/0/when/regex", "must not be empty"}}));
}

TEST(RulesetErrors, EmptyKeywordList) {
  EXPECT_TRUE(rejected_with(with_when(R"({"text": {"any": []}})"),
                            {{"/rules/0/when/text/any", "keyword list must not be empty"}}));
  EXPECT_TRUE(rejected_with(with_when(R"({"text": {"in": "text"}})"),
                            {{"/rules/0/when/text", "needs at least one of"}}));
  EXPECT_TRUE(rejected_with(with_when(R"({"any": []})"),
                            {{"/rules/0/when/any", "must contain at least one condition"}}));
}

TEST(RulesetErrors, KeywordEmptyAfterNormalisation) {
  EXPECT_TRUE(
      rejected_with(with_when(R"({"text": {"any": ["噪音", "   "]}})"),
                    {{"/rules/0/when/text/any/1", "keyword is empty (after normalisation)"}}));
  // An ideographic space (U+3000) and a zero-width space normalise to nothing as well.
  EXPECT_TRUE(rejected_with(with_when(R"({"text": {"none": ["　"], "all": ["", "噪音"]}})"),
                            {{"/rules/0/when/text/all/0", "keyword is empty"},
                             {"/rules/0/when/text/none/0", "keyword is empty"}}));
  EXPECT_TRUE(rejected_with(with_when("{\"text\": {\"any\": [\"\xe2\x80\x8b\"]}}"),
                            {{"/rules/0/when/text/any/0", "keyword is empty"}}));
}

TEST(RulesetErrors, UnknownFormatVersion) {
  EXPECT_TRUE(rejected_with(R"({"format_version": 2, "id": "t", "version": "1",
                                "taxonomy": [{"id": "env", "name": "环境"}]})",
                            {{"/format_version",
                              "unknown format version 2 (this minhu reads "
                              "version 1)"}}));
}

TEST(RulesetErrors, UnknownChannel) {
  EXPECT_TRUE(rejected_with(
      with_when(R"({"all": [{"text": {"any": ["噪音"]}}, {"channel": ["app", "fax"]}]})"),
      {{"/rules/0/when/all/1/channel/1",
        "unknown channel \"fax\"; expected one of hotline, app"}}));
  EXPECT_TRUE(rejected_with(with_when(R"({"channel": "12345"})"),
                            {{"/rules/0/when/channel", "unknown channel \"12345\""}}));
  EXPECT_TRUE(rejected_with(with_when(R"({"channel": []})"),
                            {{"/rules/0/when/channel", "non-empty array of strings"}}));
}

TEST(RulesetErrors, UnknownAreaInCondition) {
  const std::string areas =
      R"("areas": [{"id": "street-a", "kind": "street", "name": "东街街道"}])";
  EXPECT_TRUE(ruleset::check_string(with_when(R"({"area": "street-a"})", areas)).empty());
  EXPECT_TRUE(rejected_with(with_when(R"({"area": ["street-a", "street-b"]})", areas),
                            {{"/rules/0/when/area/1", "unknown area \"street-b\""}}));
}

TEST(RulesetErrors, PointersIntoConditionOperands) {
  // Pointers are spelled only when a problem is found: each kind of step once, nested.
  EXPECT_TRUE(rejected_with(
      with_when(R"({"any": [{"text": {"any": ["噪音"]}}, {"field": "age", "in": [60, null]}]})"),
      {{"/rules/0/when/any/1/in/1", "expected a string, number or boolean, found null"}}));
  EXPECT_TRUE(rejected_with(with_when(R"({"not": {"field": "age", "eq": [60]}})"),
                            {{"/rules/0/when/not/eq", "found an array"}}));
  EXPECT_TRUE(rejected_with(with_when(R"({"area": "street-x"})"),
                            {{"/rules/0/when/area", "unknown area \"street-x\""}}));
  EXPECT_TRUE(rejected_with(with_when(R"({"regex": ""})"),
                            {{"/rules/0/when/regex", "regex must not be empty"}}));
  EXPECT_TRUE(rejected_with(with_when(R"({"text": {"any": ["噪音"], "a/b~c": 1}})"),
                            {{"/rules/0/when/text/a~1b~0c", "unknown field \"a/b~c\""}}));
}

TEST(RulesetErrors, BadDuration) {
  EXPECT_TRUE(rejected_with(
      doc(R"("sla_policies": [{"id": "s", "time": "calendar", "acknowledge": "2h30",
                               "respond": "1h1d", "resolve": "5x",
                               "urgency": {"urgent": {"resolve": "1 d"}},
                               "escalation": [{"after": "m", "to": "parent"}]}])"),
      {{"/sla_policies/0/acknowledge", "invalid duration \"2h30\" (expected e.g. \"30m\""},
       {"/sla_policies/0/respond", "invalid duration \"1h1d\""},
       {"/sla_policies/0/resolve", "invalid duration \"5x\""},
       {"/sla_policies/0/urgency/urgent/resolve", "invalid duration \"1 d\""},
       {"/sla_policies/0/escalation/0/after", "invalid duration \"m\""}}));
  // Working time without a calendar.
  EXPECT_TRUE(rejected_with(doc(R"("sla_policies": [{"id": "s", "resolve": "5d"}])"),
                            {{"/sla_policies/0", "working time needs a \"calendar\""}}));
}

TEST(RulesetErrors, BadDateInCalendar) {
  EXPECT_TRUE(rejected_with(
      doc(R"("calendars": [{"id": "cn", "holidays": ["2026-02-29", "2026-1-1",
                                                      {"from": "2026-13-01", "to": "2026-01-02"},
                                                      {"from": "2026-02-23", "to": "2026-02-15"}],
                            "workdays": ["2026/01/04"]}])"),
      {{"/calendars/0/holidays/0", "invalid date \"2026-02-29\" (expected YYYY-MM-DD)"},
       {"/calendars/0/holidays/1", "invalid date \"2026-1-1\""},
       {"/calendars/0/holidays/2/from", "invalid date \"2026-13-01\""},
       {"/calendars/0/holidays/3", "\"to\" is before \"from\""},
       {"/calendars/0/workdays", "invalid date \"2026/01/04\""}}));
  // 2028 is a leap year.
  EXPECT_TRUE(
      ruleset::check_string(doc(R"("calendars": [{"id": "cn", "holidays": ["2028-02-29"]}])"))
          .empty());
}

TEST(RulesetErrors, BadHoursInterval) {
  EXPECT_TRUE(rejected_with(
      doc(R"("calendars": [{"id": "cn", "hours": [["09:00", "12:00"], ["13:00", "12:30"],
                                                  ["11:00", "14:00"], ["25:00", "26:00"],
                                                  ["18:00"], ["18:00", "24:00"]]}])"),
      {{"/calendars/0/hours/1", "interval must end after it starts"},
       {"/calendars/0/hours/2", "intervals must be in order and must not overlap"},
       {"/calendars/0/hours/3", "expected [\"HH:MM\", \"HH:MM\"] (end may be \"24:00\")"},
       {"/calendars/0/hours/4", "expected [\"HH:MM\", \"HH:MM\"]"}}));
  EXPECT_TRUE(rejected_with(doc(R"("calendars": [{"id": "cn", "hours": []}])"),
                            {{"/calendars/0/hours", "must not be empty"}}));
  EXPECT_TRUE(rejected_with(doc(R"("calendars": [{"id": "cn", "workweek": [1, 8, 1]}])"),
                            {{"/calendars/0/workweek/1", "expected an ISO weekday"},
                             {"/calendars/0/workweek/2", "duplicate weekday"}}));
}

TEST(RulesetErrors, AreaKindInsideWrongParentKind) {
  EXPECT_TRUE(rejected_with(doc(R"("areas": [
      {"id": "d", "kind": "district", "name": "清源区"},
      {"id": "g", "kind": "grid", "name": "一网格", "parent": "d"},
      {"id": "c", "kind": "community", "name": "幸福里社区", "parent": "g"},
      {"id": "s", "kind": "street", "name": "东街街道", "parent": "x"},
      {"id": "t", "kind": "town", "name": "城关镇", "parent": "s"}])"),
                            {{"/areas/2/parent", "a community cannot lie inside a grid (\"g\")"},
                             {"/areas/3/parent", "unknown area \"x\""},
                             {"/areas/4/parent", "a town cannot lie inside a street (\"s\")"}}));
  EXPECT_TRUE(
      rejected_with(doc(R"("areas": [{"id": "x", "kind": "county", "name": "县"}])"),
                    {{"/areas/0/kind", "unknown value \"county\"; expected one of district"}}));
}

TEST(RulesetErrors, UnknownUnitReferences) {
  EXPECT_TRUE(rejected_with(doc(R"("sla_policies": [{"id": "s", "time": "calendar", "resolve": "1d",
                               "escalation": [{"after": "0m", "to": "street-z"}]}],
             "units": [{"id": "ccc", "kind": "command_center", "name": "指挥中心"},
                       {"id": "grid-1", "kind": "grid", "name": "一网格", "parent": "comm-9"}],
             "links": [{"type": "summons", "from": "grid-1", "to": "dept-x"}],
             "routing": {"command_center": "cc", "triage_unit": "triage"})"),
                            {{"/sla_policies/0/escalation/0/to", "unknown unit \"street-z\""},
                             {"/units/1/parent", "unknown unit \"comm-9\""},
                             {"/links/0/to", "unknown unit \"dept-x\""},
                             {"/routing/command_center", "unknown unit \"cc\""},
                             {"/routing/triage_unit", "unknown unit \"triage\""}}));
}

TEST(RulesetErrors, UnitWithoutParentMustBeCommandCenter) {
  EXPECT_TRUE(rejected_with(doc(R"("units": [
      {"id": "ccc", "kind": "command_center", "name": "指挥中心"},
      {"id": "street-a", "kind": "street", "name": "东街街道"}])"),
                            {{"/units/1",
                              "missing required field \"parent\" (only a "
                              "command_center has none)"}}));
}

TEST(RulesetErrors, UnitAndLinkCategoryPatterns) {
  EXPECT_TRUE(rejected_with(doc(R"("units": [
      {"id": "ccc", "kind": "command_center", "name": "指挥中心",
       "serves": ["*", "env.*", "envi.*", "urban", "roads"]}],
      "links": [{"type": "calls", "from": "ccc", "to": "ccc", "categories": ["x.*"]}])"),
                            {{"/units/0/serves/2", "wildcard \"envi.*\" names no category"},
                             {"/units/0/serves/4", "unknown category \"roads\""},
                             {"/links/0/type", "unknown value \"calls\""},
                             {"/links/0/categories/0", "wildcard \"x.*\" names no category"}}));
}

TEST(RulesetErrors, ModelSectionProblemsPointAtTheModel) {
  // The model file is read at load time (model_test covers models that load).
  EXPECT_TRUE(rejected_with(doc(R"("model": {"path": "no-such.model", "threshold": 0.5})"),
                            {{"/model/path", "cannot read model file"}}));
  EXPECT_TRUE(rejected_with(doc(R"("model": {"threshold": 1.5})"),
                            {{"/model", "missing required field \"path\""},
                             {"/model/threshold", "must be between 0 and 1"}}));
}

TEST(RulesetErrors, NestingTooDeepIsRejectedWithoutCrashing) {
  // 129 levels: the document object plus 128 arrays.
  const std::string deep = doc(R"("x": )" + std::string(128, '[') + std::string(128, ']'));
  EXPECT_TRUE(rejected_with(deep, {{"", "JSON nesting deeper than 128 levels"}}));
  // 128 levels is still parsed (and the stray field reported).
  const std::string ok = doc(R"("x": )" + std::string(127, '[') + std::string(127, ']'));
  EXPECT_TRUE(rejected_with(ok, {{"/x", "unknown field \"x\""}}));
  // Hostile input: a million unclosed brackets, and brackets hidden in strings do not count.
  EXPECT_TRUE(rejected_with(std::string(1'000'000, '['), {{"", "nesting deeper than 128"}}));
  EXPECT_TRUE(rejected_with(doc("\"name\": \"" + std::string(500, '[') + "\", \"x\": 1"),
                            {{"/x", "unknown field"}}));
  // Condition trees have their own, lower limit.
  std::string when = R"({"text": {"any": ["噪音"]}})";
  for (int i = 0; i < 70; ++i) when = R"({"not": )" + when + "}";
  std::string ptr = "/rules/0/when";
  for (int i = 0; i < 65; ++i) ptr += "/not";
  EXPECT_TRUE(rejected_with(with_when(when), {{ptr, "condition nested deeper than 64 levels"}}));
}

// A number outside double's range is a problem like any other, not an escaping exception.
TEST(RulesetErrors, NumberOutOfRangeIsAProblemNotACrash) {
  EXPECT_TRUE(rejected_with(R"({"format_version": 1e400, "id": "t", "version": "1",
                                "taxonomy": [{"id": "env", "name": "环境"}]})",
                            {{"", "number overflow"}}));
}

TEST(RulesetErrors, DuplicateKeysInOneObjectAreReported) {
  EXPECT_TRUE(rejected_with(R"({"format_version": 1, "id": "t", "version": "1",
    "taxonomy": [{"id": "env", "name": "环境"}],
    "rules": [{"id": "r", "when": {"text": {"any": ["a"]}}, "category": "env",
               "when": {"text": {"any": ["b"]}}}]})",
                            {{"/rules/0/when", "duplicate key \"when\""}}));
}

// The pointer of a repeated key runs through arrays and escaped keys; large objects (checked by
// hash, not by a scan) report theirs too; repeats before a syntax error are still reported.
TEST(RulesetErrors, DuplicateKeysAreReportedWithTheirPointerWhereverTheyAre) {
  const auto problems = minhu::ruleset::check_string(R"({"format_version": 1, "id": "t",
    "version": "1", "taxonomy": [{"id": "env", "name": "环境"}],
    "x/y~z": [0, [1, {"a": 1, "b~/": {"k": 1, "k": 2}}]]})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/x~1y~0z/1/1/b~0~1/k");
  EXPECT_EQ(problems[0].message, "duplicate key \"k\" in the same object");

  std::string big = R"({"format_version": 1, "id": "t", "version": "1", "x": {)";
  for (int i = 0; i < 40; ++i) big += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  big += R"("k3": 3, "k39": 0}})";
  const auto many = minhu::ruleset::check_string(big);
  ASSERT_EQ(many.size(), 2u);
  EXPECT_EQ(many[0].pointer, "/x/k3");
  EXPECT_EQ(many[1].pointer, "/x/k39");

  const auto broken = minhu::ruleset::check_string(R"({"id": "a", "id": "b", "x": ])");
  ASSERT_EQ(broken.size(), 2u);
  EXPECT_EQ(broken[0].pointer, "/id");
  EXPECT_EQ(broken[0].message, "duplicate key \"id\" in the same object");
  EXPECT_NE(broken[1].message.find("JSON syntax error"), std::string::npos);
}

TEST(RulesetErrors, HugeUnsignedIntegersAreOutOfRangeNotWrapped) {
  EXPECT_TRUE(rejected_with(R"({"format_version": 18446744073709551615, "id": "t",
    "version": "1", "taxonomy": [{"id": "env", "name": "环境"}]})",
                            {{"/format_version", "integer out of range"}}));
}

TEST(RulesetErrors, ManyProblemsAreAllReportedInSectionOrder) {
  const std::string json = R"({
    "format_version": 1, "id": "many", "version": "1", "colour": "red",
    "calendars": [{"id": "cn", "holidays": ["2026-02-30"]}],
    "taxonomy": [{"id": "env", "name": "环境"},
                 {"id": "env.noise", "name": "噪声", "parent": "enviro"}],
    "units": [{"id": "ccc", "kind": "command_center", "name": "指挥中心"},
              {"id": "street-a", "kind": "street", "name": "东街街道"}],
    "rules": [{"id": "r1", "category": "env", "when": {"text": {"any": ["噪音"]}}},
              {"id": "r2", "category": "env", "when": {"all": [{"text": {"any": ["施工"]}},
                                                              {"regex": "夜间("}]}},
              {"id": "r3", "category": "env", "when": {"channel": "fax"}}]
  })";
  EXPECT_TRUE(rejected_with(json, {{"/colour", "unknown field"},
                                   {"/calendars/0/holidays/0", "invalid date"},
                                   {"/taxonomy/1/parent", "unknown category \"enviro\""},
                                   {"/units/1", "missing required field \"parent\""},
                                   {"/rules/1/when/all/1/regex", "RE2 rejects \"夜间(\""},
                                   {"/rules/2/when/channel", "unknown channel \"fax\""}}));
  try {
    ruleset::load_string(json);
    FAIL() << "accepted";
  } catch (const minhu::ruleset_error& e) {
    EXPECT_EQ(e.message().rfind("6 problems\n", 0), 0u) << e.message();
  }
}

TEST(RulesetErrors, DisabledRulesAreStillValidated) {
  EXPECT_TRUE(rejected_with(doc(R"("rules": [{"id": "off", "category": "nope", "enabled": false,
                                               "when": {"regex": "("}}])"),
                            {{"/rules/0/category", "unknown category \"nope\""},
                             {"/rules/0/when/regex", "RE2 rejects"}}));
}

TEST(RulesetErrors, ValueRanges) {
  EXPECT_TRUE(rejected_with(
      doc(R"("rules": [{"id": "r1", "category": "env", "weight": 0, "confidence": 1.5,
                        "urgency": "high", "when": {"text": {"any": ["噪音"], "in": "body"}}}])"),
      {{"/rules/0/urgency", "unknown value \"high\"; expected one of normal, urgent, critical"},
       {"/rules/0/weight", "must be a positive number"},
       {"/rules/0/confidence", "must be in (0, 1]"},
       {"/rules/0/when/text/in", "unknown value \"body\""}}));
  EXPECT_TRUE(rejected_with(doc(R"("units": [{"id": "ccc", "kind": "command_center",
                                               "name": "指挥中心", "capacity": 0}])"),
                            {{"/units/0/capacity", "must be between 1 and 1000000000, found 0"}}));
  EXPECT_TRUE(rejected_with(doc(R"("hit_policy": "best")"),
                            {{"/hit_policy",
                              "unknown value \"best\"; expected one of first, "
                              "priority, collect"}}));
}

// ---------------------------------------------------------------------------------------------
// What a valid ruleset compiles into.

TEST(RulesetLoad, TierAndSlaAreInheritedFromParents) {
  const std::string json = doc(R"(
    "sla_policies": [{"id": "standard", "time": "calendar", "resolve": "5d"},
                     {"id": "fast", "time": "calendar", "resolve": "1d"}])",
                               R"("taxonomy": [
    {"id": "env.noise.night", "name": "夜间施工噪声", "parent": "env.noise", "tier": "big",
     "sla": "fast"},
    {"id": "env", "name": "环境", "tier": "medium", "sla": "standard"},
    {"id": "env.noise", "name": "噪声扰民", "parent": "env", "aliases": ["噪音"]},
    {"id": "env.noise.traffic", "name": "交通噪声", "parent": "env.noise"},
    {"id": "urban", "name": "城市管理"}])");
  const auto rs = load(json);
  const auto& cats = rs->categories();
  ASSERT_EQ(cats.size(), 5u);
  auto cat = [&](const char* id) -> const minhu::category& {
    const auto i = rs->find_category(id);
    EXPECT_GE(i, 0) << id;
    return cats.at(std::size_t(i));
  };
  EXPECT_EQ(cat("env").tier, minhu::loop_tier::medium);
  EXPECT_EQ(cat("env").sla, "standard");
  EXPECT_EQ(cat("env").depth, 0u);
  EXPECT_EQ(cat("env").parent, -1);
  EXPECT_EQ(cat("env.noise").tier, minhu::loop_tier::medium);  // inherited
  EXPECT_EQ(cat("env.noise").sla, "standard");                 // inherited
  EXPECT_EQ(cat("env.noise").depth, 1u);
  EXPECT_EQ(cat("env.noise").aliases, std::vector<std::string>{"噪音"});
  EXPECT_EQ(cat("env.noise.traffic").tier, minhu::loop_tier::medium);  // two levels down
  EXPECT_EQ(cat("env.noise.traffic").sla, "standard");
  EXPECT_EQ(cat("env.noise.traffic").depth, 2u);
  // Listed before its parent, and overriding both.
  EXPECT_EQ(cat("env.noise.night").tier, minhu::loop_tier::big);
  EXPECT_EQ(cat("env.noise.night").sla, "fast");
  EXPECT_EQ(cat("env.noise.night").depth, 2u);
  EXPECT_EQ(cat("env.noise.night").parent, rs->find_category("env.noise"));
  // Defaults.
  EXPECT_EQ(cat("urban").tier, minhu::loop_tier::small);
  EXPECT_EQ(cat("urban").sla, "");
}

TEST(RulesetLoad, UnknownSlaPolicyInCategory) {
  EXPECT_TRUE(
      rejected_with(doc("", R"("taxonomy": [{"id": "env", "name": "环境", "sla": "gold"}])"),
                    {{"/taxonomy/0/sla", "unknown SLA policy \"gold\""}}));
}

TEST(RulesetLoad, CategoryPathAndLookups) {
  const auto rs = load(with_when(R"({"text": {"any": ["噪音"]}})",
                                 R"("areas": [{"id": "street-a", "kind": "street", "name": "东街"},
                                              {"id": "grid-a-1", "kind": "grid", "name": "一网格",
                                               "parent": "street-a"}])"));
  const auto noise = rs->find_category("env.noise");
  ASSERT_EQ(noise, 1);
  EXPECT_EQ(rs->category_path(std::uint32_t(noise)),
            (std::vector<std::string>{"env", "env.noise"}));
  EXPECT_EQ(rs->category_path(std::uint32_t(rs->find_category("urban"))),
            std::vector<std::string>{"urban"});
  EXPECT_EQ(rs->find_category("env"), 0);
  EXPECT_EQ(rs->find_category("env.noise.night"), -1);
  EXPECT_EQ(rs->find_category(""), -1);
  EXPECT_EQ(rs->find_rule("r1"), 0);
  EXPECT_EQ(rs->find_rule("r2"), -1);
  EXPECT_EQ(rs->rules()[0].category, std::uint32_t(noise));
  EXPECT_EQ(rs->find_area("street-a"), 0);
  EXPECT_EQ(rs->find_area("grid-a-1"), 1);
  EXPECT_EQ(rs->find_area("grid-a-2"), -1);
  EXPECT_EQ(rs->areas()[1].parent, 0);
  EXPECT_EQ(rs->areas()[1].kind, minhu::area_kind::grid);
  EXPECT_EQ(rs->id(), "test");
  EXPECT_EQ(rs->version(), "1");
  EXPECT_EQ(rs->source(), "");
}

TEST(RulesetLoad, IdLookupsFindEveryIdWhateverItsLength) {
  // Lookups take a string_view and build no std::string: ids longer than a short string's
  // inline buffer, and views into a larger buffer, find the same entries.
  const std::string path = std::string(MINHU_SOURCE_DIR) + "/rulesets/demo-city.json";
  const auto rs = ruleset::load_file(path);
  std::size_t long_ids = 0;
  auto check = [&](auto find, const auto& items) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string& id = items[i].id;
      long_ids += id.size() > 15;
      EXPECT_EQ((rs.get()->*find)(id), std::int32_t(i)) << id;
      const std::string buffer = "<" + id + ">";
      EXPECT_EQ((rs.get()->*find)(std::string_view(buffer).substr(1, id.size())), std::int32_t(i));
      EXPECT_NE((rs.get()->*find)(std::string_view(buffer).substr(1, id.size() - 1)),
                std::int32_t(i))
          << id;
    }
  };
  check(&ruleset::find_category, rs->categories());
  check(&ruleset::find_rule, rs->rules());
  check(&ruleset::find_area, rs->areas());
  EXPECT_GT(long_ids, 10u);
  // Long area ids in a small ruleset, one the parent of the other.
  const std::string area(40, 'a'), grid = std::string(40, 'a') + "-grid";
  const auto small =
      load(with_when(R"({"text": {"any": ["噪音"]}})", R"("areas": [{"id": ")" + area +
                                                           R"(", "kind": "street", "name": "东街"},
                                              {"id": ")" + grid +
                                                           R"(", "kind": "grid",
                                               "name": "一网格", "parent": ")" +
                                                           area + R"("}])"));
  EXPECT_EQ(small->find_area(area), 0);
  EXPECT_EQ(small->find_area(grid), 1);
  EXPECT_EQ(small->areas()[1].parent, 0);
  EXPECT_EQ(small->find_area(std::string(41, 'a')), -1);
}

TEST(RulesetLoad, KeywordsAreNormalisedAtLoad) {
  // Traditional, full-width, upper case and a run of white space.
  const auto rs = load(with_when(R"({"text": {"any": ["噪聲擾民", "ＰＭ２．５", "Wi-Fi  信號"],
                                             "none": ["噪声扰民"]}})"));
  std::vector<std::string> patterns;
  for (std::uint32_t i = 0; i < rs->index().automaton.size(); ++i)
    patterns.emplace_back(rs->index().automaton.pattern(i));
  std::sort(patterns.begin(), patterns.end());
  // "噪聲擾民" and "噪声扰民" are the same keyword once normalised.
  EXPECT_EQ(patterns, (std::vector<std::string>{"pm2.5", "wi-fi 信号", "噪声扰民"}));
  EXPECT_EQ(rs->keyword_count(), 3u);
}

TEST(RulesetLoad, HitPolicy) {
  EXPECT_EQ(load(doc(""))->policy(), minhu::hit_policy::first);
  EXPECT_EQ(load(doc(R"("hit_policy": "first")"))->policy(), minhu::hit_policy::first);
  EXPECT_EQ(load(doc(R"("hit_policy": "priority")"))->policy(), minhu::hit_policy::priority);
  EXPECT_EQ(load(doc(R"("hit_policy": "collect")"))->policy(), minhu::hit_policy::collect);
  EXPECT_EQ(minhu::to_string(minhu::hit_policy::collect), "collect");
}

TEST(RulesetLoad, DisabledRulesAreDropped) {
  const auto rs = load(doc(R"("rules": [
      {"id": "a", "category": "env", "when": {"text": {"any": ["噪音"]}}},
      {"id": "off", "category": "env", "enabled": false, "when": {"text": {"any": ["施工"]}}},
      {"id": "b", "category": "urban", "enabled": true, "when": {"text": {"any": ["路灯"]}}}])"));
  ASSERT_EQ(rs->rules().size(), 2u);
  EXPECT_EQ(rs->rules()[0].id, "a");
  EXPECT_EQ(rs->rules()[1].id, "b");
  EXPECT_EQ(rs->rules()[1].file_index, 2u);  // its position in the file, not in rules()
  EXPECT_EQ(rs->find_rule("off"), -1);
  EXPECT_EQ(rs->find_rule("b"), 1);
}

TEST(RulesetLoad, RuleFieldsAndEvaluationOrder) {
  const auto rs = load(doc(R"("rules": [
      {"id": "low", "category": "env", "when": {"text": {"any": ["噪音"]}}},
      {"id": "high", "category": "env.noise", "priority": 10, "urgency": "urgent",
       "tags": ["夜间", "施工"], "weight": 2.5, "confidence": 0.75, "description": "说明",
       "when": {"all": [{"text": {"all": ["施工", "夜间"]}}, {"channel": ["hotline", "app"]},
                        {"field": "age", "gte": 60, "lte": 120},
                        {"not": {"regex": {"pattern": "已[经]?解决", "in": "text"}}}]}},
      {"id": "mid", "category": "urban", "priority": 5, "urgency": "critical",
       "when": {"any": [{"field": "alarm", "eq": true}, {"text": {"any": ["路灯"]}}]}}])"));
  ASSERT_EQ(rs->rules().size(), 3u);
  const auto& high = rs->rules()[1];
  EXPECT_EQ(high.id, "high");
  EXPECT_EQ(high.priority, 10);
  EXPECT_EQ(high.urgency, minhu::urgency::urgent);
  EXPECT_EQ(high.tags, (std::vector<std::string>{"夜间", "施工"}));
  EXPECT_DOUBLE_EQ(high.weight, 2.5);
  EXPECT_DOUBLE_EQ(high.confidence, 0.75);
  EXPECT_EQ(high.description, "说明");
  EXPECT_EQ(rs->rules()[0].priority, 0);
  EXPECT_EQ(rs->rules()[0].urgency, minhu::urgency::normal);
  EXPECT_DOUBLE_EQ(rs->rules()[0].weight, 1.0);
  EXPECT_DOUBLE_EQ(rs->rules()[0].confidence, 1.0);
  // Priority high first, then file order.
  EXPECT_EQ(rs->index().order, (std::vector<std::uint32_t>{1, 2, 0}));
  EXPECT_EQ(rs->index().rank, (std::vector<std::uint32_t>{2, 0, 1}));
  // One regex compiled; "mid" can hold without any keyword (a field test), so it is "always".
  ASSERT_EQ(rs->index().regexes.size(), 1u);
  EXPECT_EQ(rs->index().regexes[0].pattern, "已[经]?解决");
  EXPECT_EQ(rs->index().regexes[0].scope, minhu::field_scope::text);
  EXPECT_EQ(rs->index().always_count, 1u);
  ASSERT_EQ(rs->index().fields.size(), 2u);
  EXPECT_EQ(rs->index().fields[0].name, "age");
  EXPECT_EQ(rs->index().fields[0].gte, 60.0);
  EXPECT_EQ(rs->index().fields[0].lte, 120.0);
  EXPECT_EQ(rs->keyword_count(), 4u);  // 噪音 施工 夜间 路灯
}

TEST(RulesetLoad, CalendarsSlaUnitsLinksRouting) {
  const auto rs = load(doc(R"(
    "calendars": [{"id": "cn", "utc_offset": "-05:30", "workweek": [1, 2, 3, 4, 5, 6],
                   "hours": [["08:30", "12:00"], ["13:00", "24:00"]],
                   "holidays": ["2026-01-01", {"from": "2026-02-15", "to": "2026-02-23",
                                               "name": "春节"}],
                   "workdays": ["2026-02-14"]}],
    "sla_policies": [{"id": "std", "calendar": "cn", "acknowledge": "30m", "respond": "1d4h",
                      "resolve": "5d", "warning": 0.75,
                      "urgency": {"critical": {"resolve": "2h", "time": "calendar"}},
                      "escalation": [{"after": "0m", "to": "parent"},
                                     {"after": "1d", "to": "ccc"}]}],
    "areas": [{"id": "street-a", "kind": "street", "name": "东街街道"},
              {"id": "grid-a-1", "kind": "grid", "name": "一网格", "parent": "street-a",
               "aliases": ["东街一网格"],
               "polygon": [[[113.0, 28.2], [113.1, 28.2], [113.1, 28.3], [113.0, 28.2]]]}],
    "units": [{"id": "ccc", "kind": "command_center", "name": "指挥中心"},
              {"id": "street-a", "kind": "street", "name": "东街街道办", "parent": "ccc",
               "serves": ["*"], "areas": ["street-a"], "capacity": 40},
              {"id": "dept-env", "kind": "department", "name": "生态环境局", "parent": "ccc",
               "serves": ["env.*"]}],
    "links": [{"type": "summons", "from": "street-a", "to": "dept-env", "categories": ["env.*"]}],
    "routing": {"tiers": {"small": [], "medium": ["grid", "street"], "big": ["department"]},
                "command_center": "ccc", "max_returns": 2})"));
  ASSERT_EQ(rs->calendars().size(), 1u);
  const auto& cal = rs->calendars()[0];
  EXPECT_EQ(cal.utc_offset_minutes, -(5 * 60 + 30));
  EXPECT_EQ(cal.workweek, (std::vector<int>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(cal.hours, (std::vector<std::pair<int, int>>{{510, 720}, {780, 1440}}));
  ASSERT_EQ(cal.holidays.size(), 2u);
  EXPECT_EQ(cal.holidays[0].from, "2026-01-01");
  EXPECT_EQ(cal.holidays[0].to, "2026-01-01");
  EXPECT_EQ(cal.holidays[1].to, "2026-02-23");
  EXPECT_EQ(cal.holidays[1].name, "春节");
  EXPECT_EQ(cal.workdays, std::vector<std::string>{"2026-02-14"});

  ASSERT_EQ(rs->sla_policies().size(), 1u);
  const auto& pol = rs->sla_policies()[0];
  EXPECT_EQ(pol.calendar, "cn");
  EXPECT_EQ(pol.time, minhu::time_basis::working);
  EXPECT_EQ(pol.targets.acknowledge, (minhu::duration{0, 0, 30}));
  EXPECT_EQ(pol.targets.respond, (minhu::duration{1, 4, 0}));
  EXPECT_EQ(pol.targets.resolve, (minhu::duration{5, 0, 0}));
  EXPECT_DOUBLE_EQ(pol.warning, 0.75);
  EXPECT_FALSE(pol.by_urgency[std::size_t(minhu::urgency::urgent)].has_value());
  const auto& crit = pol.by_urgency[std::size_t(minhu::urgency::critical)];
  ASSERT_TRUE(crit.has_value());
  EXPECT_EQ(crit->resolve, (minhu::duration{0, 2, 0}));
  EXPECT_EQ(crit->time, minhu::time_basis::calendar);
  ASSERT_EQ(pol.escalation.size(), 2u);
  EXPECT_EQ(pol.escalation[1].after, (minhu::duration{1, 0, 0}));
  EXPECT_EQ(pol.escalation[1].to, "ccc");

  const auto& grid = rs->areas()[std::size_t(rs->find_area("grid-a-1"))];
  EXPECT_EQ(grid.aliases, std::vector<std::string>{"东街一网格"});
  ASSERT_EQ(grid.polygon.size(), 1u);
  EXPECT_EQ(grid.polygon[0].size(), 4u);
  EXPECT_EQ(grid.polygon[0][1], (minhu::area_def::point{113.1, 28.2}));

  ASSERT_EQ(rs->units().size(), 3u);
  EXPECT_EQ(rs->units()[0].kind, minhu::unit_kind::command_center);
  EXPECT_EQ(rs->units()[0].capacity, 10);  // default
  EXPECT_EQ(rs->units()[1].capacity, 40);
  EXPECT_EQ(rs->units()[1].parent, "ccc");
  EXPECT_EQ(rs->units()[2].serves, std::vector<std::string>{"env.*"});
  ASSERT_EQ(rs->links().size(), 1u);
  EXPECT_EQ(rs->links()[0].type, minhu::link_type::summons);
  EXPECT_EQ(rs->links()[0].to, "dept-env");

  const auto& r = rs->routing();
  EXPECT_TRUE(r.tiers[0].empty());
  EXPECT_EQ(r.tiers[1],
            (std::vector<minhu::unit_kind>{minhu::unit_kind::grid, minhu::unit_kind::street}));
  EXPECT_EQ(r.command_center, "ccc");
  EXPECT_EQ(r.triage_unit, "ccc");  // defaults to the command centre
  EXPECT_EQ(r.max_returns, 2);
  EXPECT_FALSE(rs->model().has_value());
}

TEST(RulesetLoad, PolygonProblems) {
  EXPECT_TRUE(rejected_with(doc(R"("areas": [{"id": "g", "kind": "grid", "name": "网格",
      "polygon": [[[113.0, 28.2], [113.1, 28.2], [113.1, 28.3], [113.0, 28.3]],
                  [[0, 0], [1, 0], [200, 1], [0, 0]],
                  [[0, 0], [1, 1]]]}])"),
                            {{"/areas/0/polygon/0", "ring is not closed"},
                             {"/areas/0/polygon/1/2", "coordinate out of range"},
                             {"/areas/0/polygon/2", "a ring needs at least 4"}}));
}

TEST(RulesetFile, DemoCityLoads) {
  const std::string path = std::string(MINHU_SOURCE_DIR) + "/rulesets/demo-city.json";
  const auto problems = ruleset::check_file(path);
  EXPECT_TRUE(problems.empty()) << dump(problems);
  std::shared_ptr<const ruleset> rs;
  ASSERT_NO_THROW(rs = ruleset::load_file(path));
  EXPECT_EQ(rs->id(), "demo-city");
  EXPECT_EQ(rs->source(), path);
  EXPECT_FALSE(rs->categories().empty());
  EXPECT_FALSE(rs->rules().empty());
  EXPECT_GT(rs->keyword_count(), 0u);
  // Every rule points at a real category, and every category path starts at a root.
  for (const auto& r : rs->rules()) {
    ASSERT_LT(r.category, rs->categories().size());
    const auto path_ids = rs->category_path(r.category);
    ASSERT_FALSE(path_ids.empty());
    EXPECT_EQ(rs->categories()[std::size_t(rs->find_category(path_ids.front()))].parent, -1);
    EXPECT_EQ(path_ids.back(), rs->categories()[r.category].id);
  }
}

TEST(RulesetFile, MissingFile) {
  const std::string path = "/nonexistent/minhu/ruleset.json";
  try {
    ruleset::load_file(path);
    FAIL() << "load_file accepted a missing file";
  } catch (const minhu::ruleset_error& e) {
    FAIL() << "a missing file is an io error, not an invalid ruleset: " << e.what();
  } catch (const minhu::error& e) {
    EXPECT_EQ(e.code(), minhu::errc::io);
    EXPECT_EQ(std::string(e.what()).rfind("[minhu.io] ", 0), 0u) << e.what();
    EXPECT_NE(e.message().find(path), std::string::npos) << e.message();
  }
  const auto ps = ruleset::check_file(path);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].pointer, "");
  EXPECT_NE(ps[0].message.find("cannot read ruleset file"), std::string::npos) << ps[0].message;
  EXPECT_NE(ps[0].message.find(path), std::string::npos);
}

TEST(RulesetFile, ProblemToString) {
  EXPECT_EQ((problem{"", "x"}).to_string(), "/: x");
  EXPECT_EQ((problem{"/rules/0", "y"}).to_string(), "/rules/0: y");
}

}  // namespace
