// UTF-8 decoding and encoding used by the normaliser, the loader and the bindings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace minhu::detail {

inline constexpr char32_t replacement_char = 0xFFFD;

/// Decodes one code point starting at `s[i]`. Returns the code point and sets `len` to the
/// number of bytes consumed (always >= 1). Ill-formed sequences (overlong forms, surrogates,
/// values above U+10FFFF, truncated sequences, stray continuation bytes) yield U+FFFD and
/// consume exactly one byte, so decoding always makes progress and resynchronises.
inline char32_t decode_utf8(std::string_view s, std::size_t i, std::size_t& len) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  const std::size_t rest = s.size() - i;
  auto cont = [&](std::size_t k) { return (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
  len = 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (rest >= 2 && cont(1)) {
      len = 2;
      return (char32_t(b0 & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
    }
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (rest >= 3 && cont(1) && cont(2)) {
      const char32_t cp = (char32_t(b0 & 0x0F) << 12) |
                          (char32_t(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                          (static_cast<unsigned char>(s[i + 2]) & 0x3F);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        len = 3;
        return cp;
      }
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (rest >= 4 && cont(1) && cont(2) && cont(3)) {
      const char32_t cp = (char32_t(b0 & 0x07) << 18) |
                          (char32_t(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 12) |
                          (char32_t(static_cast<unsigned char>(s[i + 2]) & 0x3F) << 6) |
                          (static_cast<unsigned char>(s[i + 3]) & 0x3F);
      if (cp >= 0x10000 && cp <= 0x10FFFF) {
        len = 4;
        return cp;
      }
    }
  }
  return replacement_char;
}

/// decode_utf8 for a non-ASCII lead byte at `s[i]`, with the well-formed 3-byte sequences that
/// carry all common CJK text decoded inline first (the hot paths of the normaliser and the
/// keyword automaton).
inline char32_t decode_utf8_multibyte(std::string_view s, std::size_t i,
                                      std::size_t& len) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if ((b0 & 0xF0) == 0xE0 && i + 2 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
      const char32_t cp = (char32_t(b0 & 0x0F) << 12) | (char32_t(b1 & 0x3F) << 6) | (b2 & 0x3F);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        len = 3;
        return cp;
      }
    }
  }
  return decode_utf8(s, i, len);
}

/// Appends the UTF-8 encoding of `cp` (which must be a valid scalar value) to `out`.
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// UTF-16 code units `s[0, n)` as UTF-8 into `out`, replacing its content; an unpaired surrogate
/// becomes U+FFFD (as V8's and the JDK's encoders do). Returns false when one did, i.e. when the
/// UTF-8 no longer spells the same UTF-16 string. (The bindings' strings come in as UTF-16.)
inline bool utf16_to_utf8(const std::uint16_t* s, std::size_t n, std::string& out) {
  out.resize(3 * n);  // a pair of units takes 4 bytes, any other unit at most 3
  char* const begin = &out[0];
  char* o = begin;
  bool exact = true;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t cp = s[i];
    if (cp < 0x80) {
      *o++ = static_cast<char>(cp);
      continue;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      if (cp <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00);
        ++i;
      } else {
        cp = replacement_char;
        exact = false;
      }
    }
    if (cp < 0x800) {
      *o++ = static_cast<char>(0xC0 | (cp >> 6));
    } else if (cp < 0x10000) {
      *o++ = static_cast<char>(0xE0 | (cp >> 12));
      *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    } else {
      *o++ = static_cast<char>(0xF0 | (cp >> 18));
      *o++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    }
    *o++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  out.resize(static_cast<std::size_t>(o - begin));
  return exact;
}

/// True when `s` is well-formed UTF-8.
inline bool is_valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    if (decode_utf8(s, i, len) == replacement_char && len == 1) {
      // U+FFFD itself is three bytes long, so len == 1 means the input was ill-formed.
      return false;
    }
    i += len;
  }
  return true;
}

/// Replaces every ill-formed sequence by U+FFFD.
inline std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = 0;
    const char32_t cp = decode_utf8(s, i, len);
    append_utf8(out, cp);
    i += len;
  }
  return out;
}

}  // namespace minhu::detail
