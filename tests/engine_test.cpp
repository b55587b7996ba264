// The facade: loading, explain, and hot reload while other threads classify.
#include "minhu/engine.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace {

const std::string fixtures = std::string(MINHU_SOURCE_DIR) + "/rulesets/fixtures/";

std::string ruleset_json(const std::string& version, const std::string& noise_category) {
  return R"({"format_version": 1, "id": "reload", "version": ")" + version + R"(",
    "taxonomy": [{"id": "env", "name": "环境"}, {"id": "urban", "name": "城建"}],
    "rules": [{"id": "noise", "category": ")" +
         noise_category + R"(",
               "when": {"text": {"any": ["噪音"]}}}]})";
}

minhu::petition noise() {
  minhu::petition p;
  p.id = "n";
  p.text = "夜里噪音很大";
  return p;
}

TEST(engine, loads_from_file_and_string) {
  minhu::engine a(fixtures + "basic.json");
  EXPECT_EQ(a.snapshot()->id(), "fixture-basic");
  EXPECT_EQ(a.generation(), 1u);
  auto b = minhu::engine::from_json(ruleset_json("1", "env"));
  EXPECT_EQ(b.classify(noise()).category_id(), "env");
}

TEST(engine, bad_ruleset_throws_with_every_problem) {
  try {
    minhu::engine::from_json(R"({"format_version": 1, "id": "x", "version": "1",
      "taxonomy": [{"id": "a", "name": "A"}],
      "rules": [{"id": "r", "category": "nope", "when": {"regex": "("}}]})");
    FAIL() << "expected ruleset_error";
  } catch (const minhu::ruleset_error& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].pointer, "/rules/0/category");
    EXPECT_EQ(e.problems()[1].pointer, "/rules/0/when/regex");
    EXPECT_EQ(e.code(), minhu::errc::ruleset_invalid);
  }
}

TEST(engine, failed_reload_keeps_the_current_ruleset) {
  auto e = minhu::engine::from_json(ruleset_json("1", "env"));
  EXPECT_THROW(e.reload(), minhu::error);  // not loaded from a file
  EXPECT_THROW(e.reload(fixtures + "does-not-exist.json"), minhu::error);
  EXPECT_EQ(e.generation(), 1u);
  EXPECT_EQ(e.classify(noise()).category_id(), "env");
  e.reload(minhu::ruleset::load_string(ruleset_json("2", "urban")));
  EXPECT_EQ(e.generation(), 2u);
  EXPECT_EQ(e.classify(noise()).category_id(), "urban");
}

TEST(engine, reload_from_file_rereads_it) {
  minhu::engine e(fixtures + "basic.json");
  e.reload();
  EXPECT_EQ(e.generation(), 2u);
  EXPECT_EQ(e.snapshot()->source(), fixtures + "basic.json");
}

TEST(engine, explain_traces_rules) {
  minhu::engine e(fixtures + "basic.json");
  minhu::petition p;
  p.id = "x";
  p.text = "工地夜間施工噪音";
  const std::string s = e.explain(p);
  EXPECT_NE(s.find("normalised: 工地夜间施工噪音"), std::string::npos);
  EXPECT_NE(s.find("decision: env.pollution.noise"), std::string::npos);
  EXPECT_NE(s.find("✓ noise.night-construction"), std::string::npos);
  EXPECT_NE(s.find("夜间@6-12(夜間)"), std::string::npos);
}

// Eight threads classify or dispatch while the main thread reloads 100 times between two
// rulesets that disagree on the category. Every result must come from one whole ruleset: the
// category it reports must be the one of the ruleset it holds. (Also run under TSan:
// scripts/tsan.sh.)
TEST(engine, reload_under_concurrent_classify) {
  const auto env = minhu::ruleset::load_string(ruleset_json("env", "env"));
  const auto urban = minhu::ruleset::load_string(ruleset_json("urban", "urban"));
  minhu::engine e(env);
  std::atomic<bool> stop{false};
  std::atomic<long> done{0}, inconsistent{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 8; ++t) {
    workers.emplace_back([&, t] {
      minhu::dispatch_result d;
      const minhu::dispatch_options opts;
      const auto p = noise();
      while (!stop.load(std::memory_order_relaxed)) {
        if (t % 2)
          e.dispatch(p, opts, d);
        else
          e.classify(p, d.classification);
        const minhu::classification& c = d.classification;
        if (c.decided_by != minhu::decided_by::rule || c.category_id() != c.rules()->version())
          ++inconsistent;
        ++done;
      }
    });
  }
  for (int i = 0; i < 100; ++i) {
    e.reload(i % 2 ? env : urban);
    std::this_thread::yield();
  }
  // Let every worker see the final ruleset at least once.
  const long before = done.load();
  while (done.load() < before + 64) std::this_thread::yield();
  stop = true;
  for (auto& w : workers) w.join();
  EXPECT_EQ(inconsistent.load(), 0);
  EXPECT_EQ(e.generation(), 101u);
  EXPECT_EQ(e.classify(noise()).category_id(), "env");
}

TEST(engine, batch_uses_one_snapshot_and_matches_single_calls) {
  minhu::engine e(fixtures + "basic.json");
  std::vector<minhu::petition> ps(3, noise());
  ps[1].text = "井盖丢失";
  ps[2].text = "谢谢";
  std::vector<minhu::classification> out;
  e.classify_batch(ps, out);
  ASSERT_EQ(out.size(), 3u);
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const auto one = e.classify(ps[i]);
    EXPECT_EQ(out[i].category, one.category);
    EXPECT_EQ(out[i].fired, one.fired);
  }
}

}  // namespace
