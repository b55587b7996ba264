// JSON Lines codec for petitions and results: the wire format of the `minhu` CLI, also handy
// for hosts that already speak JSON. Cold path (nlohmann-json), never used by classify itself.
//
//   minhu::petition p = minhu::parse_petition(R"({"id":"p1","text":"路灯坏了"})");
//   std::string line = minhu::to_json(p, engine.classify(p));
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "minhu/classifier.hpp"
#include "minhu/engine.hpp"
#include "minhu/limits.hpp"
#include "minhu/petition.hpp"

namespace minhu {

/// Parses one petition object. Throws petition_error naming the offending field for malformed
/// JSON, invalid UTF-8, a missing/empty id, a missing text, wrong types, and — unless
/// `allow_unknown_fields` — fields it does not know (a misspelt "txt" must not pass silently).
petition parse_petition(std::string_view json_line, bool allow_unknown_fields = false);

/// Parses "2026-03-02T09:30:00+08:00" (also "Z", fractional seconds, a space instead of 'T')
/// into epoch milliseconds; nullopt when malformed or without an offset.
std::optional<std::int64_t> parse_iso8601(std::string_view s) noexcept;

/// One result object: id, category, category_name, category_path, urgency, confidence,
/// decided_by, rules, tags, spans (field, begin, end, text, keyword|regex), flags. Personal
/// data in span texts is masked unless `pii` is show (see pii.hpp).
std::string to_json(const petition& p, const classification& c, pii_policy pii = pii_policy::mask);

/// One dispatch result: the classification fields above, plus
///   "location": {"area", "area_name", "method", "candidates"?, "hint"?},
///   "assignment": {"lead", "lead_name", "tier", "assisting": [{"id", "name"}], "explanation"}.
std::string to_json(const petition& p, const dispatch_result& r, pii_policy pii = pii_policy::mask);

/// Reads one line (without its '\n' or "\r\n") into `line`, keeping at most
/// limits::line_bytes bytes; `too_long` tells that the rest of the line was skipped. False at
/// the end of the input (nothing read).
bool read_line(std::istream& in, std::string& line, bool& too_long);

/// The error record for a bad input line: {"line": N, "id": ..., "error": "..."}.
std::string error_json(std::size_t line, std::string_view id, std::string_view message);

}  // namespace minhu
