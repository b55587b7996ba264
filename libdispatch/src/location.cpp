// Location resolution: explicit id → GPS (Boost.Geometry R-tree) → gazetteer hits of the scan.
#include "minhu/location.hpp"

// Boost.Math, which the geometry algorithms include, includes a header Boost itself marks as
// deprecated (boost/detail/no_exceptions_support.hpp) and prints a note at every build; none
// of the headers below is deprecated.
#define BOOST_ALLOW_DEPRECATED_HEADERS
#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>

#include <algorithm>
#include <array>

#include "minhu/classifier.hpp"
#include "minhu/ruleset.hpp"

namespace minhu {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

std::string_view to_string(location_method m) noexcept {
  switch (m) {
    case location_method::explicit_id:
      return "explicit_id";
    case location_method::gps:
      return "gps";
    case location_method::gazetteer:
      return "gazetteer";
    case location_method::ambiguous:
      return "ambiguous";
    case location_method::unknown:
      return "unknown";
  }
  return "unknown";
}

namespace {
// Lon/lat treated as planar coordinates: areas are city-sized, so the curvature error is far
// below the precision of the polygons themselves.
using point_t = bg::model::point<double, 2, bg::cs::cartesian>;
using polygon_t = bg::model::polygon<point_t>;  // clockwise outer ring, closed
using box_t = bg::model::box<point_t>;
using entry_t = std::pair<box_t, std::uint32_t>;  // bounding box, polygon index
using rtree_t = bgi::rtree<entry_t, bgi::quadratic<16>>;
}  // namespace

// One R-tree per level of the hierarchy, asked from the most specific level down: the first
// level with a covering polygon answers, and the polygons of the levels above it are never
// tested. Areas of one level hardly overlap one another, where in a single tree the boxes of
// districts and streets sat among those of compounds (`dispatch_bench` BM_locate_gps at 9,801
// polygons: 1.1 µs a point with one tree, 0.75 µs with one per level).
struct area_index::impl {
  static constexpr std::size_t levels = 5;
  std::vector<polygon_t> polygons;
  std::vector<std::uint32_t> owner;   // area of each polygon
  std::array<rtree_t, levels> trees;  // by level
};

area_index::area_index() : geo_(std::make_unique<impl>()) {}
area_index::~area_index() = default;
area_index::area_index(area_index&&) noexcept = default;
area_index& area_index::operator=(area_index&&) noexcept = default;

std::size_t area_index::polygon_count() const noexcept { return geo_->polygons.size(); }

area_index area_index::build(const ruleset& rs) {
  area_index ix;
  const auto& areas = rs.areas();
  ix.parent_.resize(areas.size());
  ix.level_.resize(areas.size());
  std::array<std::vector<entry_t>, impl::levels> entries;  // by level
  for (std::uint32_t a = 0; a < areas.size(); ++a) {
    ix.parent_[a] = areas[a].parent;
    switch (areas[a].kind) {
      case area_kind::district:
        ix.level_[a] = 0;
        break;
      case area_kind::street:
      case area_kind::town:
        ix.level_[a] = 1;
        break;
      case area_kind::community:
        ix.level_[a] = 2;
        break;
      case area_kind::grid:
        ix.level_[a] = 3;
        break;
      case area_kind::compound:
        ix.level_[a] = 4;
        break;
    }
    if (ix.top_ < 0 && areas[a].parent < 0) ix.top_ = std::int32_t(a);
    if (areas[a].polygon.empty()) continue;
    polygon_t poly;
    for (std::size_t r = 0; r < areas[a].polygon.size(); ++r) {
      std::vector<point_t> ring;
      for (const auto& [lon, lat] : areas[a].polygon[r]) ring.emplace_back(lon, lat);
      if (r == 0)
        poly.outer().assign(ring.begin(), ring.end());
      else
        poly.inners().emplace_back(ring.begin(), ring.end());
    }
    bg::correct(poly);  // orientation and closure as Boost.Geometry expects, whatever was written
    entries[ix.level_[a]].emplace_back(bg::return_envelope<box_t>(poly),
                                       std::uint32_t(ix.geo_->polygons.size()));
    ix.geo_->polygons.push_back(std::move(poly));
    ix.geo_->owner.push_back(a);
  }
  // A district, if there is one, is the natural top; otherwise the first root.
  for (std::uint32_t a = 0; a < areas.size(); ++a)
    if (areas[a].kind == area_kind::district && areas[a].parent < 0) {
      ix.top_ = std::int32_t(a);
      break;
    }
  for (std::size_t level = 0; level < impl::levels; ++level)
    ix.geo_->trees[level] = rtree_t(entries[level].begin(), entries[level].end());
  return ix;
}

std::int32_t area_index::locate(double lon, double lat) const {
  const point_t pt(lon, lat);
  std::int32_t best = -1;
  for (std::size_t level = impl::levels; level-- > 0 && best < 0;) {
    // The query with an output iterator, not qbegin()/qend(): those are type-erased iterators
    // that allocate on every call.
    geo_->trees[level].query(
        bgi::intersects(pt), boost::make_function_output_iterator([&](const entry_t& e) {
          const std::uint32_t a = geo_->owner[e.second];
          if (best >= 0 && a > std::uint32_t(best)) return;  // a lower index already covers
          if (bg::covered_by(pt, geo_->polygons[e.second]))  // boundary in, holes out
            best = std::int32_t(a);
        }));
  }
  return best;
}

bool area_index::within(std::uint32_t a, std::uint32_t ancestor) const noexcept {
  for (std::int32_t x = std::int32_t(a); x >= 0; x = parent_[std::size_t(x)])
    if (std::uint32_t(x) == ancestor) return true;
  return false;
}

std::int32_t area_index::common_ancestor(std::uint32_t a, std::uint32_t b) const noexcept {
  for (std::int32_t x = std::int32_t(a); x >= 0; x = parent_[std::size_t(x)])
    if (within(b, std::uint32_t(x))) return x;
  return -1;
}

void resolve_location(const ruleset& rs, const petition& p, const classifier_scratch& sc,
                      location& out) noexcept {
  out.clear();
  const area_index& tree = rs.area_tree();
  if (rs.areas().empty()) return;
  // Anchors: the explicit id, then the GPS point. The more specific consistent one wins.
  std::int32_t anchor = -1;
  if (!p.area.empty()) {
    anchor = rs.find_area(p.area);
    if (anchor >= 0)
      out.method = location_method::explicit_id;
    else
      out.explicit_id_unknown = true;
  }
  if (p.lat && p.lon) {
    std::int32_t g = -1;
    try {
      g = tree.locate(*p.lon, *p.lat);
    } catch (...) {
      g = -1;
    }
    if (g >= 0 &&
        (anchor < 0 || (tree.within(std::uint32_t(g), std::uint32_t(anchor)) && g != anchor))) {
      anchor = g;
      out.method = location_method::gps;
    }
  }
  out.area = anchor;

  // Gazetteer: areas named in the title, text or address, consistent with the anchor.
  const auto& ix = rs.index();
  auto consistent = [&](std::uint32_t a) {
    return anchor < 0 || tree.within(a, std::uint32_t(anchor));
  };
  std::int32_t deepest = -1;  // level
  for (std::uint32_t pat : sc.gazetteer_hits)
    for (std::uint32_t k = ix.gazetteer_begin[pat]; k < ix.gazetteer_begin[pat + 1]; ++k) {
      const std::uint32_t a = ix.gazetteer_areas[k];
      if (consistent(a)) deepest = std::max<std::int32_t>(deepest, tree.level(a));
    }
  if (deepest < 0 || (anchor >= 0 && deepest <= tree.level(std::uint32_t(anchor)))) {
    if (out.area < 0) out.area = tree.top();
    return;
  }
  // Candidates at the deepest level named; other names (shallower) are hints.
  auto& cands = out.candidates;
  auto names = [&](std::uint32_t pat, std::uint32_t area) {
    for (std::uint32_t k = ix.gazetteer_begin[pat]; k < ix.gazetteer_begin[pat + 1]; ++k)
      if (ix.gazetteer_areas[k] == area) return true;
    return false;
  };
  for (std::uint32_t pat : sc.gazetteer_hits)
    for (std::uint32_t k = ix.gazetteer_begin[pat]; k < ix.gazetteer_begin[pat + 1]; ++k) {
      const std::uint32_t a = ix.gazetteer_areas[k];
      if (consistent(a) && tree.level(a) == deepest &&
          std::find(cands.begin(), cands.end(), a) == cands.end())
        cands.push_back(a);
    }
  if (cands.size() > 1) {
    // Any other named area is a hint: keep the candidates closest to one (the deepest common
    // ancestor with it) — a street or community named too, or a neighbouring compound.
    int best_score = 0;
    std::int32_t best_hint = -1;
    std::size_t kept = 0;
    std::vector<int> score(cands.size(), 0);
    std::vector<std::int32_t> by(cands.size(), -1);
    for (std::size_t c = 0; c < cands.size(); ++c) {
      for (std::uint32_t pat : sc.gazetteer_hits) {
        if (names(pat, cands[c])) continue;  // its own name is no hint
        for (std::uint32_t k = ix.gazetteer_begin[pat]; k < ix.gazetteer_begin[pat + 1]; ++k) {
          const std::uint32_t h = ix.gazetteer_areas[k];
          if (h == cands[c]) continue;
          const std::int32_t lca = tree.common_ancestor(cands[c], h);
          if (lca < 0) continue;
          const int sc_ = 1 + tree.level(std::uint32_t(lca));  // 1 = only the district shared
          if (sc_ > score[c]) score[c] = sc_, by[c] = std::int32_t(h);
        }
      }
      best_score = std::max(best_score, score[c]);
    }
    if (best_score > 1) {  // sharing only the district says nothing
      for (std::size_t c = 0; c < cands.size(); ++c)
        if (score[c] == best_score) {
          best_hint = by[c];
          cands[kept++] = cands[c];
        }
      cands.resize(kept);
      if (kept == 1) out.hint = best_hint;
    }
  }
  std::sort(cands.begin(), cands.end());
  if (cands.size() == 1) {
    out.area = std::int32_t(cands[0]);
    out.method = location_method::gazetteer;
    if (anchor >= 0 && out.hint < 0) out.hint = anchor;
    cands.clear();
    return;
  }
  // Ambiguous: locate at what the candidates share, or at a less specific name that is not
  // ambiguous when that says more (never above the anchor's knowledge).
  std::int32_t common = std::int32_t(cands[0]);
  for (std::size_t c = 1; c < cands.size() && common >= 0; ++c)
    common = tree.common_ancestor(std::uint32_t(common), cands[c]);
  out.method = location_method::ambiguous;
  if (common >= 0 && (anchor < 0 || tree.within(std::uint32_t(common), std::uint32_t(anchor))))
    out.area = common;
  // Unambiguous, less specific names that agree with each other (all on one chain).
  std::int32_t named = -1;
  bool agree = true;
  for (std::uint32_t pat : sc.gazetteer_hits) {
    if (ix.gazetteer_begin[pat + 1] - ix.gazetteer_begin[pat] != 1) continue;  // itself ambiguous
    const std::uint32_t h = ix.gazetteer_areas[ix.gazetteer_begin[pat]];
    if (!consistent(h) || tree.level(h) >= deepest) continue;
    if (named < 0 || tree.within(h, std::uint32_t(named)))
      named = std::int32_t(h);
    else if (!tree.within(std::uint32_t(named), h))
      agree = false;  // e.g. two streets named: they settle nothing
  }
  if (agree && named >= 0 &&
      (out.area < 0 ||
       (tree.within(std::uint32_t(named), std::uint32_t(out.area)) && named != out.area)))
    out.area = named;
  if (out.area < 0) out.area = tree.top();
}

}  // namespace minhu
