// The organisation graph: property managers, merchants, social organisations, grids,
// communities, streets/towns, departments and the command centre, joined by "reports to"
// (parent) edges and by summons (吹哨报到) / assists (协办) links.
//
//   const minhu::org_graph& g = ruleset->organisation();
//   auto street = g.find("street-a");
//   g.in_subtree(g.find("grid-a-01-1"), street);   // true: the grid reports (indirectly) to it
//   g.unit(street).name;                            // "东湖街道办事处"
//
// It is held in a Boost.Graph adjacency_list (behind a pointer, so this header stays light);
// cycle detection, reachability of a command centre and the subtree numbering are Boost.Graph
// algorithms run once at load. Queries on the dispatch path read flat arrays.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "minhu/detail/id_index.hpp"
#include "minhu/error.hpp"
#include "minhu/fwd.hpp"

namespace minhu {

/// A compiled unit.
struct unit {
  std::string id;
  std::string name;
  unit_kind kind = unit_kind::department;
  std::int32_t parent = -1;  ///< index of the unit it reports to, -1 for a root
  std::int32_t capacity = 10;
  std::int8_t tier = -1;             ///< loop tier its kind belongs to (routing.tiers), -1 if none
  std::uint8_t kind_rank = 0;        ///< position of its kind in its tier's list (tie-break)
  std::vector<std::uint32_t> areas;  ///< jurisdiction (area indices; subtrees implied)
};

/// A compiled summons / assists link; `categories` is a bitset over the taxonomy.
struct unit_link {
  link_type type = link_type::summons;
  std::uint32_t from = 0, to = 0;
  std::vector<std::uint64_t> categories;  ///< empty = every category
  bool covers(std::uint32_t category) const noexcept {
    return categories.empty() || ((categories[category >> 6] >> (category & 63)) & 1);
  }
};

class org_graph {
 public:
  org_graph();
  ~org_graph();
  org_graph(org_graph&&) noexcept;
  org_graph& operator=(org_graph&&) noexcept;

  std::size_t size() const noexcept { return units_.size(); }
  const std::vector<unit>& units() const noexcept { return units_; }
  const unit& operator[](std::uint32_t u) const noexcept { return units_[u]; }
  /// Index of the unit with this id, or -1.
  std::int32_t find(std::string_view id) const noexcept;

  /// True when `u` is `root` or reports to it, directly or not (O(1): DFS numbering).
  bool in_subtree(std::uint32_t u, std::uint32_t root) const noexcept {
    return pre_[root] <= pre_[u] && post_[u] <= post_[root];
  }
  /// Every unit of the subtree of `root` (itself included), in DFS order.
  std::vector<std::uint32_t> subtree(std::uint32_t root) const;

  const std::vector<unit_link>& links() const noexcept { return links_; }
  /// Links leaving `u`: links()[links_from(u)[k]].
  const std::vector<std::uint32_t>& links_from(std::uint32_t u) const noexcept {
    return out_links_[u];
  }
  /// Number of edges held in the Boost.Graph (parent edges + links).
  std::size_t edge_count() const noexcept;

  /// Compiles rs.units() / rs.links() (already checked for dangling references) and runs the
  /// graph checks: cycles in parent chains, units that cannot reach a command centre, areas
  /// nobody has jurisdiction over. Problems are appended with their JSON pointers.
  static org_graph build(const ruleset& rs, std::vector<problem>& problems);

 private:
  struct impl;  // the Boost.Graph adjacency_list
  std::unique_ptr<impl> g_;
  std::vector<unit> units_;
  detail::id_index ids_;
  std::vector<std::uint32_t> pre_, post_;  // DFS discovery / finish numbers
  std::vector<std::uint32_t> dfs_order_;   // units by discovery number
  std::vector<unit_link> links_;
  std::vector<std::vector<std::uint32_t>> out_links_;
};

}  // namespace minhu
