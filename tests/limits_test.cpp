// Input limits (minhu/limits.hpp): each one is enforced with a clear outcome, never silently.
#include "minhu/limits.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "minhu/engine.hpp"
#include "minhu/error.hpp"
#include "minhu/jsonl.hpp"
#include "minhu/ruleset.hpp"

namespace {

const std::string fixtures = std::string(MINHU_SOURCE_DIR) + "/rulesets/fixtures/";

TEST(limits, utf8_prefix_never_cuts_a_character) {
  const std::string s = "噪音扰民";  // 4 characters of 3 bytes
  for (std::size_t max = 0; max <= s.size(); ++max) {
    const auto p = minhu::limits::utf8_prefix(s, max);
    EXPECT_LE(p.size(), max);
    EXPECT_EQ(p.size() % 3, 0u) << max;
    EXPECT_GT(p.size() + 3, max) << max;  // nothing more than the cut character is dropped
  }
  EXPECT_EQ(minhu::limits::utf8_prefix("abc", 10), "abc");
}

TEST(limits, json_depth_skips_strings) {
  EXPECT_EQ(minhu::limits::json_depth(R"({"a": [1, {"b": "[[[{{"}]})"), 3);
  EXPECT_EQ(minhu::limits::json_depth(R"({"a": "\"[["})"), 1);
  EXPECT_EQ(minhu::limits::json_depth("42"), 0);
}

TEST(limits, long_texts_are_classified_on_their_start_and_flagged) {
  minhu::engine e(fixtures + "basic.json");
  minhu::petition p;
  p.id = "long";
  // A keyword inside the first 64 KiB decides; one beyond the limit is not seen.
  p.text = "楼下燃气泄漏" + std::string(minhu::limits::text_bytes, 'x') + "夜间施工噪音";
  const minhu::classification c = e.classify(p);
  EXPECT_TRUE(c.flags & minhu::flag_text_truncated);
  EXPECT_EQ(c.category_id(), "urban.safety");
  for (const auto& s : c.spans) EXPECT_LE(s.end, minhu::limits::text_bytes);
  // A keyword only beyond the limit: triage, still flagged, never rejected.
  p.text = std::string(minhu::limits::text_bytes + 10, 'y') + "燃气泄漏";
  const minhu::classification t = e.classify(p);
  EXPECT_TRUE(t.flags & minhu::flag_text_truncated);
  EXPECT_EQ(t.decided_by, minhu::decided_by::triage);
  // Short texts carry no flag; the JSON record names it.
  p.text = std::string(minhu::limits::text_bytes + 1, 'z');
  EXPECT_NE(minhu::to_json(p, e.classify(p)).find("\"text_truncated\""), std::string::npos);
  p.text = "燃气泄漏";
  EXPECT_FALSE(e.classify(p).flags & minhu::flag_text_truncated);
}

TEST(limits, deeply_nested_petitions_are_refused_with_a_message) {
  std::string attrs = "1";
  for (int i = 0; i < minhu::limits::petition_json_depth; ++i) attrs = "[" + attrs + "]";
  const std::string line = R"({"id": "d", "text": "x", "attributes": {"a": )" + attrs + "}}";
  try {
    minhu::parse_petition(line);
    FAIL() << "accepted";
  } catch (const minhu::petition_error& e) {
    EXPECT_NE(std::string(e.what()).find("nesting deeper than 16"), std::string::npos) << e.what();
  }
  // Hostile depth far beyond: the same clear error, no stack exhaustion.
  const std::string deep(1'000'000, '[');
  EXPECT_THROW(minhu::parse_petition(deep), minhu::petition_error);
}

TEST(limits, over_long_lines_are_skipped_and_reported_and_the_next_line_is_read) {
  std::string input = "first\r\n";
  input += std::string(minhu::limits::line_bytes + 5, 'a');
  input += "\nlast";
  std::istringstream in(input);
  std::string line;
  bool too_long = true;
  ASSERT_TRUE(minhu::read_line(in, line, too_long));
  EXPECT_EQ(line, "first");
  EXPECT_FALSE(too_long);
  ASSERT_TRUE(minhu::read_line(in, line, too_long));
  EXPECT_TRUE(too_long);
  EXPECT_EQ(line.size(), minhu::limits::line_bytes);
  ASSERT_TRUE(minhu::read_line(in, line, too_long));
  EXPECT_EQ(line, "last");
  EXPECT_FALSE(too_long);
  EXPECT_FALSE(minhu::read_line(in, line, too_long));
}

TEST(limits, rulesets_with_too_many_rules_are_refused_at_their_pointer) {
  std::string json =
      R"({"format_version": 1, "id": "big", "version": "1", "taxonomy": [{"id": "a", "name": "A"}], "rules": [)";
  for (std::size_t i = 0; i <= minhu::limits::rules; ++i)
    json += (i ? ",{\"id\":\"r" : "{\"id\":\"r") + std::to_string(i) +
            R"(","category":"a","when":{"text":{"any":["k"]}}})";
  json += "]}";
  try {
    minhu::ruleset::load_string(json);
    FAIL() << "accepted";
  } catch (const minhu::ruleset_error& e) {
    ASSERT_FALSE(e.problems().empty());
    EXPECT_EQ(e.problems()[0].pointer, "/rules");
    EXPECT_NE(e.problems()[0].message.find("the limit is 200000"), std::string::npos)
        << e.problems()[0].message;
  }
}

}  // namespace
