// benchmarks/workload_tool.cpp (`minhu_workload`), end to end: the built binary
// (MINHU_WORKLOAD) run through the shell. Registered only with MINHU_BUILD_BENCHMARKS. Never
// asserts on times.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "minhu/ruleset.hpp"

namespace {

using minhu_test::contains;
using minhu_test::read;
using minhu_test::result;
using nlohmann::json;

class WorkloadTool : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/minhu_workload_test.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void SetUp() override {
    // The generator draws its vocabulary from the real messages beside the checkout.
    if (!std::filesystem::exists(std::string(MINHU_SOURCE_DIR) +
                                 "/../shared/data/messages_train.csv"))
      GTEST_SKIP() << "no ../shared/data/messages_train.csv";
  }

  static std::string path(const std::string& name) { return dir_ + "/" + name; }

  static result run(const std::vector<std::string>& args) {
    return minhu_test::run_program(MINHU_WORKLOAD, args, dir_);
  }

  static std::string dir_;
};
std::string WorkloadTool::dir_;

TEST_F(WorkloadTool, RulesGivesExactlyThatManyRules) {
  const std::string out = path("r40");
  const auto r = run({"--out", out, "--rules", "40", "--units", "300", "--petitions", "5"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "40 rules")) << r.out;
  const json w = json::parse(read(out + "/workload.json"));
  EXPECT_EQ(w["parameters"]["rules"], 40);
  EXPECT_EQ(w["ruleset"]["rules"], 40);
  EXPECT_EQ(w["ruleset"]["regexes"], 2);  // max(2, rules / 160)
  const auto rs = minhu::ruleset::load_file(out + "/ruleset.json");
  EXPECT_EQ(rs->rules().size(), 40u);
  EXPECT_EQ(rs->id(), "generated-city-300-r40");
  // Between 2 and 10 keywords a rule (the regexes' literals are no keywords).
  EXPECT_GE(rs->keyword_count(), 2u * 40u);
  EXPECT_LE(rs->keyword_count(), 10u * 40u);
  EXPECT_EQ(w["ruleset"]["keywords"], rs->keyword_count());
  // Every first-level group that has words gets rules: more than one category is decided.
  std::vector<std::string> tops;
  for (const auto& rule : rs->rules()) {
    const std::string top = rs->category_path(rule.category).front();
    if (std::find(tops.begin(), tops.end(), top) == tops.end()) tops.push_back(top);
  }
  EXPECT_GT(tops.size(), 3u);

  // Deterministic for the same arguments.
  const std::string again = path("r40b");
  ASSERT_EQ(run({"--out", again, "--rules", "40", "--units", "300", "--petitions", "5"}).status, 0);
  EXPECT_EQ(read(out + "/ruleset.json"), read(again + "/ruleset.json"));

  // One rule: the one regex rule.
  const auto one = run({"--out", path("r1"), "--rules", "1", "--units", "300", "--petitions", "1"});
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(minhu::ruleset::load_file(path("r1") + "/ruleset.json")->rules().size(), 1u);
}

TEST_F(WorkloadTool, KeywordsStayTheDefault) {
  const std::string out = path("k300");
  const auto r = run({"--out", out, "--keywords", "300", "--units", "300", "--petitions", "5"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json w = json::parse(read(out + "/workload.json"));
  EXPECT_EQ(w["parameters"]["keywords"], 300);
  EXPECT_EQ(w["parameters"]["rules"], 0);
  EXPECT_EQ(w["ruleset"]["keywords"], 300);
  EXPECT_EQ(minhu::ruleset::load_file(out + "/ruleset.json")->id(), "generated-city-300-kw300");
}

TEST_F(WorkloadTool, RuleCountErrors) {
  const auto both = run({"--out", path("x"), "--keywords", "10", "--rules", "5"});
  EXPECT_EQ(both.status, 2);
  EXPECT_TRUE(contains(both.err, "give --keywords or --rules, not both")) << both.err;
  EXPECT_EQ(run({"--out", path("x"), "--rules", "-1"}).status, 2);
  const auto help = run({"--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_TRUE(contains(help.out, "--rules R")) << help.out;
  // More rules than the vocabulary has words for: named, not a short ruleset.
  const auto big = run({"--out", path("big"), "--rules", "100000", "--units", "300"});
  EXPECT_EQ(big.status, 1);
  EXPECT_TRUE(contains(big.err, "too few words for 100000 rules")) << big.err;
}

}  // namespace
