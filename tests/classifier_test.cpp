// Classification against the shared fixtures in rulesets/fixtures (asserted identically from
// every binding), plus properties the fixtures cannot express.
#include "minhu/classifier.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "minhu/engine.hpp"
#include "minhu/jsonl.hpp"

namespace {

using json = nlohmann::json;
const std::string fixtures = std::string(MINHU_SOURCE_DIR) + "/rulesets/fixtures/";

struct fixture_case {
  std::string ruleset, name;
  json petition, expect;
};

std::vector<fixture_case> load_cases(const std::string& ruleset) {
  std::vector<fixture_case> out;
  std::ifstream in(fixtures + ruleset + ".cases.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json j = json::parse(line);
    out.push_back({ruleset, j["name"], j["petition"], j["expect"]});
  }
  return out;
}

class fixture_test : public testing::TestWithParam<std::string> {};

TEST_P(fixture_test, every_case_matches_its_expectation) {
  minhu::engine engine(fixtures + GetParam() + ".json");
  const auto cases = load_cases(GetParam());
  ASSERT_GE(cases.size(), 4u);
  for (const auto& c : cases) {
    SCOPED_TRACE(GetParam() + ": " + c.name);
    const minhu::petition p = minhu::parse_petition(c.petition.dump());
    const minhu::classification r = engine.classify(p);
    const json& e = c.expect;
    EXPECT_EQ(std::string(minhu::to_string(r.decided_by)), e["decided_by"].get<std::string>());
    if (e["category"].is_null()) {
      EXPECT_EQ(r.category, -1);
    } else {
      EXPECT_EQ(std::string(r.category_id()), e["category"].get<std::string>());
    }
    std::vector<std::string> fired;
    for (std::size_t i = 0; i < r.fired.size(); ++i) fired.emplace_back(r.rule_id(i));
    EXPECT_EQ(fired, e["rules"].get<std::vector<std::string>>());
    if (e.contains("urgency")) {
      EXPECT_EQ(std::string(minhu::to_string(r.urgency)), e["urgency"].get<std::string>());
    }
    if (e.contains("tags")) {
      std::vector<std::string> tags;
      for (std::size_t i = 0; i < r.tags.size(); ++i) tags.emplace_back(r.tag(i));
      EXPECT_EQ(tags, e["tags"].get<std::vector<std::string>>());
    }
    if (e.contains("confidence")) {
      EXPECT_NEAR(r.confidence, e["confidence"].get<double>(), 1e-6);
    }
    if (e.contains("spans")) {
      ASSERT_EQ(r.spans.size(), e["spans"].size());
      for (std::size_t i = 0; i < r.spans.size(); ++i) {
        const auto& s = r.spans[i];
        const std::string& src = s.field == minhu::field_scope::title ? p.title : p.text;
        EXPECT_EQ(s.field == minhu::field_scope::title ? "title" : "text",
                  e["spans"][i]["field"].get<std::string>());
        EXPECT_EQ(src.substr(s.begin, s.end - s.begin), e["spans"][i]["text"].get<std::string>());
      }
    }
    if (r.decided_by == minhu::decided_by::triage) {
      EXPECT_EQ(r.confidence, 0.0);
      EXPECT_TRUE(r.spans.empty());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(shared, fixture_test, testing::Values("basic", "priority", "collect"));

minhu::petition make(std::string text, std::string title = "") {
  minhu::petition p;
  p.id = "t";
  p.text = std::move(text);
  p.title = std::move(title);
  return p;
}

TEST(classifier, only_keyword_triggered_rules_and_keywordless_rules_are_candidates) {
  auto rs = minhu::ruleset::load_file(fixtures + "basic.json");
  const auto& ix = rs->index();
  // Keywordless rules: the sensor rule, the hotline rule, the area-only and the regex-only.
  std::size_t always = 0;
  for (auto w : ix.always) always += std::size_t(__builtin_popcountll(w));
  EXPECT_EQ(always, ix.always_count);
  // wages.regex (regex only), elderly.sensor, hotline.status are unindexed; tech.wifi has an
  // `any` with a field branch, so it is unindexed too.
  EXPECT_EQ(ix.always_count, 4u);
  auto traces = minhu::trace_rules(rs, make("路灯坏了"));
  std::size_t candidates = 0;
  for (const auto& t : traces) candidates += t.candidate;
  EXPECT_EQ(candidates, 5u);  // 4 unindexed + street-a.lamp
}

// The classifier reads a match's tag instead of its pattern_entry when the tag says it may: the
// tag of every pattern of every shared ruleset must agree with its entry.
TEST(classifier, each_patterns_tag_agrees_with_its_entry) {
  using ix_t = minhu::detail::rule_index;
  for (const std::string& path :
       {fixtures + "basic.json", fixtures + "priority.json", fixtures + "collect.json",
        fixtures + "routing.json", std::string(MINHU_SOURCE_DIR) + "/rulesets/demo-city.json"}) {
    SCOPED_TRACE(path);
    auto rs = minhu::ruleset::load_file(path);
    const auto& ix = rs->index();
    std::size_t simple = 0, full = 0, multi = 0;
    for (std::uint32_t p = 0; p < ix.automaton.size(); ++p) {
      const auto& pe = ix.patterns[p];
      // The pattern's own text reports it (with its suffixes) at the end of the text.
      const std::string_view text = ix.automaton.pattern(p);
      std::int64_t tag = -1;
      ix.automaton.scan_tagged(text,
                               [&](std::uint32_t q, std::uint32_t t, std::size_t b, std::size_t e) {
                                 if (q == p && b == 0 && e == text.size()) tag = t;
                               });
      ASSERT_GE(tag, 0) << "pattern " << p << " not found in its own text";
      const auto t = std::uint32_t(tag);
      EXPECT_EQ((t & ix_t::tag_keyword) != 0, (pe.flags & ix_t::keyword_pattern) != 0);
      const std::uint32_t n = pe.trigger_end - pe.trigger_begin;
      multi += n > 1;
      const bool may = pe.atom < 0 && !(pe.flags & ix_t::gazetteer_pattern) && n <= 1;
      EXPECT_EQ((t & ix_t::tag_simple) != 0, may) << "pattern " << p;
      if (t & ix_t::tag_simple) {
        ++simple;
        EXPECT_EQ(t & ix_t::tag_rank, n == 0 ? 0 : ix.triggers[pe.trigger_begin] + 1);
      } else {
        ++full;
        EXPECT_EQ(t & ix_t::tag_rank, 0u);
      }
    }
    EXPECT_GT(simple, 0u);
    if (path.find("demo-city") != std::string::npos) {
      EXPECT_GT(full, 0u);  // area names, regex atoms
      EXPECT_GT(multi, 0u);
    }
  }
}

TEST(classifier, regex_runs_only_when_its_literal_prefilter_passes) {
  auto rs = minhu::ruleset::load_file(fixtures + "basic.json");
  // "拖欠" and "工资" are atoms of /拖欠.{0,6}工资/; both appear in the automaton.
  std::size_t atoms = 0;
  for (const auto& pe : rs->index().patterns) atoms += pe.atom >= 0;
  EXPECT_GE(atoms, 2u);
  minhu::classifier_scratch sc;
  minhu::classification out;
  minhu::classify(rs, make("拖欠"), sc, out);  // one atom only: prefilter fails
  EXPECT_EQ(out.decided_by, minhu::decided_by::triage);
  minhu::classify(rs, make("拖欠了工资"), sc, out);
  EXPECT_EQ(out.category_id(), "labour.wages");
}

TEST(classifier, spans_are_byte_ranges_of_the_original_fields) {
  minhu::engine e(fixtures + "basic.json");
  const auto p = make("　　工地夜間施工　噪音ＸＸ");
  const auto r = e.classify(p);
  ASSERT_EQ(r.category_id(), "env.pollution.noise");
  ASSERT_EQ(r.spans.size(), 3u);
  EXPECT_EQ(p.text.substr(r.spans[0].begin, r.spans[0].end - r.spans[0].begin), "夜間");
  EXPECT_EQ(r.spans[0].begin, 12u);
  for (const auto& s : r.spans) EXPECT_EQ(s.rule, r.fired[0]);
}

TEST(classifier, invalid_utf8_is_flagged_and_still_classified) {
  minhu::engine e(fixtures + "basic.json");
  // The bad byte becomes U+FFFD; the words around it are still found.
  const auto r = e.classify(make(std::string("井盖\xFF丢失")));
  EXPECT_TRUE(r.flags & minhu::flag_invalid_utf8);
  EXPECT_EQ(r.category_id(), "urban.municipal.manhole");
  const auto r2 = e.classify(make(std::string("\xC3谢谢")));
  EXPECT_TRUE(r2.flags & minhu::flag_invalid_utf8);
  EXPECT_EQ(r2.decided_by, minhu::decided_by::triage);
  EXPECT_FALSE(e.classify(make("谢谢")).flags & minhu::flag_invalid_utf8);
}

TEST(classifier, huge_text_is_linear_and_evidence_is_capped) {
  minhu::engine e(fixtures + "basic.json");
  std::string text;
  while (text.size() < 2'000'000) text += "晚上夜间施工噪音很大，";
  const auto r = e.classify(make(text));
  EXPECT_EQ(r.category_id(), "env.pollution.noise");
  EXPECT_LE(r.spans.size(), minhu::max_spans);
  EXPECT_TRUE(r.flags & minhu::flag_spans_truncated);
}

TEST(classifier, null_ruleset_gives_triage_not_a_crash) {
  minhu::classifier_scratch sc;
  minhu::classification out;
  minhu::classify(nullptr, make("噪音"), sc, out);
  EXPECT_EQ(out.decided_by, minhu::decided_by::triage);
  EXPECT_TRUE(out.flags & minhu::flag_internal_error);
}

TEST(classifier, scratch_is_reusable_across_rulesets) {
  auto a = minhu::ruleset::load_file(fixtures + "basic.json");
  auto b = minhu::ruleset::load_file(fixtures + "collect.json");
  minhu::classifier_scratch sc;
  minhu::classification out;
  for (int i = 0; i < 3; ++i) {
    minhu::classify(a, make("烧烤店油烟"), sc, out);
    EXPECT_EQ(out.category_id(), "env.pollution.oil_fume");
    minhu::classify(b, make("烧烤店油烟"), sc, out);
    EXPECT_EQ(out.category_id(), "env.oil_fume");
  }
}

// A scratch remembers which patterns it saw by epoch; when the epoch wraps, what it saw before
// must not count as seen after. Around the wrap, a reused scratch gives what a fresh one gives.
TEST(classifier, scratch_epoch_wrap_forgets_earlier_petitions) {
  auto rs = minhu::ruleset::load_file(fixtures + "basic.json");
  const std::vector<minhu::petition> petitions = {make("路灯坏了"),           make("谢谢"),
                                                  make("拖欠了工资"),         make("拖欠"),
                                                  make("工地夜間施工　噪音"), make("谢谢")};
  minhu::classifier_scratch sc;
  minhu::classification out, fresh;
  minhu::classify(rs, petitions[0], sc, out);  // sized for rs
  sc.epoch = (std::uint32_t{1} << 24) - 3;
  for (int round = 0; round < 2; ++round)
    for (const auto& p : petitions) {
      minhu::classify(rs, p, sc, out);
      minhu::classifier_scratch clean;
      minhu::classify(rs, p, clean, fresh);
      EXPECT_EQ(out.category_id(), fresh.category_id()) << p.text << " at epoch " << sc.epoch;
      EXPECT_EQ(out.fired, fresh.fired) << p.text;
      EXPECT_EQ(out.spans.size(), fresh.spans.size()) << p.text;
    }
  EXPECT_LT(sc.epoch, 100u);  // it did wrap
}

TEST(classifier, demo_city_classifies_its_whistle_catalogue) {
  minhu::engine e(std::string(MINHU_SOURCE_DIR) + "/rulesets/demo-city.json");
  EXPECT_GE(e.snapshot()->rules().size(), 300u);
  EXPECT_EQ(e.classify(make("楼下饭店油烟直排，窗户都不敢开")).category_id(),
            "env.pollution.oil_fume");
  EXPECT_EQ(e.classify(make("小区有人从楼上拉电线飞线充电，很危险")).category_id(),
            "urban.safety.flying_wire_charging");
  EXPECT_EQ(e.classify(make("路中间的井盖丢失了，晚上很危险")).category_id(),
            "urban.municipal.manhole");
  EXPECT_EQ(e.classify(make("今天天气不错，谢谢")).decided_by, minhu::decided_by::triage);
}

}  // namespace
