// Text normalisation: the one place where petition text and rule keywords are made comparable.
//
//   minhu::normalized_text n;
//   minhu::normalize("噪聲擾民　ＡＢＣ", n);     // n.text == "噪声扰民 abc"
//   auto [b, e] = n.original_span(0, 6);        // byte range of "噪聲" in the input
//
// Steps, per code point: full-width ASCII → half-width (U+FF01–U+FF5E, U+3000), ASCII upper →
// lower case, traditional → simplified (OpenCC's character table, one character to one
// character, so no phrase context is needed and offsets stay exact), runs of white space and
// control characters → one ASCII space (trimmed at both ends), zero-width characters dropped,
// ill-formed UTF-8 → U+FFFD (flagged). Every output byte remembers the byte range of the input
// character it came from, so a match in the normalised text maps back to the original.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "minhu/detail/utf8.hpp"

namespace minhu {

namespace detail {

/// Traditional → simplified lookup: a two-level page table over OpenCC's character pairs,
/// built once (thread-safe static initialisation) and read-only afterwards.
class t2s_table {
 public:
  static const t2s_table& instance() {
    static const t2s_table table;
    return table;
  }
  /// The simplified form of `cp`, or `cp` itself.
  char32_t map(char32_t cp) const noexcept {
    const std::size_t page = cp >> 8;
    if (page >= pages_.size()) return cp;
    const char32_t v = data_[pages_[page] + (cp & 0xFF)];
    return v ? v : cp;
  }
  /// Whether `cp`, a code point of the CJK blocks [cjk_begin, cjk_end), has a different
  /// simplified form: one bit per code point (3.4 KB, so it stays in L1), which the normaliser
  /// tests before it reads the page table.
  bool maps_cjk(char32_t cp) const noexcept {
    const std::size_t k = cp - cjk_begin;
    return cjk_bits_[k >> 6] >> (k & 63) & 1;
  }
  std::size_t size() const noexcept { return size_; }
  /// Calls `f(traditional, simplified)` for every pair of the table.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t page = 0; page < pages_.size(); ++page) {
      if (pages_[page] == 0) continue;
      for (std::size_t k = 0; k < 256; ++k)
        if (const char32_t v = data_[pages_[page] + k]) f(char32_t(page << 8 | k), v);
    }
  }

  static constexpr char32_t cjk_begin = 0x3400;  // CJK Extension A .. the end of the
  static constexpr char32_t cjk_end = 0xA000;    // Unified Ideographs block

 private:
  t2s_table();
  std::vector<std::uint32_t> pages_;  // page (cp >> 8) → offset of its 256 entries in data_
  std::vector<char32_t> data_;        // data_[0, 256) is the all-zero identity page
  std::array<std::uint64_t, (cjk_end - cjk_begin) / 64> cjk_bits_{};
  std::size_t size_ = 0;
};

inline t2s_table::t2s_table() {
  static constexpr char32_t pairs[][2] = {
#include "minhu/detail/t2s_table.inc"
  };
  pages_.assign(0x110000 >> 8, 0);
  data_.assign(256, 0);
  for (const auto& pr : pairs) {
    auto& page = pages_[pr[0] >> 8];
    if (page == 0) {
      page = static_cast<std::uint32_t>(data_.size());
      data_.resize(data_.size() + 256, 0);
    }
    data_[page + (pr[0] & 0xFF)] = pr[1];
    if (pr[0] >= cjk_begin && pr[0] < cjk_end && pr[0] != pr[1]) {
      const std::size_t k = pr[0] - cjk_begin;
      cjk_bits_[k >> 6] |= std::uint64_t{1} << (k & 63);
    }
  }
  size_ = sizeof(pairs) / sizeof(pairs[0]);
  // A character whose simplified form has a simplified form of its own (OpenCC has 薴 → 苧
  // → 苎) maps to the end of the chain, so that normalising twice changes nothing: a keyword
  // written in the simplified form of a traditional text still meets it.
  for (const auto& pr : pairs) {
    char32_t& v = data_[pages_[pr[0] >> 8] + (pr[0] & 0xFF)];
    for (int hops = 0; hops < 8 && map(v) != v; ++hops) v = map(v);
  }
}

inline bool is_space_like(char32_t cp) noexcept {
  if (cp <= 0x20 || cp == 0x7F) return true;  // ASCII controls and space
  if (cp >= 0x80 && cp <= 0x9F) return true;  // C1 controls
  switch (cp) {
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

inline bool is_zero_width(char32_t cp) noexcept {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

/// What normalisation makes of the code point `cp` standing between two letters: ' ' for
/// white space and controls (a run of them becomes one space, none at either end),
/// `dropped_char` for a zero-width character, else the one character it becomes. normalize()
/// folds every character outside its run of plain CJK characters by it, and the scan of raw
/// text (keyword_automaton::scan_as_normalized) every character.
inline constexpr char32_t dropped_char = 0xFFFFFFFF;
/// (`t2s`: the table, for a caller that holds it through a loop.)
inline char32_t normalize_code_point(char32_t cp,
                                     const t2s_table& t2s = t2s_table::instance()) noexcept {
  if (cp < 0x80) {
    if (cp <= 0x20 || cp == 0x7F) return ' ';
    return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  }
  if (cp < 0x3400 || cp >= 0xA000) {
    if (is_space_like(cp)) return ' ';
    if (is_zero_width(cp)) return dropped_char;
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      cp -= 0xFEE0;
      return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    }
  }
  return t2s.map(cp);
}

}  // namespace detail

/// The normalised form of one or more text fields, with an optional byte-exact map back to
/// the input.
///
/// Several fields (e.g. title and text) can be normalised into one buffer with `append`; they
/// are separated by '\n', which never occurs inside a normalised field, so a keyword can never
/// match across two fields and one scan covers them all.
///
/// With `track_offsets` true every output byte records its input character (`src_begin`,
/// `src_end`: 8 bytes per output byte). With it false (the classifier's hot path) only the
/// places where output and input lengths differ are recorded in `fixes` (a collapsed white
/// space run, a removed zero-width character, a full-width letter folded to ASCII, an
/// ill-formed byte replaced by U+FFFD, ...); everything between them maps byte for byte.
/// original_span() answers from either form with the same result.
struct normalized_text {
  /// Output bytes [out_begin, out_end) stand for the input bytes [in_begin, in_end) of a
  /// different length (out_begin == out_end: input dropped). Each appended field starts with
  /// a fix {p, p, 0, 0} at its first output position p.
  struct offset_fix {
    std::uint32_t out_begin, out_end, in_begin, in_end;
  };

  std::string text;  ///< normalised UTF-8, always well-formed
  std::vector<std::uint32_t>
      src_begin;                       ///< per output byte: input offset where its character starts
  std::vector<std::uint32_t> src_end;  ///< per output byte: input offset where its character ends
  std::vector<offset_fix> fixes;       ///< the sparse map (with track_offsets false)
  bool invalid_utf8 = false;           ///< some input bytes were ill-formed and became U+FFFD
  bool track_offsets = true;           ///< record src_begin / src_end (else `fixes`)

  void clear() noexcept {
    text.clear();
    src_begin.clear();
    src_end.clear();
    fixes.clear();
    invalid_utf8 = false;
  }
  /// Input byte range [first, second) — relative to the field's own input — of the output
  /// bytes [b, e) of one field; b < e, both at character boundaries.
  std::pair<std::uint32_t, std::uint32_t> original_span(std::size_t b,
                                                        std::size_t e) const noexcept {
    if (track_offsets) return {src_begin[b], src_end[e - 1]};
    return {sparse_begin(std::uint32_t(b)), sparse_end(std::uint32_t(e))};
  }

 private:
  // The number of fixes with out_begin < x (strict) or <= x.
  std::size_t fixes_before(std::uint32_t x, bool inclusive) const noexcept {
    std::size_t lo = 0, hi = fixes.size();
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (fixes[mid].out_begin < x || (inclusive && fixes[mid].out_begin == x))
        lo = mid + 1;
      else
        hi = mid;
    }
    return lo;
  }
  // Input offset where the character at output position x starts.
  std::uint32_t sparse_begin(std::uint32_t x) const noexcept {
    const std::size_t k = fixes_before(x, true);
    if (k == 0) return x;
    const offset_fix& f = fixes[k - 1];
    return x < f.out_end ? f.in_begin : f.in_end + (x - f.out_end);
  }
  // Input offset where the character ending at output position x ends.
  std::uint32_t sparse_end(std::uint32_t x) const noexcept {
    const std::size_t k = fixes_before(x, false);
    if (k == 0) return x;
    const offset_fix& f = fixes[k - 1];
    return x <= f.out_end ? f.in_end : f.in_end + (x - f.out_end);
  }
};

namespace detail {

// Writes the normalised form of `in` at `o` (room for 3 bytes per input byte is required: an
// ill-formed byte becomes the 3-byte U+FFFD); records offsets when sb/se are non-null.
// Returns the end of the output.
inline char* normalize_into(std::string_view in, char* o, std::uint32_t* sb, std::uint32_t* se,
                            bool& invalid, std::vector<normalized_text::offset_fix>* fx = nullptr,
                            std::uint32_t base = 0) noexcept {
  char* const start = o;
  // A sparse-map entry; `fx` has room for one per input byte (reserved by the caller).
  auto fix = [&](const char* ob, const char* oe, std::uint32_t ib, std::uint32_t ie) {
    fx->push_back({base + std::uint32_t(ob - start), base + std::uint32_t(oe - start), ib, ie});
  };
  bool pending_space = false;
  std::uint32_t space_begin = 0, space_end = 0;
  std::uint32_t zero_end = 0;  // end of zero-width characters dropped while a space is pending
  const t2s_table& t2s = t2s_table::instance();
  const std::size_t n = in.size();
  std::size_t i = 0;
  auto emit_pending = [&] {
    if (o != start) {  // leading white space is trimmed
      *o++ = ' ';
      if (sb) *sb++ = space_begin, *se++ = space_end;
      if (fx && space_end - space_begin != 1) fix(o - 1, o, space_begin, space_end);
    } else if (fx) {
      fix(o, o, space_begin, space_end);
    }
    // Zero-width characters after the run's last white space were dropped behind it: their
    // fix goes after the space's, in output order (those inside the run are part of its span).
    if (fx && zero_end > space_end) fix(o, o, space_end, zero_end);
    pending_space = false;
  };
  while (i < n) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      const char32_t c = normalize_code_point(b, t2s);  // (inlined: two comparisons for ASCII)
      if (c == ' ') {
        if (!pending_space) space_begin = std::uint32_t(i);
        pending_space = true;
        space_end = std::uint32_t(++i);
        continue;
      }
      if (pending_space) emit_pending();
      *o++ = static_cast<char>(c);
      if (sb) *sb++ = std::uint32_t(i), *se++ = std::uint32_t(i + 1);
      ++i;
      continue;
    }
    // The common case of Chinese text: a run of well-formed 3-byte characters of the CJK blocks
    // that have no other simplified form is copied as it is (no space is pending, so nothing
    // is emitted before it, and input and output lengths agree, so the sparse map needs no
    // fix). A tight loop of its own, whose state stays in registers.
    if (!pending_space) {
      const auto* u = reinterpret_cast<const unsigned char*>(in.data());
      std::size_t j = i;
      while (j + 2 < n) {
        const unsigned b0 = u[j], b1 = u[j + 1], b2 = u[j + 2];
        const char32_t c3 = (char32_t(b0 & 0x0F) << 12) | (char32_t(b1 & 0x3F) << 6) | (b2 & 0x3F);
        if ((b0 & 0xF0) != 0xE0 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 ||
            c3 < t2s_table::cjk_begin || c3 >= t2s_table::cjk_end || t2s.maps_cjk(c3))
          break;
        j += 3;
      }
      if (j != i) {
        const std::size_t run = j - i;
        std::memcpy(o, u + i, run);
        o += run;
        if (sb)
          for (std::size_t k = i; k < j; k += 3) {
            const auto from = std::uint32_t(k), to = std::uint32_t(k + 3);
            sb[0] = sb[1] = sb[2] = from;
            se[0] = se[1] = se[2] = to;
            sb += 3;
            se += 3;
          }
        i = j;
        continue;
      }
    }
    std::size_t len = 1;
    const char32_t raw = decode_utf8_multibyte(in, i, len);
    if (len == 1) invalid = true;  // ill-formed (a non-ASCII character is 2 to 4 bytes)
    const auto from = std::uint32_t(i), to = std::uint32_t(i + len);
    i += len;
    const char32_t cp = normalize_code_point(raw, t2s);
    if (cp == ' ') {
      if (!pending_space) space_begin = from;
      pending_space = true;
      space_end = to;
      continue;
    }
    if (cp == dropped_char) {
      if (pending_space)
        zero_end = to;  // placed by emit_pending, after the space
      else if (fx)
        fix(o, o, from, to);
      continue;
    }
    if (pending_space) emit_pending();
    char* const before = o;
    if (cp < 0x80) {
      *o++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
      *o++ = static_cast<char>(0xC0 | (cp >> 6));
      *o++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *o++ = static_cast<char>(0xE0 | (cp >> 12));
      *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *o++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *o++ = static_cast<char>(0xF0 | (cp >> 18));
      *o++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *o++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
    if (sb)
      for (char* k = before; k != o; ++k) *sb++ = from, *se++ = to;
    if (fx && std::size_t(o - before) != len) fix(before, o, from, to);
  }
  return o;
}

}  // namespace detail

/// Normalises `in` and appends it to `out` (a '\n' separator first when `out` is not empty).
/// Offsets recorded in `out` are relative to `in`.
inline void normalize_append(std::string_view in, normalized_text& out) {
  if (!out.text.empty()) {
    out.text.push_back('\n');
    if (out.track_offsets) {
      out.src_begin.push_back(0);
      out.src_end.push_back(0);
    }
  }
  const std::size_t base = out.text.size();
  const std::size_t room = 3 * in.size();
  out.text.resize(base + room);
  std::uint32_t* sb = nullptr;
  std::uint32_t* se = nullptr;
  std::vector<normalized_text::offset_fix>* fx = nullptr;
  if (out.track_offsets) {
    out.src_begin.resize(base + room);
    out.src_end.resize(base + room);
    sb = out.src_begin.data() + base;
    se = out.src_end.data() + base;
  } else {
    // At most one fix per input byte, plus the field's start: reserved, so never reallocated
    // inside the noexcept loop (and, with a reused buffer, not allocated at all).
    out.fixes.reserve(out.fixes.size() + in.size() + 1);
    out.fixes.push_back({std::uint32_t(base), std::uint32_t(base), 0, 0});
    fx = &out.fixes;
  }
  char* const first = &out.text[0] + base;
  char* const last =
      detail::normalize_into(in, first, sb, se, out.invalid_utf8, fx, std::uint32_t(base));
  const std::size_t size = base + std::size_t(last - first);
  out.text.resize(size);
  if (out.track_offsets) {
    out.src_begin.resize(size);
    out.src_end.resize(size);
  }
}

/// Normalises `in` into `out`, replacing its content.
inline void normalize(std::string_view in, normalized_text& out) {
  out.clear();
  normalize_append(in, out);
}

/// Normalised form of `in` (convenience for keywords and tests; allocates).
inline std::string normalize(std::string_view in) {
  normalized_text n;
  normalize_append(in, n);
  return std::move(n.text);
}

}  // namespace minhu
