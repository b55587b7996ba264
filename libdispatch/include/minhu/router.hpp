// Routing: a classified, located petition → an owner (主办) and helpers (协办).
//
// At load a routing table is compiled: for every category × area, the candidate units of each
// loop tier (small: the compound's property manager / merchant / social organisation; medium:
// grid / community / street; big: departments / command centre) that serve the category (with
// `*` wildcards) and have jurisdiction over the area or an area containing it. Dispatch is a
// lookup plus a least-loaded pick — never a graph search:
//   - the lowest tier with a candidate leads, but never below the category's own tier;
//   - within it the lowest load/capacity wins; ties: the kind listed first in routing.tiers,
//     then the unit id (deterministic);
//   - a street/town that leads brings the departments it summons for the category (吹哨报到)
//     and the units it has `assists` links to as assisting units;
//   - units that returned the case (退回) are excluded; after max_returns the command centre
//     decides; triage goes to the triage unit; nothing found → the command centre.
// No petition ever leaves without an owner.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "minhu/fwd.hpp"
#include "minhu/location.hpp"

namespace minhu {

/// Current load (open cases) per unit, updated by the caller or the SLA tracker while other
/// threads dispatch. Lock-free; reads are relaxed (a slightly stale load only shifts a tie).
class load_view {
 public:
  explicit load_view(std::size_t units = 0) : loads_(units) {}
  std::size_t size() const noexcept { return loads_.size(); }
  std::int64_t get(std::uint32_t unit) const noexcept {
    return unit < loads_.size() ? loads_[unit].load(std::memory_order_relaxed) : 0;
  }
  void set(std::uint32_t unit, std::int64_t load) noexcept {
    if (unit < loads_.size()) loads_[unit].store(load, std::memory_order_relaxed);
  }
  void add(std::uint32_t unit, std::int64_t delta) noexcept {
    if (unit < loads_.size()) loads_[unit].fetch_add(delta, std::memory_order_relaxed);
  }

 private:
  std::vector<std::atomic<std::int64_t>> loads_;
};

/// Per-call routing options.
struct dispatch_options {
  /// Units that returned this case (退回), by id; they are never chosen again.
  std::vector<std::string> exclude;
  /// Loads to balance on; nullptr = the engine's own load view.
  const load_view* loads = nullptr;
};

/// One line of the routing explanation.
struct route_step {
  enum class what : std::uint8_t {
    below_category_tier,  ///< tier skipped: the category may not be led this low
    no_candidate,         ///< no unit of this tier serves the category here
    all_excluded,         ///< every candidate had returned the case
    chosen,               ///< the lead, among `candidates`
    triage,               ///< classification was triage: the triage unit takes it
    returned_too_often,   ///< max_returns reached: the command centre decides
    fallback,             ///< nothing matched anywhere: the command centre
    no_organisation,      ///< the ruleset has no units / no command centre
  };
  what kind = what::no_candidate;
  std::int8_t tier = -1;
  std::int32_t unit = -1;        ///< the unit chosen (chosen / triage / fallback ...)
  std::uint32_t candidates = 0;  ///< candidates considered in this tier
  std::uint32_t excluded = 0;    ///< of which excluded
};

/// Who handles a petition, and why.
struct assignment {
  std::int32_t lead = -1;                ///< unit index; -1 only with no_organisation
  std::vector<std::uint32_t> assisting;  ///< summoned / assisting units (协办)
  std::int8_t tier = -1;                 ///< loop tier of the lead
  std::vector<route_step> steps;         ///< the explanation, tier by tier
  void clear() noexcept {
    lead = -1;
    assisting.clear();
    tier = -1;
    steps.clear();
  }
};

/// The candidates of every loop tier for one category in one area, in tie-break order: tier t
/// is [begin(t), end(t)). A view into the routing table.
class candidate_tiers {
 public:
  explicit candidate_tiers(const std::uint32_t* block) noexcept : block_(block) {}
  const std::uint32_t* begin(std::uint32_t t) const noexcept { return block_ + 4 + block_[t]; }
  const std::uint32_t* end(std::uint32_t t) const noexcept { return block_ + 4 + block_[t + 1]; }

 private:
  const std::uint32_t* block_;  // [0, end of tier 0, of tier 1, of tier 2], then the units
};

/// The compiled category × area → candidates table.
class routing_table {
 public:
  /// The candidates of every tier for category `c` in area `a`: one load of the cell, then one
  /// block holding the tiers' bounds and the units together.
  candidate_tiers tiers(std::uint32_t c, std::uint32_t a) const noexcept {
    return candidate_tiers(lists_.data() + cells_[std::size_t(c) * areas_ + a]);
  }
  /// Candidates of tier `t` for category `c` in area `a`, sorted by the tie-break order.
  std::pair<const std::uint32_t*, const std::uint32_t*> candidates(std::uint32_t c, std::uint32_t a,
                                                                   std::uint32_t t) const noexcept {
    const candidate_tiers ts = tiers(c, a);
    return {ts.begin(t), ts.end(t)};
  }
  /// The capacity routing divides a unit's load by (at least 1): a dense copy of the units'
  /// capacities, so that the least-loaded pick reads 4 bytes a candidate, not its unit record.
  std::int64_t capacity(std::uint32_t unit) const noexcept { return capacity_[unit]; }
  std::size_t cell_count() const noexcept { return cells_.size(); }
  std::size_t distinct_lists() const noexcept { return list_count_; }
  std::size_t memory_bytes() const noexcept {
    return cells_.capacity() * 4 + lists_.capacity() * 4 + capacity_.capacity() * 4;
  }
  bool empty() const noexcept { return cells_.empty(); }

  /// Compiles the table from the organisation graph and the area tree of `rs`.
  static routing_table build(const ruleset& rs);

 private:
  std::size_t areas_ = 0, list_count_ = 0;
  // category * areas + area → where the cell's list starts in lists_. A list is a block of
  // the tiers' bounds followed by its units, so that a petition's route reads two places of
  // the table (the cell, then usually one cache line of the block), not three.
  std::vector<std::uint32_t> cells_;
  std::vector<std::uint32_t> lists_;
  std::vector<std::uint32_t> capacity_;  // by unit, at least 1
};

/// Routes a classified, located petition. noexcept; allocation-free when `out` is reused.
void route(const ruleset& rs, const classification& c, const location& loc,
           const dispatch_options& opts, const load_view& loads, assignment& out) noexcept;

}  // namespace minhu
