// Fuzz target: the petition JSON Lines parser. The input is one line.
//
// Outcomes allowed: a petition, or minhu::petition_error (errc::petition_invalid). A parsed
// petition is dispatched with the shared fixture ruleset and written back with to_json; the
// output must be valid JSON carrying the same id, and spans must lie inside their fields.
// The ISO-8601 parser also sees the raw bytes.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "minhu/detail/utf8.hpp"
#include "minhu/engine.hpp"
#include "minhu/jsonl.hpp"

namespace {

const minhu::engine& fixture_engine() {
  static const minhu::engine e(minhu::fuzz::source_path("rulesets/fixtures/routing.json"));
  return e;
}

void check_output(const minhu::petition& p, const std::string& out) {
  MINHU_FUZZ_CHECK(minhu::detail::is_valid_utf8(out));
  const auto j = nlohmann::json::parse(out, nullptr, false);
  MINHU_FUZZ_CHECK(!j.is_discarded() && j.is_object());
  MINHU_FUZZ_CHECK(j.contains("id") && j["id"].is_string());
  // Ids are echoed as given, except that ill-formed UTF-8 (a JSON string cannot hold it)
  // is repaired.
  MINHU_FUZZ_CHECK(j["id"].get<std::string>() == minhu::detail::sanitize_utf8(p.id));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);

  if (const auto t = minhu::parse_iso8601(line)) {
    // Years 0000-9999 with offsets up to ±14:59: a bounded range.
    MINHU_FUZZ_CHECK(*t > -62200000000000 && *t < 253500000000000);
  }

  for (bool allow_unknown : {false, true}) {
    minhu::petition p;
    try {
      p = minhu::parse_petition(line, allow_unknown);
    } catch (const minhu::petition_error& e) {
      MINHU_FUZZ_CHECK(e.code() == minhu::errc::petition_invalid);
      MINHU_FUZZ_CHECK(!e.message().empty());
      continue;
    }
    MINHU_FUZZ_CHECK(!p.id.empty());
    MINHU_FUZZ_CHECK(p.lat.has_value() == p.lon.has_value());
    const minhu::dispatch_result d = fixture_engine().dispatch(p);
    for (const auto& s : d.classification.spans) {
      const auto& field = s.field == minhu::field_scope::title ? p.title : p.text;
      MINHU_FUZZ_CHECK(s.begin <= s.end && s.end <= field.size());
    }
    check_output(p, minhu::to_json(p, d.classification));
    check_output(p, minhu::to_json(p, d));
    if (!allow_unknown) break;  // accepted strictly: the lenient parse is the same
  }
  return 0;
}
