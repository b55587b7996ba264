// Location resolution: where a petition is, as an area of the ruleset's hierarchy
// (district → street/town → community → grid → compound), and how that was found.
//
// Order of evidence: an explicit area/grid id; a GPS point (point-in-polygon over an R-tree of
// the areas' polygons, Boost.Geometry); area names and aliases found by the SAME scan that finds
// the keywords (the gazetteer). The most specific consistent answer wins: a compound named in
// the text refines an explicit street id; a name shared by two compounds (two 阳光花园 in
// different streets) is settled by any other hint — a street named too, the explicit id, the
// GPS point — and otherwise reported as ambiguous, located at what the candidates share.
//
//   const auto& r = result.location;             // from engine.dispatch(p)
//   if (r.method == minhu::location_method::ambiguous) ...  // r.candidates lists them
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "minhu/fwd.hpp"

namespace minhu {

enum class location_method : std::uint8_t {
  explicit_id,  ///< the petition's area / grid id
  gps,          ///< its lat/lon fell inside an area polygon
  gazetteer,    ///< an area name or alias in its title, text or address
  ambiguous,    ///< names of several areas that no hint could tell apart
  unknown,      ///< nothing usable: routed at the top of the hierarchy
};
std::string_view to_string(location_method m) noexcept;

/// Where a petition was placed.
struct location {
  std::int32_t area = -1;  ///< area index (-1 only when the ruleset has no areas)
  location_method method = location_method::unknown;
  std::int32_t hint = -1;                 ///< area that settled an ambiguous name, or -1
  std::vector<std::uint32_t> candidates;  ///< the indistinguishable areas when ambiguous
  bool explicit_id_unknown = false;       ///< the petition named an area id the ruleset lacks
  void clear() noexcept {
    area = -1;
    method = location_method::unknown;
    hint = -1;
    candidates.clear();
    explicit_id_unknown = false;
  }
};

/// Places `p` using the explicit id, the GPS point and the gazetteer hits the classifier's
/// scan left in `scratch` (call right after classify with the same scratch).
void resolve_location(const ruleset& rs, const petition& p, const classifier_scratch& scratch,
                      location& out) noexcept;

/// The area hierarchy prepared for resolution: ancestor chains, depth, and the polygon R-tree.
class area_index {
 public:
  area_index();
  ~area_index();
  area_index(area_index&&) noexcept;
  area_index& operator=(area_index&&) noexcept;

  /// The most specific area whose polygon covers (lon, lat) — boundary included, holes
  /// excluded; ties between equally specific areas go to the lower index. -1 when none.
  std::int32_t locate(double lon, double lat) const;
  /// 0 for a district ... 4 for a compound.
  std::uint8_t level(std::uint32_t area) const noexcept { return level_[area]; }
  /// True when `a` is `ancestor` or lies inside it.
  bool within(std::uint32_t a, std::uint32_t ancestor) const noexcept;
  /// Lowest common ancestor of two areas, or -1 when they share none.
  std::int32_t common_ancestor(std::uint32_t a, std::uint32_t b) const noexcept;
  /// The top area used when nothing is known (the district; the first root), or -1.
  std::int32_t top() const noexcept { return top_; }
  std::size_t polygon_count() const noexcept;

  /// Prepares rs.areas() (parents already checked).
  static area_index build(const ruleset& rs);

 private:
  struct impl;  // Boost.Geometry polygons + R-tree
  std::unique_ptr<impl> geo_;
  std::vector<std::int32_t> parent_;
  std::vector<std::uint8_t> level_;
  std::int32_t top_ = -1;
};

}  // namespace minhu
