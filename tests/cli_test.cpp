// The `minhu` command line, end to end: the built binary (MINHU_CLI) run through the shell on
// temporary files. Most tests use a small ruleset written here, so they do not depend on the
// demo content.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace {

using nlohmann::json;

constexpr const char* kRuleset = R"({
  "format_version": 1, "id": "cli-mini", "version": "7",
  "taxonomy": [
    {"id": "env", "name": "环境"},
    {"id": "env.noise", "name": "噪声扰民", "parent": "env"},
    {"id": "urban", "name": "城市管理"},
    {"id": "urban.light", "name": "路灯损坏", "parent": "urban"},
    {"id": "civil", "name": "民政"},
    {"id": "civil.elderly", "name": "独居老人关怀", "parent": "civil"}],
  "rules": [
    {"id": "elderly.sensor", "category": "civil.elderly", "priority": 50, "urgency": "critical",
     "when": {"all": [{"channel": "sensor"}, {"field": "age", "gte": 60},
                      {"field": "alone", "eq": true}]}},
    {"id": "noise.construction", "category": "env.noise", "priority": 10, "urgency": "urgent",
     "tags": ["施工噪声"], "when": {"text": {"all": ["施工", "噪声"]}}},
    {"id": "light.broken", "category": "urban.light", "tags": ["路灯"],
     "when": {"all": [{"text": {"any": ["路灯"]}}, {"regex": "不亮|坏了"}]}}]
})";

// Three problems in three places.
constexpr const char* kBrokenRuleset = R"({
  "format_version": 1, "id": "broken", "version": "1", "rule": [],
  "taxonomy": [{"id": "env", "name": "环境"}, {"id": "env.noise", "name": "噪声", "parent": "enviro"}],
  "rules": [{"id": "r1", "category": "env", "when": {"all": [{"text": {"any": ["噪声"]}},
                                                             {"regex": "("}]}}]
})";

using minhu_test::contains;
using minhu_test::lines_of;
using minhu_test::read;
using minhu_test::result;
using minhu_test::write;

class Cli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/minhu_cli_test.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    write(dir_ + "/rs.json", kRuleset);
    write(dir_ + "/broken.json", kBrokenRuleset);
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  static std::string path(const std::string& name) { return dir_ + "/" + name; }
  static std::string ruleset() { return path("rs.json"); }

  // Runs `minhu ARGS` (each argument quoted), optionally with stdin from a file.
  static result run(const std::vector<std::string>& args, const std::string& stdin_path = "") {
    return minhu_test::run_program(MINHU_CLI, args, dir_, stdin_path);
  }

  static std::string dir_;
};
std::string Cli::dir_;

// ---------------------------------------------------------------------------------------------
// Usage

TEST_F(Cli, HelpForEveryCommand) {
  for (const char* flag : {"--help", "-h", "help"}) {
    const auto r = run({flag});
    EXPECT_EQ(r.status, 0) << flag;
    EXPECT_TRUE(contains(r.out, "usage: minhu <command> [options]")) << r.out;
    EXPECT_TRUE(contains(r.out, "validate RULESET")) << r.out;
  }
  const std::vector<std::pair<std::string, std::string>> commands = {
      {"validate", "usage: minhu validate RULESET..."},
      {"classify", "usage: minhu classify -r RULESET"},
      {"explain", "usage: minhu explain -r RULESET"}};
  for (const auto& [cmd, usage] : commands) {
    for (const char* flag : {"--help", "-h"}) {
      const auto r = run({cmd, flag});
      EXPECT_EQ(r.status, 0) << cmd << " " << flag << ": " << r.err;
      EXPECT_TRUE(contains(r.out, usage)) << cmd << ": " << r.out;
      EXPECT_EQ(r.err, "");
    }
  }
  // Options of classify and explain are documented.
  EXPECT_TRUE(contains(run({"classify", "--help"}).out, "--summary"));
  EXPECT_TRUE(contains(run({"explain", "--help"}).out, "--attr NAME=VALUE"));
}

TEST_F(Cli, Version) {
  const auto r = run({"--version"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("minhu ", 0), 0u) << r.out;
}

TEST_F(Cli, NoCommandIsAUsageError) {
  const auto r = run({});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.out + r.err, "usage: minhu <command>"));
}

TEST_F(Cli, UnknownCommand) {
  const auto r = run({"frobnicate", "x"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "unknown command \"frobnicate\"")) << r.err;
  EXPECT_TRUE(contains(r.err, "usage: minhu <command>")) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(Cli, UsageErrorsExitTwo) {
  struct usage_case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<usage_case> cases = {
      {{"validate", "--frob", ruleset()}, "unknown option --frob"},
      {{"classify", "-r", ruleset(), "--frob"}, "unknown option --frob"},
      {{"explain", "-r", ruleset(), "--text", "x", "-x"}, "unknown option -x"},
      {{"validate"}, "validate needs at least one RULESET"},
      {{"classify"}, "classify needs -r RULESET"},
      {{"classify", "-r"}, "option --ruleset needs a value"},
      {{"classify", "-r", ruleset(), "a.jsonl", "b.jsonl"}, "at most one input file"},
      {{"classify", "-r", ruleset(), "--format", "xml"}, "--format must be jsonl or table"},
      {{"explain", "-r", ruleset()}, "explain needs --text TEXT or --json PETITION"},
      {{"explain", "--text", "x"}, "explain needs -r RULESET"},
      {{"explain", "-r", ruleset(), "--text", "x", "--attr", "age"}, "--attr expects NAME=VALUE"},
      {{"explain", "-r", ruleset(), "--text", "x", "stray"}, "unexpected argument stray"},
  };
  for (const auto& c : cases) {
    const auto r = run(c.args);
    std::string cmdline;
    for (const auto& a : c.args) cmdline += a + " ";
    EXPECT_EQ(r.status, 2) << cmdline << "\n" << r.err;
    EXPECT_TRUE(contains(r.err, c.message)) << cmdline << "\n" << r.err;
    EXPECT_TRUE(contains(r.err, "--help")) << "points at the help: " << r.err;
  }
}

// ---------------------------------------------------------------------------------------------
// validate

TEST_F(Cli, ValidateGoodRuleset) {
  const auto r = run({"validate", ruleset()});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, ruleset() + ": ok")) << r.out;
  EXPECT_TRUE(contains(r.out, "cli-mini 7: 6 categories, 3 rules, 3 keywords, 1 regexes")) << r.out;
  EXPECT_TRUE(contains(r.out, "hit policy first")) << r.out;
}

TEST_F(Cli, ValidateBrokenRulesetPrintsEveryProblem) {
  const std::string broken = path("broken.json");
  const auto r = run({"validate", broken});
  EXPECT_EQ(r.status, 1);
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 4u) << r.out;
  EXPECT_EQ(lines[0], broken + ": /rule: unknown field \"rule\" (did you mean \"rules\"?)");
  EXPECT_EQ(lines[1], broken + ": /taxonomy/1/parent: unknown category \"enviro\"");
  EXPECT_EQ(lines[2].rfind(broken + ": /rules/0/when/all/1/regex: RE2 rejects \"(\": missing )", 0),
            0u)
      << lines[2];
  EXPECT_EQ(lines[3], broken + ": 3 problems");
}

TEST_F(Cli, ValidateSeveralFiles) {
  const auto r = run({"validate", ruleset(), path("broken.json"), path("missing.json")});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.out, ruleset() + ": ok")) << r.out;
  EXPECT_TRUE(contains(r.out, path("broken.json") + ": 3 problems")) << r.out;
  EXPECT_TRUE(contains(r.out, path("missing.json") + ": /: cannot read ruleset file")) << r.out;
  EXPECT_TRUE(contains(r.out, path("missing.json") + ": 1 problem\n")) << r.out;
}

TEST_F(Cli, ValidateDemoCity) {
  const std::string demo = std::string(MINHU_SOURCE_DIR) + "/rulesets/demo-city.json";
  const auto r = run({"validate", demo});
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(contains(r.out, demo + ": ok — demo-city")) << r.out;
}

// ---------------------------------------------------------------------------------------------
// classify

TEST_F(Cli, ClassifyRejectsABrokenRulesetOrAMissingFile) {
  write(path("one.jsonl"), R"({"id": "a", "text": "路灯坏了"})"
                           "\n");
  auto r = run({"classify", "-r", path("broken.json"), path("one.jsonl")});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(contains(r.err, "minhu: /taxonomy/1/parent: unknown category \"enviro\"")) << r.err;
  EXPECT_TRUE(contains(r.err, "ruleset rejected (3 problems)")) << r.err;

  r = run({"classify", "-r", path("nope.json"), path("one.jsonl")});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "[minhu.io] cannot read ruleset file")) << r.err;

  r = run({"classify", "-r", ruleset(), path("nope.jsonl")});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "cannot read input file")) << r.err;
}

// One good or bad petition per physical line; "" is an empty line (skipped).
const std::vector<std::string>& mixed_lines() {
  static const std::vector<std::string> lines = {
      R"({"id": "a1", "text": "夜間施工，噪聲擾民"})",              // 1 good
      R"({"id": "b2", "text": )",                                   // 2 malformed JSON
      "{\"id\": \"c3\", \"text\": \"\xe8\xb7\xaf\xff\xfe\"}",       // 3 invalid UTF-8
      "",                                                           // 4 empty: skipped
      R"({"text": "路灯坏了"})",                                    // 5 missing id
      R"({"id": "e5"})",                                            // 6 missing text
      R"({"id": "f6", "text": 42})",                                // 7 text as number
      R"({"id": "g7", "text": "路灯坏了", "attributes": [1, 2]})",  // 8 attributes as array
      R"({"id": "h8", "text": "今天天气不错"})",                    // 9 good: triage
      "   \t",                                                      // 10 blank: skipped
      R"({"id": 9, "text": "路燈壞了", "channel": "hotline"})",     // 11 good, integer id
      R"({"id": "k10", "text": "x", "lat": 1e400, "lon": 1})",      // 12 number out of range
      "{\"id\": \"m11\", \"text\": \"路灯不亮\"}\r",                // 13 good, CRLF
      R"({"id": "n12", "txt": "路灯坏了", "text": ""})",            // 14 unknown field
      R"({"id": "p13", "text": "家里没人", "channel": "sensor", "attributes": {"age": 81, "alone": true}})",  // 15 good
  };
  return lines;
}

std::string mixed_input() {
  std::string s;
  for (const auto& l : mixed_lines()) s += l + "\n";
  return s;
}

// Checks the output of classifying mixed_input(): one record per non-empty line, in order.
void expect_mixed_output(const std::string& out) {
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 13u) << out;  // 15 lines, 2 of them blank
  std::vector<json> rec;
  for (const auto& l : lines) {
    ASSERT_NO_THROW(rec.push_back(json::parse(l))) << l;
  }
  auto expect_error = [&](std::size_t i, int line, const std::string& fragment) {
    SCOPED_TRACE("record " + std::to_string(i));
    ASSERT_TRUE(rec[i].contains("error")) << rec[i].dump();
    EXPECT_EQ(rec[i].at("line"), line);
    EXPECT_TRUE(contains(rec[i].at("error").get<std::string>(), fragment)) << rec[i].dump();
    EXPECT_FALSE(rec[i].contains("category"));
  };
  auto expect_ok = [&](std::size_t i, const std::string& id, const json& category) {
    SCOPED_TRACE("record " + std::to_string(i));
    ASSERT_FALSE(rec[i].contains("error")) << rec[i].dump();
    EXPECT_EQ(rec[i].at("id"), id);
    EXPECT_EQ(rec[i].at("category"), category);
  };
  expect_ok(0, "a1", "env.noise");
  EXPECT_EQ(rec[0].at("urgency"), "urgent");
  EXPECT_EQ(rec[0].at("rules"), json::array({"noise.construction"}));
  expect_error(1, 2, "malformed JSON");
  expect_error(2, 3, "malformed JSON");
  expect_error(3, 5, "id: missing");
  expect_error(4, 6, "text: missing");
  expect_error(5, 7, "text: expected a string, found a number");
  expect_error(6, 8, "attributes: expected an object, found an array");
  expect_ok(7, "h8", nullptr);
  EXPECT_EQ(rec[7].at("decided_by"), "triage");
  expect_ok(8, "9", "urban.light");
  EXPECT_EQ(rec[8].at("spans")[0].at("text"), "路燈");
  expect_error(9, 12, "malformed JSON");
  expect_ok(10, "m11", "urban.light");
  expect_error(11, 14, "txt: unknown field");
  expect_ok(12, "p13", "civil.elderly");
  EXPECT_EQ(rec[12].at("urgency"), "critical");
}

TEST_F(Cli, ClassifyMixedGoodAndBadLines) {
  write(path("mixed.jsonl"), mixed_input());
  const auto r = run({"classify", "-r", ruleset(), path("mixed.jsonl")});
  EXPECT_EQ(r.status, 1) << "some lines failed";
  expect_mixed_output(r.out);
  EXPECT_EQ(r.err, "");
}

TEST_F(Cli, ClassifyFromStdin) {
  write(path("mixed.jsonl"), mixed_input());
  auto r = run({"classify", "-r", ruleset(), "-"}, path("mixed.jsonl"));
  EXPECT_EQ(r.status, 1);
  expect_mixed_output(r.out);
  // No input argument at all also means stdin.
  const auto file = run({"classify", "-r", ruleset(), path("mixed.jsonl")});
  r = run({"classify", "--ruleset", ruleset()}, path("mixed.jsonl"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, file.out);
}

TEST_F(Cli, ClassifyAllGoodExitsZero) {
  write(path("good.jsonl"), R"({"id": "a", "text": "路灯坏了"})"
                            "\n\n"
                            R"({"id": "b", "title": "施工", "text": "噪声太大"})"
                            "\n"
                            R"({"id": "c", "text": "咨询社保"})");  // no final newline
  const auto r = run({"classify", "-r", ruleset(), path("good.jsonl")});
  EXPECT_EQ(r.status, 0) << r.out;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(json::parse(lines[0]).at("category"), "urban.light");
  EXPECT_EQ(json::parse(lines[1]).at("category"), "env.noise");
  EXPECT_EQ(json::parse(lines[1]).at("spans")[0].at("field"), "title");
  EXPECT_EQ(json::parse(lines[2]).at("decided_by"), "triage");
}

TEST_F(Cli, ClassifyEmptyInput) {
  write(path("empty.jsonl"), "");
  const auto r = run({"classify", "-r", ruleset(), path("empty.jsonl")});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "");
}

TEST_F(Cli, ClassifyLenientAcceptsUnknownFields) {
  write(path("extra.jsonl"), R"({"id": "x", "text": "路灯坏了", "source": "wechat-bot"})"
                             "\n");
  auto r = run({"classify", "-r", ruleset(), path("extra.jsonl")});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(json::parse(r.out).at("error"), "source: unknown field");
  r = run({"classify", "-r", ruleset(), "--lenient", path("extra.jsonl")});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(json::parse(r.out).at("category"), "urban.light");
}

TEST_F(Cli, ClassifyToOutputFile) {
  write(path("mixed.jsonl"), mixed_input());
  const std::string out = path("out.jsonl");
  auto r = run({"classify", "-r", ruleset(), "-o", out, path("mixed.jsonl")});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  expect_mixed_output(read(out));
  // --output=FILE form, overwriting.
  r = run({"classify", "-r", ruleset(), "--output=" + out, path("mixed.jsonl")});
  EXPECT_EQ(r.status, 1);
  expect_mixed_output(read(out));
  // An unwritable output is an error, not a silent success.
  r = run({"classify", "-r", ruleset(), "-o", path("no/such/dir/out.jsonl"), path("mixed.jsonl")});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "cannot write output file")) << r.err;
}

TEST_F(Cli, ClassifyReportsWriteErrors) {
  if (access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no /dev/full";
  write(path("good.jsonl"), R"({"id": "a", "text": "路灯坏了"})"
                            "\n");
  auto r = run({"classify", "-r", ruleset(), "-o", "/dev/full", path("good.jsonl")});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "cannot write results")) << r.err;
}

TEST_F(Cli, ClassifyTableFormat) {
  write(path("mixed.jsonl"), mixed_input());
  const auto r = run({"classify", "-r", ruleset(), "--format", "table", path("mixed.jsonl")});
  EXPECT_EQ(r.status, 1);
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 13u) << r.out;
  // id, decided_by, category + name, deciding rule, urgency, (clipped) text.
  EXPECT_EQ(lines[0],
            "a1\trule\tenv.noise 噪声扰民\tnoise.construction\turgent\t夜間施工，噪聲擾民");
  EXPECT_EQ(lines[7], "h8\ttriage\ttriage\t-\tnormal\t今天天气不错");
  EXPECT_EQ(lines[8].rfind("9\trule\turban.light 路灯损坏\tlight.broken\tnormal\t", 0), 0u)
      << lines[8];
  // Bad lines are still reported as JSON error records.
  EXPECT_EQ(json::parse(lines[1]).at("line"), 2);
}

TEST_F(Cli, ClassifyTableClipsLongText) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "路";
  write(path("long.jsonl"), R"({"id": "l", "text": ")" + text + "\"}\n" +
                                R"({"id": "n", "text": "路灯坏了\n第二行"})" + "\n");
  const auto r = run({"classify", "-r", ruleset(), "--format=table", path("long.jsonl")});
  EXPECT_EQ(r.status, 0);
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;  // the newline inside the text is not printed raw
  std::string clipped;
  for (int i = 0; i < 28; ++i) clipped += "路";
  EXPECT_EQ(lines[0], "l\ttriage\ttriage\t-\tnormal\t" + clipped + "…");
  EXPECT_EQ(lines[1], "n\trule\turban.light 路灯损坏\tlight.broken\tnormal\t路灯坏了 第二行");
}

TEST_F(Cli, ClassifySummary) {
  write(path("mixed.jsonl"), mixed_input());
  auto r = run({"classify", "-r", ruleset(), "--summary", path("mixed.jsonl")});
  EXPECT_EQ(r.status, 1);
  expect_mixed_output(r.out);  // stdout unchanged
  EXPECT_TRUE(contains(r.err, "== summary ==")) << r.err;
  EXPECT_TRUE(contains(r.err, "petitions: 5 classified, 8 bad lines")) << r.err;
  EXPECT_TRUE(contains(r.err, "decided by rule")) << r.err;
  EXPECT_TRUE(contains(r.err, "decided by triage")) << r.err;
  EXPECT_TRUE(contains(r.err, "top categories:")) << r.err;
  EXPECT_TRUE(contains(r.err, "2  urban.light 路灯损坏")) << r.err;
  EXPECT_TRUE(contains(r.err, "top deciding rules:")) << r.err;
  EXPECT_TRUE(contains(r.err, "2  light.broken")) << r.err;
  // Without --summary, stderr stays quiet.
  r = run({"classify", "-r", ruleset(), path("mixed.jsonl")});
  EXPECT_EQ(r.err, "");
}

TEST_F(Cli, ClassifyATenMegabyteLine) {
  // ~10,000,000 bytes of Chinese text full of keywords on one line, then a normal line.
  const std::string unit = "小区旁边工地夜间施工噪声很大，路灯也坏了，";
  std::string text;
  text.reserve(10'000'000 + unit.size());
  while (text.size() < 10'000'000) text += unit;
  write(path("huge.jsonl"), R"({"id": "huge", "text": ")" + text + "\"}\n" +
                                R"({"id": "after", "text": "路灯不亮"})" + "\n");
  const auto r = run({"classify", "-r", ruleset(), path("huge.jsonl")});
  EXPECT_EQ(r.status, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u);
  const json j = json::parse(lines[0]);
  EXPECT_EQ(j.at("id"), "huge");
  EXPECT_EQ(j.at("category"), "env.noise");
  // Classified on its first 64 KiB (limits::text_bytes), flagged; evidence is capped too and
  // the cap is reported because far more matches existed.
  EXPECT_LE(j.at("spans").size(), 256u);
  ASSERT_TRUE(j.contains("flags")) << "thousands of matches, 256 spans kept";
  EXPECT_EQ(j.at("flags"), json::array({"spans_truncated", "text_truncated"}));
  for (const auto& s : j.at("spans")) {
    const auto b = s.at("begin").get<std::size_t>(), e = s.at("end").get<std::size_t>();
    ASSERT_LE(e, text.size());
    EXPECT_EQ(s.at("text").get<std::string>(), text.substr(b, e - b));
  }
  EXPECT_EQ(json::parse(lines[1]).at("id"), "after");
}

TEST_F(Cli, ALineOverTheLimitIsAnErrorRecordAndTheNextLineIsRead) {
  const std::string text(16 * 1024 * 1024, 'a');  // with the JSON around it: over 16 MiB
  write(path("over.jsonl"), R"({"id": "over", "text": ")" + text + "\"}\n" +
                                R"({"id": "after", "text": "路灯不亮"})" + "\n");
  const auto r = run({"classify", "-r", ruleset(), path("over.jsonl")});
  EXPECT_EQ(r.status, 1) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u);
  const json bad = json::parse(lines[0]);
  EXPECT_EQ(bad.at("line"), 1);
  EXPECT_NE(bad.at("error").get<std::string>().find("longer than 16777216 bytes"),
            std::string::npos)
      << lines[0];
  EXPECT_EQ(json::parse(lines[1]).at("id"), "after");
}

// ---------------------------------------------------------------------------------------------
// explain

TEST_F(Cli, ExplainShowsNormalisedTextAndDecision) {
  const auto r = run({"explain", "-r", ruleset(), "--text", "夜間施工　噪聲ＡＢＣ"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "normalised: 夜间施工 噪声abc\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "keywords found: 施工@6-12 噪声@15-21")) << r.out;
  EXPECT_TRUE(contains(r.out, "decision: env.noise 噪声扰民 — by rule noise.construction"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "✓ noise.construction → env.noise")) << r.out;
}

TEST_F(Cli, ExplainWithChannelAndAttributes) {
  auto r = run({"explain", "-r", ruleset(), "--text", "家里没人", "--channel", "sensor", "--attr",
                "age=72", "--attr", "alone=true"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "normalised: 家里没人")) << r.out;
  EXPECT_TRUE(contains(r.out, "decision: civil.elderly 独居老人关怀 — by rule elderly.sensor"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "urgency critical")) << r.out;
  EXPECT_TRUE(contains(r.out, "✓ channel in [sensor] (petition: sensor)")) << r.out;
  EXPECT_TRUE(contains(r.out, "✓ field age >= 60 (petition: 72)")) << r.out;
  EXPECT_TRUE(contains(r.out, "✓ field alone eq true (petition: true)")) << r.out;

  // Without the channel the same petition goes to triage.
  r = run({"explain", "-r", ruleset(), "--text", "家里没人", "--attr", "age=72", "--attr",
           "alone=true"});
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(contains(r.out, "decision: triage")) << r.out;
  EXPECT_TRUE(contains(r.out, "✗ channel in [sensor] (petition: none)")) << r.out;

  // Attribute values are typed: numbers and booleans as such, anything else as text (strtod's
  // "nan" and "inf" are words, not numbers).
  r = run({"explain", "-r", ruleset(), "--text", "x", "--channel=sensor", "--attr", "age=nan",
           "--attr", "alone=yes"});
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(contains(r.out, "field age >= 60 (petition: \"nan\")")) << r.out;
  EXPECT_TRUE(contains(r.out, "field alone eq true (petition: \"yes\")")) << r.out;
  EXPECT_TRUE(contains(r.out, "decision: triage")) << r.out;
}

TEST_F(Cli, ExplainJsonPetition) {
  auto r = run({"explain", "-r", ruleset(), "--json",
                R"({"id": "j1", "title": "路燈", "text": "一直不亮"})"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "petition j1")) << r.out;
  EXPECT_TRUE(contains(r.out, "decision: urban.light 路灯损坏")) << r.out;
  r = run({"explain", "-r", ruleset(), "--json", R"({"id": "j1"})"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "text: missing")) << r.err;
}

// ---------------------------------------------------------------------------------------------
// The shared demo petitions (written alongside the demo ruleset).

TEST_F(Cli, DemoPetitionsYieldOneRecordPerLine) {
  const std::string src = MINHU_SOURCE_DIR;
  const std::string petitions = src + "/examples/petitions/demo.jsonl";
  if (access(petitions.c_str(), R_OK) != 0) GTEST_SKIP() << petitions << " does not exist yet";
  const auto r = run({"classify", "-r", src + "/rulesets/demo-city.json", petitions});
  std::vector<std::string> input;
  for (const auto& l : lines_of(read(petitions)))
    if (l.find_first_not_of(" \t\r") != std::string::npos) input.push_back(l);
  const auto out = lines_of(r.out);
  ASSERT_EQ(out.size(), input.size()) << r.err;
  std::size_t errors = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const json rec = json::parse(out[i]);
    if (rec.contains("error")) {
      ++errors;
      continue;
    }
    // Results come back in input order.
    const json in = json::parse(input[i]);
    const json id = in.at("id");
    EXPECT_EQ(rec.at("id"), id.is_string() ? id.get<std::string>() : id.dump()) << out[i];
    EXPECT_TRUE(rec.at("decided_by") == "rule" || rec.at("decided_by") == "triage") << out[i];
  }
  EXPECT_EQ(r.status, errors ? 1 : 0);
}

TEST_F(Cli, DispatchDemoPetitionsEveryOneGetsAnOwner) {
  const std::string src = MINHU_SOURCE_DIR;
  const std::string petitions = src + "/examples/petitions/demo.jsonl";
  const auto r = run({"dispatch", "-r", src + "/rulesets/demo-city.json", petitions, "--summary"});
  ASSERT_EQ(r.status, 0) << r.err;
  std::size_t n = 0, small = 0, triage_to_ccc = 0, by_gazetteer = 0, summoned = 0;
  for (const auto& line : lines_of(r.out)) {
    const json rec = json::parse(line);
    ++n;
    ASSERT_TRUE(rec.contains("location") && rec.contains("assignment")) << line;
    const json& as = rec["assignment"];
    ASSERT_TRUE(as["lead"].is_string()) << line;  // never without an owner
    EXPECT_FALSE(as["explanation"].empty()) << line;
    if (as["tier"] == "small") ++small;
    if (!as["assisting"].empty()) ++summoned;
    if (rec["decided_by"] == "triage") {
      EXPECT_EQ(as["lead"], "ccc") << line;
      ++triage_to_ccc;
    }
    if (rec["location"]["method"] == "gazetteer") ++by_gazetteer;
  }
  EXPECT_EQ(n, lines_of(read(petitions)).size());
  // The demo exercises every mechanism: compound-level (small loop) owners, triage to the
  // command centre, locations found by area names, and departments summoned by streets.
  EXPECT_GT(small, 0u);
  EXPECT_GT(triage_to_ccc, 0u);
  EXPECT_GT(by_gazetteer, 0u);
  EXPECT_GT(summoned, 0u);
  EXPECT_TRUE(contains(r.err, "by loop tier of the lead unit"));
  EXPECT_TRUE(contains(r.err, "by street / town"));
}

TEST_F(Cli, DispatchTableAndExclude) {
  const std::string src = MINHU_SOURCE_DIR;
  write(path("one.jsonl"),
        R"({"id": "x1", "text": "小区楼道有人飞线充电，很危险", "area": "grid-a-01-1"})"
        "\n");
  const auto r = run({"dispatch", "-r", src + "/rulesets/demo-city.json", path("one.jsonl")});
  ASSERT_EQ(r.status, 0) << r.err;
  const json first = json::parse(r.out);
  const std::string lead = first["assignment"]["lead"];
  const auto r2 = run(
      {"dispatch", "-r", src + "/rulesets/demo-city.json", path("one.jsonl"), "--exclude", lead});
  ASSERT_EQ(r2.status, 0) << r2.err;
  const json second = json::parse(r2.out);
  EXPECT_NE(second["assignment"]["lead"], lead);  // 退回: never the unit that returned it
  const auto t = run(
      {"dispatch", "-r", src + "/rulesets/demo-city.json", path("one.jsonl"), "--format", "table"});
  ASSERT_EQ(t.status, 0);
  EXPECT_TRUE(contains(t.out, "x1\trule\turban.safety.flying_wire_charging"));
}

TEST_F(Cli, ExplainShowsRoutingWhenTheRulesetHasAnOrganisation) {
  const std::string src = MINHU_SOURCE_DIR;
  const auto r = run({"explain", "-r", src + "/rulesets/demo-city.json", "--text",
                      "楼下饭店油烟直排", "--area", "grid-a-01-1"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "routing:"));
  EXPECT_TRUE(contains(r.out, "location: grid-a-01-1"));
  EXPECT_TRUE(contains(r.out, "owner: "));
}

// ---------------------------------------------------------------------------------------------
// Personal data

TEST_F(Cli, PersonalDataIsMaskedUnlessShown) {
  write(path("pii.jsonl"), "{\"id\":\"a\",\"text\":\"噪音扰民 13812345678\"}\n");
  const std::string rs = std::string(MINHU_SOURCE_DIR) + "/rulesets/fixtures/sla.json";
  for (const char* fmt : {"jsonl", "table"}) {
    const auto r = run({"dispatch", "-r", rs, "--format", fmt, path("pii.jsonl")});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(contains(r.out, "13812345678")) << r.out;
  }
  const auto table = run({"dispatch", "-r", rs, "--format", "table", path("pii.jsonl")});
  EXPECT_TRUE(contains(table.out, "138****5678")) << table.out;
  const auto shown =
      run({"dispatch", "-r", rs, "--format", "table", "--show-pii", path("pii.jsonl")});
  EXPECT_TRUE(contains(shown.out, "13812345678")) << shown.out;
  const auto ex = run({"explain", "-r", rs, "--text", "电话13812345678 噪音"});
  EXPECT_EQ(ex.status, 0) << ex.err;
  EXPECT_FALSE(contains(ex.out, "13812345678")) << ex.out;
  EXPECT_TRUE(contains(ex.out, "138****5678")) << ex.out;
  const auto ex_shown = run({"explain", "-r", rs, "--show-pii", "--text", "电话13812345678 噪音"});
  EXPECT_TRUE(contains(ex_shown.out, "13812345678")) << ex_shown.out;
}

// ---------------------------------------------------------------------------------------------
// Benchmark (fields and counts only: never times)

TEST_F(Cli, BenchReportsEveryFieldWithConsistentCounts) {
  const std::string src = MINHU_SOURCE_DIR;
  const std::string petitions = src + "/examples/petitions/demo.jsonl";
  std::size_t lines = 0;
  for (const auto& l : lines_of(read(petitions))) lines += !l.empty();
  const auto r = run({"bench", "-r", src + "/rulesets/demo-city.json", petitions, "--rounds", "2",
                      "--threads", "2", "--compile-runs", "2", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["command"], "bench");
  EXPECT_EQ(j["ruleset"]["id"], "demo-city");
  EXPECT_EQ(j["ruleset"]["keywords"], 3098);
  EXPECT_EQ(j["compile_ms"]["runs"], 2);
  for (const char* k : {"median", "min", "max"}) EXPECT_TRUE(j["compile_ms"][k].is_number()) << k;
  const std::size_t n = j["petitions"]["count"];
  EXPECT_EQ(n, lines);
  EXPECT_EQ(j["petitions"]["bad_lines"], 0);
  EXPECT_EQ(j["mode"]["rounds"], 2);
  EXPECT_TRUE(j["mode"]["seconds"].is_null());
  auto sum = [&](const json& o) {
    std::size_t s = 0;
    for (const auto& [k, v] : o.items()) s += v.get<std::size_t>();
    return s;
  };
  EXPECT_EQ(sum(j["decided_by"]), n);
  EXPECT_EQ(sum(j["location"]), n);
  EXPECT_EQ(sum(j["tier"]), n);
  EXPECT_EQ(sum(j["sla"]), n);
  EXPECT_GT(j["decided_by"]["rule"].get<std::size_t>(), 0u);
  double shares = 0;
  for (const char* k : {"rule", "model", "triage"}) shares += j["shares"][k].get<double>();
  EXPECT_NEAR(shares, 1.0, 1e-3);
  EXPECT_TRUE(j["clock_overhead_ns"].is_number());
  for (const char* run_key : {"single_thread", "multi_thread"}) {
    const json& x = j[run_key];
    ASSERT_TRUE(x.is_object()) << run_key;
    const std::size_t threads = x["threads"];
    EXPECT_EQ(threads, run_key == std::string("single_thread") ? 1u : 2u);
    // Every thread makes two passes in each phase.
    EXPECT_EQ(x["petitions"].get<std::size_t>(), 2 * n * threads) << run_key;
    EXPECT_EQ(x["latency"]["samples"].get<std::size_t>(), 2 * n * threads) << run_key;
    for (const char* k : {"seconds", "petitions_per_s", "petitions_per_s_per_thread"})
      EXPECT_TRUE(x[k].is_number()) << run_key << " " << k;
    for (const char* k :
         {"seconds", "petitions_per_s", "p50_ns", "p90_ns", "p99_ns", "max_ns", "mean_ns"})
      EXPECT_TRUE(x["latency"][k].is_number()) << run_key << " latency " << k;
    EXPECT_LE(x["latency"]["p50_ns"].get<double>(), x["latency"]["p99_ns"].get<double>());
    EXPECT_LE(x["latency"]["p99_ns"].get<double>(), x["latency"]["max_ns"].get<double>());
  }
  EXPECT_TRUE(j["scaling"].is_number());
  EXPECT_TRUE(j["peak_rss_mb"].is_number());
  EXPECT_TRUE(j["rss_after_load_mb"].is_number());
  EXPECT_TRUE(j["checksum"].is_number());

  // The table, one thread only; usage errors.
  const auto t = run({"bench", "-r", src + "/rulesets/demo-city.json", petitions, "--rounds", "1",
                      "--threads", "1", "--compile-runs", "1"});
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_TRUE(contains(t.out, "petitions/s")) << t.out;
  EXPECT_TRUE(contains(t.out, "decided by")) << t.out;
  EXPECT_FALSE(contains(t.out, "scaling")) << t.out;
  EXPECT_EQ(run({"bench", "-r", ruleset()}).status, 2);
  EXPECT_EQ(run({"bench", "-r", ruleset(), petitions, "--seconds", "1", "--rounds", "1"}).status,
            2);
  EXPECT_EQ(run({"bench", "-r", ruleset(), petitions, "--threads", "0"}).status, 2);
  const auto help = run({"bench", "--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_TRUE(contains(help.out, "usage: minhu bench -r RULESET")) << help.out;
  EXPECT_TRUE(contains(run({"--help"}).out, "bench    -r RULESET IN"));
}

TEST_F(Cli, BenchReloadEveryMeasuresDispatchWithAndWithoutReloads) {
  const std::string src = MINHU_SOURCE_DIR;
  const std::string petitions = src + "/examples/petitions/demo.jsonl";
  std::size_t lines = 0;
  for (const auto& l : lines_of(read(petitions))) lines += !l.empty();
  const auto r = run({"bench", "-r", src + "/rulesets/demo-city.json", petitions, "--rounds", "3",
                      "--threads", "2", "--compile-runs", "1", "--reload-every", "0.5", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  const json& rl = j["reload"];
  ASSERT_TRUE(rl.is_object()) << r.out;
  EXPECT_EQ(rl["every_ms"].get<double>(), 0.5);
  ASSERT_EQ(rl["runs"].size(), 2u);  // 1 thread, then 2
  std::uint64_t reloads = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    const json& x = rl["runs"][i];
    const std::size_t threads = x["threads"];
    EXPECT_EQ(threads, i + 1);
    for (const char* phase : {"steady", "reloading"}) {
      const json& p = x[phase];
      // Every thread makes three passes in each phase, reloads or not.
      EXPECT_EQ(p["samples"].get<std::size_t>(), 3 * lines * threads) << phase;
      for (const char* k :
           {"seconds", "petitions_per_s", "p50_ns", "p99_ns", "p999_ns", "max_ns", "at_least_1ms"})
        EXPECT_TRUE(p[k].is_number()) << phase << " " << k;
      EXPECT_LE(p["p50_ns"].get<double>(), p["p99_ns"].get<double>()) << phase;
      EXPECT_LE(p["p99_ns"].get<double>(), p["p999_ns"].get<double>()) << phase;
      EXPECT_LE(p["p999_ns"].get<double>(), p["max_ns"].get<double>()) << phase;
      EXPECT_LE(p["at_least_1ms"].get<std::size_t>(), p["samples"].get<std::size_t>()) << phase;
    }
    // How many reloads fit depends on the machine; each one is counted by the engine.
    reloads += x["reloads"].get<std::uint64_t>();
    EXPECT_EQ(x["failed_reloads"], 0);
    EXPECT_EQ(x["generation"].get<std::uint64_t>(), 1 + reloads);
    for (const char* k : {"median", "max"}) EXPECT_TRUE(x["reload_ms"][k].is_number()) << k;
  }

  // Without the option: no reload section; with it, in the table too; usage errors.
  const auto plain = run({"bench", "-r", src + "/rulesets/demo-city.json", petitions, "--rounds",
                          "1", "--threads", "1", "--compile-runs", "1", "--json"});
  ASSERT_EQ(plain.status, 0) << plain.err;
  EXPECT_TRUE(json::parse(plain.out)["reload"].is_null());
  const auto t = run({"bench", "-r", src + "/rulesets/demo-city.json", petitions, "--rounds", "1",
                      "--threads", "1", "--compile-runs", "1", "--reload-every", "1"});
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_TRUE(contains(t.out, "hot reload")) << t.out;
  EXPECT_TRUE(contains(t.out, "reloading")) << t.out;
  for (const char* bad : {"0", "-5", "abc", ""})
    EXPECT_EQ(run({"bench", "-r", ruleset(), petitions, "--reload-every", bad}).status, 2) << bad;
  EXPECT_TRUE(contains(run({"bench", "--help"}).out, "--reload-every MS"));
}

}  // namespace
