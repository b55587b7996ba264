// `minhu simulate`, the tool side: replays petitions and lifecycle events through
// minhu::tracker on a virtual clock and reports 一量三率 and the three colours. Included by
// minhu.cpp only; nothing here is part of the library.
//
// The two inputs are merged by time (a petition before the events of the same instant, file
// order within each). Before each item the tracker is advanced to its time, so colour changes,
// breaches and escalations fall due exactly as they would have live; at the end it is advanced
// to --until (default: the last time seen). A bad line is reported on stderr as
// "<file>:<line>: <message>" and the replay goes on.
#pragma once

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "minhu/detail/utf8.hpp"
#include "minhu/engine.hpp"
#include "minhu/jsonl.hpp"
#include "minhu/tracker.hpp"

namespace minhu_simulate {

// ---- a strict reader for flat JSON objects (one lifecycle event per line) -------------------

/// A JSON scalar.
struct scalar {
  enum class type { null, boolean, integer, number, string };
  type t = type::null;
  bool b = false;
  std::int64_t i = 0;
  double d = 0;
  std::string s;
};

inline const char* describe(scalar::type t) {
  switch (t) {
    case scalar::type::null:
      return "null";
    case scalar::type::boolean:
      return "a boolean";
    case scalar::type::integer:
      return "an integer";
    case scalar::type::number:
      return "a number";
    case scalar::type::string:
      return "a string";
  }
  return "?";
}

/// Parses one JSON object whose values are all scalars (strings, numbers, true/false/null).
/// Throws std::runtime_error with a short reason: malformed JSON, invalid UTF-8, a duplicate
/// key, or a nested object/array.
class flat_object_reader {
 public:
  explicit flat_object_reader(std::string_view in) : in_(in) {}

  std::vector<std::pair<std::string, scalar>> read() {
    std::vector<std::pair<std::string, scalar>> out;
    ws();
    expect('{', "expected a JSON object");
    ws();
    if (peek() == '}') {
      ++pos_;
    } else {
      for (;;) {
        ws();
        if (peek() != '"') fail("expected a field name in double quotes");
        std::string key = string();
        for (const auto& kv : out)
          if (kv.first == key) fail("duplicate field \"" + key + "\"");
        ws();
        expect(':', "expected ':' after \"" + key + "\"");
        ws();
        scalar v = value(key);
        out.emplace_back(std::move(key), std::move(v));
        ws();
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        expect('}', "expected ',' or '}'");
        break;
      }
    }
    ws();
    if (pos_ != in_.size()) fail("unexpected text after the object");
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error("invalid JSON at byte " + std::to_string(pos_ + 1) + ": " + why);
  }
  char peek() const { return pos_ < in_.size() ? in_[pos_] : '\0'; }
  void ws() {
    while (pos_ < in_.size() &&
           (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' || in_[pos_] == '\r'))
      ++pos_;
  }
  void expect(char c, const std::string& why) {
    if (peek() != c || pos_ >= in_.size()) fail(why);
    ++pos_;
  }
  bool literal(std::string_view word) {
    if (in_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  unsigned hex4() {
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = peek();
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= unsigned(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= unsigned(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= unsigned(c - 'A' + 10);
      else
        fail("bad \\u escape");
      ++pos_;
    }
    return v;
  }
  std::string string() {
    ++pos_;  // opening quote
    std::string out;
    const std::size_t start = pos_;
    for (;;) {
      if (pos_ >= in_.size()) fail("unterminated string");
      const char c = in_[pos_];
      if (c == '"') {
        ++pos_;
        break;
      }
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
      if (c != '\\') {
        out.push_back(c);
        ++pos_;
        continue;
      }
      ++pos_;
      const char e = peek();
      ++pos_;
      switch (e) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          char32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (!literal("\\u")) fail("unpaired surrogate in a \\u escape");
            const char32_t lo = hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail("unpaired surrogate in a \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail("unpaired surrogate in a \\u escape");
          }
          minhu::detail::append_utf8(out, cp);
          break;
        }
        default:
          --pos_;
          fail("bad escape in a string");
      }
    }
    if (!minhu::detail::is_valid_utf8(in_.substr(start, pos_ - start)))
      throw std::runtime_error("invalid UTF-8 in a string");
    return out;
  }
  scalar value(const std::string& key) {
    scalar v;
    const char c = peek();
    if (c == '"') {
      v.t = scalar::type::string;
      v.s = string();
    } else if (literal("true")) {
      v.t = scalar::type::boolean;
      v.b = true;
    } else if (literal("false")) {
      v.t = scalar::type::boolean;
    } else if (literal("null")) {
      v.t = scalar::type::null;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      number(v);
    } else if (c == '{' || c == '[') {
      throw std::runtime_error("\"" + key + "\": expected a string or a number, found " +
                               (c == '{' ? "an object" : "an array"));
    } else {
      fail("expected a value for \"" + key + "\"");
    }
    return v;
  }
  void number(scalar& v) {
    const std::size_t start = pos_;
    auto digits = [&] {
      const std::size_t b = pos_;
      while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9') ++pos_;
      return pos_ - b;
    };
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (digits() == 0) {
      fail("bad number");
    }
    bool integral = true;
    if (peek() == '.') {
      ++pos_;
      integral = false;
      if (digits() == 0) fail("bad number");
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      integral = false;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (digits() == 0) fail("bad number");
    }
    const std::string text(in_.substr(start, pos_ - start));
    if (integral) {
      errno = 0;
      char* end = nullptr;
      const long long x = std::strtoll(text.c_str(), &end, 10);
      if (errno == 0) {
        v.t = scalar::type::integer;
        v.i = x;
        return;
      }
    }
    v.t = scalar::type::number;
    v.d = std::strtod(text.c_str(), nullptr);
  }

  std::string_view in_;
  std::size_t pos_ = 0;
};

// ---- lifecycle events ------------------------------------------------------------------------

constexpr const char* event_names[] = {"acknowledge", "start",  "reply",    "rate",
                                       "close",       "return", "reassign", "escalate",
                                       "supervise",   "pause",  "resume",   "merge"};

struct lifecycle_event {
  std::size_t line = 0;
  std::int64_t at = 0;
  std::string case_id, kind, unit, primary;
  int stars = 0;
};

/// An instant: epoch milliseconds or ISO-8601 with an offset.
inline std::optional<std::int64_t> parse_instant(const std::string& s) {
  if (!s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-') &&
      s.find_first_not_of("-0123456789") == std::string::npos) {
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (errno != 0 || *end != '\0') return std::nullopt;
    return v;
  }
  return minhu::parse_iso8601(s);
}

/// {"case": id, "at": ms | ISO-8601, "event": name, "stars": n, "unit": id, "primary": id}.
/// Throws std::runtime_error naming the field.
inline lifecycle_event parse_lifecycle_event(std::string_view line) {
  lifecycle_event e;
  bool has_case = false, has_at = false, has_event = false, has_stars = false, has_unit = false,
       has_primary = false;
  for (auto& kv : flat_object_reader(line).read()) {
    const std::string& key = kv.first;
    scalar& v = kv.second;
    if (v.t == scalar::type::null) continue;  // null = absent
    auto need_string = [&]() -> std::string& {
      if (v.t != scalar::type::string)
        throw std::runtime_error("\"" + key + "\": expected a string, found " + describe(v.t));
      return v.s;
    };
    if (key == "case") {
      e.case_id = need_string();
      if (e.case_id.empty()) throw std::runtime_error("\"case\": must not be empty");
      has_case = true;
    } else if (key == "at") {
      if (v.t == scalar::type::integer) {
        e.at = v.i;
      } else if (v.t == scalar::type::string) {
        auto t = minhu::parse_iso8601(v.s);
        if (!t)
          throw std::runtime_error(
              "\"at\": expected epoch milliseconds or ISO-8601 with an offset, e.g. "
              "\"2026-03-02T09:30:00+08:00\", found \"" +
              v.s + "\"");
        e.at = *t;
      } else {
        throw std::runtime_error(
            "\"at\": expected epoch milliseconds or an ISO-8601 string, found " +
            std::string(describe(v.t)));
      }
      has_at = true;
    } else if (key == "event") {
      e.kind = need_string();
      has_event = true;
    } else if (key == "stars") {
      if (v.t != scalar::type::integer)
        throw std::runtime_error("\"stars\": expected an integer 1-5, found " +
                                 std::string(describe(v.t)));
      if (v.i < 1 || v.i > 5)
        throw std::runtime_error("\"stars\": a rating is 1 to 5 stars, not " + std::to_string(v.i));
      e.stars = int(v.i);
      has_stars = true;
    } else if (key == "unit") {
      e.unit = need_string();
      has_unit = true;
    } else if (key == "primary") {
      e.primary = need_string();
      has_primary = true;
    } else {
      throw std::runtime_error(
          "\"" + key + "\": unknown field (expected case, at, event, stars, unit, primary)");
    }
  }
  if (!has_case) throw std::runtime_error("missing \"case\"");
  if (!has_at) throw std::runtime_error("missing \"at\"");
  if (!has_event) throw std::runtime_error("missing \"event\"");
  if (std::find_if(std::begin(event_names), std::end(event_names),
                   [&](const char* n) { return e.kind == n; }) == std::end(event_names)) {
    std::string all;
    for (const char* n : event_names) all += (all.empty() ? "" : ", ") + std::string(n);
    throw std::runtime_error("\"event\": unknown event \"" + e.kind + "\" (expected " + all + ")");
  }
  if (e.kind == "rate" && !has_stars) throw std::runtime_error("rate needs \"stars\" (1-5)");
  if (e.kind != "rate" && has_stars)
    throw std::runtime_error("\"stars\" only goes with \"rate\", not \"" + e.kind + "\"");
  if (e.kind == "reassign" && !has_unit) throw std::runtime_error("reassign needs \"unit\"");
  if (has_unit && e.kind != "reassign" && e.kind != "return" && e.kind != "escalate")
    throw std::runtime_error("\"unit\" only goes with reassign, return or escalate, not \"" +
                             e.kind + "\"");
  if (e.kind == "merge" && !has_primary) throw std::runtime_error("merge needs \"primary\"");
  if (e.kind != "merge" && has_primary)
    throw std::runtime_error("\"primary\" only goes with \"merge\", not \"" + e.kind + "\"");
  return e;
}

// ---- the report --------------------------------------------------------------------------------

struct row {
  std::string id, name;
  minhu::metrics m;
};

struct report {
  std::string ruleset_id, ruleset_version;
  std::int64_t utc_offset_ms = 0;  ///< for display: the ruleset's first calendar
  std::size_t petitions = 0, events = 0, errors = 0, ignored_after_until = 0;
  std::int64_t from = 0, until = 0;
  minhu::metrics total;
  std::vector<row> streets, tiers, categories, units;
  std::int64_t breaches[3] = {0, 0, 0};
  std::int64_t auto_escalations = 0, manual_escalations = 0, supervised_cases = 0;
  std::int64_t reopened = 0, merged = 0, returned = 0, without_sla = 0;
};

inline void add(minhu::metrics& a, const minhu::metrics& b, int sign = 1) {
  a.volume += sign * b.volume;
  a.resolved += sign * b.resolved;
  a.resolved_on_time += sign * b.resolved_on_time;
  a.rated += sign * b.rated;
  a.satisfied += sign * b.satisfied;
  a.acknowledged += sign * b.acknowledged;
  a.acknowledged_on_time += sign * b.acknowledged_on_time;
  a.closed += sign * b.closed;
  a.open += sign * b.open;
  a.blue += sign * b.blue;
  a.yellow += sign * b.yellow;
  a.red += sign * b.red;
}

/// Local time at `offset_ms` as "YYYY-MM-DD HH:MM[:SS[.mmm]]" (iso:
/// "YYYY-MM-DDTHH:MM:SS.mmm+08:00").
inline std::string format_time(std::int64_t t, std::int64_t offset_ms, bool iso = false) {
  const std::int64_t local = t + offset_ms;
  std::int64_t days = local / 86'400'000 - (local % 86'400'000 < 0 ? 1 : 0);
  const std::int64_t ms = local - days * 86'400'000;
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = yoe + era * 400 + (m <= 2);
  const long long hh = ms / 3'600'000, mi = ms / 60'000 % 60, ss = ms / 1000 % 60, mss = ms % 1000;
  char buf[96];
  if (iso) {
    const long long off = offset_ms / 60'000;
    std::snprintf(buf, sizeof buf,
                  "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lld%c%02lld:%02lld", y, m, d, hh,
                  mi, ss, mss, off < 0 ? '-' : '+', (off < 0 ? -off : off) / 60,
                  (off < 0 ? -off : off) % 60);
  } else if (mss) {
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld.%03lld", y, m, d, hh,
                  mi, ss, mss);
  } else if (ss) {
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", y, m, d, hh, mi,
                  ss);
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld", y, m, d, hh, mi);
  }
  return buf;
}

inline std::string utc_offset_label(std::int64_t offset_ms) {
  const long long off = offset_ms / 60'000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "UTC%c%02lld:%02lld", off < 0 ? '-' : '+',
                (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
  return buf;
}

// ---- the replay ------------------------------------------------------------------------------

struct options {
  std::string ruleset;
  std::string petitions = "-";  ///< path or "-" for stdin
  std::string events;           ///< path, "-" for stdin, or empty
  std::optional<std::int64_t> until;
  bool lenient = false;
};

class simulation {
 public:
  simulation(const options& opt, std::ostream& err) : opt_(opt), err_(err), engine_(opt.ruleset) {}

  report run() {
    report r;
    read_petitions();
    if (!opt_.events.empty()) read_events();

    // Merge by time: a petition before the events of the same instant; file order otherwise.
    struct item {
      std::int64_t at;
      int source;  // 0 petition, 1 event
      std::size_t index;
    };
    std::vector<item> items;
    items.reserve(petitions_.size() + events_.size());
    for (std::size_t i = 0; i < petitions_.size(); ++i)
      items.push_back({petitions_[i].second.received_at, 0, i});
    for (std::size_t i = 0; i < events_.size(); ++i) items.push_back({events_[i].at, 1, i});
    std::stable_sort(items.begin(), items.end(), [](const item& a, const item& b) {
      return a.at != b.at ? a.at < b.at : a.source < b.source;
    });

    const auto rs = engine_.snapshot();
    minhu::tracker tr(rs, engine_.loads());  // its loads are the ones routing reads
    std::optional<std::int64_t> first;
    std::int64_t last = 0;
    minhu::dispatch_result d;
    const minhu::dispatch_options dopts;
    for (const item& it : items) {
      if (opt_.until && it.at > *opt_.until) {
        ++r.ignored_after_until;
        continue;
      }
      tally(r, tr.advance(it.at));
      if (!first) first = it.at;
      last = it.at;
      if (it.source == 0) {
        const auto& [line, p] = petitions_[it.index];
        engine_.dispatch(p, dopts, d);
        const minhu::status s = tr.open(p.id, d, p.received_at);
        if (s.ok())
          ++r.petitions;
        else
          error(opt_.petitions, line, s.message());
      } else {
        const lifecycle_event& e = events_[it.index];
        const minhu::status s = apply(tr, e);
        if (s.ok()) {
          ++r.events;
          if (e.kind == "escalate") ++r.manual_escalations;
        } else {
          error(opt_.events, e.line, e.kind + ": " + s.message());
        }
      }
    }
    r.until = opt_.until ? *opt_.until : last;
    r.from = first ? *first : r.until;
    tally(r, tr.advance(r.until));
    r.errors = errors_;
    summarise(tr, r);
    return r;
  }

 private:
  void error(const std::string& file, std::size_t line, const std::string& message) {
    ++errors_;
    err_ << (file == "-" ? std::string("<stdin>") : file) << ":" << line << ": " << message << "\n";
  }

  std::istream& open(const std::string& path, std::ifstream& f) {
    if (path == "-") return std::cin;
    f.open(path, std::ios::binary);
    if (!f) throw minhu::error(minhu::errc::io, "cannot read input file \"" + path + "\"");
    return f;
  }

  void read_petitions() {
    std::ifstream f;
    std::istream& in = open(opt_.petitions, f);
    std::string line;
    bool too_long = false;
    for (std::size_t n = 1; minhu::read_line(in, line, too_long); ++n) {
      if (too_long) {
        error(opt_.petitions, n,
              "line longer than " + std::to_string(minhu::limits::line_bytes) + " bytes");
        continue;
      }
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      try {
        minhu::petition p = minhu::parse_petition(line, opt_.lenient);
        if (p.received_at == 0)
          throw minhu::petition_error("received_at",
                                      "simulate needs the time each petition was received");
        petitions_.emplace_back(n, std::move(p));
      } catch (const minhu::petition_error& e) {
        error(opt_.petitions, n, e.message());
      }
    }
  }

  void read_events() {
    std::ifstream f;
    std::istream& in = open(opt_.events, f);
    std::string line;
    bool too_long = false;
    for (std::size_t n = 1; minhu::read_line(in, line, too_long); ++n) {
      if (too_long) {
        error(opt_.events, n,
              "line longer than " + std::to_string(minhu::limits::line_bytes) + " bytes");
        continue;
      }
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      try {
        lifecycle_event e = parse_lifecycle_event(line);
        e.line = n;
        events_.push_back(std::move(e));
      } catch (const std::runtime_error& e) {
        error(opt_.events, n, e.what());
      }
    }
  }

  static minhu::status apply(minhu::tracker& tr, const lifecycle_event& e) {
    const std::string& id = e.case_id;
    if (e.kind == "acknowledge") return tr.acknowledge(id, e.at);
    if (e.kind == "start") return tr.start(id, e.at);
    if (e.kind == "reply") return tr.reply(id, e.at);
    if (e.kind == "rate") return tr.rate(id, e.stars, e.at);
    if (e.kind == "close") return tr.close(id, e.at);
    if (e.kind == "return") {
      std::string unit = e.unit;
      if (unit.empty()) {  // the current lead returns it
        const auto* c = tr.find(id);
        if (c && c->lead >= 0) unit = tr.rules().organisation()[std::uint32_t(c->lead)].id;
      }
      return tr.return_case(id, unit, e.at);
    }
    if (e.kind == "reassign") return tr.reassign(id, e.unit, e.at);
    if (e.kind == "escalate") return tr.escalate(id, e.at, e.unit);
    if (e.kind == "supervise") return tr.supervise(id, e.at);
    if (e.kind == "pause") return tr.pause(id, e.at);
    if (e.kind == "resume") return tr.resume(id, e.at);
    if (e.kind == "merge") return tr.merge(id, e.primary, e.at);
    return minhu::status::fail("unknown event \"" + e.kind + "\"");
  }

  static void tally(report& r, const std::vector<minhu::event>& out) {
    for (const auto& e : out) {
      if (e.kind == minhu::event_kind::breached && e.value >= 0 && e.value < 3)
        ++r.breaches[e.value];
      if (e.kind == minhu::event_kind::auto_escalated) ++r.auto_escalations;
    }
  }

  void summarise(const minhu::tracker& tr, report& r) const {
    const minhu::ruleset& rs = tr.rules();
    const auto& org = rs.organisation();
    r.ruleset_id = rs.id();
    r.ruleset_version = rs.version();
    if (!rs.business_calendars().empty())
      r.utc_offset_ms = rs.business_calendars().front().utc_offset_ms();
    r.total = tr.measure();

    // Streets / towns (level 1 of the area tree), then what lies in none of them.
    minhu::metrics rest = r.total;
    for (std::uint32_t a = 0; a < rs.areas().size(); ++a) {
      if (rs.area_tree().level(a) != 1) continue;
      minhu::metrics_filter f;
      f.street = rs.areas()[a].id;
      row x{rs.areas()[a].id, rs.areas()[a].name, tr.measure(f)};
      add(rest, x.m, -1);
      if (x.m.volume) r.streets.push_back(std::move(x));
    }
    if (rest.volume) r.streets.push_back({"", "(no street)", rest});

    // First-level categories, then manual triage (no category).
    rest = r.total;
    for (std::uint32_t c = 0; c < rs.categories().size(); ++c) {
      if (rs.categories()[c].parent >= 0) continue;
      minhu::metrics_filter f;
      f.category = rs.categories()[c].id;
      row x{rs.categories()[c].id, rs.categories()[c].name, tr.measure(f)};
      add(rest, x.m, -1);
      if (x.m.volume) r.categories.push_back(std::move(x));
    }
    if (rest.volume) r.categories.push_back({"", "(manual triage)", rest});

    // Lead units (current lead of each case), and their loop tiers.
    std::set<std::int32_t> leads;
    for (const auto& c : tr.cases()) {
      if (c.lead >= 0) leads.insert(c.lead);
      if (!c.clock) ++r.without_sla;
      if (c.supervised) ++r.supervised_cases;
      r.reopened += c.reopened;
      r.returned += std::int64_t(c.returned_by.size());
      if (!c.merged_into.empty()) ++r.merged;
    }
    static const char* tier_ids[] = {"small", "medium", "big"};
    static const char* tier_names[] = {"small loop (小闭环)", "medium loop (中闭环)",
                                       "big loop (大闭环)"};
    minhu::metrics tiers[4];
    for (const std::int32_t u : leads) {
      minhu::metrics_filter f;
      f.unit = org[std::uint32_t(u)].id;
      row x{org[std::uint32_t(u)].id, org[std::uint32_t(u)].name, tr.measure(f)};
      const int t = org[std::uint32_t(u)].tier;
      add(tiers[t >= 0 && t < 3 ? t : 3], x.m);
      r.units.push_back(std::move(x));
    }
    std::stable_sort(r.units.begin(), r.units.end(), [](const row& a, const row& b) {
      return a.m.volume != b.m.volume ? a.m.volume > b.m.volume : a.id < b.id;
    });
    for (int t = 0; t < 4; ++t)
      if (tiers[t].volume)
        r.tiers.push_back(
            {t < 3 ? tier_ids[t] : "none", t < 3 ? tier_names[t] : "(no tier)", tiers[t]});
  }

  const options& opt_;
  std::ostream& err_;
  minhu::engine engine_;
  std::vector<std::pair<std::size_t, minhu::petition>> petitions_;  // line, petition
  std::vector<lifecycle_event> events_;
  std::size_t errors_ = 0;
};

// ---- output ----------------------------------------------------------------------------------

/// Columns a string takes on a terminal (CJK and full-width forms count 2).
inline std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    const char32_t cp = minhu::detail::decode_utf8(s, i, len);
    i += len;
    w += (cp >= 0x1100 &&
          (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000))
             ? 2
             : 1;
  }
  return w;
}

/// `s` cut to `width` columns (with "…") and padded with spaces to exactly `width`.
inline std::string fit(const std::string& s, std::size_t width) {
  std::string out;
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    minhu::detail::decode_utf8(s, i, len);
    const std::string ch = s.substr(i, len);
    const std::size_t cw = display_width(ch);
    if (w + cw > width - 1 && i + len < s.size()) {
      out += "…";
      ++w;
      break;
    }
    if (w + cw > width) break;
    out += ch;
    w += cw;
    i += len;
  }
  return out + std::string(width > w ? width - w : 0, ' ');
}

inline std::string rate_cell(std::int64_t num, std::int64_t den) {
  char buf[48];
  if (den == 0)
    std::snprintf(buf, sizeof buf, "%7lld      -", static_cast<long long>(num));
  else
    std::snprintf(buf, sizeof buf, "%7lld %5.1f%%", static_cast<long long>(num),
                  100.0 * double(num) / double(den));
  return buf;
}

constexpr std::size_t label_width = 30;

inline void print_header(std::ostream& out, const std::string& title) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%7s%14s%14s%14s%14s%7s%6s\n", "volume", "completion",
                "timeliness", "satisfaction", "response", "open", "red");
  out << fit(title, label_width) << buf;
}

inline void print_row(std::ostream& out, const std::string& label, const minhu::metrics& m) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%7lld", static_cast<long long>(m.volume));
  out << fit(label, label_width) << buf << rate_cell(m.resolved, m.volume)
      << rate_cell(m.resolved_on_time, m.resolved) << rate_cell(m.satisfied, m.rated)
      << rate_cell(m.acknowledged_on_time, m.volume);
  std::snprintf(buf, sizeof buf, "%7lld %5lld\n", static_cast<long long>(m.open),
                static_cast<long long>(m.red));
  out << buf;
}

inline void print_table(std::ostream& out, const report& r, std::size_t top_units = 10) {
  out << "minhu simulate — ruleset " << r.ruleset_id << " " << r.ruleset_version << "\n";
  out << "replayed " << r.petitions << " petitions and " << r.events << " events";
  if (r.errors) out << " (" << r.errors << " bad lines skipped)";
  if (r.ignored_after_until) out << "; " << r.ignored_after_until << " items after --until ignored";
  out << "\nvirtual clock " << format_time(r.from, r.utc_offset_ms) << " → "
      << format_time(r.until, r.utc_offset_ms) << " (" << utc_offset_label(r.utc_offset_ms)
      << ")\n\n";
  out << "一量三率: completion 办结率 = replied / volume; timeliness 及时率 = replied on time / "
         "replied;\n"
         "satisfaction 满意率 = rated 3-5 stars / rated; response 响应率 = acknowledged on time / "
         "volume\n\n";
  print_header(out, "");
  print_row(out, "all cases", r.total);
  out << "\n";
  print_header(out, "by street / town");
  for (const auto& x : r.streets) print_row(out, "  " + x.name, x.m);
  out << "\n";
  print_header(out, "by loop tier of the lead unit");
  for (const auto& x : r.tiers) print_row(out, "  " + x.name, x.m);
  out << "\n";
  print_header(out, "by category");
  for (const auto& x : r.categories)
    print_row(out, "  " + x.name + (x.id.empty() ? "" : " " + x.id), x.m);
  out << "\n";
  print_header(out, r.units.size() > top_units ? "lead units (top " + std::to_string(top_units) +
                                                     " of " + std::to_string(r.units.size()) + ")"
                                               : std::string("lead units"));
  for (std::size_t i = 0; i < r.units.size() && i < top_units; ++i)
    print_row(out, "  " + r.units[i].name, r.units[i].m);
  out << "\n";
  out << "open cases (三色): " << r.total.open << " — blue " << r.total.blue << " · yellow "
      << r.total.yellow << " · red " << r.total.red << "\n";
  out << "deadlines breached: acknowledge " << r.breaches[0] << " · respond " << r.breaches[1]
      << " · resolve " << r.breaches[2] << "\n";
  out << "escalations (督办): " << r.auto_escalations << " automatic, " << r.manual_escalations
      << " by hand; " << r.supervised_cases << " cases supervised\n";
  out << "returned (退回) " << r.returned << " · reopened for redo (重办) " << r.reopened
      << " · merged (并单) " << r.merged << " · closed " << r.total.closed << "\n";
  if (r.without_sla)
    out << "cases without an SLA clock (manual triage or no policy): " << r.without_sla
        << " — the tracker counts their replies as on time\n";
}

inline std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

inline std::string json_rate(std::int64_t num, std::int64_t den) {
  if (den == 0) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", double(num) / double(den));
  return buf;
}

/// The metrics fields, without braces.
inline std::string json_metrics(const minhu::metrics& m) {
  std::ostringstream o;
  o << "\"volume\":" << m.volume << ",\"resolved\":" << m.resolved
    << ",\"resolved_on_time\":" << m.resolved_on_time << ",\"acknowledged\":" << m.acknowledged
    << ",\"acknowledged_on_time\":" << m.acknowledged_on_time << ",\"rated\":" << m.rated
    << ",\"satisfied\":" << m.satisfied << ",\"closed\":" << m.closed << ",\"open\":" << m.open
    << ",\"blue\":" << m.blue << ",\"yellow\":" << m.yellow << ",\"red\":" << m.red
    << ",\"completion_rate\":" << json_rate(m.resolved, m.volume)
    << ",\"timeliness_rate\":" << json_rate(m.resolved_on_time, m.resolved)
    << ",\"satisfaction_rate\":" << json_rate(m.satisfied, m.rated)
    << ",\"response_rate\":" << json_rate(m.acknowledged_on_time, m.volume);
  return o.str();
}

inline void print_json(std::ostream& out, const report& r) {
  auto rows = [&](const char* key, const std::vector<row>& v, const char* id_key) {
    out << ",\"" << key << "\":[";
    for (std::size_t i = 0; i < v.size(); ++i) {
      out << (i ? "," : "") << "{\"" << id_key
          << "\":" << (v[i].id.empty() ? std::string("null") : json_string(v[i].id))
          << ",\"name\":" << json_string(v[i].name) << "," << json_metrics(v[i].m) << "}";
    }
    out << "]";
  };
  out << "{\"ruleset\":{\"id\":" << json_string(r.ruleset_id)
      << ",\"version\":" << json_string(r.ruleset_version) << "}"
      << ",\"petitions\":" << r.petitions << ",\"events\":" << r.events
      << ",\"errors\":" << r.errors << ",\"ignored_after_until\":" << r.ignored_after_until
      << ",\"from\":" << json_string(format_time(r.from, r.utc_offset_ms, true))
      << ",\"until\":" << json_string(format_time(r.until, r.utc_offset_ms, true))
      << ",\"from_ms\":" << r.from << ",\"until_ms\":" << r.until << ",\"totals\":{"
      << json_metrics(r.total) << "}"
      << ",\"colours\":{\"open\":" << r.total.open << ",\"blue\":" << r.total.blue
      << ",\"yellow\":" << r.total.yellow << ",\"red\":" << r.total.red << "}"
      << ",\"breaches\":{\"acknowledge\":" << r.breaches[0] << ",\"respond\":" << r.breaches[1]
      << ",\"resolve\":" << r.breaches[2] << "}"
      << ",\"escalations\":{\"automatic\":" << r.auto_escalations
      << ",\"manual\":" << r.manual_escalations << ",\"supervised_cases\":" << r.supervised_cases
      << "}"
      << ",\"returned\":" << r.returned << ",\"reopened\":" << r.reopened
      << ",\"merged\":" << r.merged << ",\"without_sla\":" << r.without_sla;
  rows("by_street", r.streets, "id");
  rows("by_tier", r.tiers, "tier");
  rows("by_category", r.categories, "id");
  rows("by_unit", r.units, "id");
  out << "}\n";
}

}  // namespace minhu_simulate
