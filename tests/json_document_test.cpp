// json_document: the two parsers build the same document. parse_fast (simdjson) may refuse a
// text parse (nlohmann) accepts, never the reverse, and what it accepts it must build equally:
// same nodes, members, bytes and duplicate keys.
#include "minhu/detail/json_document.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "minhu/limits.hpp"

namespace {

using minhu::detail::json_document;
using minhu::detail::json_value;
constexpr int depth = minhu::limits::ruleset_json_depth;

std::string read(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string dups_text(const std::vector<json_document::duplicate_key>& d) {
  std::string out;
  for (const auto& k : d) out += k.pointer + " " + k.key + "\n";
  return out;
}

// What the two parsers made of `text`.
struct outcome {
  bool fast = false;       // parse_fast accepted it
  bool reference = false;  // parse accepted it
};

// Checks the contract on one text and says who accepted it.
outcome check(const std::string& text) {
  outcome o;
  std::vector<json_document::duplicate_key> fast_dups, ref_dups;
  std::optional<json_document> fast = json_document::parse_fast(text, fast_dups, depth);
  o.fast = fast.has_value();
  if (!o.fast) {
    EXPECT_TRUE(fast_dups.empty()) << text;
  }
  std::optional<json_document> ref;
  try {
    ref = json_document::parse(text, ref_dups);
    o.reference = true;
  } catch (const nlohmann::json::exception&) {
  }
  if (o.fast) {
    EXPECT_TRUE(o.reference) << "simdjson accepted what nlohmann refuses: " << text;
    if (o.reference) {
      EXPECT_TRUE(*fast == *ref) << text;
      EXPECT_EQ(dups_text(fast_dups), dups_text(ref_dups)) << text;
    }
  }
  return o;
}

TEST(JsonDocument, EveryRulesetFixtureTakesTheFastPathAndBuildsTheSameDocument) {
  std::size_t n = 0;
  for (const char* dir : {"/rulesets", "/rulesets/fixtures", "/tests/schema/valid"}) {
    const std::filesystem::path d = std::string(MINHU_SOURCE_DIR) + dir;
    if (!std::filesystem::exists(d)) continue;
    for (const auto& e : std::filesystem::directory_iterator(d)) {
      if (e.path().extension() != ".json") continue;
      const outcome o = check(read(e.path()));
      EXPECT_TRUE(o.fast) << e.path();
      ++n;
    }
  }
  EXPECT_GE(n, 4u);
}

TEST(JsonDocument, ValuesAndKindsMatchTheReference) {
  std::vector<json_document::duplicate_key> dups;
  const std::string text =
      R"({"i": -5, "u": 7, "zero": 0, "negzero": -0, "big": 18446744073709551615,)"
      R"( "min": -9223372036854775808, "f": 2.5e-3, "e": 1E2, "tiny": 1e-400,)"
      R"( "s": "a\u0000b\"\\\/\n\u00e9\ud83d\ude00路灯", "t": true, "n": null, "a": [], "o": {}})";
  auto doc = json_document::parse_fast(text, dups, depth);
  ASSERT_TRUE(doc);
  const json_value r = doc->root();
  EXPECT_EQ(r.find("i")->type(), json_value::kind::integer);
  EXPECT_EQ(r.find("i")->integer(), -5);
  EXPECT_EQ(r.find("u")->type(), json_value::kind::unsigned_integer);
  EXPECT_EQ(r.find("zero")->type(), json_value::kind::unsigned_integer);
  EXPECT_EQ(r.find("negzero")->type(), json_value::kind::unsigned_integer);
  EXPECT_EQ(r.find("big")->unsigned_integer(), 18446744073709551615u);
  EXPECT_EQ(r.find("min")->integer(), INT64_MIN);
  EXPECT_EQ(r.find("f")->type(), json_value::kind::floating);
  EXPECT_DOUBLE_EQ(r.find("f")->number(), 2.5e-3);
  EXPECT_EQ(r.find("e")->type(), json_value::kind::floating);
  EXPECT_EQ(r.find("tiny")->number(), 0.0);
  EXPECT_EQ(r.find("s")->str(), std::string_view("a\0b\"\\/\n\xC3\xA9\xF0\x9F\x98\x80路灯", 19));
  EXPECT_TRUE(r.find("t")->boolean());
  EXPECT_TRUE(r.find("n")->is_null());
  EXPECT_TRUE(r.find("a")->is_array() && r.find("a")->empty());
  EXPECT_TRUE(r.find("o")->is_object() && r.find("o")->empty());
  EXPECT_TRUE(dups.empty());
  EXPECT_TRUE(check(text).fast);
  // Equality sees every difference: a value, a kind, a key.
  for (const char* other : {"[1]", "[1.0]", "[-1]", "{\"a\":1}", "[\"1\"]"})
    EXPECT_TRUE(*json_document::parse_fast("[2]", dups, depth) !=
                *json_document::parse_fast(other, dups, depth));
  EXPECT_TRUE(*json_document::parse_fast("{\"a\":1}", dups, depth) !=
              *json_document::parse_fast("{\"b\":1}", dups, depth));
}

TEST(JsonDocument, DuplicateKeysAreReportedWithTheirPointersByBothParsers) {
  std::string wide = R"({"x": [0, {"k0": 1)";
  for (int k = 1; k < 40; ++k) wide += ", \"k" + std::to_string(k) + "\": 1";
  wide += R"(, "k7": 2, "a/b~": 1, "a/b~": 2}], "x": 1})";
  std::vector<json_document::duplicate_key> dups;
  ASSERT_TRUE(json_document::parse_fast(wide, dups, depth));
  EXPECT_EQ(dups_text(dups), "/x/1/k7 k7\n/x/1/a~1b~0 a/b~\n/x x\n");
  EXPECT_TRUE(check(wide).fast);
  EXPECT_TRUE(check(R"([{"a":1,"b":2,"a":3}])").fast);
}

TEST(JsonDocument, TheFastParserRefusesWhatOnlyTheReferenceReadsAndLeavesNoDuplicates) {
  // A byte-order mark (nlohmann skips it) and an integer beyond 64 bits (nlohmann: a double).
  for (const std::string& text : {std::string("\xEF\xBB\xBF{\"a\": 1, \"a\": 2}"),
                                  std::string(R"({"a": 1, "a": 2, "n": 123456789012345678901})")}) {
    std::vector<json_document::duplicate_key> dups;
    EXPECT_FALSE(json_document::parse_fast(text, dups, depth)) << text;
    EXPECT_TRUE(dups.empty());
    const outcome o = check(text);
    EXPECT_TRUE(o.reference);
  }
  // Syntax errors and ill-formed text: both refuse.
  for (const std::string& text :
       {std::string("{\"a\": 1,}"), std::string("[01]"), std::string("[1.]"),
        std::string("[\"a\tb\"]"), std::string("[\"\\ud800\"]"), std::string("[1] x"),
        std::string("[\"\xC3\"]"), std::string(""), std::string("   "), std::string("[1e400]")}) {
    const outcome o = check(text);
    EXPECT_FALSE(o.fast) << text;
    EXPECT_FALSE(o.reference) << text;
  }
}

TEST(JsonDocument, NestingBeyondTheLimitIsRefusedByTheFastParser) {
  const auto arrays = [](int n) { return std::string(n, '[') + std::string(n, ']'); };
  std::vector<json_document::duplicate_key> dups;
  EXPECT_TRUE(json_document::parse_fast(arrays(depth), dups, depth));
  EXPECT_FALSE(json_document::parse_fast(arrays(depth + 1), dups, depth));
  EXPECT_TRUE(json_document::parse_fast(arrays(3), dups, 3));
  EXPECT_FALSE(json_document::parse_fast(arrays(4), dups, 3));
  EXPECT_FALSE(json_document::parse_fast("[]", dups, 0));
  EXPECT_TRUE(json_document::parse_fast("1", dups, 1));
  EXPECT_TRUE(check(arrays(depth)).fast);
}

// Random JSON texts, well formed and then damaged a byte at a time: the contract on each.
class random_json {
 public:
  explicit random_json(std::uint32_t seed) : rng_(seed) {}

  std::string document() {
    std::string out;
    value(out, 0);
    return out;
  }
  std::string damaged(std::string s) {
    if (s.empty()) return s;
    const std::size_t at = pick(s.size());
    static const char bytes[] = {'"', '\\', ',', ':',    '[',    ']',    '{',    '}', '0', '-',
                                 'e', '.',  ' ', '\x01', '\xC3', '\xA9', '\xFF', 'u', 't', 'n'};
    switch (pick(3)) {
      case 0:
        s[at] = bytes[pick(sizeof bytes)];
        break;
      case 1:
        s.insert(s.begin() + std::ptrdiff_t(at), bytes[pick(sizeof bytes)]);
        break;
      default:
        s.erase(at, 1);
    }
    return s;
  }

 private:
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  void space(std::string& out) {
    static const char* ws[] = {"", "", " ", "\n  ", "\t", "\r\n"};
    out += ws[pick(6)];
  }
  void string(std::string& out) {
    static const char* parts[] = {
        "a",   "id",      "路灯",    "噪音扰民",       "\\n",     "\\\"", "\\\\",
        "\\/", "\\u00e9", "\\u0000", "\\ud83d\\ude00", "\\u8def", "ÀÉ",   "~",
        "/",   "𠀀",      "\\t",     "\\b\\f",         "\\r",     " "};
    out += '"';
    for (std::size_t n = pick(5); n > 0; --n) out += parts[pick(std::size(parts))];
    out += '"';
  }
  void number(std::string& out) {
    static const char* numbers[] = {"0",
                                    "-0",
                                    "7",
                                    "-12",
                                    "2.5",
                                    "-0.0",
                                    "1e5",
                                    "1E-3",
                                    "-1.25e+2",
                                    "9223372036854775807",
                                    "9223372036854775808",
                                    "-9223372036854775808",
                                    "18446744073709551615",
                                    "0.1",
                                    "123456.789e-2",
                                    "5e-324"};
    out += numbers[pick(std::size(numbers))];
  }
  void value(std::string& out, int level) {
    space(out);
    const std::size_t k = level > 5 ? 3 + pick(4) : pick(8);
    switch (k) {
      case 0:
      case 1: {
        out += '{';
        const std::size_t n = pick(k == 0 ? 4 : 24);
        for (std::size_t i = 0; i < n; ++i) {
          if (i) out += ',';
          space(out);
          if (pick(2))
            out += "\"k" + std::to_string(pick(n + 2)) + '"';  // keys repeat now and then
          else
            string(out);
          space(out);
          out += ':';
          value(out, level + 1);
        }
        space(out);
        out += '}';
        break;
      }
      case 2: {
        out += '[';
        const std::size_t n = pick(5);
        for (std::size_t i = 0; i < n; ++i) {
          if (i) out += ',';
          value(out, level + 1);
        }
        space(out);
        out += ']';
        break;
      }
      case 3:
        string(out);
        break;
      case 4:
        number(out);
        break;
      case 5:
        out += pick(2) ? "true" : "false";
        break;
      default:
        out += "null";
    }
    space(out);
  }
  std::mt19937 rng_;
};

TEST(JsonDocument, RandomTextsWellFormedAndDamagedKeepTheContract) {
  random_json gen(20261125);
  std::size_t fast = 0, valid = 0, damaged_fast = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string doc = gen.document();
    const outcome o = check(doc);
    EXPECT_TRUE(o.reference) << doc;
    valid += o.reference;
    fast += o.fast;
    for (int d = 0; d < 3; ++d) damaged_fast += check(gen.damaged(doc)).fast;
  }
  // Well-formed texts take the fast path unless they hold an integer beyond 64 bits (the
  // generator writes none) — so every one of them.
  EXPECT_EQ(valid, 3000u);
  EXPECT_EQ(fast, 3000u);
  EXPECT_GT(damaged_fast, 0u);  // some damage leaves valid JSON, and it is checked too
}

}  // namespace
