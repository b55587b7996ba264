// The double-array Aho–Corasick automaton, checked against a brute-force search.
#include "minhu/matcher.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "minhu/text.hpp"

namespace {

using match = std::tuple<std::uint32_t, std::size_t, std::size_t>;

// Every match, in the order the scan reports them.
std::vector<match> found(const minhu::keyword_automaton& ac, std::string_view text) {
  std::vector<match> out;
  ac.scan(text, [&](std::uint32_t p, std::size_t b, std::size_t e) { out.emplace_back(p, b, e); });
  return out;
}

// Every match, sorted (for comparing sets).
std::vector<match> scan(const minhu::keyword_automaton& ac, std::string_view text) {
  std::vector<match> out = found(ac, text);
  std::sort(out.begin(), out.end());
  return out;
}

// Matches in the order the scan documents: by end, then the longest first. Two matches with
// the same end and begin are the same bytes, hence the same pattern.
std::vector<match> in_report_order(std::vector<match> m) {
  std::sort(m.begin(), m.end(), [](const match& x, const match& y) {
    if (std::get<2>(x) != std::get<2>(y)) return std::get<2>(x) < std::get<2>(y);
    return std::get<1>(x) < std::get<1>(y);
  });
  return m;
}

std::vector<match> brute(const std::vector<std::string>& pats, std::string_view text) {
  std::vector<match> out;
  for (std::uint32_t p = 0; p < pats.size(); ++p)
    for (std::size_t i = text.find(pats[p]); i != std::string_view::npos;
         i = text.find(pats[p], i + 1))
      out.emplace_back(p, i, i + pats[p].size());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(matcher, finds_overlapping_and_nested_keywords) {
  minhu::keyword_automaton::builder b;
  const auto a = b.add("油烟");
  const auto c = b.add("油烟扰民");
  const auto d = b.add("扰民");
  const auto e = b.add("烟");
  auto ac = std::move(b).build();
  const std::string text = "油烟扰民";
  const auto got = scan(ac, text);
  std::vector<match> want{{a, 0, 6}, {c, 0, 12}, {d, 6, 12}, {e, 3, 6}};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
}

TEST(matcher, reports_by_end_then_longest_first) {
  // A chain of suffixes ending at one character, each a pattern: the state of the longest
  // reports the whole chain, the shorter ones their own tails of it.
  minhu::keyword_automaton::builder b;
  const auto min = b.add("民");
  const auto rao = b.add("扰民");
  const auto yan = b.add("烟扰民");
  const auto all = b.add("油烟扰民");
  const auto you = b.add("油");
  auto ac = std::move(b).build();
  const std::vector<match> want{{you, 0, 3},  {all, 0, 12},  {yan, 3, 12}, {rao, 6, 12},
                                {min, 9, 12}, {rao, 15, 21}, {min, 18, 21}};
  EXPECT_EQ(found(ac, "油烟扰民，扰民"), want);
}

TEST(matcher, tags_travel_with_every_match_of_their_pattern) {
  // The suffix chain again: the longest pattern's run holds the shorter ones' records, and each
  // record carries its own pattern's tag, in the runs they share too.
  minhu::keyword_automaton::builder b;
  const auto min = b.add("民");
  const auto rao = b.add("扰民");
  const auto all = b.add("油烟扰民");
  const auto noise = b.add("噪音");
  auto ac = std::move(b).build();
  const std::string text = "油烟扰民，噪音扰民";
  std::vector<std::uint32_t> tags(ac.size(), 0);
  tags[min] = 7;
  tags[rao] = 0x80000001u;
  tags[all] = 0xFFFFFFFFu;  // noise (the last id) is left out: it keeps 0
  tags.pop_back();
  ASSERT_EQ(noise, ac.size() - 1);
  auto tagged = [&] {
    std::vector<std::pair<match, std::uint32_t>> out;
    ac.scan_tagged(text, [&](std::uint32_t p, std::uint32_t tag, std::size_t bg, std::size_t e) {
      out.push_back({{p, bg, e}, tag});
    });
    return out;
  };
  for (const auto& [m, tag] : tagged()) EXPECT_EQ(tag, 0u);  // none set yet
  ac.set_tags(tags);
  const auto got = tagged();
  const auto plain = found(ac, text);
  ASSERT_EQ(got.size(), plain.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    const auto& [m, tag] = got[k];
    EXPECT_EQ(m, plain[k]);  // same matches, same order as scan()
    const auto p = std::get<0>(m);
    EXPECT_EQ(tag, p < tags.size() ? tags[p] : 0u) << "pattern " << p;
  }
  EXPECT_EQ(got.size(), 6u);  // 民 扰民 油烟扰民 at 12, 噪音, 民 扰民 at 27
  tags[rao] = 3;              // setting them again replaces them
  ac.set_tags(tags);
  for (const auto& [m, tag] : tagged()) {
    if (std::get<0>(m) == rao) {
      EXPECT_EQ(tag, 3u);
    }
  }
}

TEST(matcher, same_pattern_twice_gets_one_id) {
  minhu::keyword_automaton::builder b;
  EXPECT_EQ(b.add("井盖"), b.add("井盖"));
  EXPECT_EQ(b.size(), 1u);
}

TEST(matcher, repeated_occurrences_are_all_reported) {
  minhu::keyword_automaton::builder b;
  b.add("aa");
  auto ac = std::move(b).build();
  EXPECT_EQ(scan(ac, "aaaa").size(), 3u);
}

TEST(matcher, matches_never_cross_character_boundaries) {
  // "交" is E4 BA A4, "代" is E4 BB A3; the byte sequence A4 E4 BB spans a boundary. A pattern
  // made of valid UTF-8 can never match there because UTF-8 is self-synchronising.
  minhu::keyword_automaton::builder b;
  b.add("代");
  b.add("交代");
  auto ac = std::move(b).build();
  const std::string text = "交代交通";
  for (auto [p, begin, end] : scan(ac, text)) {
    EXPECT_TRUE(begin == 0 || (static_cast<unsigned char>(text[begin]) & 0xC0) != 0x80);
    EXPECT_TRUE(end == text.size() || (static_cast<unsigned char>(text[end]) & 0xC0) != 0x80);
  }
  EXPECT_EQ(scan(ac, text).size(), 2u);
  // Patterns are matched as characters: bytes of one character never match inside another.
  minhu::keyword_automaton::builder b2;
  const auto tail = b2.add("\xBA\xA4");  // tail bytes of 交: ill-formed on its own
  const auto jiao = b2.add("交");
  auto ac2 = std::move(b2).build();
  EXPECT_EQ(ac2.size(), 2u);
  EXPECT_EQ(ac2.pattern(tail), "\xBA\xA4");  // kept, with its id, but never found
  EXPECT_EQ(scan(ac2, "交"), (std::vector<match>{{jiao, 0, 3}}));
  EXPECT_EQ(scan(ac2, "\xBA\xA4交\xBA\xA4"), (std::vector<match>{{jiao, 2, 5}}));
}

TEST(matcher, ill_formed_text_breaks_matches_but_never_reads_outside) {
  minhu::keyword_automaton::builder b;
  const auto zs = b.add("噪声");
  const auto fffd = b.add("\xEF\xBF\xBD");  // U+FFFD itself is a character like any other
  auto ac = std::move(b).build();
  // A stray byte between the characters: no match across it.
  EXPECT_TRUE(scan(ac, "噪\x80声").empty());
  // Truncated sequences at the end of the text are skipped byte by byte.
  EXPECT_EQ(scan(ac, std::string("噪声\xE5\x99", 8)), (std::vector<match>{{zs, 0, 6}}));
  EXPECT_EQ(scan(ac, "\xEF\xBF\xBD\xFF噪声"), (std::vector<match>{{zs, 4, 10}, {fffd, 0, 3}}));
  // Overlong and surrogate encodings are ill-formed, not the characters they spell.
  minhu::keyword_automaton::builder b2;
  const auto slash = b2.add("/");
  auto ac2 = std::move(b2).build();
  EXPECT_TRUE(scan(ac2, "\xC0\xAF \xE0\x80\xAF").empty());
  EXPECT_EQ(scan(ac2, "\xED\xA0\x80/"), (std::vector<match>{{slash, 3, 4}}));
}

TEST(matcher, characters_outside_every_pattern_reset_the_automaton) {
  minhu::keyword_automaton::builder b;
  const auto k = b.add("井盖缺失");
  const auto g = b.add("盖");
  auto ac = std::move(b).build();
  EXPECT_EQ(ac.alphabet_size(), 4u);
  EXPECT_EQ(scan(ac, "井盖x缺失 井盖缺失"),
            (std::vector<match>{{k, 14, 26}, {g, 3, 6}, {g, 17, 20}}));
  EXPECT_EQ(scan(ac, "𠮷井盖缺失"), (std::vector<match>{{k, 4, 16}, {g, 7, 10}}));
}

TEST(matcher, empty_automaton_finds_nothing) {
  minhu::keyword_automaton ac;
  EXPECT_TRUE(scan(ac, "anything 任何").empty());
  auto built = minhu::keyword_automaton::builder().build();
  EXPECT_TRUE(scan(built, "anything 任何").empty());
  EXPECT_EQ(built.size(), 0u);
}

TEST(matcher, agrees_with_brute_force_on_random_cjk_and_ascii) {
  // The same matches as a brute-force search, in the documented order.
  std::mt19937 rng(12345);
  const std::vector<std::string> alphabet{"噪", "音", "扰", "民", "油", "烟",
                                          "a",  "b",  "井", "盖", "𠮷", " "};
  auto random_string = [&](std::size_t max_len) {
    std::string s;
    const std::size_t n = 1 + rng() % max_len;
    for (std::size_t i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int round = 0; round < 50; ++round) {
    minhu::keyword_automaton::builder b;
    std::vector<std::string> pats;
    for (int i = 0; i < 40; ++i) {
      const std::string p = random_string(4);
      if (b.add(p) == pats.size()) pats.push_back(p);
    }
    auto ac = std::move(b).build();
    for (int t = 0; t < 20; ++t) {
      const std::string text = random_string(60);
      ASSERT_EQ(found(ac, text), in_report_order(brute(pats, text)))
          << "round " << round << " text " << text;
    }
  }
}

TEST(matcher, agrees_with_brute_force_over_a_large_alphabet) {
  // Hundreds of symbols: children summaries (one bit per symbol modulo 32) collide, deep
  // failure chains, 1- to 4-byte characters, and text characters in no pattern.
  std::mt19937 rng(2026);
  std::vector<std::string> alphabet;
  for (char32_t cp = 0x4E00; cp < 0x4E00 + 300; ++cp) {
    std::string ch;
    minhu::detail::append_utf8(ch, cp);
    alphabet.push_back(ch);
  }
  for (const char* ch : {"a", "b", "7", " ", "é", "𠮷", "\xEF\xBF\xBD"}) alphabet.push_back(ch);
  auto random_string = [&](std::size_t min_len, std::size_t max_len, std::size_t letters) {
    std::string s;
    const std::size_t n = min_len + rng() % (max_len - min_len + 1);
    for (std::size_t i = 0; i < n; ++i) s += alphabet[rng() % letters];
    return s;
  };
  for (int round = 0; round < 20; ++round) {
    minhu::keyword_automaton::builder b;
    std::vector<std::string> pats;
    const std::size_t letters = 40 + rng() % 260;  // the text also uses letters beyond these
    for (int i = 0; i < 400; ++i) {
      std::string p = random_string(1, 5, letters);
      if (i % 7 == 0 && !pats.empty()) p = pats[rng() % pats.size()] + p;  // shared prefixes
      if (b.add(p) == pats.size()) pats.push_back(p);
    }
    auto ac = std::move(b).build();
    for (int t = 0; t < 20; ++t) {
      std::string text = random_string(50, 400, alphabet.size());
      // Plant some patterns so that long matches and their suffixes occur.
      for (int k = 0; k < 5; ++k) text += pats[rng() % pats.size()] + random_string(1, 3, 20);
      ASSERT_EQ(found(ac, text), in_report_order(brute(pats, text))) << "round " << round;
    }
  }
}

TEST(matcher, scales_to_thousands_of_patterns) {
  minhu::keyword_automaton::builder b;
  std::vector<std::string> pats;
  for (int i = 0; i < 5000; ++i) {
    std::string p;
    minhu::detail::append_utf8(p, char32_t(0x4E00 + (i * 7) % 2000));
    minhu::detail::append_utf8(p, char32_t(0x4E00 + (i * 13) % 2000));
    if (i % 3 == 0) minhu::detail::append_utf8(p, char32_t(0x4E00 + i % 2000));
    if (b.add(p) == pats.size()) pats.push_back(p);
  }
  auto ac = std::move(b).build();
  EXPECT_EQ(ac.size(), pats.size());
  std::string text;
  for (int i = 0; i < 3000; ++i)
    minhu::detail::append_utf8(text, char32_t(0x4E00 + (i * 31) % 2000));
  EXPECT_EQ(scan(ac, text), brute(pats, text));
  EXPECT_GT(ac.memory_bytes(), 0u);
}

// What scan_as_normalized() must report: the matches of the normalised text, mapped back to
// the raw text's bytes.
std::vector<match> normalised_then_mapped(const minhu::keyword_automaton& ac, std::string_view raw,
                                          bool* well_formed = nullptr) {
  minhu::normalized_text n;
  minhu::normalize(raw, n);
  if (well_formed) *well_formed = !n.invalid_utf8;
  std::vector<match> out;
  ac.scan(n.text, [&](std::uint32_t p, std::size_t b, std::size_t e) {
    const auto [ob, oe] = n.original_span(b, e);
    out.emplace_back(p, ob, oe);
  });
  return out;
}

std::vector<match> found_raw(const minhu::keyword_automaton& ac, std::string_view raw,
                             bool* well_formed = nullptr) {
  std::vector<match> out;
  const bool ok = ac.scan_as_normalized(raw, [&](std::uint32_t p, std::uint32_t, std::size_t b,
                                                 std::size_t e) { out.emplace_back(p, b, e); });
  if (well_formed) *well_formed = ok;
  return out;
}

TEST(matcher, scans_raw_text_as_its_normalised_form) {
  minhu::keyword_automaton::builder b;
  const auto noise = b.add("噪声扰民");
  const auto wifi = b.add("wifi 5g");
  const auto cover = b.add("井盖");
  const auto kid = b.add("𠮷");
  auto ac = std::move(b).build();
  // Traditional, full width, upper case, a run of mixed white space, zero-width characters:
  // found, with the raw bytes they came from.
  const std::string raw = "  噪聲擾民，ＷｉＦｉ\t\u3000 5G；井\u200b蓋𠮷";
  const auto got = found_raw(ac, raw);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got, normalised_then_mapped(ac, raw));
  EXPECT_EQ(raw.substr(std::get<1>(got[0]), std::get<2>(got[0]) - std::get<1>(got[0])), "噪聲擾民");
  EXPECT_EQ(std::get<0>(got[1]), wifi);
  EXPECT_EQ(raw.substr(std::get<1>(got[1]), std::get<2>(got[1]) - std::get<1>(got[1])),
            "ＷｉＦｉ\t\u3000 5G");
  EXPECT_EQ(std::get<0>(got[2]), cover);
  EXPECT_EQ(raw.substr(std::get<1>(got[2]), std::get<2>(got[2]) - std::get<1>(got[2])),
            "井\u200b蓋");
  EXPECT_EQ(std::get<0>(got[3]), kid);
  EXPECT_EQ(std::get<0>(got[0]), noise);
  // A space is no more than one space, and a leading one is no space at all.
  EXPECT_EQ(found_raw(ac, "wifi\n\n5g").size(), 1u);
  EXPECT_TRUE(found_raw(ac, "wifi5g").empty());
  // Ill-formed bytes read as U+FFFD, which breaks a match, and are reported.
  bool ok = true;
  EXPECT_TRUE(found_raw(ac, "噪声\xff扰民", &ok).empty());
  EXPECT_FALSE(ok);
  EXPECT_EQ(found_raw(ac, "噪声扰民", &ok).size(), 1u);
  EXPECT_TRUE(ok);
}

TEST(matcher, raw_scan_agrees_with_the_normalised_scan_on_random_text) {
  // Normalised patterns over a small alphabet; texts over their raw variants: traditional and
  // full-width forms, upper case, several kinds of white space, zero-width characters,
  // ill-formed bytes and characters in no pattern.
  std::mt19937 rng(20261125);
  const std::vector<std::string> letters{"噪", "声", "扰", "民", "区", "门", "a", "b", "7", "𠮷"};
  const std::vector<std::string> variants{
      "噪",     "聲",     "擾",   "民",       "區", "門", "A",           "ａ",
      "Ｂ",     "７",     "𠮷",   " ",        "\t", "\n", "\u3000",      "\u00a0",
      "\u200b", "\ufeff", "\xff", "\xe4\xb8", "。", "x",  "\xef\xbf\xbd"};
  for (int round = 0; round < 40; ++round) {
    minhu::keyword_automaton::builder b;
    for (int i = 0; i < 30; ++i) {
      std::string p;
      const std::size_t len = 1 + rng() % 4;
      for (std::size_t k = 0; k < len; ++k) {
        if (k > 0 && rng() % 6 == 0) p += " ";  // some patterns hold a space
        p += letters[rng() % letters.size()];
      }
      b.add(p);
    }
    auto ac = std::move(b).build();
    for (int t = 0; t < 40; ++t) {
      std::string raw;
      const std::size_t len = rng() % 80;
      for (std::size_t k = 0; k < len; ++k) raw += variants[rng() % variants.size()];
      bool ok_raw = true, ok_norm = true;
      ASSERT_EQ(found_raw(ac, raw, &ok_raw), normalised_then_mapped(ac, raw, &ok_norm))
          << "round " << round << " text " << raw;
      ASSERT_EQ(ok_raw, ok_norm);
    }
  }
}

TEST(matcher, raw_scan_folds_every_traditional_character_of_the_table) {
  // One pattern per simplified character of the traditional → simplified table; a text of
  // every traditional character finds each of them where the normalised text does.
  minhu::keyword_automaton::builder b;
  std::string raw;
  minhu::detail::t2s_table::instance().for_each([&](char32_t from, char32_t) {
    std::string to;
    minhu::detail::append_utf8(to, minhu::detail::normalize_code_point(from));
    b.add(to);
    minhu::detail::append_utf8(raw, from);
  });
  for (char32_t cp = 0xFF01; cp <= 0xFF5E; ++cp) minhu::detail::append_utf8(raw, cp);
  for (char c = 'A'; c <= 'Z'; ++c) b.add(std::string(1, char(c + 32)));
  auto ac = std::move(b).build();
  const auto expected = normalised_then_mapped(ac, raw);
  EXPECT_GT(expected.size(), 4000u);
  EXPECT_EQ(found_raw(ac, raw), expected);
}

TEST(matcher, raw_scan_folds_cjk_characters_whose_symbols_need_more_than_16_bits) {
  // The raw scan reads CJK characters from a 16-bit table; a symbol that does not fit there
  // is read from the full one. Symbols go to the most frequent characters first: 65,600
  // characters of planes 3 and 4, each twice in a pattern, take the first ones, and the CJK
  // characters after them (in one pattern each) get symbols above 65,535.
  minhu::keyword_automaton::builder b;
  for (char32_t cp = 0x30000; cp < 0x30000 + 65600; ++cp) {
    std::string twice;
    minhu::detail::append_utf8(twice, cp);
    twice += twice;
    b.add(twice);
  }
  std::vector<std::uint32_t> cjk_ids;
  std::string raw;
  for (char32_t cp = 0x4E00; cp < 0x4F00; ++cp) {
    std::string c;
    minhu::detail::append_utf8(c, cp);
    minhu::detail::append_utf8(raw, cp);  // traditional ones too (丟 → 丢, 並 → 并, ...)
    if (minhu::normalize(c) == c) cjk_ids.push_back(b.add(c));
  }
  raw += raw;
  auto ac = std::move(b).build();
  ASSERT_EQ(ac.alphabet_size(), 65600u + cjk_ids.size());  // the CJK ones all above 65,600
  const auto got = found_raw(ac, raw);
  EXPECT_EQ(got, normalised_then_mapped(ac, raw));
  // Each simplified character twice, and traditional ones where they fold to one of them.
  EXPECT_GT(got.size(), 2 * cjk_ids.size());
}

TEST(matcher, raw_scan_finds_where_a_pattern_longer_than_its_window_began) {
  // The scan remembers where its last 64 characters began; a longer pattern's start is
  // counted again from the beginning of the text.
  // 100 characters from U+4E00 on (some traditional, such as 丟 and 並), with zero-width
  // characters among them; the pattern is their normalised form.
  std::string raw = "前言 ", chars;
  for (int i = 0; i < 100; ++i) {
    minhu::detail::append_utf8(chars, char32_t(0x4E00 + i));
    if (i % 10 == 0) chars += "\u200b";
  }
  raw += chars + "后记" + chars;
  minhu::keyword_automaton::builder b;
  const std::string longest = minhu::normalize(chars);
  ASSERT_NE(longest, chars);
  const auto id = b.add(longest);
  b.add("后记");
  auto ac = std::move(b).build();
  const auto got = found_raw(ac, raw);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got, normalised_then_mapped(ac, raw));
  EXPECT_EQ(got[0], match(id, 7, 7 + chars.size()));

  // Beyond 254 characters a record no longer holds the length, which is counted from the
  // pattern itself.
  std::string very_long;
  for (int i = 0; i < 300; ++i) minhu::detail::append_utf8(very_long, char32_t(0x5000 + i));
  very_long = minhu::normalize(very_long);
  minhu::keyword_automaton::builder b2;
  const auto id2 = b2.add(very_long);
  auto ac2 = std::move(b2).build();
  const std::string text = "序" + very_long + "跋";
  EXPECT_EQ(found_raw(ac2, text), std::vector<match>{match(id2, 3, 3 + very_long.size())});
  EXPECT_EQ(found(ac2, text), std::vector<match>{match(id2, 3, 3 + very_long.size())});
}

}  // namespace
