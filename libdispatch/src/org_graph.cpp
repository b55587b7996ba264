// The organisation graph: Boost.Graph holds it, Boost.Graph algorithms check it.
#include "minhu/org_graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>

#include <algorithm>

#include "minhu/ruleset.hpp"

namespace minhu {

namespace {
enum class edge_kind : std::uint8_t { reports_to, summons, assists };
struct edge_props {
  edge_kind kind = edge_kind::reports_to;
};
using graph_t = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                      boost::no_property, edge_props>;
using vertex_t = boost::graph_traits<graph_t>::vertex_descriptor;
using edge_t = boost::graph_traits<graph_t>::edge_descriptor;

// Keeps only "reports to" edges: the parent hierarchy without summons/assists links.
struct parent_edges_only {
  const graph_t* g = nullptr;
  bool operator()(edge_t e) const { return (*g)[e].kind == edge_kind::reports_to; }
};
using hierarchy_t = boost::filtered_graph<graph_t, parent_edges_only>;
}  // namespace

struct org_graph::impl {
  graph_t g;
};

org_graph::org_graph() : g_(std::make_unique<impl>()) {}
org_graph::~org_graph() = default;
org_graph::org_graph(org_graph&&) noexcept = default;
org_graph& org_graph::operator=(org_graph&&) noexcept = default;

std::int32_t org_graph::find(std::string_view id) const noexcept { return ids_.find(id); }

std::size_t org_graph::edge_count() const noexcept { return boost::num_edges(g_->g); }

std::vector<std::uint32_t> org_graph::subtree(std::uint32_t root) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t k = pre_[root]; k < dfs_order_.size(); ++k) {
    const std::uint32_t u = dfs_order_[k];
    if (!in_subtree(u, root)) break;
    out.push_back(u);
  }
  return out;
}

namespace {

// Records the first back edge of the "reports to" subgraph: a cycle in the parent chains.
struct cycle_finder : boost::default_dfs_visitor {
  std::vector<std::pair<vertex_t, vertex_t>>* back_edges;
  template <class E, class G>
  void back_edge(E e, const G& g) {
    back_edges->emplace_back(boost::source(e, g), boost::target(e, g));
  }
};

// Records units in discovery order over "parent → child" edges (for O(1) subtree tests).
struct discovery_order : boost::default_dfs_visitor {
  std::vector<std::uint32_t>* order;
  template <class V, class G>
  void discover_vertex(V v, const G&) {
    order->push_back(std::uint32_t(v));
  }
};

}  // namespace

org_graph org_graph::build(const ruleset& rs, std::vector<problem>& problems) {
  org_graph og;
  const auto& defs = rs.units();
  const auto n = defs.size();
  graph_t& g = og.g_->g;
  g = graph_t(n);

  // Tier of each kind, and its rank inside the tier's list (tie-break order).
  std::int8_t tier_of[9];
  std::uint8_t rank_of[9];
  std::fill(std::begin(tier_of), std::end(tier_of), std::int8_t(-1));
  std::fill(std::begin(rank_of), std::end(rank_of), std::uint8_t(0));
  for (std::size_t t = 0; t < 3; ++t) {
    const auto& kinds = rs.routing().tiers[t];
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      tier_of[std::size_t(kinds[k])] = std::int8_t(t);
      rank_of[std::size_t(kinds[k])] = std::uint8_t(k);
    }
  }

  og.units_.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) og.ids_.insert(defs[i].id, std::int32_t(i));
  for (std::uint32_t i = 0; i < n; ++i) {
    unit& u = og.units_[i];
    u.id = defs[i].id;
    u.name = defs[i].name;
    u.kind = defs[i].kind;
    u.capacity = defs[i].capacity;
    u.tier = tier_of[std::size_t(u.kind)];
    u.kind_rank = rank_of[std::size_t(u.kind)];
    for (const auto& a : defs[i].areas) u.areas.push_back(std::uint32_t(rs.find_area(a)));
    if (!defs[i].parent.empty()) {
      u.parent = og.find(defs[i].parent);
      if (u.parent >= 0)
        boost::add_edge(i, std::uint32_t(u.parent), edge_props{edge_kind::reports_to}, g);
    }
  }
  og.out_links_.resize(n);
  for (const auto& l : rs.links()) {
    unit_link ul;
    ul.type = l.type;
    ul.from = std::uint32_t(og.find(l.from));
    ul.to = std::uint32_t(og.find(l.to));
    if (!l.categories.empty()) {
      ul.categories.assign((rs.categories().size() + 63) / 64, 0);
      for (const auto& pat : l.categories) {
        const auto bits = rs.categories_matching(pat);
        for (std::size_t w = 0; w < bits.size(); ++w) ul.categories[w] |= bits[w];
      }
    }
    boost::add_edge(
        ul.from, ul.to,
        edge_props{l.type == link_type::summons ? edge_kind::summons : edge_kind::assists}, g);
    og.out_links_[ul.from].push_back(std::uint32_t(og.links_.size()));
    og.links_.push_back(std::move(ul));
  }

  auto ptr = [](std::uint32_t i) { return "/units/" + std::to_string(i); };

  // Links that could never take effect are mistakes: a unit linked to itself, and summons
  // (吹哨报到) from anything but a street or town.
  for (std::size_t li = 0; li < og.links_.size(); ++li) {
    const auto& l = og.links_[li];
    const std::string lp = "/links/" + std::to_string(li);
    if (l.from == l.to) problems.push_back({lp + "/to", "a unit cannot be linked to itself"});
    const auto k = og.units_[l.from].kind;
    if (l.type == link_type::summons && k != unit_kind::street && k != unit_kind::town)
      problems.push_back({lp + "/from", "only a street or town summons departments (吹哨报到); \"" +
                                            og.units_[l.from].id + "\" is a " +
                                            std::string(to_string(k))});
  }

  // 1. Cycles in parent chains: a back edge of a DFS over "reports to" edges.
  const hierarchy_t hierarchy(g, parent_edges_only{&g});
  std::vector<std::pair<vertex_t, vertex_t>> back;
  {
    cycle_finder vis;
    vis.back_edges = &back;
    std::vector<boost::default_color_type> colour(n);
    boost::depth_first_search(hierarchy,
                              boost::visitor(vis).color_map(boost::make_iterator_property_map(
                                  colour.begin(), boost::get(boost::vertex_index, g))));
  }
  std::vector<bool> on_cycle(n, false);
  for (auto [from, to] : back) {
    // Walk the parent chain from `to` back to `from` to name the whole cycle.
    std::string chain = og.units_[to].id;
    for (std::int32_t v = og.units_[to].parent, guard = 0; v >= 0 && guard <= std::int32_t(n);
         v = og.units_[v].parent, ++guard) {
      chain += " → " + og.units_[v].id;
      on_cycle[std::size_t(v)] = true;
      if (std::size_t(v) == to) break;
    }
    problems.push_back(
        {ptr(std::uint32_t(from)) + "/parent", "cycle in the parent chain: " + chain});
  }

  // 2. Every unit must reach a command centre through its parents: breadth-first search from
  //    the command centres over reversed "reports to" edges.
  std::vector<boost::default_color_type> colour(n, boost::white_color);
  {
    const boost::reverse_graph<hierarchy_t> down(hierarchy);
    auto colours =
        boost::make_iterator_property_map(colour.begin(), boost::get(boost::vertex_index, g));
    std::vector<vertex_t> sources;
    for (std::uint32_t i = 0; i < n; ++i)
      if (og.units_[i].kind == unit_kind::command_center) sources.push_back(i);
    if (!sources.empty()) {
      boost::queue<vertex_t> q;
      boost::breadth_first_search(down, sources.begin(), sources.end(), q,
                                  boost::default_bfs_visitor(), colours);
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    if (colour[i] == boost::white_color && !on_cycle[i])
      problems.push_back({ptr(i), "unit \"" + og.units_[i].id +
                                      "\" cannot reach a command centre through its parents"});
  }

  // 3. Subtree numbering: a depth-first visit over parent → child edges (roots by index).
  og.pre_.assign(n, 0);
  og.post_.assign(n, 0);
  if (problems.empty()) {
    graph_t tree(n);
    for (std::uint32_t i = 0; i < n; ++i)
      if (og.units_[i].parent >= 0) boost::add_edge(std::uint32_t(og.units_[i].parent), i, tree);
    discovery_order vis;
    vis.order = &og.dfs_order_;
    std::vector<boost::default_color_type> c2(n, boost::white_color);
    auto cmap =
        boost::make_iterator_property_map(c2.begin(), boost::get(boost::vertex_index, tree));
    for (std::uint32_t i = 0; i < n; ++i)
      if (og.units_[i].parent < 0) boost::depth_first_visit(tree, i, vis, cmap);
    // Store positions in dfs_order_ (pre) and the position of the last descendant (post),
    // so a subtree is the slice [pre[root], post[root]] of dfs_order_.
    std::vector<std::uint32_t> pos(n);
    for (std::uint32_t k = 0; k < og.dfs_order_.size(); ++k) pos[og.dfs_order_[k]] = k;
    std::vector<std::uint32_t> last(pos);
    for (std::int64_t k = std::int64_t(og.dfs_order_.size()) - 1; k >= 0; --k) {
      const std::uint32_t v = og.dfs_order_[std::size_t(k)];
      if (og.units_[v].parent >= 0) {
        auto& lp = last[std::size_t(og.units_[v].parent)];
        lp = std::max(lp, last[v]);
      }
    }
    og.pre_ = pos;
    og.post_ = last;
  }

  // 4. Areas nobody has jurisdiction over (neither the area nor any area containing it).
  const auto& areas = rs.areas();
  if (!areas.empty() && n > 0) {
    std::vector<bool> claimed(areas.size(), false);
    for (const auto& u : og.units_)
      for (auto a : u.areas) claimed[a] = true;
    for (std::uint32_t a = 0; a < areas.size(); ++a) {
      bool ok = false;
      for (std::int32_t x = std::int32_t(a); x >= 0 && !ok; x = areas[x].parent) ok = claimed[x];
      if (!ok)
        problems.push_back({"/areas/" + std::to_string(a), "no unit has jurisdiction over area \"" +
                                                               areas[a].id +
                                                               "\" or any area containing it"});
    }
  }
  return og;
}

}  // namespace minhu
