// A petition (诉求) as the engine sees it: plain values the caller owns.
//
//   minhu::petition p;
//   p.id = "12345-20260302-0001";
//   p.text = "小区门口烧烤店油烟很大，晚上还很吵";
//   p.channel = "hotline";
//   p.received_at = 1772415000000;           // epoch milliseconds, always passed in
//   p.set_attribute("age", 72.0);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minhu {

/// An attribute value: null, bool, number or string.
struct value {
  enum class kind : std::uint8_t { null, boolean, number, string };
  kind type = kind::null;
  bool b = false;
  double n = 0;
  std::string s;

  value() = default;
  value(bool v) : type(kind::boolean), b(v) {}                   // NOLINT: implicit by design
  value(double v) : type(kind::number), n(v) {}                  // NOLINT
  value(int v) : type(kind::number), n(v) {}                     // NOLINT
  value(std::int64_t v) : type(kind::number), n(double(v)) {}    // NOLINT
  value(std::string v) : type(kind::string), s(std::move(v)) {}  // NOLINT
  value(const char* v) : type(kind::string), s(v) {}             // NOLINT

  friend bool operator==(const value& a, const value& c) {
    if (a.type != c.type) return false;
    switch (a.type) {
      case kind::null:
        return true;
      case kind::boolean:
        return a.b == c.b;
      case kind::number:
        return a.n == c.n;
      case kind::string:
        return a.s == c.s;
    }
    return false;
  }
};

/// One named attribute of a petition (sensor readings, form fields, ...).
struct attribute {
  std::string name;
  value val;
};

struct petition {
  std::string id;       ///< caller's id, echoed in every result
  std::string title;    ///< optional subject line
  std::string text;     ///< free text (Chinese, simplified or traditional, any width)
  std::string channel;  ///< hotline, app, web, wechat, grid_worker, deputy, sensor, email, other
  std::int64_t received_at = 0;    ///< epoch milliseconds (0 = unknown)
  std::string area;                ///< explicit area / grid id, if the channel knows it
  std::string address;             ///< free-text address
  std::optional<double> lat, lon;  ///< GPS point, WGS-84
  std::string category;  ///< category the reporter chose, if any (a hint, never trusted blindly)
  std::vector<attribute> attributes;

  /// The attribute with this name, or nullptr.
  const value* find_attribute(std::string_view name) const noexcept {
    for (const auto& a : attributes)
      if (a.name == name) return &a.val;
    return nullptr;
  }
  /// Sets (or replaces) an attribute.
  void set_attribute(std::string name, value v) {
    for (auto& a : attributes)
      if (a.name == name) {
        a.val = std::move(v);
        return;
      }
    attributes.push_back({std::move(name), std::move(v)});
  }
};

}  // namespace minhu
