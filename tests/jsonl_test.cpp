// The JSON Lines codec: petitions in (every field, every kind of bad input), results out (the
// wire format of `minhu classify`), ISO-8601 timestamps.
#include "minhu/jsonl.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "minhu/engine.hpp"

namespace {

using nlohmann::json;

// parse_petition must throw a petition_error naming `field`, whose message contains `fragment`.
::testing::AssertionResult rejects(const std::string& line, const std::string& field,
                                   const std::string& fragment, bool lenient = false) {
  try {
    minhu::parse_petition(line, lenient);
    return ::testing::AssertionFailure() << "accepted " << line;
  } catch (const minhu::petition_error& e) {
    if (e.code() != minhu::errc::petition_invalid)
      return ::testing::AssertionFailure() << "code " << int(e.code());
    if (e.field() != field)
      return ::testing::AssertionFailure()
             << "field \"" << e.field() << "\", expected \"" << field << "\" (" << e.what() << ")";
    if (e.message().find(fragment) == std::string::npos)
      return ::testing::AssertionFailure()
             << "message \"" << e.message() << "\" lacks \"" << fragment << "\"";
    const std::string prefix = "[minhu.petition_invalid] " + (field.empty() ? "" : field + ": ");
    if (std::string(e.what()).rfind(prefix, 0) != 0)
      return ::testing::AssertionFailure() << "what() is \"" << e.what() << "\"";
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw something else: " << e.what();
  }
  return ::testing::AssertionSuccess();
}

// ---------------------------------------------------------------------------------------------
// parse_petition

TEST(ParsePetition, Minimal) {
  const auto p = minhu::parse_petition(R"({"id": "p1", "text": "路灯坏了"})");
  EXPECT_EQ(p.id, "p1");
  EXPECT_EQ(p.text, "路灯坏了");
  EXPECT_EQ(p.title, "");
  EXPECT_EQ(p.channel, "");
  EXPECT_EQ(p.received_at, 0);
  EXPECT_EQ(p.area, "");
  EXPECT_FALSE(p.lat.has_value());
  EXPECT_FALSE(p.lon.has_value());
  EXPECT_TRUE(p.attributes.empty());
}

TEST(ParsePetition, EveryField) {
  const auto p = minhu::parse_petition(R"({
    "id": "12345-20260302-0001", "title": "噪音", "text": "工地夜间施工\n噪音很大",
    "channel": "hotline", "received_at": "2026-03-02T09:30:00+08:00", "area": "grid-a-03-2",
    "address": "幸福里3栋", "lat": 28.205, "lon": 113.015, "category": "env.pollution.noise",
    "attributes": {"age": 72, "alone": true, "note": "独居", "ratio": 0.5, "none": null}})");
  EXPECT_EQ(p.id, "12345-20260302-0001");
  EXPECT_EQ(p.title, "噪音");
  EXPECT_EQ(p.text, "工地夜间施工\n噪音很大");
  EXPECT_EQ(p.channel, "hotline");
  EXPECT_EQ(p.received_at, 1772415000000);
  EXPECT_EQ(p.area, "grid-a-03-2");
  EXPECT_EQ(p.address, "幸福里3栋");
  ASSERT_TRUE(p.lat && p.lon);
  EXPECT_DOUBLE_EQ(*p.lat, 28.205);
  EXPECT_DOUBLE_EQ(*p.lon, 113.015);
  EXPECT_EQ(p.category, "env.pollution.noise");
  // Attributes keep their JSON types.
  ASSERT_EQ(p.attributes.size(), 5u);
  ASSERT_NE(p.find_attribute("age"), nullptr);
  EXPECT_EQ(*p.find_attribute("age"), minhu::value(72.0));
  EXPECT_EQ(p.find_attribute("age")->type, minhu::value::kind::number);
  EXPECT_EQ(*p.find_attribute("alone"), minhu::value(true));
  EXPECT_EQ(*p.find_attribute("note"), minhu::value("独居"));
  EXPECT_EQ(*p.find_attribute("ratio"), minhu::value(0.5));
  EXPECT_EQ(p.find_attribute("none")->type, minhu::value::kind::null);
  EXPECT_EQ(p.find_attribute("missing"), nullptr);
}

TEST(ParsePetition, GridIsAnAliasOfArea) {
  EXPECT_EQ(minhu::parse_petition(R"({"id": "p", "text": "t", "grid": "g-1"})").area, "g-1");
  EXPECT_EQ(minhu::parse_petition(R"({"id": "p", "text": "t", "area": "a", "grid": "g"})").area,
            "a");
}

TEST(ParsePetition, ReceivedAtAsEpochMilliseconds) {
  EXPECT_EQ(minhu::parse_petition(R"({"id": "p", "text": "t", "received_at": 1772415000000})")
                .received_at,
            1772415000000);
  EXPECT_EQ(minhu::parse_petition(R"({"id": "p", "text": "t", "received_at": null})").received_at,
            0);
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "received_at": "2026-03-02 09:30"})",
                      "received_at", "ISO-8601 with an offset"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "received_at": 1.5})", "received_at",
                      "expected epoch milliseconds"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "received_at": true})", "received_at",
                      "expected epoch milliseconds"));
}

TEST(ParsePetition, IntegerIdBecomesText) {
  EXPECT_EQ(minhu::parse_petition(R"({"id": 20260302001, "text": "t"})").id, "20260302001");
  EXPECT_EQ(minhu::parse_petition(R"({"id": 0, "text": "t"})").id, "0");
  EXPECT_EQ(minhu::parse_petition(R"({"id": -7, "text": "t"})").id, "-7");
  EXPECT_TRUE(rejects(R"({"id": 1.5, "text": "t"})", "id",
                      "expected a string or an integer, found a number"));
  EXPECT_TRUE(rejects(R"({"id": ["a"], "text": "t"})", "id", "found an array"));
}

TEST(ParsePetition, MissingOrEmptyIdAndText) {
  EXPECT_TRUE(rejects(R"({"text": "路灯坏了"})", "id", "missing"));
  EXPECT_TRUE(rejects(R"({"id": null, "text": "路灯坏了"})", "id", "missing"));
  EXPECT_TRUE(rejects(R"({"id": "", "text": "路灯坏了"})", "id", "must not be empty"));
  EXPECT_TRUE(rejects(R"({"id": "p1"})", "text", "missing"));
  EXPECT_TRUE(rejects(R"({"id": "p1", "text": null})", "text", "missing"));
  // An empty text is a (useless) petition, not an error: it goes to triage.
  EXPECT_EQ(minhu::parse_petition(R"({"id": "p1", "text": ""})").text, "");
}

TEST(ParsePetition, WrongTypes) {
  EXPECT_TRUE(rejects(R"({"id": "p", "text": 42})", "text", "expected a string, found a number"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": ["a"]})", "text", "found an array"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "title": {}})", "title", "found an object"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "channel": 1})", "channel", "found a number"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "area": false})", "area", "found a boolean"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "grid": 3})", "grid", "found a number"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "address": []})", "address", "found an array"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "category": 7})", "category", "found a number"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "lat": "28.2", "lon": 113})", "lat",
                      "expected a number, found a string"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "attributes": [1, 2]})", "attributes",
                      "expected an object, found an array"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "attributes": "age=72"})", "attributes",
                      "found a string"));
  // Attribute values must be scalars; the field names the attribute.
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "attributes": {"age": 72, "tags": ["a"]}})",
                      "attributes/tags", "expected a string, number, boolean or null"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "attributes": {"geo": {"x": 1}}})",
                      "attributes/geo", "found an object"));
}

TEST(ParsePetition, LatitudeAndLongitude) {
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "lat": 28.2})", "lon",
                      "lat and lon must be given together"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "lon": 113.0})", "lat",
                      "lat and lon must be given together"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "lat": 91, "lon": 113})", "lat", "out of range"));
  EXPECT_TRUE(
      rejects(R"({"id": "p", "text": "t", "lat": 28, "lon": -180.5})", "lon", "out of range"));
  const auto p = minhu::parse_petition(R"({"id": "p", "text": "t", "lat": -90, "lon": 180})");
  EXPECT_EQ(p.lat, -90.0);
  EXPECT_EQ(p.lon, 180.0);
}

TEST(ParsePetition, UnknownFieldsAreRejectedUnlessAllowed) {
  EXPECT_TRUE(rejects(R"({"id": "p", "txt": "路灯坏了", "text": "t"})", "txt", "unknown field"));
  const auto p =
      minhu::parse_petition(R"({"id": "p", "txt": "x", "text": "t", "extra": {"a": [1]}})", true);
  EXPECT_EQ(p.id, "p");
  EXPECT_EQ(p.text, "t");
  // Lenient mode does not relax anything else.
  EXPECT_TRUE(rejects(R"({"id": "p", "txt": "x"})", "text", "missing", true));
}

TEST(ParsePetition, MalformedJson) {
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t")", "", "malformed JSON"));
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t"} trailing)", "", "malformed JSON"));
  EXPECT_TRUE(rejects("", "", "malformed JSON"));
  EXPECT_TRUE(rejects(R"({'id': 'p'})", "", "malformed JSON"));
  // The nlohmann exception prefix is not leaked into the message.
  try {
    minhu::parse_petition("{");
  } catch (const minhu::petition_error& e) {
    EXPECT_EQ(e.message().find("[json.exception"), std::string::npos) << e.message();
  }
  // Valid JSON that is not an object.
  EXPECT_TRUE(rejects(R"(["p", "t"])", "", "expected a JSON object, found an array"));
  EXPECT_TRUE(rejects(R"("路灯坏了")", "", "expected a JSON object, found a string"));
  EXPECT_TRUE(rejects("null", "", "found null"));
  // A number out of double's range is bad input too, not an unexpected exception.
  EXPECT_TRUE(rejects(R"({"id": "p", "text": "t", "lat": 1e400, "lon": 1})", "", "malformed JSON"));
}

TEST(ParsePetition, InvalidUtf8InsideAString) {
  EXPECT_TRUE(rejects("{\"id\": \"p\", \"text\": \"\xe8\xb7\xaf\xff\"}", "", "malformed JSON"));
  // A lone continuation byte, and an overlong encoding of '/'.
  EXPECT_TRUE(rejects("{\"id\": \"p\", \"text\": \"\x80\"}", "", "malformed JSON"));
  EXPECT_TRUE(rejects("{\"id\": \"p\", \"text\": \"\xc0\xaf\"}", "", "malformed JSON"));
  // Escaped non-ASCII is fine.
  EXPECT_EQ(minhu::parse_petition(R"({"id": "p", "text": "\u8def\u706f"})").text, "路灯");
}

TEST(ParsePetition, DeepNestingDoesNotCrash) {
  const std::string deep =
      R"({"id": "p", "text": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
  // Refused before parsing (limits::petition_json_depth), with the limit in the message.
  EXPECT_TRUE(rejects(deep, "", "JSON nesting deeper than 16 levels"));
  EXPECT_TRUE(rejects(std::string(100000, '['), "", "JSON nesting deeper than 16 levels"));
  // Within the limit the field check speaks.
  const std::string shallow =
      R"({"id": "p", "text": )" + std::string(10, '[') + std::string(10, ']') + "}";
  EXPECT_TRUE(rejects(shallow, "text", "expected a string, found an array"));
}

// ---------------------------------------------------------------------------------------------
// parse_iso8601

TEST(ParseIso8601, Offsets) {
  constexpr std::int64_t t = 1772415000000;  // 2026-03-02T01:30:00Z
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T01:30:00Z"), t);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T01:30:00z"), t);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T09:30:00+08:00"), t);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T09:30:00+0800"), t);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T09:30:00+08"), t);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-01T20:00:00-05:30"), t);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T01:30:00+00:00"), t);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T01:30:00-00:00"), t);
  // Minutes without seconds.
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T09:30+08:00"), t);
  // A space or a lower-case t instead of 'T'.
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02 09:30:00+08:00"), t);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02t01:30:00Z"), t);
}

TEST(ParseIso8601, FractionalSeconds) {
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T01:30:00.5Z"), 1772415000500);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T01:30:00.25Z"), 1772415000250);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T09:30:00.123+08:00"), 1772415000123);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T01:30:00.123456789Z"), 1772415000123);  // truncated
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T01:30:00,5Z"), 1772415000500);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T01:30:00.Z"), std::nullopt);
}

TEST(ParseIso8601, EpochAndBeforeIt) {
  EXPECT_EQ(minhu::parse_iso8601("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(minhu::parse_iso8601("1970-01-01T08:00:00+08:00"), 0);
  EXPECT_EQ(minhu::parse_iso8601("1969-12-31T23:59:59.999Z"), -1);
  EXPECT_EQ(minhu::parse_iso8601("2000-01-01T00:00:00Z"), 946684800000);
}

TEST(ParseIso8601, OffsetIsRequired) {
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T09:30:00"), std::nullopt);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02T09:30"), std::nullopt);
  EXPECT_EQ(minhu::parse_iso8601("2026-03-02"), std::nullopt);
}

TEST(ParseIso8601, LeapDays) {
  EXPECT_EQ(minhu::parse_iso8601("2024-02-29T00:00:00Z"), 1709164800000);
  EXPECT_EQ(minhu::parse_iso8601("2000-02-29T00:00:00Z"), 951782400000);
  EXPECT_EQ(minhu::parse_iso8601("2025-02-29T00:00:00Z"), std::nullopt);
  EXPECT_EQ(minhu::parse_iso8601("1900-02-29T00:00:00Z"), std::nullopt);
  EXPECT_EQ(minhu::parse_iso8601("2026-02-30T00:00:00Z"), std::nullopt);
  EXPECT_EQ(minhu::parse_iso8601("2026-04-31T00:00:00Z"), std::nullopt);
  // The day after a leap day.
  EXPECT_EQ(
      *minhu::parse_iso8601("2024-03-01T00:00:00Z") - *minhu::parse_iso8601("2024-02-28T00:00:00Z"),
      2 * 86400000);
}

TEST(ParseIso8601, Garbage) {
  for (const char* s : {"",
                        "abc",
                        "2026",
                        "2026-03-02T",
                        "2026-3-2T09:30:00Z",
                        "2026/03/02T09:30:00Z",
                        "2026-03-02T9:30:00Z",
                        "2026-03-02X09:30:00Z",
                        "2026-13-02T09:30:00Z",
                        "2026-00-02T09:30:00Z",
                        "2026-03-00T09:30:00Z",
                        "2026-03-02T24:00:00Z",
                        "2026-03-02T09:60:00Z",
                        "2026-03-02T09:30:61Z",
                        "2026-03-02T09:30:00+15:00",
                        "2026-03-02T09:30:00+08:60",
                        "2026-03-02T09:30:00+8:00",
                        "2026-03-02T09:30:00+08:0",
                        "2026-03-02T09:30:00+08:",
                        "2026-03-02T09:30:00+08:00:",
                        "2026-03-02T09:30:00Zjunk",
                        "2026-03-02T09:30:00+08:00 ",
                        " 2026-03-02T09:30:00Z",
                        "２０２６-03-02T09:30:00Z"}) {
    EXPECT_EQ(minhu::parse_iso8601(s), std::nullopt) << '"' << s << '"';
  }
}

// ---------------------------------------------------------------------------------------------
// to_json and error_json on real classifications

constexpr const char* kRuleset = R"({
  "format_version": 1, "id": "mini", "version": "1",
  "taxonomy": [
    {"id": "env", "name": "环境"},
    {"id": "env.noise", "name": "噪声扰民", "parent": "env"},
    {"id": "env.air", "name": "大气污染", "parent": "env"},
    {"id": "urban", "name": "城市管理"},
    {"id": "urban.light", "name": "路灯损坏", "parent": "urban"}],
  "rules": [
    {"id": "noise.construction", "category": "env.noise", "priority": 10, "urgency": "urgent",
     "tags": ["施工噪声", "夜间"], "confidence": 0.9,
     "when": {"text": {"all": ["施工", "噪声"]}}},
    {"id": "air.pm", "category": "env.air", "tags": ["颗粒物"],
     "when": {"text": {"any": ["pm2.5"]}}},
    {"id": "light.broken", "category": "urban.light", "tags": ["路灯"],
     "when": {"all": [{"text": {"any": ["路灯"]}}, {"regex": "不亮|坏了"}]}}]
})";

class ToJson : public ::testing::Test {
 protected:
  minhu::engine engine_ = minhu::engine::from_json(kRuleset);

  json run(const std::string& line) {
    const auto p = minhu::parse_petition(line);
    return run(p);
  }
  json run(const minhu::petition& p) {
    const std::string out = minhu::to_json(p, engine_.classify(p));
    EXPECT_EQ(out.find('\n'), std::string::npos) << "one result = one line";
    return json::parse(out);  // throws (and fails the test) on invalid JSON or UTF-8
  }
  // Every span's `text` is exactly the bytes [begin, end) of the original field.
  static void expect_spans_match(const json& j, const minhu::petition& p) {
    for (const auto& s : j.at("spans")) {
      const std::string& src = s.at("field") == "title" ? p.title : p.text;
      const auto b = s.at("begin").get<std::size_t>(), e = s.at("end").get<std::size_t>();
      ASSERT_LT(b, e);
      ASSERT_LE(e, src.size());
      EXPECT_EQ(s.at("text").get<std::string>(), src.substr(b, e - b)) << s.dump();
    }
  }
};

TEST_F(ToJson, RuleDecisionWithTraditionalText) {
  const std::string line = R"({"id": 42, "text": "夜間施工，噪聲擾民"})";
  const auto p = minhu::parse_petition(line);
  const json j = run(p);
  EXPECT_EQ(j.at("id"), "42");
  EXPECT_EQ(j.at("category"), "env.noise");
  EXPECT_EQ(j.at("category_name"), "噪声扰民");
  EXPECT_EQ(j.at("category_path"), json::array({"env", "env.noise"}));
  EXPECT_EQ(j.at("urgency"), "urgent");
  EXPECT_DOUBLE_EQ(j.at("confidence").get<double>(), 0.9);
  EXPECT_EQ(j.at("decided_by"), "rule");
  EXPECT_EQ(j.at("rules"), json::array({"noise.construction"}));
  EXPECT_EQ(j.at("tags"), json::array({"施工噪声", "夜间"}));
  EXPECT_FALSE(j.contains("flags"));
  // Evidence: byte ranges of the ORIGINAL (traditional) text, in text order.
  ASSERT_EQ(j.at("spans").size(), 2u);
  const auto& s0 = j.at("spans")[0];
  EXPECT_EQ(s0.at("field"), "text");
  EXPECT_EQ(s0.at("begin"), 6);
  EXPECT_EQ(s0.at("end"), 12);
  EXPECT_EQ(s0.at("text"), "施工");
  EXPECT_EQ(s0.at("keyword"), "施工");
  EXPECT_EQ(s0.at("rule"), "noise.construction");
  const auto& s1 = j.at("spans")[1];
  EXPECT_EQ(s1.at("begin"), 15);
  EXPECT_EQ(s1.at("end"), 21);
  EXPECT_EQ(s1.at("text"), "噪聲");     // as written by the citizen
  EXPECT_EQ(s1.at("keyword"), "噪声");  // as normalised
  EXPECT_FALSE(s1.contains("regex"));
  expect_spans_match(j, p);
}

TEST_F(ToJson, FullWidthSpanCoversTheOriginalBytes) {
  const auto p = minhu::parse_petition(R"({"id": "fw", "text": "今天ＰＭ２．５超標"})");
  const json j = run(p);
  EXPECT_EQ(j.at("category"), "env.air");
  EXPECT_EQ(j.at("urgency"), "normal");
  EXPECT_DOUBLE_EQ(j.at("confidence").get<double>(), 1.0);
  ASSERT_EQ(j.at("spans").size(), 1u);
  EXPECT_EQ(j.at("spans")[0].at("begin"), 6);
  EXPECT_EQ(j.at("spans")[0].at("end"), 21);  // five full-width characters, 3 bytes each
  EXPECT_EQ(j.at("spans")[0].at("text"), "ＰＭ２．５");
  EXPECT_EQ(j.at("spans")[0].at("keyword"), "pm2.5");
  expect_spans_match(j, p);
}

TEST_F(ToJson, RegexAndTitleSpans) {
  const auto p = minhu::parse_petition(R"({"id": "t", "title": "路燈", "text": "一直不亮"})");
  const json j = run(p);
  EXPECT_EQ(j.at("category"), "urban.light");
  EXPECT_EQ(j.at("category_path"), json::array({"urban", "urban.light"}));
  ASSERT_EQ(j.at("spans").size(), 2u);
  const auto& kw = j.at("spans")[0];
  EXPECT_EQ(kw.at("field"), "title");
  EXPECT_EQ(kw.at("begin"), 0);
  EXPECT_EQ(kw.at("end"), 6);
  EXPECT_EQ(kw.at("text"), "路燈");
  EXPECT_EQ(kw.at("keyword"), "路灯");
  const auto& re = j.at("spans")[1];
  EXPECT_EQ(re.at("field"), "text");
  EXPECT_EQ(re.at("begin"), 6);
  EXPECT_EQ(re.at("end"), 12);
  EXPECT_EQ(re.at("text"), "不亮");
  EXPECT_EQ(re.at("regex"), "不亮|坏了");
  EXPECT_FALSE(re.contains("keyword"));
  EXPECT_EQ(re.at("rule"), "light.broken");
  expect_spans_match(j, p);
}

TEST_F(ToJson, Triage) {
  const json j = run(R"({"id": "x", "text": "今天天气不错"})");
  EXPECT_EQ(j.at("id"), "x");
  EXPECT_TRUE(j.at("category").is_null());
  EXPECT_TRUE(j.at("category_name").is_null());
  EXPECT_EQ(j.at("category_path"), json::array());
  EXPECT_EQ(j.at("decided_by"), "triage");
  EXPECT_EQ(j.at("rules"), json::array());
  EXPECT_EQ(j.at("tags"), json::array());
  EXPECT_EQ(j.at("spans"), json::array());
  EXPECT_EQ(j.at("urgency"), "normal");
  EXPECT_EQ(j.at("confidence"), 0.0);
  // A keyword alone is not enough for light.broken (its regex must hold too).
  EXPECT_EQ(run(R"({"id": "y", "text": "路灯很亮"})").at("decided_by"), "triage");
}

TEST_F(ToJson, KeysAreExactlyTheDocumentedOnes) {
  const json j = run(R"({"id": "k", "text": "施工噪声"})");
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys,
            (std::vector<std::string>{"category", "category_name", "category_path", "confidence",
                                      "decided_by", "id", "rules", "spans", "tags", "urgency"}));
}

TEST_F(ToJson, InvalidUtf8FromTheApiIsFlaggedAndOutputStaysValid) {
  minhu::petition p;
  p.id = "bad\xff";
  p.text = "路灯\xff坏了";
  const json j = run(p);  // parses: the output is valid UTF-8
  EXPECT_EQ(j.at("category"), "urban.light");
  EXPECT_EQ(j.at("flags"), json::array({"invalid_utf8"}));
  EXPECT_EQ(j.at("id"), "bad\xef\xbf\xbd");  // replaced by U+FFFD
  ASSERT_EQ(j.at("spans").size(), 2u);
  EXPECT_EQ(j.at("spans")[1].at("begin"), 7);
  EXPECT_EQ(j.at("spans")[1].at("text"), "坏了");
}

TEST_F(ToJson, SpansAreCappedAndFlagged) {
  minhu::petition p;
  p.id = "many";
  for (int i = 0; i < 400; ++i) p.text += "施工噪声，";
  const json j = run(p);
  EXPECT_EQ(j.at("category"), "env.noise");
  EXPECT_EQ(j.at("spans").size(), minhu::max_spans);
  EXPECT_EQ(j.at("flags"), json::array({"spans_truncated"}));
  expect_spans_match(j, p);
}

TEST_F(ToJson, EmptyClassification) {
  minhu::petition p;
  p.id = "e";
  const minhu::classification c;  // no ruleset at all
  const json j = json::parse(minhu::to_json(p, c));
  EXPECT_EQ(j.at("id"), "e");
  EXPECT_TRUE(j.at("category").is_null());
  EXPECT_EQ(j.at("decided_by"), "triage");
}

TEST_F(ToJson, DemoCityRuleset) {
  minhu::engine demo(std::string(MINHU_SOURCE_DIR) + "/rulesets/demo-city.json");
  const auto p = minhu::parse_petition(R"({"id": "d1", "text": "小區門口路燈壞了，晚上一片漆黑"})");
  const json j = json::parse(minhu::to_json(p, demo.classify(p)));
  EXPECT_EQ(j.at("id"), "d1");
  ASSERT_FALSE(j.at("category").is_null()) << j.dump();
  EXPECT_EQ(j.at("decided_by"), "rule");
  // The path runs from a root to the category itself.
  ASSERT_FALSE(j.at("category_path").empty());
  EXPECT_EQ(j.at("category_path").back(), j.at("category"));
  EXPECT_FALSE(j.at("rules").empty());
  EXPECT_FALSE(j.at("spans").empty());
  expect_spans_match(j, p);
}

TEST(ErrorJson, Shape) {
  json j = json::parse(minhu::error_json(7, "p-7", "text: missing"));
  EXPECT_EQ(j, (json{{"line", 7}, {"id", "p-7"}, {"error", "text: missing"}}));
  // Without an id the member is left out.
  j = json::parse(minhu::error_json(3, "", "malformed JSON: unexpected end of input"));
  EXPECT_EQ(j, (json{{"line", 3}, {"error", "malformed JSON: unexpected end of input"}}));
  // Quotes, newlines and invalid UTF-8 in the message still give one valid JSON line.
  const std::string raw = minhu::error_json(1, "", "bad \"x\"\n\xff");
  EXPECT_EQ(raw.find('\n'), std::string::npos);
  j = json::parse(raw);
  EXPECT_EQ(j.at("error"), "bad \"x\"\n\xef\xbf\xbd");
}

TEST(ErrorJson, FromAPetitionError) {
  try {
    minhu::parse_petition(R"({"id": "p9", "text": 5})");
    FAIL();
  } catch (const minhu::petition_error& e) {
    const json j = json::parse(minhu::error_json(9, "p9", e.message()));
    EXPECT_EQ(j.at("error"), "text: expected a string, found a number");
  }
}

}  // namespace
