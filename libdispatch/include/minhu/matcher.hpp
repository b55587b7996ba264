// The multi-pattern automaton: every keyword (and every literal a regex needs) of a ruleset, found
// in one left-to-right pass over the normalised text.
//
//   minhu::keyword_automaton::builder b;
//   auto noise = b.add("噪音");
//   auto night = b.add("夜间施工");
//   minhu::keyword_automaton ac = std::move(b).build();
//   ac.scan(text, [&](std::uint32_t pattern, std::size_t begin, std::size_t end) { ... });
//
// Aho–Corasick over bytes, stored as a double array (base/check), so a transition is two loads
// and a compare and the whole automaton is a few flat arrays. Patterns and text are well-formed
// UTF-8 (the normaliser guarantees it), and UTF-8 is self-synchronising, so a match can never
// start or end inside a character. Every occurrence is reported, overlapping ones included.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace minhu {

class keyword_automaton {
 public:
  class builder;

  /// An automaton without patterns: scanning finds nothing.
  keyword_automaton() : cells_(257), fail_(257, 0), report_(257, 0), out_begin_(258, 0) {
    cells_[0].check = 0;
  }

  /// Number of distinct patterns.
  std::size_t size() const noexcept { return patterns_.size(); }
  /// Number of automaton states (trie nodes).
  std::size_t state_count() const noexcept { return state_count_; }
  /// The pattern with this id, as added.
  std::string_view pattern(std::uint32_t id) const noexcept { return patterns_[id]; }
  /// Bytes held by the automaton's tables.
  std::size_t memory_bytes() const noexcept {
    return cells_.capacity() * sizeof(cell) + fail_.capacity() * 4 + report_.capacity() * 4 +
           out_begin_.capacity() * 4 + outputs_.capacity() * 4;
  }

  /// Calls `on_match(pattern_id, begin, end)` for every occurrence of every pattern in `text`,
  /// in order of `end` (then longest first). noexcept as long as `on_match` is.
  template <class F>
  void scan(std::string_view text, F&& on_match) const {
    const cell* cells = cells_.data();
    const std::int32_t* fail = fail_.data();
    std::int32_t s = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      for (;;) {
        const std::int32_t t = (cells[s].base & base_mask) + c;
        if (cells[t].check == s) {
          s = t;
          break;
        }
        if (s == 0) break;
        s = fail[s];
      }
      if (cells[s].base >= 0) continue;  // no pattern ends here, nor at any suffix
      for (std::int32_t u = report_[s]; u > 0; u = report_[fail[u]]) {
        for (std::uint32_t k = out_begin_[u]; k < out_begin_[u + 1]; ++k) {
          const std::uint32_t p = outputs_[k];
          on_match(p, i + 1 - patterns_[p].size(), i + 1);
        }
      }
    }
  }

 private:
  // What a transition needs sits in one 8-byte cell (eight per cache line): the double array
  // of the 650 KB-class automata of real rulesets then fits in a core's L2. Failure and report
  // links, read only on a mismatch or a match, live apart.
  struct cell {
    std::int32_t base = 0;    // children of this state live at (base & base_mask) + byte; the
                              // sign bit: a pattern ends here or at a suffix (see report_)
    std::int32_t check = -1;  // parent state of this slot, -1 when free
  };
  static constexpr std::int32_t base_mask = 0x7FFFFFFF;

  std::vector<cell> cells_;           // double array, indexed by state
  std::vector<std::int32_t> fail_;    // Aho–Corasick failure link per state
  std::vector<std::int32_t> report_;  // this state if it ends patterns, else the nearest suffix
                                      // that does (0: none)
  // Patterns ending at state s: outputs_[out_begin_[s], out_begin_[s + 1]).
  std::vector<std::uint32_t> out_begin_;
  std::vector<std::uint32_t> outputs_;
  std::vector<std::string> patterns_;
  std::size_t state_count_ = 1;
};

/// Collects patterns, then compiles them into a keyword_automaton (cold path).
class keyword_automaton::builder {
 public:
  /// Adds a pattern (must be non-empty); returns its id. Adding the same bytes twice returns
  /// the same id.
  std::uint32_t add(std::string_view pattern) {
    auto [it, inserted] =
        ids_.emplace(std::string(pattern), static_cast<std::uint32_t>(patterns_.size()));
    if (inserted) patterns_.emplace_back(pattern);
    return it->second;
  }
  std::size_t size() const noexcept { return patterns_.size(); }
  bool contains(std::string_view pattern) const { return ids_.count(std::string(pattern)) > 0; }

  keyword_automaton build() &&;

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> patterns_;
};

inline keyword_automaton keyword_automaton::builder::build() && {
  // 1. A plain trie with sorted child lists.
  struct node {
    std::vector<std::pair<unsigned char, std::int32_t>> next;
    std::vector<std::uint32_t> out;
  };
  std::vector<node> trie(1);
  for (std::uint32_t id = 0; id < patterns_.size(); ++id) {
    std::int32_t s = 0;
    for (unsigned char c : patterns_[id]) {
      auto& nx = trie[s].next;
      auto it = std::lower_bound(nx.begin(), nx.end(), std::make_pair(c, std::int32_t{-1}));
      if (it != nx.end() && it->first == c) {
        s = it->second;
      } else {
        const auto child = static_cast<std::int32_t>(trie.size());
        nx.insert(it, {c, child});
        trie.emplace_back();
        s = child;
      }
    }
    trie[s].out.push_back(id);
  }
  const std::size_t n = trie.size();

  // 2. Place the trie into a double array, breadth first. `index[v]` is v's slot.
  std::vector<std::int32_t> index(n, -1);
  // Built with 16-byte cells (links alongside); split into the scan's layout at the end.
  struct build_cell {
    std::int32_t base = 0, check = -1, fail = 0, report = 0;
  };
  std::vector<build_cell> cells(512);
  // Occupancy: a bit per slot, and a summary bit per 64-slot word that still has a free slot,
  // so the search for free slots skips full stretches 4096 slots at a time.
  std::vector<std::uint64_t> occupied, nonfull;
  auto grow = [&](std::size_t words) {
    if (words <= occupied.size()) return;
    const std::size_t old = occupied.size();
    occupied.resize(words, 0);
    nonfull.resize(words / 64 + 1, 0);
    for (std::size_t w = old; w < words; ++w) nonfull[w / 64] |= std::uint64_t{1} << (w % 64);
  };
  auto occupy = [&](std::size_t slot) {
    grow(slot / 64 + 1);
    occupied[slot / 64] |= std::uint64_t{1} << (slot % 64);
    if (occupied[slot / 64] == ~std::uint64_t{0})
      nonfull[slot / 64 / 64] &= ~(std::uint64_t{1} << (slot / 64 % 64));
  };
  auto next_free = [&](std::size_t p) {  // first free slot >= p
    grow(p / 64 + 1);
    const std::uint64_t bits = ~occupied[p / 64] & (~std::uint64_t{0} << (p % 64));
    if (bits) return (p / 64) * 64 + std::size_t(__builtin_ctzll(bits));
    for (std::size_t w = p / 64 + 1;;) {
      grow(w + 1);
      const std::uint64_t sum = nonfull[w / 64] & (~std::uint64_t{0} << (w % 64));
      if (sum) {
        w = (w / 64) * 64 + std::size_t(__builtin_ctzll(sum));
        grow(w + 1);
        return w * 64 + std::size_t(__builtin_ctzll(~occupied[w]));
      }
      w = (w / 64 + 1) * 64;
    }
  };
  grow(cells.size() / 64 + 1);
  index[0] = 0;
  cells[0].check = 0;
  occupy(0);
  std::size_t first_free = 1;
  std::deque<std::int32_t> queue{0};
  std::vector<std::int32_t> order;
  order.reserve(n);
  while (!queue.empty()) {
    const std::int32_t v = queue.front();
    queue.pop_front();
    order.push_back(v);
    const auto& nx = trie[v].next;
    if (nx.empty()) continue;
    first_free = next_free(first_free);
    // Find the smallest base such that every child slot is free, visiting only free slots
    // for the first child (the occupancy bitmap skips 64 used slots at a time).
    const unsigned c0 = nx.front().first;
    std::size_t p = std::max<std::size_t>(first_free, c0 + 1);
    std::int32_t base = 0;
    for (;; p = next_free(p + 1)) {
      p = next_free(p);
      base = static_cast<std::int32_t>(p - c0);
      if (static_cast<std::size_t>(base) + 256 >= cells.size()) {
        cells.resize((base + 256) * 2);
        grow(cells.size() / 64 + 1);
      }
      bool ok = true;
      for (auto& [c, child] : nx) {
        if (cells[base + c].check != -1) {
          ok = false;
          break;
        }
      }
      if (ok) break;
    }
    const std::int32_t slot = index[v];
    cells[slot].base = base;
    for (auto& [c, child] : nx) {
      index[child] = base + c;
      cells[base + c].check = slot;
      occupy(std::size_t(base + c));
      queue.push_back(child);
    }
  }
  // Trim, keeping 256 cells of slack so `base + c` never needs a bounds check.
  std::size_t max_slot = 0;
  for (std::size_t v = 0; v < n; ++v) {
    max_slot = std::max<std::size_t>(max_slot, index[v]);
    max_slot = std::max<std::size_t>(max_slot, cells[index[v]].base + 256);
  }
  cells.resize(max_slot + 1);
  // Slot 0 is the root and checks itself; a root base >= 1 means no byte leads back to slot 0.

  // 3. Failure and dictionary links, breadth first, expressed in slots.
  const std::size_t slots = cells.size();
  keyword_automaton a;
  std::vector<std::vector<std::uint32_t>> outs(slots);
  auto go = [&](std::int32_t s, unsigned char c) -> std::int32_t {
    const std::int32_t t = cells[s].base + c;
    return cells[t].check == s && t != 0 ? t : -1;
  };
  for (std::int32_t v : order) {
    const std::int32_t s = index[v];
    outs[s] = trie[v].out;
    for (auto& [c, child] : trie[v].next) {
      const std::int32_t t = index[child];
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
    }
  }
  for (std::int32_t v : order) {  // breadth first: a suffix's report is known before ours
    const std::int32_t s = index[v];
    if (s == 0) continue;
    cells[s].report = !outs[s].empty() ? s : cells[cells[s].fail].report;
  }
  a.out_begin_.assign(slots + 1, 0);
  for (std::size_t s = 0; s < slots; ++s) {
    a.out_begin_[s + 1] = a.out_begin_[s] + static_cast<std::uint32_t>(outs[s].size());
    a.outputs_.insert(a.outputs_.end(), outs[s].begin(), outs[s].end());
  }
  a.cells_.resize(slots);
  a.fail_.resize(slots);
  a.report_.resize(slots);
  for (std::size_t s = 0; s < slots; ++s) {
    a.cells_[s].base = cells[s].base | (cells[s].report > 0 ? ~base_mask : 0);
    a.cells_[s].check = cells[s].check;
    a.fail_[s] = cells[s].fail;
    a.report_[s] = cells[s].report;
  }
  a.patterns_ = std::move(patterns_);
  a.state_count_ = n;
  return a;
}

}  // namespace minhu
