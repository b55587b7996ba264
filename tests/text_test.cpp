// Normalisation: width folding, case, traditional → simplified, white space, offsets.
#include "minhu/text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "minhu/detail/utf8.hpp"

namespace {

std::string orig(const std::string& in, const minhu::normalized_text& n, std::size_t b,
                 std::size_t e) {
  const auto [ob, oe] = n.original_span(b, e);
  return in.substr(ob, oe - ob);
}

TEST(text, full_width_ascii_folds_to_half_width_and_lower_case) {
  EXPECT_EQ(minhu::normalize("ＡＢＣ１２３ａｂｃ！"), "abc123abc!");
  EXPECT_EQ(minhu::normalize("WiFi 5G"), "wifi 5g");
  EXPECT_EQ(minhu::normalize("（投诉）"), "(投诉)");
}

TEST(text, traditional_folds_to_simplified) {
  EXPECT_EQ(minhu::normalize("噪聲擾民"), "噪声扰民");
  EXPECT_EQ(minhu::normalize("小區門口燒烤店油煙"), "小区门口烧烤店油烟");
  EXPECT_EQ(minhu::normalize("電梯維修"), "电梯维修");
  // Already simplified text is unchanged.
  EXPECT_EQ(minhu::normalize("噪声扰民"), "噪声扰民");
  EXPECT_GT(minhu::detail::t2s_table::instance().size(), 3000u);
}

TEST(text, white_space_runs_collapse_and_ends_are_trimmed) {
  EXPECT_EQ(minhu::normalize("  路灯\t\t坏了\r\n　很久 "), "路灯 坏了 很久");
  EXPECT_EQ(minhu::normalize("a\u00A0\u2003b"), "a b");
  EXPECT_EQ(minhu::normalize(" \t "), "");
  EXPECT_EQ(minhu::normalize(""), "");
}

TEST(text, zero_width_characters_are_dropped) {
  EXPECT_EQ(minhu::normalize("井\u200B盖\uFEFF丢失"), "井盖丢失");
}

TEST(text, offsets_point_into_the_original_after_width_and_script_folding) {
  const std::string in = "ＡＢ　噪聲很大";
  minhu::normalized_text n;
  minhu::normalize(in, n);
  ASSERT_EQ(n.text, "ab 噪声很大");
  EXPECT_EQ(orig(in, n, 0, 2), "ＡＢ");  // 2 output bytes ← 6 input bytes
  EXPECT_EQ(orig(in, n, 2, 3), "　");    // the ideographic space
  EXPECT_EQ(orig(in, n, 3, 9), "噪聲");  // simplified output ← traditional input
  EXPECT_EQ(orig(in, n, 9, 15), "很大");
  EXPECT_EQ(n.src_begin.size(), n.text.size());
}

TEST(text, collapsed_space_maps_to_the_whole_run) {
  const std::string in = "路灯 \t  坏了";
  minhu::normalized_text n;
  minhu::normalize(in, n);
  ASSERT_EQ(n.text, "路灯 坏了");
  EXPECT_EQ(orig(in, n, 6, 7), " \t  ");
  EXPECT_EQ(orig(in, n, 7, 13), "坏了");
}

TEST(text, supplementary_plane_characters_survive_with_exact_offsets) {
  const std::string in = "𠮷野家 a";  // U+20BB7 is 4 bytes
  minhu::normalized_text n;
  minhu::normalize(in, n);
  EXPECT_EQ(n.text, "𠮷野家 a");
  EXPECT_EQ(orig(in, n, 0, 4), "𠮷");
  EXPECT_FALSE(n.invalid_utf8);
}

TEST(text, invalid_utf8_becomes_replacement_and_is_flagged) {
  const std::string in =
      std::string("路灯") + '\xFF' + "坏" + '\xE4' + '\xB8';  // stray + truncated
  minhu::normalized_text n;
  minhu::normalize(in, n);
  EXPECT_TRUE(n.invalid_utf8);
  EXPECT_TRUE(minhu::detail::is_valid_utf8(n.text));
  EXPECT_EQ(n.text, "路灯\uFFFD坏\uFFFD\uFFFD");
  EXPECT_EQ(orig(in, n, 6, 9), "\xFF");
}

TEST(text, overlong_and_surrogate_encodings_are_rejected) {
  EXPECT_FALSE(minhu::detail::is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(minhu::detail::is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(minhu::detail::is_valid_utf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_TRUE(minhu::detail::is_valid_utf8("\xEF\xBF\xBD"));       // U+FFFD itself is fine
}

TEST(text, utf16_converts_to_utf8_with_unpaired_surrogates_as_replacement) {
  auto utf8 = [](std::vector<std::uint16_t> units, bool& exact) {
    std::string out = "stale";
    exact = minhu::detail::utf16_to_utf8(units.data(), units.size(), out);
    return out;
  };
  bool exact = false;
  // 'a', é, 楼, 𠮷 (a surrogate pair): every length of encoding.
  EXPECT_EQ(utf8({0x61, 0xE9, 0x697C, 0xD842, 0xDFB7}, exact), "a\u00e9\u697c\U00020BB7");
  EXPECT_TRUE(exact);
  EXPECT_EQ(utf8({}, exact), "");
  EXPECT_TRUE(exact);
  // A high surrogate at the end, a low one alone, a high one before a non-surrogate.
  EXPECT_EQ(utf8({0x61, 0xD842}, exact), "a\uFFFD");
  EXPECT_FALSE(exact);
  EXPECT_EQ(utf8({0xDFB7, 0x61}, exact), "\uFFFDa");
  EXPECT_FALSE(exact);
  EXPECT_EQ(utf8({0xD842, 0x697C}, exact), "\uFFFD\u697c");
  EXPECT_FALSE(exact);
  EXPECT_EQ(utf8({0xDBFF, 0xDFFF}, exact), "\U0010FFFF");
  EXPECT_TRUE(exact);
}

TEST(text, fields_append_with_a_separator_that_keywords_never_contain) {
  minhu::normalized_text n;
  minhu::normalize("標題", n);
  const auto title_len = n.text.size();
  minhu::normalize_append("正文", n);
  EXPECT_EQ(n.text, "标题\n正文");
  EXPECT_EQ(title_len, 6u);
  // Offsets of the second field are relative to the second input.
  EXPECT_EQ(n.original_span(7, 13), (std::pair<std::uint32_t, std::uint32_t>{0, 6}));
  // An empty first field adds no separator.
  minhu::normalize("", n);
  minhu::normalize_append("正文", n);
  EXPECT_EQ(n.text, "正文");
}

TEST(text, buffers_are_reused_between_calls) {
  minhu::normalized_text n;
  minhu::normalize(std::string(1000, 'x'), n);
  const auto cap = n.text.capacity();
  minhu::normalize("短", n);
  EXPECT_EQ(n.text, "短");
  EXPECT_EQ(n.text.capacity(), cap);
}

// The sparse offset map (the hot path's) answers exactly like the dense one, for every pair of
// character boundaries of one field, in every field of a multi-field buffer.
TEST(text, sparse_and_dense_offset_maps_agree) {
  const std::vector<std::string> inputs = {
      "",
      "   ",
      "楼下饭店油烟直排",
      "  前导空白　和\t\n多种　 空白  ",
      "ＡＢＣ１２３ａｂｃ！全角",
      "零\u200b宽\u200d字符\ufeff",
      "壞\xff的\xe4\xbdＵＴＦ８\xc0\xaf",
      "𠮷野家 𝄞 音乐 混合 Emoji 😀 和 繁體 噪聲擾民",
      "\xe3\x80\x80\xe3\x80\x80开头是全角空格 结尾也是\xe3\x80\x80",
      "A\u200bＢ c\r\nＤ",
  };
  for (const auto& title : inputs) {
    for (const auto& text : inputs) {
      minhu::normalized_text dense, sparse;
      sparse.track_offsets = false;
      minhu::normalize_append(title, dense);
      minhu::normalize_append(text, dense);
      minhu::normalize_append(title, sparse);
      minhu::normalize_append(text, sparse);
      ASSERT_EQ(dense.text, sparse.text);
      EXPECT_TRUE(sparse.src_begin.empty());
      const std::string& t = dense.text;
      // Character boundaries of each field (the '\n' separates the fields).
      std::size_t field_begin = 0;
      for (std::size_t field_end = 0; field_end <= t.size(); ++field_end) {
        if (field_end < t.size() && t[field_end] != '\n') continue;
        std::vector<std::size_t> cuts;
        for (std::size_t i = field_begin; i <= field_end; ++i)
          if (i == field_end || (static_cast<unsigned char>(t[i]) & 0xC0) != 0x80)
            cuts.push_back(i);
        for (std::size_t a = 0; a < cuts.size(); ++a)
          for (std::size_t b = a + 1; b < cuts.size(); ++b)
            ASSERT_EQ(dense.original_span(cuts[a], cuts[b]), sparse.original_span(cuts[a], cuts[b]))
                << "title \"" << title << "\" text \"" << text << "\" [" << cuts[a] << ", "
                << cuts[b] << ")";
        field_begin = field_end + 1;
      }
    }
  }
}

// The normaliser copies runs of CJK characters without decoding them one by one. A reference
// that takes every input character on its own (decode, fold, map, encode) gives the same text,
// flag and per-byte offsets on random mixes of simplified and traditional characters, the
// edges of the CJK blocks, ASCII, full-width and white space, zero-width and ill-formed bytes.
struct reference_output {
  std::string text;
  std::vector<std::uint32_t> begin, end;
  bool invalid = false;
};

reference_output reference_normalize(const std::string& in) {
  namespace d = minhu::detail;
  reference_output r;
  bool pending = false;
  std::uint32_t space_begin = 0, space_end = 0;
  for (std::size_t i = 0; i < in.size();) {
    std::size_t len = 1;
    char32_t cp = d::decode_utf8(in, i, len);
    if (cp == d::replacement_char && len == 1) r.invalid = true;
    const auto from = std::uint32_t(i), to = std::uint32_t(i + len);
    i += len;
    if (d::is_space_like(cp)) {
      if (!pending) space_begin = from;
      pending = true;
      space_end = to;
      continue;
    }
    if (d::is_zero_width(cp)) continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    if (cp >= 'A' && cp <= 'Z') cp += 32;
    if (pending && !r.text.empty()) {
      r.text.push_back(' ');
      r.begin.push_back(space_begin);
      r.end.push_back(space_end);
    }
    pending = false;
    d::append_utf8(r.text, d::t2s_table::instance().map(cp));
    r.begin.resize(r.text.size(), from);
    r.end.resize(r.text.size(), to);
  }
  return r;
}

TEST(text, each_code_point_normalises_as_normalize_code_point_says) {
  // Every scalar value, between two letters: the raw scan's folding (normalize_code_point)
  // and the normaliser agree.
  for (char32_t cp = 0; cp < 0x110000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string in = "a";
    minhu::detail::append_utf8(in, cp);
    in += "b";
    const char32_t to = minhu::detail::normalize_code_point(cp);
    std::string expected = "a";
    if (to != minhu::detail::dropped_char) minhu::detail::append_utf8(expected, to);
    expected += "b";
    ASSERT_EQ(minhu::normalize(in), expected) << "U+" << std::hex << std::uint32_t(cp);
  }
}

TEST(text, normalising_twice_changes_nothing) {
  // A character whose simplified form has one of its own maps to the end of the chain.
  EXPECT_EQ(minhu::normalize("薴"), "苎");
  EXPECT_EQ(minhu::normalize("苧"), "苎");
  minhu::detail::t2s_table::instance().for_each([](char32_t from, char32_t) {
    std::string in;
    minhu::detail::append_utf8(in, from);
    const std::string once = minhu::normalize(in);
    ASSERT_EQ(minhu::normalize(once), once) << "U+" << std::hex << std::uint32_t(from);
  });
}

TEST(text, character_runs_normalise_like_one_character_at_a_time) {
  const std::vector<std::string> pieces = {
      "噪",
      "声",
      "扰",
      "民",
      "小区",
      "门口",  // simplified
      "聲",
      "擾",
      "區",
      "燒",
      "電",
      "維",  // traditional
      "\xe3\x90\x80",
      "\xe9\xbf\xbf",  // U+3400, U+9FFF: the CJK range's ends
      "\xe3\x8f\xbf",
      "\xea\x80\x80",  // U+33FF, U+A000: just outside it
      "。",
      "，",
      "Ａ",
      "ｂ",
      "１",
      "　",
      "\u2003",  // punctuation, full width, spaces
      "a",
      "Z",
      "7",
      " ",
      "\t",
      "\n",  // ASCII
      "\u200b",
      "\ufeff",  // zero width
      "\xe4\xb8",
      "\xe4",
      "\xff",
      "\xc0\xaf",  // truncated, stray, overlong
      "\xed\xa0\x80",
      "𠮷",
      "\xef\xbf\xbd",  // surrogate, supplementary, real U+FFFD
  };
  std::mt19937 rng(20261124);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), length(0, 40);
  minhu::normalized_text dense, sparse;
  sparse.track_offsets = false;
  for (int round = 0; round < 20000; ++round) {
    std::string in;
    const std::size_t k = length(rng);
    for (std::size_t j = 0; j < k; ++j) {
      // Mostly simplified characters, as in real petitions, so that long runs occur.
      const std::size_t x = pick(rng);
      in += (x % 3 == 0) ? pieces[x] : pieces[x % 6];
    }
    const reference_output want = reference_normalize(in);
    minhu::normalize(in, dense);
    minhu::normalize(in, sparse);
    ASSERT_EQ(dense.text, want.text) << in;
    ASSERT_EQ(sparse.text, want.text) << in;
    ASSERT_EQ(dense.invalid_utf8, want.invalid) << in;
    ASSERT_EQ(sparse.invalid_utf8, want.invalid) << in;
    ASSERT_EQ(dense.src_begin, want.begin) << in;
    ASSERT_EQ(dense.src_end, want.end) << in;
    for (std::size_t b = 0; b < want.text.size(); ++b) {
      if ((static_cast<unsigned char>(want.text[b]) & 0xC0) == 0x80) continue;
      std::size_t e = b + 1;
      while (e < want.text.size() && (static_cast<unsigned char>(want.text[e]) & 0xC0) == 0x80) ++e;
      ASSERT_EQ(sparse.original_span(b, e), std::make_pair(want.begin[b], want.end[e - 1])) << in;
    }
  }
}

}  // namespace
