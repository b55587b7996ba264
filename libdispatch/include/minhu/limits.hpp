// Input limits: how much the engine accepts, and what happens beyond. No limit is silent.
//
//   limit                     default   beyond it
//   text_bytes                  64 KiB  title, text and address are each classified on their
//                                       first 64 KiB (cut at a character boundary); the result
//                                       carries flag text_truncated — never rejected
//   petition_json_depth             16  the petition is refused: petition_error naming it
//   line_bytes (JSON Lines)     16 MiB  the line yields an error record; the next line is read
//   ruleset_bytes              256 MiB  the ruleset is refused (errc::io)
//   ruleset_json_depth             128  the ruleset is refused (JSON pointer "")
//   rules                      200,000  the ruleset is refused (/rules)
//   keywords                 2,000,000  the ruleset is refused (/rules)
//   batch                    1,000,000  a batch call with more petitions throws invalid_argument
//                                       (split it; nothing of it was processed)
// Ill-formed UTF-8 anywhere in a petition is replaced by U+FFFD and flagged invalid_utf8.
#pragma once

#include <cstddef>
#include <string_view>

namespace minhu::limits {

inline constexpr std::size_t text_bytes = 64 * 1024;
inline constexpr int petition_json_depth = 16;
inline constexpr std::size_t line_bytes = 16 * 1024 * 1024;
inline constexpr std::size_t ruleset_bytes = 256 * 1024 * 1024;
inline constexpr int ruleset_json_depth = 128;
inline constexpr std::size_t rules = 200'000;
inline constexpr std::size_t keywords = 2'000'000;
inline constexpr std::size_t batch = 1'000'000;

/// The longest prefix of `s` of at most `max` bytes that does not end inside a UTF-8
/// sequence (continuation bytes 10xxxxxx are never split from their lead byte).
constexpr std::string_view utf8_prefix(std::string_view s, std::size_t max) noexcept {
  if (s.size() <= max) return s;
  std::size_t n = max;
  // Step back over at most 3 continuation bytes to the start of the cut character.
  for (int k = 0; k < 3 && n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80; ++k) --n;
  return s.substr(0, n);
}

/// Deepest nesting of JSON arrays/objects in `s` (strings skipped; not a validator).
constexpr int json_depth(std::string_view s) noexcept {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace minhu::limits
