// Personal data in petition text: finding and masking it before text leaves the engine in an
// explanation, a log line or CLI output.
//
//   minhu::mask_pii("电话13812345678，身份证11010519491231002X")
//     == "电话138****5678，身份证110105********002X"
//
// What counts (a run of ASCII or full-width digits, single '-' or ' ' between digit groups,
// not glued to further digits or ASCII letters):
//   mobile       mainland mobile number: 11 digits 1[3-9]xxxxxxxxx, optionally after +86 / 0086
//   landline     0 + area code + number: 10-12 digits starting with 0 (010-12345678, 0571 8888
//   6666) resident_id  18-character resident ID number (17 digits + digit or X) whose ISO 7064
//                MOD 11-2 check character is right
//   bank_card    13-19 digits passing the Luhn check
// Masking keeps the first 3 and last 4 digits of phone numbers and the first 6 and last 4 of
// ID and card numbers (the customary 138****5678 / 110105********002X); every other digit
// becomes '*'. Separators stay; text that is not PII is copied unchanged (invalid UTF-8 too).
// Local landline numbers without an area code are not recognised: too many amounts, dates and
// house numbers look the same.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace minhu {

enum class pii_kind : std::uint8_t { mobile, landline, resident_id, bank_card };

/// Whether output meant for people (explanations, logs, CLI output) masks personal data.
/// Masking is the default everywhere; showing it must be asked for.
enum class pii_policy : std::uint8_t { mask, show };

inline std::string_view to_string(pii_kind k) noexcept {
  switch (k) {
    case pii_kind::mobile:
      return "mobile";
    case pii_kind::landline:
      return "landline";
    case pii_kind::resident_id:
      return "resident_id";
    case pii_kind::bank_card:
      return "bank_card";
  }
  return "?";
}

/// Byte range [begin, end) of one piece of personal data.
struct pii_match {
  std::size_t begin = 0, end = 0;
  pii_kind kind = pii_kind::mobile;
};

/// Luhn check over a string of ASCII digits (false for fewer than 2 or any non-digit).
inline bool luhn_valid(std::string_view digits) noexcept {
  if (digits.size() < 2) return false;
  int sum = 0;
  bool twice = false;
  for (std::size_t i = digits.size(); i-- > 0;) {
    if (digits[i] < '0' || digits[i] > '9') return false;
    int d = digits[i] - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

/// ISO 7064 MOD 11-2 check of an 18-character resident ID number (17 digits, then a digit or
/// 'X'/'x').
inline bool resident_id_valid(std::string_view id) noexcept {
  if (id.size() != 18) return false;
  static constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char check[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (id[std::size_t(i)] < '0' || id[std::size_t(i)] > '9') return false;
    sum += (id[std::size_t(i)] - '0') * weights[i];
  }
  const char last = id[17] == 'x' ? 'X' : id[17];
  return last == check[sum % 11];
}

namespace detail {

// The digit at s[i] (ASCII '0'-'9' or full-width U+FF10-U+FF19): its value and byte length,
// or length 0.
struct pii_digit {
  int value = -1;
  std::size_t bytes = 0;
};
inline pii_digit digit_at(std::string_view s, std::size_t i) noexcept {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c >= '0' && c <= '9') return {c - '0', 1};
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
    const auto d = static_cast<unsigned char>(s[i + 2]);
    if (d >= 0x90 && d <= 0x99) return {d - 0x90, 3};
  }
  return {};
}
inline bool ascii_alnum(unsigned char c) noexcept {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

// Which kind of personal data the ASCII digits `d` are (x: followed by an X check character).
inline bool classify_digits(std::string_view d, bool x, pii_kind& out) {
  const std::size_t n = d.size();
  if (x) {
    if (n == 17 && resident_id_valid(std::string(d) + 'X'))
      return out = pii_kind::resident_id, true;
    return false;
  }
  if (n == 18 && resident_id_valid(d)) return out = pii_kind::resident_id, true;
  auto mobile = [](std::string_view m) { return m.size() == 11 && m[0] == '1' && m[1] >= '3'; };
  if (mobile(d) || (n == 13 && d.substr(0, 2) == "86" && mobile(d.substr(2))) ||
      (n == 15 && d.substr(0, 4) == "0086" && mobile(d.substr(4))))
    return out = pii_kind::mobile, true;
  if (n >= 10 && n <= 12 && d[0] == '0' && d[1] != '0') return out = pii_kind::landline, true;
  if (n >= 13 && n <= 19 && luhn_valid(d)) return out = pii_kind::bank_card, true;
  return false;
}

// A group of digits: its byte range and its digits as ASCII.
struct pii_group {
  std::size_t begin = 0, end = 0;
  std::string digits;
};

}  // namespace detail

/// Every piece of personal data in `text`, in order, not overlapping.
inline std::vector<pii_match> find_pii(std::string_view text) {
  std::vector<pii_match> out;
  std::vector<detail::pii_group> groups;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!detail::digit_at(text, i).bytes) {
      ++i;
      continue;
    }
    // A run of digit groups joined by single '-' or ' ' (at most 8 groups are considered).
    const bool glued_before = i > 0 && detail::ascii_alnum(static_cast<unsigned char>(text[i - 1]));
    const bool plus = i > 0 && text[i - 1] == '+';
    groups.clear();
    std::size_t j = i;
    for (;;) {
      detail::pii_group g;
      g.begin = j;
      for (detail::pii_digit d; j < text.size() && (d = detail::digit_at(text, j)).bytes;
           j += d.bytes)
        g.digits += char('0' + d.value);
      g.end = j;
      groups.push_back(std::move(g));
      if (groups.size() < 8 && j + 1 < text.size() && (text[j] == '-' || text[j] == ' ') &&
          detail::digit_at(text, j + 1).bytes) {
        ++j;
        continue;
      }
      break;
    }
    const bool x = j < text.size() && (text[j] == 'X' || text[j] == 'x');
    const std::size_t end = j + (x ? 1 : 0);
    const bool glued_after =
        end < text.size() && detail::ascii_alnum(static_cast<unsigned char>(text[end]));
    // From the left, the longest run of consecutive groups that is personal data. A number
    // glued to letters or further digits on the outside is an identifier of something else.
    for (std::size_t s = 0; s < groups.size();) {
      bool found = false;
      for (std::size_t e = groups.size(); e-- > s;) {
        if ((s == 0 && glued_before) || (e + 1 == groups.size() && glued_after && !x)) continue;
        std::string digits;
        for (std::size_t k = s; k <= e; ++k) digits += groups[k].digits;
        if (digits.size() > 19) continue;
        const bool with_x = x && e + 1 == groups.size();
        if (with_x && glued_after) continue;
        pii_kind kind;
        if (!detail::classify_digits(digits, with_x, kind)) continue;
        const std::size_t b = s == 0 && plus ? groups[0].begin - 1 : groups[s].begin;
        out.push_back({b, with_x ? end : groups[e].end, kind});
        s = e + 1;
        found = true;
        break;
      }
      if (!found) ++s;
    }
    i = end;
  }
  return out;
}

/// `text` with the personal data find_pii() reports masked (see the top of this header).
inline std::string mask_pii(std::string_view text) {
  const std::vector<pii_match> found = find_pii(text);
  if (found.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (const pii_match& m : found) {
    out.append(text.substr(copied, m.begin - copied));
    // Positions of the match's digits (and a trailing X), to keep a prefix and the last 4.
    std::vector<std::size_t> at;
    for (std::size_t j = m.begin; j < m.end;) {
      const detail::pii_digit d = detail::digit_at(text, j);
      if (d.bytes || text[j] == 'X' || text[j] == 'x') at.push_back(j);
      j += d.bytes ? d.bytes : 1;
    }
    std::size_t keep_front =
        m.kind == pii_kind::resident_id || m.kind == pii_kind::bank_card ? 6 : 3;
    // A country code (+86 / 0086) is shown, the number behind it masked as usual.
    if (m.kind == pii_kind::mobile && at.size() > 11) keep_front += at.size() - 11;
    std::size_t k = 0;
    for (std::size_t j = m.begin; j < m.end;) {
      const detail::pii_digit d = detail::digit_at(text, j);
      const bool is_char = d.bytes || text[j] == 'X' || text[j] == 'x';
      const std::size_t len = d.bytes ? d.bytes : 1;
      if (is_char) {
        const bool keep = k < keep_front || k + 4 >= at.size();
        if (keep)
          out.append(text.substr(j, len));
        else
          out += '*';
        ++k;
      } else {
        out += text[j];
      }
      j += len;
    }
    copied = m.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace minhu
