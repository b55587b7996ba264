// A read-only JSON document in a few flat arrays, for the ruleset loader.
//
// Two parsers fill it through one SAX handler, which stores what they report without a heap
// node per value: nodes in one vector, container members in another, every string's bytes in one
// buffer. Freeing it is three deallocations. Members keep their order; a key repeated in the same
// object is reported with its JSON pointer (both members stay; find() sees the first).
//
// - parse_fast(): simdjson (src/json_document.cpp). On the 5.9 MB 5,000-rule workload it builds
//   the document in about 45 ms against about 120 ms with nlohmann (whose lexer alone took about
//   100). It accepts a subset of what parse() accepts and then builds the same document
//   (tests/json_document_test.cpp and the ruleset fuzz target check both); it refuses (nullopt)
//   everything else: syntax errors, ill-formed UTF-8, a byte-order mark, integers beyond 64
//   bits, nesting deeper than asked.
// - parse(): nlohmann-json (its lexer, its syntax errors, its number rules), the reference and
//   the source of every syntax error message.
//
//   std::vector<detail::json_document::duplicate_key> dups;
//   auto doc = detail::json_document::parse_fast(text, dups, 128);
//   if (!doc) doc = detail::json_document::parse(text, dups);  // throws json::exception on a
//   detail::json_value root = doc->root();                     // syntax error (dups: those
//   if (auto id = root.find("id"); id && id->is_string())      // before it)
//     use(id->str());
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace minhu::detail {

/// Appends `/` and `key` as a JSON pointer token (RFC 6901: `~` as `~0`, `/` as `~1`).
inline void append_pointer_token(std::string& out, std::string_view key) {
  out += '/';
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
}

class json_document;

/// A value of a json_document: a handle (document, node) valid as long as the document.
class json_value {
 public:
  enum class kind : std::uint8_t {
    null,
    boolean,
    integer,
    unsigned_integer,
    floating,
    string,
    array,
    object
  };
  struct member;

  json_value(const json_document& doc, std::uint32_t node) noexcept : doc_(&doc), node_(node) {}

  kind type() const noexcept;
  bool is_null() const noexcept { return type() == kind::null; }
  bool is_boolean() const noexcept { return type() == kind::boolean; }
  bool is_string() const noexcept { return type() == kind::string; }
  bool is_array() const noexcept { return type() == kind::array; }
  bool is_object() const noexcept { return type() == kind::object; }
  bool is_number_integer() const noexcept {
    return type() == kind::integer || type() == kind::unsigned_integer;
  }
  bool is_number_unsigned() const noexcept { return type() == kind::unsigned_integer; }
  bool is_number() const noexcept { return is_number_integer() || type() == kind::floating; }

  /// Elements of an array, members of an object; as nlohmann: 0 for null, 1 for a scalar.
  std::size_t size() const noexcept;
  bool empty() const noexcept { return size() == 0; }

  // Scalars, converted as nlohmann's get<T>() converts them.
  bool boolean() const noexcept;
  std::string_view str() const noexcept;  ///< the string's bytes ("" unless a string)
  double number() const noexcept;
  std::int64_t integer() const noexcept;
  std::uint64_t unsigned_integer() const noexcept;

  /// Element i of an array (i < size()).
  json_value operator[](std::size_t i) const noexcept;
  /// Member i of an object, in document order (i < size()).
  member at(std::size_t i) const noexcept;
  /// The member named `key` of an object; nullopt when absent or not an object.
  std::optional<json_value> find(std::string_view key) const noexcept;
  bool contains(std::string_view key) const noexcept { return find(key).has_value(); }

 private:
  const json_document* doc_;
  std::uint32_t node_;
};

struct json_value::member {
  std::string_view key;
  json_value value;
};

class json_document {
 public:
  /// A key found twice in one object: the pointer of the second, and the key.
  struct duplicate_key {
    std::string pointer;
    std::string key;
  };

  /// Parses `text`; syntax errors and numbers out of range throw nlohmann::json::exception,
  /// exactly as nlohmann::json::parse throws them. Every repeated key met is appended to
  /// `duplicates` (in document order), those before a syntax error too.
  static json_document parse(std::string_view text, std::vector<duplicate_key>& duplicates) {
    json_document doc;
    builder b(doc, duplicates);
    nlohmann::json::sax_parse(text, &b);
    return doc;
  }

  /// Parses `text` with simdjson; nullopt (and `duplicates` untouched) when it refuses the text
  /// or the text nests arrays and objects deeper than `max_depth`. What it accepts, parse()
  /// accepts too, and builds into an equal document with the same duplicates.
  static std::optional<json_document> parse_fast(std::string_view text,
                                                 std::vector<duplicate_key>& duplicates,
                                                 int max_depth);

  /// Same nodes, members and bytes: what parse() and parse_fast() of one text must give.
  friend bool operator==(const json_document& a, const json_document& b) noexcept {
    return a.chars_ == b.chars_ && a.nodes_.size() == b.nodes_.size() &&
           a.slots_.size() == b.slots_.size() &&
           std::equal(a.nodes_.begin(), a.nodes_.end(), b.nodes_.begin(),
                      [](const node& x, const node& y) {
                        return x.kind == y.kind && x.a == y.a && x.b == y.b &&
                               std::memcmp(&x.v, &y.v, sizeof x.v) == 0;
                      }) &&
           std::equal(a.slots_.begin(), a.slots_.end(), b.slots_.begin(),
                      [](const slot& x, const slot& y) {
                        return x.key == y.key && x.key_size == y.key_size && x.value == y.value;
                      });
  }
  friend bool operator!=(const json_document& a, const json_document& b) noexcept {
    return !(a == b);
  }

  json_value root() const noexcept { return json_value(*this, 0); }

 private:
  friend class json_value;
  struct node {
    json_value::kind kind = json_value::kind::null;
    // string: bytes [a, a + b) of chars_; array / object: slots_[a, a + b)
    std::uint32_t a = 0, b = 0;
    union {
      bool boolean;
      std::int64_t integer;
      std::uint64_t unsigned_integer;
      double floating;
    } v{};
  };
  struct slot {
    std::uint32_t key = 0, key_size = 0;  // bytes of chars_ (objects only)
    std::uint32_t value = 0;              // index into nodes_
  };

  std::string_view text(std::uint32_t at, std::uint32_t size) const noexcept {
    return {chars_.data() + at, size};
  }
  std::uint32_t add_chars(std::string_view s) {
    const auto at = std::uint32_t(chars_.size());
    chars_.append(s);
    return at;
  }

  // The SAX handler. An open container collects its members in `pending` (shared by all open
  // containers, innermost last); when it closes they move to slots_ in one piece.
  class builder {
   public:
    using number_integer_t = nlohmann::json::number_integer_t;
    using number_unsigned_t = nlohmann::json::number_unsigned_t;
    using number_float_t = nlohmann::json::number_float_t;
    using string_t = nlohmann::json::string_t;
    using binary_t = nlohmann::json::binary_t;

    builder(json_document& doc, std::vector<duplicate_key>& duplicates)
        : doc_(doc), duplicates_(duplicates) {}

    bool null() { return add(json_value::kind::null); }
    bool boolean(bool x) {
      add(json_value::kind::boolean);
      doc_.nodes_.back().v.boolean = x;
      return true;
    }
    bool number_integer(number_integer_t x) {
      // nlohmann reports "-0" here; simdjson every integer up to INT64_MAX. Both store a value
      // that is not negative as unsigned, as nlohmann stores "0".
      if (x >= 0) return number_unsigned(number_unsigned_t(x));
      add(json_value::kind::integer);
      doc_.nodes_.back().v.integer = x;
      return true;
    }
    bool number_unsigned(number_unsigned_t x) {
      add(json_value::kind::unsigned_integer);
      doc_.nodes_.back().v.unsigned_integer = x;
      return true;
    }
    bool number_float(number_float_t x, const string_t&) {
      add(json_value::kind::floating);
      doc_.nodes_.back().v.floating = x;
      return true;
    }
    bool string(string_t& s) { return string(std::string_view(s)); }
    bool string(std::string_view s) {
      add(json_value::kind::string);
      auto& n = doc_.nodes_.back();
      n.b = std::uint32_t(s.size());
      n.a = doc_.add_chars(s);
      return true;
    }
    bool binary(binary_t&) { return add(json_value::kind::null); }  // never in JSON text
    bool start_object(std::size_t) { return open(json_value::kind::object); }
    bool start_array(std::size_t) { return open(json_value::kind::array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(string_t& k) { return key(std::string_view(k)); }
    bool key(std::string_view k) {
      frame& f = frames_.back();
      if (is_duplicate(f, k)) duplicates_.push_back({pointer(k), std::string(k)});
      slot s;
      s.key_size = std::uint32_t(k.size());
      s.key = doc_.add_chars(k);
      pending_.push_back(s);
      return true;
    }
    template <class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception& ex) {
      throw ex;  // what nlohmann::json::parse throws
    }

   private:
    struct frame {
      std::uint32_t node = 0;
      std::size_t begin = 0;                                  // first member in pending_
      std::size_t count = 0;                                  // members so far
      std::unique_ptr<std::unordered_set<std::string>> keys;  // large objects only
    };
    // Objects with more members than this check repeated keys by hash, not by a scan.
    static constexpr std::size_t scan_limit = 16;

    // A new node, placed as the next member of the innermost open container.
    bool add(json_value::kind k) {
      auto& nodes = doc_.nodes_;
      nodes.emplace_back();
      nodes.back().kind = k;
      const auto id = std::uint32_t(nodes.size() - 1);
      if (frames_.empty()) return true;  // the root
      frame& f = frames_.back();
      if (doc_.nodes_[f.node].kind == json_value::kind::array) pending_.emplace_back();
      pending_.back().value = id;
      ++f.count;
      return true;
    }
    bool open(json_value::kind k) {
      add(k);
      frames_.push_back({std::uint32_t(doc_.nodes_.size() - 1), pending_.size(), 0, nullptr});
      return true;
    }
    bool close() {
      frame& f = frames_.back();
      auto& n = doc_.nodes_[f.node];
      n.a = std::uint32_t(doc_.slots_.size());
      n.b = std::uint32_t(pending_.size() - f.begin);
      doc_.slots_.insert(doc_.slots_.end(), pending_.begin() + std::ptrdiff_t(f.begin),
                         pending_.end());
      pending_.resize(f.begin);
      frames_.pop_back();
      return true;
    }
    bool is_duplicate(frame& f, std::string_view k) {
      if (f.keys) return !f.keys->emplace(k).second;
      for (std::size_t i = f.begin; i < pending_.size(); ++i)
        if (doc_.text(pending_[i].key, pending_[i].key_size) == k) return true;
      if (pending_.size() - f.begin >= scan_limit) {
        f.keys = std::make_unique<std::unordered_set<std::string>>();
        for (std::size_t i = f.begin; i < pending_.size(); ++i)
          f.keys->emplace(doc_.text(pending_[i].key, pending_[i].key_size));
        f.keys->emplace(k);
      }
      return false;
    }
    // The JSON pointer of key `k` of the innermost object.
    std::string pointer(std::string_view k) const {
      std::string p;
      for (std::size_t d = 0; d + 1 < frames_.size(); ++d) {
        const frame& f = frames_[d];
        if (doc_.nodes_[f.node].kind == json_value::kind::array) {
          p += '/' + std::to_string(f.count - 1);  // the element being parsed
        } else {
          const slot& s = pending_[f.begin + f.count - 1];
          append_pointer_token(p, doc_.text(s.key, s.key_size));
        }
      }
      append_pointer_token(p, k);
      return p;
    }

    json_document& doc_;
    std::vector<duplicate_key>& duplicates_;
    std::vector<frame> frames_;
    std::vector<slot> pending_;
  };

  std::vector<node> nodes_;
  std::vector<slot> slots_;
  std::string chars_;
};

inline json_value::kind json_value::type() const noexcept { return doc_->nodes_[node_].kind; }

inline std::size_t json_value::size() const noexcept {
  const auto& n = doc_->nodes_[node_];
  switch (n.kind) {
    case kind::null:
      return 0;
    case kind::array:
    case kind::object:
      return n.b;
    default:
      return 1;
  }
}

inline bool json_value::boolean() const noexcept {
  const auto& n = doc_->nodes_[node_];
  return n.kind == kind::boolean && n.v.boolean;
}

inline std::string_view json_value::str() const noexcept {
  const auto& n = doc_->nodes_[node_];
  return n.kind == kind::string ? doc_->text(n.a, n.b) : std::string_view();
}

inline double json_value::number() const noexcept {
  const auto& n = doc_->nodes_[node_];
  switch (n.kind) {
    case kind::integer:
      return double(n.v.integer);
    case kind::unsigned_integer:
      return double(n.v.unsigned_integer);
    case kind::floating:
      return n.v.floating;
    default:
      return 0;
  }
}

inline std::int64_t json_value::integer() const noexcept {
  const auto& n = doc_->nodes_[node_];
  switch (n.kind) {
    case kind::integer:
      return n.v.integer;
    case kind::unsigned_integer:
      return std::int64_t(n.v.unsigned_integer);
    case kind::floating:
      return std::int64_t(n.v.floating);
    default:
      return 0;
  }
}

inline std::uint64_t json_value::unsigned_integer() const noexcept {
  return std::uint64_t(integer());
}

inline json_value json_value::operator[](std::size_t i) const noexcept {
  assert(is_array() && i < size());
  const auto& n = doc_->nodes_[node_];
  return json_value(*doc_, doc_->slots_[n.a + i].value);
}

inline json_value::member json_value::at(std::size_t i) const noexcept {
  assert(is_object() && i < size());
  const auto& s = doc_->slots_[doc_->nodes_[node_].a + i];
  return {doc_->text(s.key, s.key_size), json_value(*doc_, s.value)};
}

inline std::optional<json_value> json_value::find(std::string_view key) const noexcept {
  const auto& n = doc_->nodes_[node_];
  if (n.kind != kind::object) return std::nullopt;
  for (std::uint32_t i = n.a; i < n.a + n.b; ++i) {
    const auto& s = doc_->slots_[i];
    if (doc_->text(s.key, s.key_size) == key) return json_value(*doc_, s.value);
  }
  return std::nullopt;
}

}  // namespace minhu::detail
