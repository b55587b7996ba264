// json_document::parse_fast: simdjson parses, and a walk of its DOM replays the values in
// document order to the same SAX handler nlohmann's parser feeds (json_document.hpp). simdjson
// validates UTF-8 and the JSON grammar as strictly as nlohmann does (control characters in
// strings, lone surrogates, leading zeros); where the two differ simdjson refuses and the caller
// falls back to parse(): a byte-order mark (nlohmann skips it), integers beyond 64 bits
// (nlohmann reads them as doubles).
#include <simdjson.h>

#include "minhu/detail/json_document.hpp"

namespace minhu::detail {

namespace {

// Replays `e` to the handler; false when the nesting goes deeper than `max_depth`.
template <class Handler>
bool replay(simdjson::dom::element e, Handler& h, int depth, int max_depth) {
  using type = simdjson::dom::element_type;
  switch (e.type()) {
    case type::ARRAY: {
      if (depth >= max_depth) return false;
      const simdjson::dom::array a = e.get_array().value_unsafe();
      h.start_array(a.size());
      for (simdjson::dom::element x : a)
        if (!replay(x, h, depth + 1, max_depth)) return false;
      h.end_array();
      return true;
    }
    case type::OBJECT: {
      if (depth >= max_depth) return false;
      const simdjson::dom::object o = e.get_object().value_unsafe();
      h.start_object(o.size());
      for (simdjson::dom::key_value_pair m : o) {
        h.key(m.key);
        if (!replay(m.value, h, depth + 1, max_depth)) return false;
      }
      h.end_object();
      return true;
    }
    case type::INT64:
      return h.number_integer(e.get_int64().value_unsafe());
    case type::UINT64:
      return h.number_unsigned(e.get_uint64().value_unsafe());
    case type::DOUBLE:  // (nlohmann also passes the number's text; the handler ignores it)
      return h.number_float(e.get_double().value_unsafe(), std::string());
    case type::STRING:
      return h.string(e.get_string().value_unsafe());
    case type::BOOL:
      return h.boolean(e.get_bool().value_unsafe());
    case type::NULL_VALUE:
      return h.null();
  }
  return false;
}

}  // namespace

std::optional<json_document> json_document::parse_fast(std::string_view text,
                                                       std::vector<duplicate_key>& duplicates,
                                                       int max_depth) {
  if (max_depth < 1) return std::nullopt;
  simdjson::dom::parser parser;
  if (parser.allocate(text.size(), std::size_t(max_depth)) != simdjson::SUCCESS)
    return std::nullopt;
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size(), true).get(root) != simdjson::SUCCESS)
    return std::nullopt;
  json_document doc;
  // Strings never grow when unescaped; a value takes at least a few bytes of text (the
  // 5,000-rule workload: 5.9 MB → 3.7 MB of strings, 457,272 values).
  doc.chars_.reserve(text.size());
  doc.nodes_.reserve(text.size() / 8);
  doc.slots_.reserve(text.size() / 8);
  std::vector<duplicate_key> found;
  builder b(doc, found);
  if (!replay(root, b, 0, max_depth)) return std::nullopt;
  duplicates.insert(duplicates.end(), std::make_move_iterator(found.begin()),
                    std::make_move_iterator(found.end()));
  return doc;
}

}  // namespace minhu::detail
