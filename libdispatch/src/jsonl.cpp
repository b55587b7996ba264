// JSON Lines codec (cold path: nlohmann-json is fine here, never on the classify path).
#include "minhu/jsonl.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "minhu/calendar.hpp"
#include "minhu/error.hpp"

namespace minhu {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;  // output keys in the documented order

namespace {

std::string kind_of(const json& j) {
  switch (j.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    default:
      return "a number";
  }
}

std::string take_string(const json& o, const char* key, bool required) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    if (required) throw petition_error(key, "missing");
    return {};
  }
  if (!it->is_string()) throw petition_error(key, "expected a string, found " + kind_of(*it));
  return it->get<std::string>();
}

}  // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view s) noexcept {
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, sec = 0;
  if (!num(0, 4, y) || s.size() < 16 || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' ||
      !num(8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !num(11, 2, h) ||
      s[13] != ':' || !num(14, 2, mi))
    return std::nullopt;
  std::size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!num(i + 1, 2, sec)) return std::nullopt;
    i += 3;
  }
  int millis = 0;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    ++i;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (digits < 3) millis = millis * 10 + (s[i] - '0');
      ++digits;
      ++i;
    }
    if (digits == 0) return std::nullopt;
    for (int k = digits; k < 3; ++k) millis *= 10;
  }
  int offset_min = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int oh, om = 0;
    if (!num(i + 1, 2, oh)) return std::nullopt;
    std::size_t j = i + 3;
    const bool colon = j < s.size() && s[j] == ':';
    if (colon) ++j;
    if (j < s.size() || colon) {  // "+08" alone is fine, "+08:" is not
      if (!num(j, 2, om)) return std::nullopt;
      j += 2;
    }
    if (oh > 14 || om > 59) return std::nullopt;
    offset_min = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
    i = j;
  } else {
    return std::nullopt;  // an offset is required: local times are ambiguous
  }
  if (i != s.size()) return std::nullopt;
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || sec > 60)
    return std::nullopt;
  if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return std::nullopt;
  const std::int64_t days = detail::days_from_civil(y, unsigned(mo), unsigned(d));
  const std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + sec - offset_min * 60;
  return secs * 1000 + millis;
}

petition parse_petition(std::string_view line, bool allow_unknown_fields) {
  if (line.size() > limits::line_bytes)
    throw petition_error("", "line of " + std::to_string(line.size()) + " bytes; the limit is " +
                                 std::to_string(limits::line_bytes));
  if (limits::json_depth(line) > limits::petition_json_depth)
    throw petition_error(
        "", "JSON nesting deeper than " + std::to_string(limits::petition_json_depth) + " levels");
  json j;
  try {
    j = json::parse(line);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for e.g. 1e400
    std::string what = e.what();
    const auto p = what.find("] ");
    throw petition_error("",
                         "malformed JSON: " + (p == std::string::npos ? what : what.substr(p + 2)));
  }
  if (!j.is_object()) throw petition_error("", "expected a JSON object, found " + kind_of(j));
  static const char* known[] = {"id",   "title",   "text", "channel", "received_at", "area",
                                "grid", "address", "lat",  "lon",     "category",    "attributes"};
  for (auto it = j.begin(); it != j.end() && !allow_unknown_fields; ++it) {
    bool ok = false;
    for (const char* k : known) ok = ok || it.key() == k;
    if (!ok) throw petition_error(it.key(), "unknown field");
  }
  petition p;
  {
    auto it = j.find("id");
    if (it == j.end() || it->is_null()) throw petition_error("id", "missing");
    if (it->is_number_integer()) {
      p.id = it->dump();  // integer ids are common in hotline exports; keep them as text
    } else if (it->is_string()) {
      p.id = it->get<std::string>();
    } else {
      throw petition_error("id", "expected a string or an integer, found " + kind_of(*it));
    }
    if (p.id.empty()) throw petition_error("id", "must not be empty");
  }
  try {
    p.text = take_string(j, "text", true);
    p.title = take_string(j, "title", false);
    p.channel = take_string(j, "channel", false);
    p.area = take_string(j, "area", false);
    if (p.area.empty()) p.area = take_string(j, "grid", false);
    p.address = take_string(j, "address", false);
    p.category = take_string(j, "category", false);
    if (auto it = j.find("received_at"); it != j.end() && !it->is_null()) {
      if (it->is_number_integer()) {
        if (it->is_number_unsigned() && it->get<std::uint64_t>() > std::uint64_t(INT64_MAX))
          throw petition_error("received_at", "out of range");
        p.received_at = it->get<std::int64_t>();
      } else if (it->is_string()) {
        auto t = parse_iso8601(it->get<std::string>());
        if (!t)
          throw petition_error("received_at",
                               "expected epoch milliseconds or ISO-8601 with an offset, e.g. "
                               "\"2026-03-02T09:30:00+08:00\"");
        p.received_at = *t;
      } else {
        throw petition_error("received_at", "expected epoch milliseconds or an ISO-8601 string");
      }
    }
    for (const char* key : {"lat", "lon"}) {
      auto it = j.find(key);
      if (it == j.end() || it->is_null()) continue;
      if (!it->is_number()) throw petition_error(key, "expected a number, found " + kind_of(*it));
      const double v = it->get<double>();
      const double lim = key[1] == 'a' ? 90 : 180;
      if (!(std::fabs(v) <= lim)) throw petition_error(key, "out of range");
      (key[1] == 'a' ? p.lat : p.lon) = v;
    }
    if (p.lat.has_value() != p.lon.has_value())
      throw petition_error(p.lat ? "lon" : "lat", "lat and lon must be given together");
    if (auto it = j.find("attributes"); it != j.end() && !it->is_null()) {
      if (!it->is_object())
        throw petition_error("attributes", "expected an object, found " + kind_of(*it));
      for (auto a = it->begin(); a != it->end(); ++a) {
        const json& v = a.value();
        if (v.is_string())
          p.attributes.push_back({a.key(), value(v.get<std::string>())});
        else if (v.is_boolean())
          p.attributes.push_back({a.key(), value(v.get<bool>())});
        else if (v.is_number())
          p.attributes.push_back({a.key(), value(v.get<double>())});
        else if (v.is_null())
          p.attributes.push_back({a.key(), value()});
        else
          throw petition_error("attributes/" + a.key(),
                               "expected a string, number, boolean or null, found " + kind_of(v));
      }
    }
  } catch (petition_error& e) {
    e.set_id(p.id);  // lets the caller's error record name the petition
    throw;
  }
  return p;
}

namespace {
ordered_json classification_json(const petition& p, const classification& c, pii_policy pii) {
  ordered_json o = ordered_json::object();
  o["id"] = p.id;
  const auto& rs = c.rules();
  if (c.category >= 0 && rs) {
    const auto& cat = rs->categories()[c.category];
    o["category"] = cat.id;
    o["category_name"] = cat.name;
    o["category_path"] = rs->category_path(std::uint32_t(c.category));
  } else {
    o["category"] = nullptr;
    o["category_name"] = nullptr;
    o["category_path"] = ordered_json::array();
  }
  o["urgency"] = std::string(to_string(c.urgency));
  o["confidence"] = std::round(c.confidence * 1e6) / 1e6;
  o["decided_by"] = std::string(to_string(c.decided_by));
  ordered_json rules = ordered_json::array();
  for (std::size_t i = 0; i < c.fired.size(); ++i) rules.push_back(std::string(c.rule_id(i)));
  o["rules"] = std::move(rules);
  ordered_json tags = ordered_json::array();
  for (std::size_t i = 0; i < c.tags.size(); ++i) tags.push_back(std::string(c.tag(i)));
  o["tags"] = std::move(tags);
  ordered_json spans = ordered_json::array();
  for (const auto& s : c.spans) {
    const std::string& src = s.field == field_scope::title ? p.title : p.text;
    ordered_json js = ordered_json::object();
    js["field"] = s.field == field_scope::title ? "title" : "text";
    js["begin"] = s.begin;
    js["end"] = s.end;
    std::string text = s.end <= src.size() ? src.substr(s.begin, s.end - s.begin) : std::string();
    js["text"] = pii == pii_policy::mask ? mask_pii(text) : std::move(text);
    if (s.pattern >= 0 && rs)
      js["keyword"] = std::string(rs->index().automaton.pattern(std::uint32_t(s.pattern)));
    if (s.regex >= 0 && rs) js["regex"] = rs->index().regexes[std::size_t(s.regex)].pattern;
    js["rule"] = rs ? rs->rules()[s.rule].id : std::string();
    spans.push_back(std::move(js));
  }
  o["spans"] = std::move(spans);
  ordered_json flags = ordered_json::array();
  if (c.flags & flag_invalid_utf8) flags.push_back("invalid_utf8");
  if (c.flags & flag_spans_truncated) flags.push_back("spans_truncated");
  if (c.flags & flag_internal_error) flags.push_back("internal_error");
  if (c.flags & flag_text_truncated) flags.push_back("text_truncated");
  if (!flags.empty()) o["flags"] = std::move(flags);
  return o;
}
}  // namespace

std::string to_json(const petition& p, const classification& c, pii_policy pii) {
  return classification_json(p, c, pii).dump(-1, ' ', false,
                                             ordered_json::error_handler_t::replace);
}

std::string to_json(const petition& p, const dispatch_result& r, pii_policy pii) {
  ordered_json o = classification_json(p, r.classification, pii);
  const auto& rs = r.classification.rules();
  if (rs) {
    ordered_json loc = ordered_json::object();
    if (r.location.area >= 0) {
      const auto& a = rs->areas()[std::size_t(r.location.area)];
      loc["area"] = a.id;
      loc["area_name"] = a.name;
    } else {
      loc["area"] = nullptr;
      loc["area_name"] = nullptr;
    }
    loc["method"] = std::string(to_string(r.location.method));
    if (!r.location.candidates.empty()) {
      ordered_json cands = ordered_json::array();
      for (auto c : r.location.candidates) cands.push_back(rs->areas()[c].id);
      loc["candidates"] = std::move(cands);
    }
    if (r.location.hint >= 0) loc["hint"] = rs->areas()[std::size_t(r.location.hint)].id;
    if (r.location.explicit_id_unknown) loc["unknown_area_id"] = p.area;
    o["location"] = std::move(loc);

    const auto& org = rs->organisation();
    ordered_json as = ordered_json::object();
    if (r.assignment.lead >= 0) {
      as["lead"] = org[std::uint32_t(r.assignment.lead)].id;
      as["lead_name"] = org[std::uint32_t(r.assignment.lead)].name;
    } else {
      as["lead"] = nullptr;
      as["lead_name"] = nullptr;
    }
    static const char* tiers[] = {"small", "medium", "big"};
    if (r.assignment.tier >= 0 && r.assignment.tier < 3)
      as["tier"] = tiers[r.assignment.tier];
    else
      as["tier"] = nullptr;
    ordered_json help = ordered_json::array();
    for (auto u : r.assignment.assisting) {
      ordered_json h = ordered_json::object();
      h["id"] = org[u].id;
      h["name"] = org[u].name;
      help.push_back(std::move(h));
    }
    as["assisting"] = std::move(help);
    ordered_json lines = ordered_json::array();
    const std::string text = describe(*rs, r);
    std::size_t start = 0;
    while (start < text.size()) {
      auto nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      std::string line = text.substr(start, nl - start);
      const auto first = line.find_first_not_of(' ');
      if (first != std::string::npos) lines.push_back(line.substr(first));
      start = nl + 1;
    }
    as["explanation"] = std::move(lines);
    o["assignment"] = std::move(as);
  }
  return o.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string error_json(std::size_t line, std::string_view id, std::string_view message) {
  ordered_json o = ordered_json::object();
  o["line"] = line;
  if (!id.empty()) o["id"] = std::string(id);
  o["error"] = std::string(message);
  return o.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

bool read_line(std::istream& in, std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  std::streambuf* sb = in.rdbuf();
  if (!sb) return false;
  using traits = std::char_traits<char>;
  int c = sb->sbumpc();
  if (traits::eq_int_type(c, traits::eof())) {
    in.setstate(std::ios::eofbit);
    return false;
  }
  for (; !traits::eq_int_type(c, traits::eof()) && c != '\n'; c = sb->sbumpc()) {
    if (line.size() < limits::line_bytes)
      line.push_back(traits::to_char_type(c));
    else
      too_long = true;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace minhu
