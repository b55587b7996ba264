// Location resolution: the area hierarchy and its polygon index (edges, holes, orientation),
// and resolve_location through dispatch (explicit id, GPS, gazetteer, ambiguity), on the shared
// fixture rulesets/fixtures/routing.json and a few inline rulesets.
#include "minhu/location.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "minhu/engine.hpp"

namespace {

using json = nlohmann::json;
const std::string fixture = std::string(MINHU_SOURCE_DIR) + "/rulesets/fixtures/routing.json";

// The fixture's polygons are drawn on a grid of 1/128 degree from (113, 28): exact in binary,
// so points on edges are exactly on them.
double lon(double x) { return 113 + x / 128; }
double lat(double y) { return 28 + y / 128; }

// The id of the area locate() finds at (lon, lat), or "-" for none.
std::string area_at(const minhu::ruleset& rs, double lon, double lat) {
  const auto a = rs.area_tree().locate(lon, lat);
  return a < 0 ? std::string("-") : rs.areas()[std::size_t(a)].id;
}

class area_fixture : public testing::Test {
 protected:
  static void SetUpTestSuite() { rs_ = minhu::ruleset::load_file(fixture); }
  static void TearDownTestSuite() { rs_.reset(); }
  std::int32_t area(const std::string& id) const {
    const auto a = rs_->find_area(id);
    EXPECT_GE(a, 0) << id;
    return a;
  }
  std::uint32_t ua(const std::string& id) const { return std::uint32_t(area(id)); }
  std::string locate(double x, double y) const { return area_at(*rs_, lon(x), lat(y)); }
  static std::shared_ptr<const minhu::ruleset> rs_;
};
std::shared_ptr<const minhu::ruleset> area_fixture::rs_;

TEST_F(area_fixture, hierarchy_levels_and_top) {
  const auto& t = rs_->area_tree();
  EXPECT_EQ(t.top(), area("dist"));
  EXPECT_EQ(t.level(ua("dist")), 0);
  EXPECT_EQ(t.level(ua("st-a")), 1);
  EXPECT_EQ(t.level(ua("comm-a2")), 2);
  EXPECT_EQ(t.level(ua("grid-a2-2")), 3);
  EXPECT_EQ(t.level(ua("cpd-b-jx")), 4);
  // Every area but grid-a2-2 has a polygon.
  EXPECT_EQ(t.polygon_count(), rs_->areas().size() - 1);
}

TEST_F(area_fixture, within_and_common_ancestor) {
  const auto& t = rs_->area_tree();
  EXPECT_TRUE(t.within(ua("cpd-a-yg"), ua("cpd-a-yg")));
  EXPECT_TRUE(t.within(ua("cpd-a-yg"), ua("grid-a1-1")));
  EXPECT_TRUE(t.within(ua("cpd-a-yg"), ua("st-a")));
  EXPECT_TRUE(t.within(ua("cpd-a-yg"), ua("dist")));
  EXPECT_FALSE(t.within(ua("cpd-a-yg"), ua("st-b")));
  EXPECT_FALSE(t.within(ua("cpd-a-yg"), ua("grid-a1-2")));
  EXPECT_FALSE(t.within(ua("st-a"), ua("cpd-a-yg")));  // not upwards

  EXPECT_EQ(t.common_ancestor(ua("cpd-a-yg"), ua("cpd-b-yg")), area("dist"));
  EXPECT_EQ(t.common_ancestor(ua("cpd-a-yg"), ua("cpd-a-ch")), area("comm-a1"));
  EXPECT_EQ(t.common_ancestor(ua("cpd-a-yg"), ua("cpd-a-gh")), area("st-a"));
  EXPECT_EQ(t.common_ancestor(ua("cpd-a-yg"), ua("grid-a1-1")), area("grid-a1-1"));
  EXPECT_EQ(t.common_ancestor(ua("grid-a1-1"), ua("cpd-a-yg")), area("grid-a1-1"));
  EXPECT_EQ(t.common_ancestor(ua("cpd-b-jx"), ua("cpd-b-jx")), area("cpd-b-jx"));
}

TEST_F(area_fixture, locate_picks_the_most_specific_polygon) {
  EXPECT_EQ(locate(5, 5), "grid-a1-1");  // a grid, outside its compound
  EXPECT_EQ(locate(3, 3), "cpd-a-yg");   // inside the compound
  EXPECT_EQ(locate(19, 3), "cpd-b-yg");  // the other 阳光花园
  EXPECT_EQ(locate(30, 14), "grid-b2-1");
  EXPECT_EQ(locate(40, 4), "-");  // outside the district
  EXPECT_EQ(locate(-1, -1), "-");
}

TEST_F(area_fixture, locate_on_edges_includes_the_boundary_and_prefers_the_lower_index) {
  // The boundary belongs to a polygon.
  EXPECT_EQ(locate(2, 2), "cpd-a-yg");   // corner of the compound
  EXPECT_EQ(locate(4, 3), "cpd-a-yg");   // its east edge
  EXPECT_EQ(locate(0, 0), "grid-a1-1");  // the district's corner, also the grid's
  EXPECT_EQ(locate(32, 16), "grid-b2-1");
  EXPECT_EQ(locate(32 + 1.0 / 1024, 8), "-");
  // Shared edges between areas of the same level: the lower area index wins, always.
  ASSERT_LT(area("grid-a1-1"), area("grid-a2-1"));
  ASSERT_LT(area("grid-a2-1"), area("grid-b1-1"));
  EXPECT_EQ(locate(8, 4), "grid-a1-1");   // grid-a1-1 | grid-a2-1
  EXPECT_EQ(locate(4, 8), "grid-a1-1");   // grid-a1-1 / grid-a1-2
  EXPECT_EQ(locate(8, 8), "grid-a1-1");   // corner of three grids
  EXPECT_EQ(locate(16, 4), "grid-a2-1");  // street boundary: grid-a2-1 | grid-b1-1
  EXPECT_EQ(locate(24, 8), "grid-b1-1");  // corner of grid-b1-1, grid-b1-2 and grid-b2-1
  for (int k = 0; k < 3; ++k) EXPECT_EQ(locate(16, 4), "grid-a2-1");  // deterministic
}

TEST_F(area_fixture, locate_in_a_hole_falls_to_the_next_polygon) {
  // comm-a2 has a hole [10,14] x [10,14]; its grid grid-a2-2 has no polygon.
  EXPECT_EQ(locate(12, 12), "st-a");     // inside the hole: the street around it
  EXPECT_EQ(locate(10, 12), "comm-a2");  // on the hole's edge: the community's boundary
  EXPECT_EQ(locate(14, 14), "comm-a2");  // the hole's corner
  EXPECT_EQ(locate(9, 12), "comm-a2");   // beside the hole
  EXPECT_EQ(locate(12, 9), "comm-a2");
}

// Rings written clockwise or counter-clockwise, hole included, mean the same thing; edges
// that are not axis-parallel work too.
TEST(area_index, ring_orientation_does_not_matter_and_diagonal_edges_count) {
  const char* doc = R"({
    "format_version": 1, "id": "geo", "version": "1",
    "taxonomy": [{"id": "x", "name": "x"}],
    "areas": [
      {"id": "ccw", "kind": "district", "name": "甲区",
       "polygon": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]]},
      {"id": "cw", "kind": "district", "name": "乙区",
       "polygon": [[[10, 0], [10, 4], [14, 4], [14, 0], [10, 0]], [[11, 1], [13, 1], [13, 3], [11, 3], [11, 1]]]},
      {"id": "tri", "kind": "street", "name": "丙街道", "parent": "cw",
       "polygon": [[[20, 0], [24, 0], [20, 4], [20, 0]]]}
    ]
  })";
  const auto rs = minhu::ruleset::load_string(doc);
  const auto& t = rs->area_tree();
  auto at = [&](double x, double y) { return area_at(*rs, x, y); };
  EXPECT_EQ(t.polygon_count(), 3u);
  EXPECT_EQ(at(0.5, 0.5), "ccw");
  EXPECT_EQ(at(2, 2), "-");  // in the hole
  EXPECT_EQ(at(1, 2), "ccw");
  EXPECT_EQ(at(10.5, 0.5), "cw");
  EXPECT_EQ(at(12, 2), "-");
  EXPECT_EQ(at(13, 2), "cw");
  EXPECT_EQ(at(21, 1), "tri");
  EXPECT_EQ(at(22, 2), "tri");  // on the hypotenuse
  EXPECT_EQ(at(22.5, 2), "-");
  // Two roots: the first district is the top; they share no ancestor.
  EXPECT_EQ(t.top(), rs->find_area("ccw"));
  EXPECT_EQ(t.common_ancestor(0, 1), -1);
  EXPECT_EQ(t.common_ancestor(2, 1), 1);
}

// Each level is asked in turn, the most specific first: a point inside a compound's bounding
// box but outside its polygon falls to the grid, and a less specific area never wins over a
// more specific one, though it comes earlier in the ruleset.
TEST(area_index, a_box_that_covers_a_point_its_polygon_does_not_passes_to_the_next_level) {
  const char* doc = R"({
    "format_version": 1, "id": "geo", "version": "1",
    "taxonomy": [{"id": "x", "name": "x"}],
    "areas": [
      {"id": "d", "kind": "district", "name": "甲区",
       "polygon": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]},
      {"id": "s", "kind": "street", "name": "甲街道", "parent": "d",
       "polygon": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]},
      {"id": "c", "kind": "community", "name": "甲社区", "parent": "s",
       "polygon": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]},
      {"id": "g", "kind": "grid", "name": "甲网格", "parent": "c",
       "polygon": [[[0, 0], [10, 0], [10, 5], [0, 5], [0, 0]]]},
      {"id": "tri", "kind": "compound", "name": "甲小区", "parent": "g",
       "polygon": [[[0, 0], [4, 0], [0, 4], [0, 0]]]}
    ]
  })";
  const auto rs = minhu::ruleset::load_string(doc);
  auto at = [&](double x, double y) { return area_at(*rs, x, y); };
  EXPECT_EQ(at(1, 1), "tri");
  EXPECT_EQ(at(2, 2), "tri");  // on the hypotenuse
  EXPECT_EQ(at(3, 3), "g");    // in the compound's box, not in the compound
  EXPECT_EQ(at(1, 6), "c");    // above the grid: community, street and district cover it
  EXPECT_EQ(at(11, 1), "-");
}

TEST(area_index, top_is_the_district_even_when_another_root_comes_first) {
  const char* doc = R"({
    "format_version": 1, "id": "roots", "version": "1",
    "taxonomy": [{"id": "x", "name": "x"}],
    "areas": [
      {"id": "lone-street", "kind": "street", "name": "孤街道"},
      {"id": "d", "kind": "district", "name": "清源区"},
      {"id": "s", "kind": "street", "name": "东湖街道", "parent": "d"}
    ]
  })";
  const auto rs = minhu::ruleset::load_string(doc);
  EXPECT_EQ(rs->area_tree().top(), rs->find_area("d"));
  EXPECT_EQ(rs->area_tree().common_ancestor(0, 2), -1);
  EXPECT_EQ(rs->area_tree().locate(113, 28), -1);  // no polygons at all
}

// -- resolution through dispatch ------------------------------------------------------------

class resolve : public testing::Test {
 protected:
  resolve() : engine_(fixture), rs_(engine_.snapshot()) {}
  minhu::location where(minhu::petition p) {
    if (p.id.empty()) p.id = "l";
    return engine_.dispatch(p).location;
  }
  minhu::location where_text(const std::string& text) {
    minhu::petition p;
    p.text = text;
    return where(p);
  }
  std::string id(std::int32_t a) const {
    return a < 0 ? std::string("-") : rs_->areas()[std::size_t(a)].id;
  }
  std::vector<std::string> ids(const std::vector<std::uint32_t>& as) const {
    std::vector<std::string> out;
    for (auto a : as) out.push_back(id(std::int32_t(a)));
    return out;
  }
  minhu::engine engine_;
  std::shared_ptr<const minhu::ruleset> rs_;
};

using strings = std::vector<std::string>;
using minhu::location_method;

TEST_F(resolve, nothing_known_is_the_top_area) {
  const auto l = where_text("电梯坏了");
  EXPECT_EQ(l.method, location_method::unknown);
  EXPECT_EQ(id(l.area), "dist");
  EXPECT_EQ(l.hint, -1);
  EXPECT_TRUE(l.candidates.empty());
  EXPECT_FALSE(l.explicit_id_unknown);
}

TEST_F(resolve, explicit_ids) {
  minhu::petition p;
  p.text = "电梯坏了";
  p.area = "grid-b1-2";
  auto l = where(p);
  EXPECT_EQ(l.method, location_method::explicit_id);
  EXPECT_EQ(id(l.area), "grid-b1-2");

  p.area = "grid-zz-9";  // unknown: flagged, then the other evidence is used
  l = where(p);
  EXPECT_TRUE(l.explicit_id_unknown);
  EXPECT_EQ(l.method, location_method::unknown);
  EXPECT_EQ(id(l.area), "dist");
  p.text = "翠湖苑电梯坏了";
  l = where(p);
  EXPECT_TRUE(l.explicit_id_unknown);
  EXPECT_EQ(l.method, location_method::gazetteer);
  EXPECT_EQ(id(l.area), "cpd-a-ch");
  p.lon = lon(5);
  p.lat = lat(5);
  p.text = "电梯坏了";
  l = where(p);
  EXPECT_TRUE(l.explicit_id_unknown);
  EXPECT_EQ(l.method, location_method::gps);
  EXPECT_EQ(id(l.area), "grid-a1-1");

  // A name shallower than (or unrelated to) the explicit area never overrides it.
  p = minhu::petition();
  p.area = "cpd-a-yg";
  p.text = "东湖街道阳光花园电梯坏了";
  l = where(p);
  EXPECT_EQ(l.method, location_method::explicit_id);
  EXPECT_EQ(id(l.area), "cpd-a-yg");
  p.text = "西岭街道阳光花园电梯坏了";
  l = where(p);
  EXPECT_EQ(l.method, location_method::explicit_id);
  EXPECT_EQ(id(l.area), "cpd-a-yg");
}

TEST_F(resolve, gps_refines_an_explicit_area_but_never_contradicts_it) {
  minhu::petition p;
  p.text = "电梯坏了";
  p.area = "st-a";
  p.lon = lon(11);
  p.lat = lat(3);
  auto l = where(p);
  EXPECT_EQ(l.method, location_method::gps);
  EXPECT_EQ(id(l.area), "cpd-a-gh");
  p.area = "st-b";  // the point lies in street A: the explicit id stands
  l = where(p);
  EXPECT_EQ(l.method, location_method::explicit_id);
  EXPECT_EQ(id(l.area), "st-b");
  p.area = "cpd-a-gh";  // same area: still the explicit id
  l = where(p);
  EXPECT_EQ(l.method, location_method::explicit_id);
  EXPECT_EQ(id(l.area), "cpd-a-gh");
}

TEST_F(resolve, the_most_specific_name_wins) {
  auto l = where_text("东湖街道幸福里社区翠湖苑电梯坏了");
  EXPECT_EQ(l.method, location_method::gazetteer);
  EXPECT_EQ(id(l.area), "cpd-a-ch");
  l = where_text("幸福里一网格楼道灯坏了");  // an alias
  EXPECT_EQ(id(l.area), "grid-a1-1");
  l = where_text("西岭这边物业乱收费");  // a street alias
  EXPECT_EQ(id(l.area), "st-b");
  minhu::petition p;
  p.title = "锦绣小区";  // names in the title and the address count too
  p.text = "电梯坏了";
  EXPECT_EQ(id(where(p).area), "cpd-b-jx");
  p.title.clear();
  p.address = "锦绣小区7栋";
  EXPECT_EQ(id(where(p).area), "cpd-b-jx");
}

TEST_F(resolve, an_ambiguous_name_alone_is_located_at_what_its_areas_share) {
  const auto l = where_text("阳光花园电梯坏了");
  EXPECT_EQ(l.method, location_method::ambiguous);
  EXPECT_EQ(id(l.area), "dist");
  EXPECT_EQ(ids(l.candidates), (strings{"cpd-a-yg", "cpd-b-yg"}));
  EXPECT_EQ(l.hint, -1);
}

TEST_F(resolve, an_ambiguous_name_is_settled_by_any_other_hint) {
  // A street (name or alias), a community, in any script.
  for (const char* text : {"西岭街道阳光花园电梯坏了", "西嶺街道陽光花園電梯壞了",
                           "青石社区阳光花园电梯坏了", "阳光花园（青石第一网格）电梯坏了"}) {
    SCOPED_TRACE(text);
    const auto l = where_text(text);
    EXPECT_EQ(l.method, location_method::gazetteer);
    EXPECT_EQ(id(l.area), "cpd-b-yg");
    EXPECT_TRUE(l.candidates.empty());
    EXPECT_GE(l.hint, 0);
    EXPECT_TRUE(rs_->area_tree().within(rs_->find_area("cpd-b-yg"), std::uint32_t(l.hint)));
  }
  auto l = where_text("东湖阳光花园电梯坏了");
  EXPECT_EQ(id(l.area), "cpd-a-yg");
  EXPECT_EQ(id(l.hint), "st-a");

  // The explicit id.
  minhu::petition p;
  p.text = "阳光花园电梯坏了";
  p.area = "st-a";
  l = where(p);
  EXPECT_EQ(l.method, location_method::gazetteer);
  EXPECT_EQ(id(l.area), "cpd-a-yg");
  EXPECT_EQ(id(l.hint), "st-a");

  // A GPS point in the grid around one of them, or in the hole of street A's community.
  p.area.clear();
  p.lon = lon(21);
  p.lat = lat(5);
  l = where(p);
  EXPECT_EQ(l.method, location_method::gazetteer);
  EXPECT_EQ(id(l.area), "cpd-b-yg");
  EXPECT_EQ(id(l.hint), "grid-b1-1");
  p.lon = lon(12);
  p.lat = lat(12);
  l = where(p);
  EXPECT_EQ(id(l.area), "cpd-a-yg");
  EXPECT_EQ(id(l.hint), "st-a");
  // A GPS point inside the compound itself: the point is already as specific as the name.
  p.lon = lon(19);
  p.lat = lat(3);
  l = where(p);
  EXPECT_EQ(l.method, location_method::gps);
  EXPECT_EQ(id(l.area), "cpd-b-yg");
}

TEST_F(resolve, hints_that_settle_nothing_leave_it_ambiguous) {
  // Both streets named: both compounds still fit.
  auto l = where_text("东湖街道和西岭街道的阳光花园电梯都坏了");
  EXPECT_EQ(l.method, location_method::ambiguous);
  EXPECT_EQ(id(l.area), "dist");
  EXPECT_EQ(ids(l.candidates), (strings{"cpd-a-yg", "cpd-b-yg"}));
  // An explicit district id contains both.
  minhu::petition p;
  p.area = "dist";
  p.text = "阳光花园电梯坏了";
  l = where(p);
  EXPECT_EQ(l.method, location_method::ambiguous);
  EXPECT_EQ(id(l.area), "dist");
  // A GPS point outside every polygon is no hint.
  p.area.clear();
  p.lon = lon(40);
  p.lat = lat(4);
  l = where(p);
  EXPECT_EQ(l.method, location_method::ambiguous);
  EXPECT_EQ(id(l.area), "dist");
}

TEST_F(resolve, two_different_compounds_are_located_at_their_common_ancestor) {
  auto l = where_text("翠湖苑和桂花苑之间的路灯");
  EXPECT_EQ(l.method, location_method::ambiguous);
  EXPECT_EQ(ids(l.candidates), (strings{"cpd-a-ch", "cpd-a-gh"}));
  EXPECT_EQ(id(l.area), "st-a");
  minhu::petition p;  // inside community A1 only 阳光花园 of street A and 翠湖苑 fit
  p.area = "comm-a1";
  p.text = "阳光花园和翠湖苑之间的路灯";
  l = where(p);
  EXPECT_EQ(l.method, location_method::ambiguous);
  EXPECT_EQ(ids(l.candidates), (strings{"cpd-a-yg", "cpd-a-ch"}));
  EXPECT_EQ(id(l.area), "comm-a1");
}

TEST_F(resolve, a_neighbouring_place_name_settles_an_ambiguous_one_by_proximity) {
  // 锦绣社区 is in 西岭街道, as is one 阳光花园 (not inside that community): the nearer one.
  auto l = where_text("锦绣社区阳光花园电梯坏了");
  EXPECT_EQ(l.method, location_method::gazetteer);
  EXPECT_EQ(id(l.area), "cpd-b-yg");
  EXPECT_EQ(id(l.hint), "comm-b2");
  // Two compounds named, one of them ambiguous: the 阳光花园 beside 翠湖苑 is meant, and the
  // petition is placed at what the two share.
  l = where_text("阳光花园和翠湖苑电梯坏了");
  EXPECT_EQ(l.method, location_method::ambiguous);
  EXPECT_EQ(ids(l.candidates), (strings{"cpd-a-yg", "cpd-a-ch"}));
  EXPECT_EQ(id(l.area), "comm-a1");
}

TEST_F(resolve, an_area_condition_sees_the_resolved_location) {
  // Rules with `area` conditions are evaluated after the scan has placed the petition, so a
  // place named in the text (not only an explicit id) satisfies them.
  auto rs = minhu::ruleset::load_string(R"({"format_version": 1, "id": "a", "version": "1",
    "taxonomy": [{"id": "east", "name": "东区事务"}],
    "areas": [{"id": "d", "kind": "district", "name": "清源区"},
              {"id": "s", "kind": "street", "name": "东湖街道", "parent": "d"},
              {"id": "c", "kind": "compound", "name": "翠湖苑", "parent": "s"}],
    "rules": [{"id": "east", "category": "east", "when": {"area": "s"}}]})");
  minhu::engine e(rs);
  minhu::petition p;
  p.id = "x";
  p.text = "翠湖苑门口路灯坏了";
  EXPECT_EQ(e.classify(p).category_id(), "east");
  p.text = "路灯坏了";
  EXPECT_EQ(e.classify(p).decided_by, minhu::decided_by::triage);
}

TEST_F(resolve, explanation_names_the_method_and_the_evidence) {
  minhu::petition p;
  p.id = "e1";
  p.text = "阳光花园电梯坏了";
  auto text = minhu::describe(*rs_, engine_.dispatch(p));
  EXPECT_NE(text.find("location: dist 清源区 (ambiguous: cpd-a-yg / cpd-b-yg)"), std::string::npos)
      << text;
  p.area = "nope";
  p.text = "西岭街道阳光花园电梯坏了";
  text = minhu::describe(*rs_, engine_.dispatch(p));
  EXPECT_NE(text.find("cpd-b-yg 阳光花园 (gazetteer, settled by 西岭街道; the given area id is "
                      "unknown)"),
            std::string::npos)
      << text;
}

}  // namespace
