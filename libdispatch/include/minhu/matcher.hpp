// The multi-pattern automaton: every keyword (and every literal a regex needs) of a ruleset, found
// in one left-to-right pass over the normalised text.
//
//   minhu::keyword_automaton::builder b;
//   auto noise = b.add("噪音");
//   auto night = b.add("夜间施工");
//   minhu::keyword_automaton ac = std::move(b).build();
//   ac.scan(text, [&](std::uint32_t pattern, std::size_t begin, std::size_t end) { ... });
//
// Aho–Corasick over code points, stored as a double array (base/check). Every code point that
// occurs in some pattern gets a dense symbol id (the most frequent first); a transition is the
// symbol lookup, two loads and a compare (one when the state's summary of its children rules
// the symbol out; from the root, one load of its table), and the whole automaton is a few flat
// arrays. One step per character rather than per byte: a Chinese text of 300 bytes is about
// 100 steps, and the trie has one state per character of a pattern prefix instead of one per
// byte, so more of it stays in cache. A character that occurs in no pattern sends the
// automaton straight back to the root.
//
// Matching is by characters: a pattern is found exactly where its characters occur in the text
// as UTF-8 decodes it (ill-formed bytes are never part of a match; an ill-formed pattern is
// kept, with its id, but never found). On well-formed text this is exactly where its bytes
// occur, since UTF-8 is self-synchronising. Every occurrence is reported, overlapping ones
// included; offsets are bytes.
//
// scan_as_normalized() finds the patterns in the text normalize() would make of a raw text,
// without making it: a second symbol table gives each code point the symbol of the character
// it normalises to (traditional → simplified, full width → ASCII, upper → lower case), white
// space runs step as one space, zero-width characters are skipped, and the offsets reported
// are those of the raw text. The patterns must be normalised themselves.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "minhu/detail/id_index.hpp"
#include "minhu/detail/utf8.hpp"
#include "minhu/text.hpp"

namespace minhu {

class keyword_automaton {
 public:
  class builder;

  /// An automaton without patterns: scanning finds nothing.
  keyword_automaton()
      : cells_(2),
        first_output_(2, 0),
        pages_(page_count, 0),
        symbols_(256, 0),
        fold_pages_(page_count, 0),
        fold_symbols_(256, 0),
        fold_cjk_(cjk_size, 0),
        root_next_(1, 0) {
    cells_[0].check = 0;
  }

  /// Number of distinct patterns.
  std::size_t size() const noexcept { return patterns_.size(); }
  /// Number of automaton states (trie nodes).
  std::size_t state_count() const noexcept { return state_count_; }
  /// Number of distinct characters in the patterns (the automaton's alphabet).
  std::size_t alphabet_size() const noexcept { return alphabet_size_; }
  /// The pattern with this id, as added.
  std::string_view pattern(std::uint32_t id) const noexcept { return patterns_[id]; }
  /// Bytes held by the automaton's tables.
  std::size_t memory_bytes() const noexcept {
    return cells_.capacity() * sizeof(cell) + first_output_.capacity() * 4 +
           outputs_.capacity() * sizeof(output) + pages_.capacity() * 4 + symbols_.capacity() * 4 +
           fold_pages_.capacity() * 4 + fold_symbols_.capacity() * 4 + fold_cjk_.capacity() * 2 +
           root_next_.capacity() * 4;
  }

  /// Calls `on_match(pattern_id, begin, end)` for every occurrence of every pattern in `text`,
  /// in order of `end` (then longest first). noexcept as long as `on_match` is.
  template <class F>
  void scan(std::string_view text, F&& on_match) const {
    scan_tagged(text, [&](std::uint32_t pattern, std::uint32_t, std::size_t begin,
                          std::size_t end) { on_match(pattern, begin, end); });
  }

  /// Gives each pattern a 32-bit tag of the caller's (all 0 until set): `tags[id]` for pattern
  /// id, for each id below tags.size(). A tag travels with the pattern's matches, so a caller
  /// that keeps what it does with a match there reads nothing else for it.
  void set_tags(const std::vector<std::uint32_t>& tags) noexcept {
    for (output& o : outputs_)
      if (o.pattern < tags.size()) o.tag = tags[o.pattern];
  }

  /// As scan(), calling `on_match(pattern_id, tag, begin, end)` with the pattern's tag.
  template <class F>
  void scan_tagged(std::string_view text, F&& on_match) const {
    const cell* cells = cells_.data();
    const std::uint32_t* pages = pages_.data();
    const std::uint32_t* symbols = symbols_.data();
    const std::int32_t* root_next = root_next_.data();
    // Locals, so that the compiler need not reload them after each call of on_match.
    const std::uint32_t* first_output = first_output_.data();
    const output* outputs = outputs_.data();
    const auto* t = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::int32_t s = 0;
    for (std::size_t i = 0; i < n;) {
      const unsigned b = t[i];
      char32_t cp;
      if (b < 0x80) {
        cp = b;
        i += 1;
      } else {
        std::size_t len = 1;
        cp = detail::decode_utf8_multibyte(text, i, len);
        i += len;
        if (len == 1) {  // ill-formed byte (a real U+FFFD is 3 bytes): never part of a match
          s = 0;
          continue;
        }
      }
      const std::uint32_t c = symbols[pages[cp >> 8] + (cp & 0xFF)];
      if (c == 0) {  // in no pattern: no match can span it
        s = 0;
        continue;
      }
      s = step(cells, root_next, s, c);
      if (cells[s].base >= 0) continue;  // no pattern ends here, nor at any suffix
      for (const output* o = outputs + first_output[s];; ++o) {
        std::size_t bytes = o->size & output_bytes;
        if (bytes == output_bytes) bytes = patterns_[o->pattern].size();  // (8 MiB or more)
        on_match(o->pattern, o->tag, i - bytes, i);
        if (o->size & output_last) break;
      }
    }
  }

  /// As scan_tagged(), over the text normalize(text) would give, without building it: calls
  /// `on_match(pattern_id, tag, begin, end)` for every occurrence there, where [begin, end)
  /// is the byte range of `text` the occurrence comes from (what normalized_text's
  /// original_span() would give). Returns false if `text` has ill-formed UTF-8 (each such
  /// byte is read as U+FFFD, as normalize() does). For normalised patterns (normalize(p) == p)
  /// the occurrences are exactly those of scan_tagged(normalize(text)).
  template <class F>
  bool scan_as_normalized(std::string_view text, F&& on_match) const {
    const cell* cells = cells_.data();
    const fold_table fold = folded();
    const std::int32_t* root_next = root_next_.data();
    const std::uint32_t* first_output = first_output_.data();
    const output* outputs = outputs_.data();
    const auto* t = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    // Where each of the last steps' characters starts in `text`, by step number: a pattern of
    // k characters found at step j began where step j + 1 - k did.
    std::size_t starts[ring];
    std::uint32_t steps = 0;
    bool well_formed = true;
    bool after_space = true;  // a space here would be dropped (leading, or in a run)
    std::int32_t s = 0;
    for (std::size_t i = 0; i < n;) {
      const std::size_t start = i;
      const std::uint32_t c = read_folded(fold, text, t, i, well_formed, after_space);
      if (c == fold_dropped) continue;
      if (c == 0) {  // a character in no pattern
        s = 0;
        continue;
      }
      starts[steps++ % ring] = start;
      s = step(cells, root_next, s, c);
      if (cells[s].base >= 0) continue;
      for (const output* o = outputs + first_output[s];; ++o) {
        const std::uint32_t k = (o->size & output_chars) >> output_chars_shift;
        const std::size_t begin =
            k <= ring ? starts[(steps - k) % ring] : start_of(text, i, chars_of(o->pattern, k));
        on_match(o->pattern, o->tag, begin, i);
        if (o->size & output_last) break;
      }
    }
    return well_formed;
  }

 private:
  struct cell;
  // The state after reading symbol c (1 ..= alphabet) in state s: the child, else the child
  // of the nearest failure state that has one, else the root's transition.
  static std::int32_t step(const cell* cells, const std::int32_t* root_next, std::int32_t s,
                           std::uint32_t c) noexcept {
    for (;;) {
      if (s == 0) return root_next[c];
      const cell& here = cells[s];          // in cache: the previous step read its check
      if (here.children >> (c & 31) & 1) {  // else certainly no child: skip the load
        const std::int32_t next = (here.base & base_mask) + std::int32_t(c);
        if (cells[next].check == s) return next;
      }
      s = here.fail;
    }
  }

  static constexpr std::uint32_t ring = 64;  // a power of two
  // Symbols of the folded table beyond the alphabet: a character normalize() drops, and
  // white space (which steps as the pattern space when some pattern has one).
  static constexpr std::uint32_t fold_dropped = 0xFFFFFFFF;
  static constexpr std::uint32_t fold_space = 0xFFFFFFFE;

  // The folded table (fold_pages_, fold_symbols_) as the raw scan reads it.
  struct fold_table {
    const std::uint32_t* pages;
    const std::uint32_t* symbols;
    const std::uint16_t* cjk;
    std::uint32_t alphabet;
    std::uint32_t space;
  };
  fold_table folded() const noexcept {
    return {fold_pages_.data(), fold_symbols_.data(), fold_cjk_.data(),
            std::uint32_t(alphabet_size_), space_symbol_};
  }
  // Reads the character at t[i] as normalize() would leave it, advancing i: the symbol to step
  // on (1 ..= alphabet; white space after a character steps as the pattern space), 0 for a
  // character in no pattern (the scan restarts), or fold_dropped for none at all (a dropped
  // character, white space at the start or after white space). One function for the scan and
  // for start_of(), which must count steps exactly as the scan takes them.
  static std::uint32_t read_folded(const fold_table& f, std::string_view text,
                                   const unsigned char* t, std::size_t& i, bool& well_formed,
                                   bool& after_space) noexcept {
    const char32_t cp = next_char(text, t, i, well_formed);
    // Most characters of Chinese text are in the CJK blocks, where none is white space or
    // dropped: one load from their dense table gives the symbol (0: in no pattern).
    if (cp - cjk_first < cjk_size) {
      const std::uint32_t k = f.cjk[cp - cjk_first];
      if (k != cjk_escape) {
        after_space = false;
        return k;
      }
    }
    const std::uint32_t c = f.symbols[f.pages[cp >> 8] + (cp & 0xFF)];
    if (c - 1 < f.alphabet) {
      after_space = false;
      return c;
    }
    if (c == fold_dropped) return fold_dropped;
    if (c == fold_space) {
      if (after_space) return fold_dropped;
      after_space = true;
      return f.space;
    }
    after_space = false;
    return 0;
  }

  // Decodes the character at t[i] and advances i; an ill-formed byte reads as U+FFFD.
  static char32_t next_char(std::string_view text, const unsigned char* t, std::size_t& i,
                            bool& well_formed) noexcept {
    const unsigned b = t[i];
    if (b < 0x80) {
      i += 1;
      return b;
    }
    std::size_t len = 1;
    const char32_t cp = detail::decode_utf8_multibyte(text, i, len);
    i += len;
    if (len == 1) {
      well_formed = false;
      return detail::replacement_char;
    }
    return cp;
  }

  // Where the character `k` steps before the end `end` started, for a pattern longer than
  // the scan's ring: the steps of text[0, end) counted again, then walked to (rare: a pattern
  // of more than 64 characters).
  std::size_t start_of(std::string_view text, std::size_t end, std::uint32_t k) const noexcept {
    const auto* t = reinterpret_cast<const unsigned char*>(text.data());
    const fold_table fold = folded();
    auto walk = [&](std::size_t until_step, std::size_t& total) {
      bool ok = true, after_space = true;
      std::size_t steps = 0;
      for (std::size_t i = 0; i < end;) {
        const std::size_t start = i;
        const std::uint32_t c = read_folded(fold, text, t, i, ok, after_space);
        if (c == fold_dropped || c == 0) continue;
        if (steps++ == until_step) return start;
      }
      total = steps;
      return end;
    };
    std::size_t total = 0;
    walk(std::size_t(-1), total);
    std::size_t unused = 0;
    return walk(total - k, unused);
  }
  // What a step needs sits in one 16-byte cell (four per cache line): the state's own cell is
  // in cache once its check was read, and its `children` summary says, for most characters
  // that continue no keyword, that there is no child — the step then goes to the failure link
  // without touching the child's (usually uncached) cell. The patterns found live apart.
  struct cell {
    std::int32_t base = 0;       // children of this state live at (base & base_mask) + symbol;
                                 // the sign bit: a pattern ends here or at a suffix
    std::int32_t check = -1;     // parent state of this slot, -1 when free
    std::int32_t fail = 0;       // Aho–Corasick failure link
    std::uint32_t children = 0;  // bit (symbol & 31) set for the symbol of each child
  };
  static constexpr std::int32_t base_mask = 0x7FFFFFFF;
  static constexpr std::size_t page_count = 0x110000 >> 8;  // code points in 256-point pages
  // The entry of code point `cp` in a paged table: pages[cp >> 8] is where its page's 256
  // entries start in `table` (0: the shared all-zero block at the start), given on first use.
  static std::uint32_t& paged_entry(std::vector<std::uint32_t>& pages,
                                    std::vector<std::uint32_t>& table, std::uint32_t cp) {
    std::uint32_t& block = pages[cp >> 8];
    if (block == 0) {
      block = std::uint32_t(table.size());
      table.resize(table.size() + 256, 0);
    }
    return table[block + (cp & 0xFF)];
  }

  std::vector<cell> cells_;  // double array, indexed by state
  // A pattern found where a state is reached. Every pattern ending at a state or at any of its
  // suffixes is one record of a run in outputs_ (longest first, the last one flagged), so a
  // report reads one index and then consecutive records rather than chasing links between
  // states; states with the same nearest reporting suffix share its run. A pattern's run holds
  // the patterns that are suffixes of it, at most one per character: the records number no
  // more than the characters of all patterns, like the trie's states.
  struct output {
    std::uint32_t pattern;
    std::uint32_t tag;   // the pattern's tag (set_tags)
    std::uint32_t size;  // its length in bytes and in characters (each saturated), and a flag
                         // on the run's last record
  };
  static constexpr std::uint32_t output_bytes = 0x7FFFFF;  // bits 0-22: bytes
  static constexpr std::uint32_t output_chars_shift = 23;  // bits 23-30: characters
  static constexpr std::uint32_t output_chars = 0xFFu << output_chars_shift;
  static constexpr std::uint32_t output_last = 0x80000000;
  static std::uint32_t output_size(std::size_t bytes, std::size_t chars) noexcept {
    return std::uint32_t(std::min<std::size_t>(bytes, output_bytes)) |
           std::uint32_t(std::min<std::size_t>(chars, 0xFF)) << output_chars_shift;
  }
  // The characters of pattern `id`, whose record says `k` (0xFF: that many or more).
  std::uint32_t chars_of(std::uint32_t id, std::uint32_t k) const noexcept {
    if (k < 0xFF) return k;
    const std::string& p = patterns_[id];
    std::uint32_t n = 0;
    for (std::size_t i = 0; i < p.size(); ++n) {
      std::size_t len = 1;
      detail::decode_utf8(p, i, len);
      i += len;
    }
    return n;
  }
  std::vector<std::uint32_t> first_output_;  // by state: where its run starts in outputs_
  std::vector<output> outputs_;
  // Symbol of code point cp: symbols_[pages_[cp >> 8] + (cp & 0xFF)], 0 when in no pattern.
  // symbols_[0, 256) is the all-zero page every page without pattern characters points to.
  std::vector<std::uint32_t> pages_;
  std::vector<std::uint32_t> symbols_;
  // The same for scan_as_normalized(): the symbol of the character cp normalises to, or
  // fold_space / fold_dropped; space_symbol_ is the symbol of ' ' (0 when no pattern has one,
  // and white space then maps to 0).
  std::vector<std::uint32_t> fold_pages_;
  std::vector<std::uint32_t> fold_symbols_;
  // The folded symbols of the CJK blocks [cjk_first, cjk_first + cjk_size) once more, dense
  // and in 16 bits: 54 KB, half as many cache lines as the paged table's 4-byte entries and no
  // page lookup first. cjk_escape where a symbol does not fit: the paged table answers.
  static constexpr char32_t cjk_first = detail::t2s_table::cjk_begin;
  static constexpr std::uint32_t cjk_size =
      detail::t2s_table::cjk_end - detail::t2s_table::cjk_begin;
  static constexpr std::uint16_t cjk_escape = 0xFFFF;
  std::vector<std::uint16_t> fold_cjk_;
  std::uint32_t space_symbol_ = 0;
  // The root's transition on each symbol (0: the root has no such child), without a check:
  // with 500 keywords, 29 % of the characters of real messages are stepped from the root.
  std::vector<std::int32_t> root_next_;
  std::vector<std::string> patterns_;
  std::size_t state_count_ = 1;
  std::size_t alphabet_size_ = 0;
};

/// Collects patterns, then compiles them into a keyword_automaton (cold path).
class keyword_automaton::builder {
 public:
  /// Adds a pattern (must be non-empty); returns its id. Adding the same bytes twice returns
  /// the same id.
  std::uint32_t add(std::string_view pattern) {
    const auto next = std::int32_t(patterns_.size());
    const std::int32_t id = ids_.find_or_insert(pattern, next);
    if (id == next) patterns_.emplace_back(pattern);
    return std::uint32_t(id);
  }
  std::size_t size() const noexcept { return patterns_.size(); }
  bool contains(std::string_view pattern) const { return ids_.find(pattern) >= 0; }

  keyword_automaton build() &&;

 private:
  detail::id_index ids_;
  std::vector<std::string> patterns_;
};

inline keyword_automaton keyword_automaton::builder::build() && {
  keyword_automaton a;
  const std::size_t m = patterns_.size();
  // 1. Patterns as code points, one flat array: pattern id's characters are
  //    sym[word_begin[id], word_begin[id + 1]) (none for an ill-formed pattern).
  std::vector<std::uint32_t> sym;
  std::vector<std::uint32_t> word_begin(m + 1, 0);
  {
    std::size_t bytes = 0;
    for (const std::string& pat : patterns_) bytes += pat.size();
    sym.reserve(bytes / 2 + 1);
  }
  for (std::size_t id = 0; id < m; ++id) {
    const std::string& pat = patterns_[id];
    for (std::size_t i = 0; i < pat.size();) {
      std::size_t len = 1;
      const char32_t cp = detail::decode_utf8(pat, i, len);
      if (len == 1 && cp == detail::replacement_char) {  // ill-formed: can never be found
        sym.resize(word_begin[id]);
        break;
      }
      sym.push_back(std::uint32_t(cp));
      i += len;
    }
    word_begin[id + 1] = std::uint32_t(sym.size());
  }
  // 2. The alphabet: every character of a well-formed pattern, the most frequent first (small
  //    symbols, so the root's children sit together), then by code point. The symbol table
  //    has one 256-entry page per page of code points that has pattern characters; the
  //    patterns are then rewritten as symbols through it.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_freq;  // (count, code point)
  {
    // Counted in a paged table like the symbol table's.
    std::vector<std::uint32_t> block(page_count, 0), counts(256, 0);
    for (const std::uint32_t cp : sym) ++paged_entry(block, counts, cp);
    for (std::uint32_t page = 0; page < page_count; ++page)
      if (block[page] != 0)
        for (std::uint32_t low = 0; low < 256; ++low)
          if (const std::uint32_t n = counts[block[page] + low])
            by_freq.emplace_back(n, page << 8 | low);
  }
  std::sort(by_freq.begin(), by_freq.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  a.pages_.assign(page_count, 0);
  a.symbols_.assign(256, 0);
  for (std::size_t k = 0; k < by_freq.size(); ++k) {
    paged_entry(a.pages_, a.symbols_, by_freq[k].second) = std::uint32_t(k + 1);
  }
  for (std::uint32_t& x : sym) x = a.symbols_[a.pages_[x >> 8] + (x & 0xFF)];
  const std::size_t alphabet = by_freq.size();
  // The folded table of scan_as_normalized(): each code point gets the symbol of what
  // normalize_code_point() makes of it. Outside the CJK blocks every code point is visited;
  // inside them normalisation only maps traditional characters, whose pairs are visited.
  {
    auto symbol_of = [&](char32_t cp) {
      return cp < 0x110000 ? a.symbols_[a.pages_[cp >> 8] + (cp & 0xFF)] : 0;
    };
    a.space_symbol_ = symbol_of(' ');
    a.fold_pages_.assign(page_count, 0);
    a.fold_symbols_.assign(256, 0);
    auto fold = [&](char32_t cp) {
      const char32_t to = detail::normalize_code_point(cp);
      const std::uint32_t c = to == detail::dropped_char          ? fold_dropped
                              : to == ' ' && a.space_symbol_ != 0 ? fold_space
                                                                  : symbol_of(to);
      if (c == 0) return;
      paged_entry(a.fold_pages_, a.fold_symbols_, std::uint32_t(cp)) = c;
    };
    for (char32_t cp = 0; cp < detail::t2s_table::cjk_begin; ++cp) fold(cp);
    for (char32_t cp = detail::t2s_table::cjk_end; cp < 0x20000; ++cp) fold(cp);
    for (const auto& fc : by_freq) fold(fc.second);
    detail::t2s_table::instance().for_each([&](char32_t from, char32_t) { fold(from); });
    a.fold_cjk_.assign(cjk_size, 0);
    for (std::uint32_t k = 0; k < cjk_size; ++k) {
      const char32_t cp = cjk_first + k;
      const std::uint32_t c = a.fold_symbols_[a.fold_pages_[cp >> 8] + (cp & 0xFF)];
      a.fold_cjk_[k] = c < cjk_escape ? std::uint16_t(c) : cjk_escape;
    }
  }
  const std::size_t slack = alphabet + 1;  // base + symbol never needs a bounds check

  // 3. The well-formed patterns in lexicographic order of their symbols (then by id): the
  //    patterns below a trie node are a contiguous range of `sorted`, those ending at the node
  //    first, and its children's ranges follow one another in the order of their symbols.
  //    Sorted by a key of the first three symbols (21 bits each; 0 past the end, which puts
  //    a pattern before those it is a prefix of), then by the rest: most comparisons read the
  //    key alone, in the array being sorted, rather than two patterns' symbols elsewhere.
  std::vector<std::uint32_t> sorted;
  {
    struct keyed {
      std::uint64_t key;
      std::uint32_t id;
    };
    std::vector<keyed> ks;
    ks.reserve(m);
    for (std::uint32_t id = 0; id < m; ++id) {
      const std::uint32_t b = word_begin[id], e = word_begin[id + 1];
      if (e == b) continue;
      std::uint64_t key = 0;
      for (std::uint32_t k = 0; k < 3; ++k) key = key << 21 | (b + k < e ? sym[b + k] : 0);
      ks.push_back({key, id});
    }
    std::sort(ks.begin(), ks.end(), [&](const keyed& x, const keyed& y) {
      if (x.key != y.key) return x.key < y.key;
      const std::uint32_t* px = sym.data() + std::min(word_begin[x.id] + 3, word_begin[x.id + 1]);
      const std::uint32_t* ex = sym.data() + word_begin[x.id + 1];
      const std::uint32_t* py = sym.data() + std::min(word_begin[y.id] + 3, word_begin[y.id + 1]);
      const std::uint32_t* ey = sym.data() + word_begin[y.id + 1];
      for (; px != ex && py != ey; ++px, ++py)
        if (*px != *py) return *px < *py;
      return px == ex && py == ey ? x.id < y.id : px == ex;
    });
    sorted.reserve(ks.size());
    for (const keyed& k : ks) sorted.push_back(k.id);
  }

  // 4. Place the trie into a double array, breadth first, straight from those ranges.
  // Built with the links and the report alongside; copied into the scan's layout at the end.
  struct build_cell {
    std::int32_t base = 0, check = -1, fail = 0, report = 0;
    std::uint32_t children = 0;
  };
  std::vector<build_cell> cells(2 * slack + 64);
  // Occupancy: a bit per slot, and a summary bit per 64-slot word that still has a free slot,
  // so the search for free slots skips full stretches 4096 slots at a time. `open` is the same
  // summary less the words retired from the search for places of nodes with several children:
  // a word where such placements failed 255 times is dense, and trying it again and again
  // over an alphabet of thousands of characters dominated the build (its free slots still
  // take single children and the other children of nodes placed elsewhere).
  std::vector<std::uint64_t> occupied, nonfull, open;
  std::vector<std::uint8_t> fails;
  auto grow = [&](std::size_t words) {
    if (words <= occupied.size()) return;
    const std::size_t old = occupied.size();
    occupied.resize(words, 0);
    fails.resize(words, 0);
    nonfull.resize(words / 64 + 1, 0);
    open.resize(words / 64 + 1, 0);
    for (std::size_t w = old; w < words; ++w) {
      nonfull[w / 64] |= std::uint64_t{1} << (w % 64);
      open[w / 64] |= std::uint64_t{1} << (w % 64);
    }
  };
  auto occupy = [&](std::size_t slot) {
    grow(slot / 64 + 1);
    occupied[slot / 64] |= std::uint64_t{1} << (slot % 64);
    if (occupied[slot / 64] == ~std::uint64_t{0}) {
      nonfull[slot / 64 / 64] &= ~(std::uint64_t{1} << (slot / 64 % 64));
      open[slot / 64 / 64] &= ~(std::uint64_t{1} << (slot / 64 % 64));
    }
  };
  // First free slot >= p in a word of `summary` (nonfull or open).
  auto next_free = [&](std::size_t p, const std::vector<std::uint64_t>& summary) {
    grow(p / 64 + 1);
    if (summary[p / 64 / 64] >> (p / 64 % 64) & 1) {
      const std::uint64_t bits = ~occupied[p / 64] & (~std::uint64_t{0} << (p % 64));
      if (bits) return (p / 64) * 64 + std::size_t(__builtin_ctzll(bits));
    }
    for (std::size_t w = p / 64 + 1;;) {
      grow(w + 1);
      const std::uint64_t sum = summary[w / 64] & (~std::uint64_t{0} << (w % 64));
      if (sum) {
        w = (w / 64) * 64 + std::size_t(__builtin_ctzll(sum));
        grow(w + 1);
        return w * 64 + std::size_t(__builtin_ctzll(~occupied[w]));
      }
      w = (w / 64 + 1) * 64;
    }
  };
  // The occupancy of the 64 slots from slot s on, bit i for slot s + i (free past the end).
  auto occupancy_from = [&](std::size_t s) -> std::uint64_t {
    const std::size_t i = s / 64, r = s % 64;
    const std::uint64_t lo = i < occupied.size() ? occupied[i] : 0;
    if (r == 0) return lo;
    const std::uint64_t hi = i + 1 < occupied.size() ? occupied[i + 1] : 0;
    return lo >> r | hi << (64 - r);
  };
  grow(cells.size() / 64 + 1);
  cells[0].check = 0;
  occupy(0);
  std::size_t first_free = 1, first_open = 1;
  // A node waiting for its children's places: its slot, its patterns sorted[lo, hi), and the
  // length of its prefix. `queue` is breadth first and, once done, the order of the links.
  struct pending {
    std::int32_t slot;
    std::uint32_t lo, hi, depth;
  };
  std::vector<pending> queue{{0, 0, std::uint32_t(sorted.size()), 0}};
  queue.reserve(sorted.size() + 1);
  std::vector<std::pair<std::int32_t, std::uint32_t>> ends;  // (slot, pattern) per pattern
  ends.reserve(sorted.size());
  struct child {
    std::uint32_t symbol, lo, hi;
  };
  std::vector<child> kids;  // children of the node being placed, by symbol
  for (std::size_t q = 0; q < queue.size(); ++q) {
    const pending v = queue[q];
    std::uint32_t i = v.lo;
    for (; i < v.hi && word_begin[sorted[i] + 1] - word_begin[sorted[i]] == v.depth; ++i)
      ends.emplace_back(v.slot, sorted[i]);
    kids.clear();
    while (i < v.hi) {
      const std::uint32_t c = sym[word_begin[sorted[i]] + v.depth];
      std::uint32_t j = i + 1;
      while (j < v.hi && sym[word_begin[sorted[j]] + v.depth] == c) ++j;
      kids.push_back({c, i, j});
      i = j;
    }
    if (kids.empty()) continue;
    // Find the smallest base such that every child slot is free, visiting only free slots
    // for the first child (the occupancy bitmap skips 64 used slots at a time).
    const bool single = kids.size() == 1;
    const auto& summary = single ? nonfull : open;
    std::size_t& first = single ? first_free : first_open;
    first = next_free(first, summary);
    const std::uint32_t c0 = kids.front().symbol;
    std::size_t p = std::max<std::size_t>(first, c0 + 1);
    if (single) {
      p = next_free(p, nonfull);
    } else {
      // The places p of the first child are tried 64 at a time, those in one word of the
      // bitmap: a child k fits at p when slot p + (symbol k - c0) is free, so the word's
      // places that fit every child are its free bits less each child's occupancy read that
      // far ahead. The first that fits wins, and the places before it count as failures of
      // the word, as if tried one by one (a word retired after 255 is skipped from there on).
      for (;;) {
        p = next_free(p, open);
        const std::size_t w = p / 64;
        const std::uint64_t tried = ~occupied[w] & (~std::uint64_t{0} << (p % 64));
        std::uint64_t fit = tried;
        for (std::size_t k = 1; k < kids.size() && fit != 0; ++k)
          fit &= ~occupancy_from(w * 64 + (kids[k].symbol - c0));
        const std::uint64_t failed =
            fit != 0 ? tried & ((std::uint64_t{1} << __builtin_ctzll(fit)) - 1) : tried;
        const unsigned failures = unsigned(__builtin_popcountll(failed));
        if (fails[w] + failures >= 255) {
          fails[w] = 255;
          open[w / 64] &= ~(std::uint64_t{1} << (w % 64));
        } else {
          fails[w] = std::uint8_t(fails[w] + failures);
          if (fit != 0) {
            p = w * 64 + std::size_t(__builtin_ctzll(fit));
            break;
          }
        }
        p = (w + 1) * 64;
      }
    }
    const auto base = static_cast<std::int32_t>(p - c0);
    if (static_cast<std::size_t>(base) + slack >= cells.size()) {
      cells.resize((base + slack) * 2);
      grow(cells.size() / 64 + 1);
    }
    cells[v.slot].base = base;
    for (const child& k : kids) {
      const std::int32_t slot = base + std::int32_t(k.symbol);
      cells[slot].check = v.slot;
      cells[v.slot].children |= std::uint32_t{1} << (k.symbol & 31);
      occupy(std::size_t(slot));
      queue.push_back({slot, k.lo, k.hi, v.depth + 1});
    }
  }
  const std::size_t n = queue.size();
  // Trim, keeping slack so that `base + c` never needs a bounds check (a leaf's base is 0).
  std::size_t max_slot = slack;
  for (const pending& v : queue) {
    max_slot = std::max<std::size_t>(max_slot, v.slot);
    max_slot = std::max<std::size_t>(max_slot, cells[v.slot].base + slack);
  }
  cells.resize(max_slot + 1);
  // Slot 0 is the root and checks itself; symbols start at 1 and bases at 0, so no transition
  // leads back to slot 0.

  // 5. Patterns ending at each slot: own[own_begin[s], own_begin[s + 1]), ids ascending.
  const std::size_t slots = cells.size();
  std::vector<std::uint32_t> own_begin(slots + 1, 0), own(ends.size());
  for (const auto& [slot, id] : ends) ++own_begin[slot + 1];
  for (std::size_t s = 0; s < slots; ++s) own_begin[s + 1] += own_begin[s];
  {
    std::vector<std::uint32_t> fill(own_begin.begin(), own_begin.end() - 1);
    for (const auto& [slot, id] : ends) own[fill[slot]++] = id;
  }

  // 6. Failure and dictionary links, breadth first: a state's parent and the parent's
  //    suffixes come before it. A state's symbol is its slot less its parent's base. A state
  //    that ends patterns gets its run of outputs: its own, then the run of its nearest
  //    reporting suffix (placed before it, being shallower).
  auto go = [&](std::int32_t s, std::int32_t c) -> std::int32_t {
    const std::int32_t t = cells[s].base + c;
    return cells[t].check == s && t != 0 ? t : -1;
  };
  a.first_output_.assign(slots, 0);
  for (std::size_t q = 1; q < n; ++q) {
    const std::int32_t t = queue[q].slot;
    const std::int32_t s = cells[t].check;
    const std::int32_t c = t - cells[s].base;
    std::int32_t f = 0;
    if (s != 0) {
      f = cells[s].fail;
      for (;;) {
        const std::int32_t g = go(f, c);
        if (g >= 0) {
          f = g;
          break;
        }
        if (f == 0) break;
        f = cells[f].fail;
      }
    }
    cells[t].fail = f;
    if (own_begin[t + 1] == own_begin[t]) {  // reports its nearest reporting suffix's run
      cells[t].report = cells[f].report;
      a.first_output_[t] = a.first_output_[cells[f].report];
      continue;
    }
    cells[t].report = t;
    a.first_output_[t] = std::uint32_t(a.outputs_.size());
    for (std::uint32_t k = own_begin[t]; k < own_begin[t + 1]; ++k)
      a.outputs_.push_back(
          {own[k], 0,
           output_size(patterns_[own[k]].size(), word_begin[own[k] + 1] - word_begin[own[k]])});
    if (cells[f].report > 0) {
      for (std::uint32_t k = a.first_output_[cells[f].report];; ++k) {
        const output o = a.outputs_[k];
        a.outputs_.push_back(o);
        if (o.size & output_last) break;
      }
    } else {
      a.outputs_.back().size |= output_last;
    }
  }
  a.root_next_.assign(alphabet + 1, 0);
  for (std::uint32_t c = 1; c <= alphabet; ++c)
    a.root_next_[c] = std::max(go(0, std::int32_t(c)), 0);
  a.cells_.resize(slots);
  for (std::size_t s = 0; s < slots; ++s) {
    a.cells_[s].base = cells[s].base | (cells[s].report > 0 ? ~base_mask : 0);
    a.cells_[s].check = cells[s].check;
    a.cells_[s].fail = cells[s].fail;
    a.cells_[s].children = cells[s].children;
  }
  a.patterns_ = std::move(patterns_);
  a.state_count_ = n;
  a.alphabet_size_ = alphabet;
  return a;
}

}  // namespace minhu
