// Fuzz target: the normaliser and the keyword automaton (and the classifier on top of them).
//
// Input: one byte `k`, then the keywords (k % 8 of them, length-prefixed) of an automaton built
// for this input, then arbitrary bytes (ill-formed UTF-8 included) as petition text.
//
// Invariants checked:
//  - normalised text is well-formed UTF-8, has no control characters, no leading, trailing or
//    doubled space; every output byte maps to a non-empty input range inside the input, the
//    ranges never go backwards, and all bytes of one output character share one range;
//  - invalid_utf8 is set exactly when the input is ill-formed; normalising without offsets gives
//    the same text, and its sparse offset map maps every character and span like the dense
//    one; normalize_append joins fields with one '\n';
//  - the automaton (a fixed keyword set and one built from fuzzed keywords, any bytes) reports
//    exactly the occurrences a naive search finds (well-formed patterns starting at a character
//    of the text as UTF-8 decodes it), with spans inside the text;
//  - classification spans (shared fixture ruleset) lie inside the petition's fields.
#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "fuzz_support.hpp"
#include "minhu/detail/utf8.hpp"
#include "minhu/engine.hpp"
#include "minhu/matcher.hpp"
#include "minhu/text.hpp"

namespace {

using occurrence = std::tuple<std::size_t, std::size_t, std::uint32_t>;  // begin, end, pattern

// Byte occurrences of each well-formed pattern that start where a character of the text starts
// (decoding as decode_utf8 does: an ill-formed byte is one character of its own). A pattern
// is matched as characters, so this is exactly what the automaton must report.
std::set<occurrence> naive(std::string_view text, const std::vector<std::string>& patterns,
                           const std::vector<std::uint32_t>& ids) {
  std::vector<bool> starts(text.size() + 1, false);
  for (std::size_t i = 0; i < text.size();) {
    starts[i] = true;
    std::size_t len = 1;
    minhu::detail::decode_utf8(text, i, len);
    i += len;
  }
  std::set<occurrence> out;
  for (std::size_t k = 0; k < patterns.size(); ++k) {
    const auto& p = patterns[k];
    if (p.empty() || !minhu::detail::is_valid_utf8(p)) continue;
    for (auto at = text.find(p); at != std::string_view::npos; at = text.find(p, at + 1))
      if (starts[at]) out.emplace(at, at + p.size(), ids[k]);
  }
  return out;
}

void check_automaton(const std::vector<std::string>& patterns, std::string_view text) {
  minhu::keyword_automaton::builder b;
  std::vector<std::uint32_t> ids;
  std::vector<std::string> kept;
  for (const auto& p : patterns) {
    if (p.empty()) continue;  // the builder requires non-empty patterns
    ids.push_back(b.add(p));
    kept.push_back(p);
  }
  const minhu::keyword_automaton ac = std::move(b).build();
  MINHU_FUZZ_CHECK(ac.size() == std::set<std::string>(kept.begin(), kept.end()).size());
  std::set<occurrence> found;
  std::size_t last_end = 0;
  ac.scan(text, [&](std::uint32_t p, std::size_t begin, std::size_t end) {
    MINHU_FUZZ_CHECK(p < ac.size());
    MINHU_FUZZ_CHECK(begin < end && end <= text.size());
    MINHU_FUZZ_CHECK(end >= last_end);  // in order of end
    last_end = end;
    MINHU_FUZZ_CHECK(text.substr(begin, end - begin) == ac.pattern(p));
    MINHU_FUZZ_CHECK(found.emplace(begin, end, p).second);  // each occurrence once
  });
  MINHU_FUZZ_CHECK(found == naive(text, kept, ids));
}

void check_normalised(std::string_view in, const minhu::normalized_text& n) {
  const std::string& t = n.text;
  MINHU_FUZZ_CHECK(minhu::detail::is_valid_utf8(t));
  MINHU_FUZZ_CHECK(n.invalid_utf8 == !minhu::detail::is_valid_utf8(in));
  MINHU_FUZZ_CHECK(n.src_begin.size() == t.size() && n.src_end.size() == t.size());
  if (!t.empty()) MINHU_FUZZ_CHECK(t.front() != ' ' && t.back() != ' ');
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    MINHU_FUZZ_CHECK(c > 0x20 || c == ' ');
    MINHU_FUZZ_CHECK(c != 0x7F);
    if (c == ' ') MINHU_FUZZ_CHECK(i + 1 < t.size() && t[i + 1] != ' ');
    MINHU_FUZZ_CHECK(n.src_begin[i] < n.src_end[i] && n.src_end[i] <= in.size());
    if (i > 0) MINHU_FUZZ_CHECK(n.src_begin[i] >= n.src_begin[i - 1]);
    if ((c & 0xC0) == 0x80) {  // a continuation byte: same character, same source range
      MINHU_FUZZ_CHECK(n.src_begin[i] == n.src_begin[i - 1] && n.src_end[i] == n.src_end[i - 1]);
    } else if (i > 0) {
      MINHU_FUZZ_CHECK(n.src_begin[i] >= n.src_end[i - 1]);  // characters do not overlap
    }
  }
}

// The hot path's sparse offset map (track_offsets false) gives the same text and maps every
// character, and every span of characters, exactly like the dense map.
void check_sparse(const minhu::normalized_text& dense, const minhu::normalized_text& sparse) {
  MINHU_FUZZ_CHECK(sparse.text == dense.text && sparse.invalid_utf8 == dense.invalid_utf8);
  MINHU_FUZZ_CHECK(sparse.src_begin.empty());
  const std::string& t = dense.text;
  std::size_t field_begin = 0;
  for (std::size_t b = 0; b < t.size();) {
    std::size_t e = b + 1;
    while (e < t.size() && (static_cast<unsigned char>(t[e]) & 0xC0) == 0x80) ++e;
    if (t[b] == '\n') {  // the separator of appended fields
      field_begin = e;
    } else {
      MINHU_FUZZ_CHECK(sparse.original_span(b, e) == dense.original_span(b, e));
      // From the field's first character to this one: a span of many characters.
      MINHU_FUZZ_CHECK(sparse.original_span(field_begin, e) == dense.original_span(field_begin, e));
    }
    b = e;
  }
}

const std::vector<std::string>& fixed_keywords() {
  static const std::vector<std::string> k = [] {
    std::vector<std::string> out;
    for (const char* w : {"噪音", "噪", "音扰", "夜间施工", "施工", "路灯", "a", "aa", "abc", "b c",
                          "燃气泄漏", "\xEF\xBF\xBD", "独居老人", "老人", " "})
      out.push_back(minhu::normalize(w));
    return out;
  }();
  return k;
}

const minhu::engine& fixture_engine() {
  static const minhu::engine e(minhu::fuzz::source_path("rulesets/fixtures/basic.json"));
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  minhu::fuzz::input in(data, size);
  const unsigned k = in.byte() % 8;
  std::vector<std::string> fuzzed_keywords;
  for (unsigned i = 0; i < k; ++i) fuzzed_keywords.push_back(in.string(16));
  const std::string_view text = in.rest();

  minhu::normalized_text n, fast;
  fast.track_offsets = false;
  minhu::normalize(text, n);
  minhu::normalize(text, fast);
  check_normalised(text, n);
  check_sparse(n, fast);

  // Two fields in one buffer, as the classifier scans them.
  const std::size_t half = text.size() / 2;
  minhu::normalized_text two;
  minhu::normalize_append(text.substr(0, half), two);
  const std::string first = two.text;
  minhu::normalize_append(text.substr(half), two);
  const std::string second = minhu::normalize(text.substr(half));
  MINHU_FUZZ_CHECK(two.text == (first.empty() ? second : first + "\n" + second));
  MINHU_FUZZ_CHECK(two.src_begin.size() == two.text.size());
  minhu::normalized_text two_fast;
  two_fast.track_offsets = false;
  minhu::normalize_append(text.substr(0, half), two_fast);
  minhu::normalize_append(text.substr(half), two_fast);
  check_sparse(two, two_fast);

  // Spans found in the normalised text map back into the original input.
  check_automaton(fixed_keywords(), n.text);
  minhu::keyword_automaton::builder b;
  for (const auto& w : fixed_keywords()) b.add(w);
  const auto ac = std::move(b).build();
  ac.scan(n.text, [&](std::uint32_t, std::size_t begin, std::size_t end) {
    const auto [ob, oe] = n.original_span(begin, end);
    MINHU_FUZZ_CHECK(ob < oe && oe <= text.size());
    MINHU_FUZZ_CHECK(fast.original_span(begin, end) == n.original_span(begin, end));
  });
  // The classifier's scan of the raw text finds the same, at the same raw bytes.
  std::vector<std::array<std::size_t, 3>> via_normalised, raw_scan;
  ac.scan(n.text, [&](std::uint32_t p, std::size_t begin, std::size_t end) {
    const auto [ob, oe] = n.original_span(begin, end);
    via_normalised.push_back({p, ob, oe});
  });
  const bool well_formed = ac.scan_as_normalized(
      text, [&](std::uint32_t p, std::uint32_t, std::size_t begin, std::size_t end) {
        raw_scan.push_back({p, begin, end});
      });
  MINHU_FUZZ_CHECK(raw_scan == via_normalised);
  MINHU_FUZZ_CHECK(well_formed == !n.invalid_utf8);

  // Fuzzed keywords (any bytes) against both the raw and the normalised text.
  check_automaton(fuzzed_keywords, text);
  check_automaton(fuzzed_keywords, n.text);

  // The classifier on top: spans inside the original fields.
  minhu::petition p;
  p.id = "fuzz";
  p.title = std::string(text.substr(0, half));
  p.text = std::string(text.substr(half));
  const minhu::classification c = fixture_engine().classify(p);
  MINHU_FUZZ_CHECK(
      ((c.flags & minhu::flag_invalid_utf8) != 0) ==
      !(minhu::detail::is_valid_utf8(p.title) && minhu::detail::is_valid_utf8(p.text)));
  for (const auto& s : c.spans) {
    const auto& field = s.field == minhu::field_scope::title ? p.title : p.text;
    MINHU_FUZZ_CHECK(s.begin < s.end && s.end <= field.size());
  }
  return 0;
}
