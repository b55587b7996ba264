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
#include <memory>
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
    const auto& p = pages_[page];
    if (!p) return cp;
    const char32_t v = (*p)[cp & 0xFF];
    return v ? v : cp;
  }
  std::size_t size() const noexcept { return size_; }

 private:
  t2s_table();
  std::vector<std::unique_ptr<std::array<char32_t, 256>>> pages_;
  std::size_t size_ = 0;
};

inline t2s_table::t2s_table() {
  static constexpr char32_t pairs[][2] = {
#include "minhu/detail/t2s_table.inc"
  };
  pages_.resize(0x110000 >> 8);
  for (const auto& pr : pairs) {
    auto& page = pages_[pr[0] >> 8];
    if (!page) page = std::make_unique<std::array<char32_t, 256>>();  // value-initialised: 0
    (*page)[pr[0] & 0xFF] = pr[1];
  }
  size_ = sizeof(pairs) / sizeof(pairs[0]);
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

/// Folds one code point (width, case, script). White space is handled by the caller.
inline char32_t fold(char32_t cp) noexcept {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0xFF01 && cp <= 0xFF5E) {
    cp -= 0xFEE0;
    return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  }
  return t2s_table::instance().map(cp);
}

}  // namespace detail

/// The normalised form of one or more text fields, with a byte-exact map back to the input.
///
/// Several fields (e.g. title and text) can be normalised into one buffer with `append`; they
/// are separated by '\n', which never occurs inside a normalised field, so a keyword can never
/// match across two fields and one scan covers them all.
struct normalized_text {
  std::string text;  ///< normalised UTF-8, always well-formed
  std::vector<std::uint32_t>
      src_begin;                       ///< per output byte: input offset where its character starts
  std::vector<std::uint32_t> src_end;  ///< per output byte: input offset where its character ends
  bool invalid_utf8 = false;           ///< some input bytes were ill-formed and became U+FFFD

  void clear() noexcept {
    text.clear();
    src_begin.clear();
    src_end.clear();
    invalid_utf8 = false;
  }
  /// Input byte range [first, second) covered by the output bytes [b, e); b < e required.
  std::pair<std::uint32_t, std::uint32_t> original_span(std::size_t b,
                                                        std::size_t e) const noexcept {
    return {src_begin[b], src_end[e - 1]};
  }
};

/// Normalises `in` and appends it to `out` (a '\n' separator first when `out` is not empty).
/// Offsets recorded in `out` are relative to `in`.
inline void normalize_append(std::string_view in, normalized_text& out) {
  if (!out.text.empty()) {
    out.text.push_back('\n');
    out.src_begin.push_back(0);
    out.src_end.push_back(0);
  }
  out.text.reserve(out.text.size() + in.size());
  out.src_begin.reserve(out.src_begin.size() + in.size());
  out.src_end.reserve(out.src_end.size() + in.size());
  const std::size_t field_start = out.text.size();
  bool pending_space = false;
  std::uint32_t space_begin = 0, space_end = 0;
  std::size_t i = 0;
  while (i < in.size()) {
    const auto b = static_cast<unsigned char>(in[i]);
    char32_t cp;
    std::size_t len = 1;
    if (b < 0x80) {
      cp = b;
    } else {
      cp = detail::decode_utf8(in, i, len);
      if (cp == detail::replacement_char && len == 1) out.invalid_utf8 = true;
    }
    const auto from = static_cast<std::uint32_t>(i);
    const auto to = static_cast<std::uint32_t>(i + len);
    i += len;
    if (detail::is_space_like(cp)) {
      if (!pending_space) space_begin = from;
      pending_space = true;
      space_end = to;
      continue;
    }
    if (detail::is_zero_width(cp)) continue;
    if (pending_space) {
      if (out.text.size() > field_start) {  // leading white space is trimmed
        out.text.push_back(' ');
        out.src_begin.push_back(space_begin);
        out.src_end.push_back(space_end);
      }
      pending_space = false;
    }
    const char32_t f = detail::fold(cp);
    const std::size_t before = out.text.size();
    detail::append_utf8(out.text, f);
    out.src_begin.insert(out.src_begin.end(), out.text.size() - before, from);
    out.src_end.insert(out.src_end.end(), out.text.size() - before, to);
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
