// Fuzz target: the ruleset loader. The input is a ruleset's JSON text.
//
// Outcomes allowed: a ruleset, or minhu::ruleset_error listing problems (every one with a
// pointer into the document). A ruleset that loads is then exercised: check_string agrees,
// a few petitions are dispatched, and every SLA clock schedules deadlines in order.
//
// First, the loader's two JSON parsers: what the fast one (simdjson) accepts, the reference
// (nlohmann) accepts too, and both build the same document with the same duplicate keys.
//
// The loader reads one side file, the model (`model.path`, relative to the base dir). The base
// dir is an empty private directory, and inputs naming an absolute path or ".." are skipped, so
// the fuzzer cannot make the loader read /dev/zero or a large file elsewhere.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "minhu/detail/json_document.hpp"
#include "minhu/engine.hpp"
#include "minhu/limits.hpp"
#include "minhu/ruleset.hpp"

namespace {

using json = nlohmann::json;

// Finds any "path": "<string>" (at any depth) that could leave the base directory.
struct path_scan : nlohmann::json_sax<json> {
  bool after_path_key = false;
  bool unsafe = false;
  bool value() {
    after_path_key = false;
    return true;
  }
  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t& s) override {
    if (after_path_key && (s.empty() || s.front() == '/' || s.find("..") != std::string::npos))
      unsafe = true;
    return value();
  }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return value(); }
  bool key(string_t& k) override {
    after_path_key = k == "path";
    return true;
  }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return value(); }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }
};

bool reads_outside(std::string_view text) {
  // Cheap filter first: no "path" key can be spelt without these bytes.
  if (text.find("path") == std::string_view::npos && text.find("\\u") == std::string_view::npos)
    return false;
  path_scan scan;
  json::sax_parse(text.begin(), text.end(), &scan, nlohmann::detail::input_format_t::json, false);
  return scan.unsafe;
}

const std::string& empty_base_dir() {
  static const minhu::fuzz::temp_dir dir;
  return dir.path();
}

void compare_parsers(std::string_view text) {
  using minhu::detail::json_document;
  std::vector<json_document::duplicate_key> fast_dups, ref_dups;
  const auto fast = json_document::parse_fast(text, fast_dups, minhu::limits::ruleset_json_depth);
  if (!fast) {
    MINHU_FUZZ_CHECK(fast_dups.empty());
    return;
  }
  std::optional<json_document> ref;
  try {
    ref = json_document::parse(text, ref_dups);
  } catch (const json::exception&) {
  }
  MINHU_FUZZ_CHECK(ref.has_value());
  MINHU_FUZZ_CHECK(*ref == *fast);
  MINHU_FUZZ_CHECK(fast_dups.size() == ref_dups.size());
  for (std::size_t i = 0; i < fast_dups.size(); ++i)
    MINHU_FUZZ_CHECK(fast_dups[i].pointer == ref_dups[i].pointer &&
                     fast_dups[i].key == ref_dups[i].key);
}

void exercise(const std::shared_ptr<const minhu::ruleset>& rs, std::string_view text) {
  MINHU_FUZZ_CHECK(minhu::ruleset::check_string(text, empty_base_dir()).empty());
  const auto& cats = rs->categories();
  for (std::size_t c = 0; c < cats.size(); ++c) {
    MINHU_FUZZ_CHECK(cats[c].parent >= -1 && cats[c].parent < std::int32_t(cats.size()));
    MINHU_FUZZ_CHECK(rs->find_category(cats[c].id) == std::int32_t(c));
  }
  minhu::engine e(rs);
  minhu::petition p;
  p.id = "fuzz";
  // Some text its own keywords match (so fuzzed rules fire), and some fixed text.
  std::string own;
  const auto& ac = rs->index().automaton;
  for (std::uint32_t k = 0; k < ac.size() && k < 16; ++k) own.append(ac.pattern(k)).append(" ");
  for (const std::string& text :
       {std::string(), own, std::string("噪音扰民 路灯坏了 ＡＢＣ 夜間施工")}) {
    p.text = text;
    p.title = rs->categories().empty() ? "" : rs->categories().front().name;
    p.received_at = 1772413200000;  // 2026-03-02 09:00 +08:00
    if (!rs->areas().empty()) p.area = rs->areas().back().id;
    const minhu::dispatch_result d = e.dispatch(p);
    const auto& c = d.classification;
    MINHU_FUZZ_CHECK(c.category >= -1 && c.category < std::int32_t(cats.size()));
    for (const auto& s : c.spans) {
      const auto& field = s.field == minhu::field_scope::title ? p.title : p.text;
      MINHU_FUZZ_CHECK(s.begin <= s.end && s.end <= field.size());
    }
    MINHU_FUZZ_CHECK(d.assignment.lead >= -1 &&
                     d.assignment.lead < std::int32_t(rs->organisation().size()));
  }
  for (const auto& pol : rs->policies()) {
    for (auto u : {minhu::urgency::normal, minhu::urgency::urgent, minhu::urgency::critical}) {
      const auto& clock = pol.clock(u);
      const auto d = clock.schedule(1772413200000, 0);
      if (clock.resolve > 0) MINHU_FUZZ_CHECK(d.resolve_warn <= d.resolve_due);
      if (clock.acknowledge > 0) MINHU_FUZZ_CHECK(d.acknowledge_warn <= d.acknowledge_due);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  compare_parsers(text);
  if (reads_outside(text)) return 0;
  std::shared_ptr<const minhu::ruleset> rs;
  try {
    rs = minhu::ruleset::load_string(text, empty_base_dir());
  } catch (const minhu::ruleset_error& e) {
    MINHU_FUZZ_CHECK(!e.problems().empty());
    MINHU_FUZZ_CHECK(e.code() == minhu::errc::ruleset_invalid);
    return 0;
  }
  exercise(rs, text);
  return 0;
}
