// The organisation graph: load-time validation of its defects (each reported with its JSON
// pointer) on small inline rulesets, and the subtree / link queries on the demo district.
#include "minhu/org_graph.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "minhu/ruleset.hpp"

namespace {

using json = nlohmann::json;

// A valid little district: a command centre, a department, a street office, one community.
json base() {
  return json::parse(R"({
    "format_version": 1, "id": "graph", "version": "1",
    "taxonomy": [{"id": "noise", "name": "噪音扰民"}],
    "rules": [{"id": "noise", "category": "noise", "when": {"text": {"any": ["噪音"]}}}],
    "areas": [
      {"id": "d", "kind": "district", "name": "清源区"},
      {"id": "s", "kind": "street", "name": "东湖街道", "parent": "d"},
      {"id": "c", "kind": "community", "name": "幸福里社区", "parent": "s"}
    ],
    "units": [
      {"id": "ccc", "kind": "command_center", "name": "指挥中心", "serves": ["*"], "areas": ["d"]},
      {"id": "dept", "kind": "department", "name": "城管局", "parent": "ccc", "serves": ["*"], "areas": ["d"]},
      {"id": "st", "kind": "street", "name": "东湖街道办", "parent": "ccc", "serves": ["*"], "areas": ["s"]},
      {"id": "comm", "kind": "community", "name": "幸福里居委会", "parent": "st", "serves": ["noise"], "areas": ["c"]}
    ],
    "links": [{"type": "summons", "from": "st", "to": "dept", "categories": ["noise"]}],
    "routing": {"tiers": {"small": ["property_manager", "merchant", "social_org"],
                          "medium": ["grid", "community", "street", "town"],
                          "big": ["department", "command_center"]},
                "command_center": "ccc", "max_returns": 2}
  })");
}

std::vector<minhu::problem> check(const json& doc) {
  return minhu::ruleset::check_string(doc.dump());
}

json with(std::function<void(json&)> edit) {
  json d = base();
  edit(d);
  return d;
}

json unit(const std::string& id, const std::string& kind, const std::string& parent) {
  json u = {{"id", id}, {"kind", kind}, {"name", id}};
  if (!parent.empty()) u["parent"] = parent;
  return u;
}

std::string all(const std::vector<minhu::problem>& ps) {
  std::string s;
  for (const auto& p : ps) s += p.to_string() + "\n";
  return s;
}

// The problem at exactly this pointer (fails the test when absent).
const minhu::problem* at(const std::vector<minhu::problem>& ps, const std::string& pointer) {
  for (const auto& p : ps)
    if (p.pointer == pointer) return &p;
  ADD_FAILURE() << "no problem at " << pointer << "; got:\n" << all(ps);
  return nullptr;
}

bool mentions(const minhu::problem* p, const std::string& text) {
  return p && p->message.find(text) != std::string::npos;
}

TEST(org_graph_validation, links_that_could_never_take_effect_are_rejected) {
  const auto ps = check(with([](json& d) {
    d["links"].push_back({{"type", "summons"}, {"from", "comm"}, {"to", "dept"}});
    d["links"].push_back({{"type", "assists"}, {"from", "dept"}, {"to", "dept"}});
  }));
  EXPECT_TRUE(mentions(at(ps, "/links/1/from"), "only a street or town summons"));
  EXPECT_TRUE(mentions(at(ps, "/links/2/to"), "linked to itself"));
}

TEST(org_graph_validation, the_base_ruleset_is_clean) {
  const auto ps = check(base());
  EXPECT_TRUE(ps.empty()) << all(ps);
}

TEST(org_graph_validation, a_cycle_in_parent_chains_is_named) {
  // units 4..6: a → b → c → a; unit 7 hangs below the cycle.
  const auto ps = check(with([](json& d) {
    d["units"].push_back(unit("a", "grid", "b"));
    d["units"].push_back(unit("b", "community", "c"));
    d["units"].push_back(unit("c", "street", "a"));
    d["units"].push_back(unit("x", "property_manager", "a"));
  }));
  std::vector<minhu::problem> cycles;
  for (const auto& p : ps)
    if (p.message.find("cycle in the parent chain") != std::string::npos) cycles.push_back(p);
  ASSERT_EQ(cycles.size(), 1u) << all(ps);
  // Reported at the parent field of a unit on the cycle, naming the whole cycle in order.
  const std::set<std::string> on_cycle{"/units/4/parent", "/units/5/parent", "/units/6/parent"};
  EXPECT_EQ(on_cycle.count(cycles[0].pointer), 1u) << cycles[0].to_string();
  const std::string& m = cycles[0].message;
  const bool named = m.find("a → b → c → a") != std::string::npos ||
                     m.find("b → c → a → b") != std::string::npos ||
                     m.find("c → a → b → c") != std::string::npos;
  EXPECT_TRUE(named) << m;
  // The unit below the cycle never reaches a command centre; the cycle itself is not reported
  // twice.
  EXPECT_TRUE(mentions(at(ps, "/units/7"), "unit \"x\" cannot reach a command centre"));
  EXPECT_EQ(ps.size(), 2u) << all(ps);
}

TEST(org_graph_validation, a_unit_that_is_its_own_parent_and_two_separate_cycles) {
  auto ps = check(with([](json& d) { d["units"].push_back(unit("a", "grid", "a")); }));
  ASSERT_EQ(ps.size(), 1u) << all(ps);
  EXPECT_EQ(ps[0].pointer, "/units/4/parent");
  EXPECT_TRUE(mentions(&ps[0], "cycle in the parent chain: a → a"));

  ps = check(with([](json& d) {
    d["units"].push_back(unit("a", "grid", "b"));
    d["units"].push_back(unit("b", "grid", "a"));
    d["units"].push_back(unit("p", "grid", "q"));
    d["units"].push_back(unit("q", "grid", "p"));
  }));
  EXPECT_EQ(std::count_if(ps.begin(), ps.end(),
                          [](const minhu::problem& p) {
                            return p.message.find("cycle in the parent chain") != std::string::npos;
                          }),
            2)
      << all(ps);
}

TEST(org_graph_validation, units_must_reach_a_command_centre) {
  // A chain ending at a root that is not a command centre cannot be written: only a
  // command_center may omit its parent ...
  auto ps = check(with([](json& d) { d["units"].push_back(unit("lost", "department", "")); }));
  ASSERT_EQ(ps.size(), 1u) << all(ps);
  EXPECT_EQ(ps[0].pointer, "/units/4");
  EXPECT_TRUE(mentions(&ps[0], "missing required field \"parent\""));
  // ... so what cannot reach one hangs below a cycle, however deep.
  ps = check(with([](json& d) {
    d["units"].push_back(unit("a", "department", "b"));
    d["units"].push_back(unit("b", "department", "a"));
    d["units"].push_back(unit("y", "grid", "a"));
    d["units"].push_back(unit("z", "property_manager", "y"));
  }));
  EXPECT_TRUE(mentions(at(ps, "/units/6"), "unit \"y\" cannot reach a command centre"));
  EXPECT_TRUE(mentions(at(ps, "/units/7"), "unit \"z\" cannot reach a command centre"));
  // A second command centre is a root of its own: fine.
  ps = check(with([](json& d) {
    d["units"].push_back(unit("ccc2", "command_center", ""));
    d["units"].push_back(unit("dept2", "department", "ccc2"));
  }));
  EXPECT_TRUE(ps.empty()) << all(ps);
}

TEST(org_graph_validation, dangling_references_to_units) {
  const auto ps = check(with([](json& d) {
    d["links"].push_back({{"type", "assists"}, {"from", "ghost"}, {"to", "nobody"}});
    d["units"].push_back(unit("g", "grid", "street-x"));
  }));
  EXPECT_TRUE(mentions(at(ps, "/links/1/from"), "unknown unit \"ghost\""));
  EXPECT_TRUE(mentions(at(ps, "/links/1/to"), "unknown unit \"nobody\""));
  EXPECT_TRUE(mentions(at(ps, "/units/4/parent"), "unknown unit \"street-x\""));
  EXPECT_EQ(ps.size(), 3u) << all(ps);
}

TEST(org_graph_validation, unknown_unit_kinds) {
  auto ps = check(with([](json& d) { d["units"].push_back(unit("p", "police_station", "ccc")); }));
  ASSERT_EQ(ps.size(), 1u) << all(ps);
  EXPECT_EQ(ps[0].pointer, "/units/4/kind");
  EXPECT_TRUE(mentions(&ps[0], "unknown value \"police_station\""));

  ps = check(with([](json& d) { d["routing"]["tiers"]["big"].push_back("ministry"); }));
  EXPECT_TRUE(mentions(at(ps, "/routing/tiers/big"), "unknown unit kind \"ministry\""));
}

TEST(org_graph_validation, areas_nobody_has_jurisdiction_over) {
  auto ps = check(with([](json& d) {
    d["areas"].push_back({{"id", "d2"}, {"kind", "district"}, {"name", "另一区"}});
    d["areas"].push_back(
        {{"id", "s2"}, {"kind", "street"}, {"name", "西岭街道"}, {"parent", "d2"}});
  }));
  EXPECT_TRUE(mentions(at(ps, "/areas/3"), "no unit has jurisdiction over area \"d2\""));
  EXPECT_TRUE(mentions(at(ps, "/areas/4"), "area \"s2\" or any area containing it"));
  EXPECT_EQ(ps.size(), 2u) << all(ps);
  // Jurisdiction over an area covers everything inside it.
  ps = check(with([](json& d) {
    d["areas"].push_back(
        {{"id", "c2"}, {"kind", "community"}, {"name", "青石社区"}, {"parent", "s"}});
  }));
  EXPECT_TRUE(ps.empty()) << all(ps);
  // A unit claiming an area that does not exist.
  ps = check(with([](json& d) { d["units"][2]["areas"].push_back("s9"); }));
  EXPECT_TRUE(mentions(at(ps, "/units/2/areas/1"), "unknown area \"s9\""));
}

TEST(org_graph_validation, routing_command_center_must_be_a_command_centre) {
  auto ps = check(with([](json& d) { d["routing"]["command_center"] = "dept"; }));
  ASSERT_EQ(ps.size(), 1u) << all(ps);
  EXPECT_EQ(ps[0].pointer, "/routing/command_center");
  EXPECT_TRUE(mentions(&ps[0], "unit \"dept\" is a department, not a command_center"));

  ps = check(with([](json& d) { d["routing"]["command_center"] = "ccc-x"; }));
  EXPECT_TRUE(mentions(at(ps, "/routing/command_center"), "unknown unit \"ccc-x\""));
  ps = check(with([](json& d) { d["routing"]["triage_unit"] = "nobody"; }));
  EXPECT_TRUE(mentions(at(ps, "/routing/triage_unit"), "unknown unit \"nobody\""));
}

TEST(org_graph_validation, a_command_centre_must_exist_and_be_unique) {
  // Unnamed but unique: it is used.
  auto ok = minhu::ruleset::load_string(
      with([](json& d) { d["routing"].erase("command_center"); }).dump());
  EXPECT_EQ(ok->command_center(), ok->organisation().find("ccc"));
  EXPECT_EQ(ok->triage_unit(), ok->command_center());

  // None at all (every non-command-centre unit needs a parent, so the chains loop).
  auto ps = check(with([](json& d) {
    d["units"] = json::array({unit("dept", "department", "st"), unit("st", "street", "dept")});
    d["units"][0]["areas"] = {"d"};
    d["links"] = json::array();
    d["routing"].erase("command_center");
  }));
  EXPECT_TRUE(mentions(at(ps, "/routing"), "the organisation has no command_center unit"));

  // Two, and routing does not say which.
  ps = check(with([](json& d) {
    d["units"].push_back(unit("ccc2", "command_center", ""));
    d["routing"].erase("command_center");
  }));
  ASSERT_EQ(ps.size(), 1u) << all(ps);
  EXPECT_EQ(ps[0].pointer, "/routing");
  EXPECT_TRUE(mentions(&ps[0], "several command_center units"));
}

TEST(org_graph_validation, other_organisation_defects) {
  auto ps = check(with([](json& d) { d["units"].push_back(unit("dept", "department", "ccc")); }));
  EXPECT_TRUE(mentions(at(ps, "/units/4/id"), "duplicate unit id \"dept\""));
  ps = check(with([](json& d) {
    d["routing"]["tiers"] = {{"small", json::array()}, {"medium", json::array()}};
  }));
  EXPECT_TRUE(mentions(at(ps, "/routing/tiers"), "no unit kind is assigned to any loop tier"));
  ps = check(with([](json& d) { d["links"][0]["categories"] = {"urban.*"}; }));
  EXPECT_TRUE(mentions(at(ps, "/links/0/categories/0"), "wildcard \"urban.*\" names no category"));
  // Loading refuses what checking reports, with the same pointers.
  try {
    minhu::ruleset::load_string(
        with([](json& d) { d["units"].push_back(unit("a", "grid", "a")); }).dump());
    ADD_FAILURE() << "a cycle must not load";
  } catch (const minhu::ruleset_error& e) {
    EXPECT_EQ(e.code(), minhu::errc::ruleset_invalid);
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].pointer, "/units/4/parent");
  }
}

TEST(org_graph, compiled_units_of_the_base_ruleset) {
  const auto rs = minhu::ruleset::load_string(base().dump());
  const auto& g = rs->organisation();
  ASSERT_EQ(g.size(), 4u);
  EXPECT_EQ(g.find("nope"), -1);
  const auto ccc = std::uint32_t(g.find("ccc")), st = std::uint32_t(g.find("st")),
             comm = std::uint32_t(g.find("comm")), dept = std::uint32_t(g.find("dept"));
  EXPECT_EQ(g[ccc].parent, -1);
  EXPECT_EQ(g[comm].parent, std::int32_t(st));
  EXPECT_EQ(g[comm].capacity, 10);  // the default
  // Tier and rank of each kind come from routing.tiers.
  EXPECT_EQ(g[comm].tier, 1);
  EXPECT_EQ(g[comm].kind_rank, 1);
  EXPECT_EQ(g[st].kind_rank, 2);
  EXPECT_EQ(g[dept].tier, 2);
  EXPECT_EQ(g[dept].kind_rank, 0);
  EXPECT_EQ(g[ccc].kind_rank, 1);
  EXPECT_EQ(g[st].areas, (std::vector<std::uint32_t>{std::uint32_t(rs->find_area("s"))}));
  EXPECT_EQ(g.edge_count(), 3u + 1u);  // three parents, one link
  ASSERT_EQ(g.links_from(st).size(), 1u);
  const auto& l = g.links()[g.links_from(st)[0]];
  EXPECT_EQ(l.type, minhu::link_type::summons);
  EXPECT_EQ(l.to, dept);
  EXPECT_TRUE(l.covers(std::uint32_t(rs->find_category("noise"))));
  EXPECT_TRUE(g.links_from(dept).empty());
  EXPECT_EQ(g.subtree(ccc).size(), 4u);
  EXPECT_EQ(g.subtree(st), (std::vector<std::uint32_t>{st, comm}));
  EXPECT_EQ(g.subtree(comm), (std::vector<std::uint32_t>{comm}));
}

// -- the demo district ----------------------------------------------------------------------

class demo_graph : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    rs_ = minhu::ruleset::load_file(std::string(MINHU_SOURCE_DIR) + "/rulesets/demo-city.json");
  }
  static void TearDownTestSuite() { rs_.reset(); }
  std::uint32_t u(const std::string& id) const {
    const auto i = rs_->organisation().find(id);
    EXPECT_GE(i, 0) << id;
    return std::uint32_t(i);
  }
  static std::shared_ptr<const minhu::ruleset> rs_;
};
std::shared_ptr<const minhu::ruleset> demo_graph::rs_;

TEST_F(demo_graph, in_subtree_follows_the_parent_chains) {
  const auto& g = rs_->organisation();
  EXPECT_TRUE(g.in_subtree(u("grid-a-01-1"), u("street-a")));
  EXPECT_TRUE(g.in_subtree(u("grid-a-01-1"), u("comm-a-01")));
  EXPECT_TRUE(g.in_subtree(u("grid-a-01-1"), u("grid-a-01-1")));
  EXPECT_TRUE(g.in_subtree(u("grid-a-01-1"), u("ccc")));
  EXPECT_TRUE(g.in_subtree(u("mer-xiangweifang"), u("street-a")));
  EXPECT_FALSE(g.in_subtree(u("grid-a-01-1"), u("street-b")));
  EXPECT_FALSE(g.in_subtree(u("grid-a-01-1"), u("dept-housing")));
  EXPECT_FALSE(g.in_subtree(u("street-a"), u("grid-a-01-1")));
  EXPECT_FALSE(g.in_subtree(u("street-a"), u("street-b")));
  // Agrees with walking the parent chain, for every pair of units under two streets.
  for (std::uint32_t x = 0; x < g.size(); ++x)
    for (const char* root : {"street-a", "street-b", "comm-a-01", "ccc"}) {
      bool walk = false;
      for (std::int32_t v = std::int32_t(x); v >= 0 && !walk; v = g[std::uint32_t(v)].parent)
        walk = std::uint32_t(v) == u(root);
      EXPECT_EQ(g.in_subtree(x, u(root)), walk) << g[x].id << " under " << root;
    }
}

TEST_F(demo_graph, subtrees_partition_the_district) {
  const auto& g = rs_->organisation();
  const auto everything = g.subtree(u("ccc"));
  EXPECT_EQ(everything.size(), g.size());
  EXPECT_EQ(everything.front(), u("ccc"));
  EXPECT_EQ(std::set<std::uint32_t>(everything.begin(), everything.end()).size(), g.size());
  // The children of the command centre split the rest.
  std::size_t sum = 1;
  for (std::uint32_t x = 0; x < g.size(); ++x)
    if (g[x].parent == std::int32_t(u("ccc"))) sum += g.subtree(x).size();
  EXPECT_EQ(sum, g.size());
  // A street's subtree: itself first, then only units that report to it.
  const auto a = g.subtree(u("street-a"));
  EXPECT_EQ(a.front(), u("street-a"));
  for (auto x : a) EXPECT_TRUE(g.in_subtree(x, u("street-a"))) << g[x].id;
  EXPECT_NE(std::find(a.begin(), a.end(), u("grid-a-01-1")), a.end());
  EXPECT_EQ(std::find(a.begin(), a.end(), u("street-b")), a.end());
  std::size_t inside = 0;
  for (std::uint32_t x = 0; x < g.size(); ++x) inside += g.in_subtree(x, u("street-a"));
  EXPECT_EQ(a.size(), inside);
  EXPECT_EQ(g.subtree(u("mer-xiangweifang")), std::vector<std::uint32_t>{u("mer-xiangweifang")});
}

TEST_F(demo_graph, links_and_edges) {
  const auto& g = rs_->organisation();
  std::size_t parents = 0;
  for (const auto& x : g.units()) parents += x.parent >= 0;
  EXPECT_EQ(parents, g.size() - 1);  // only the command centre is a root
  EXPECT_EQ(g.links().size(), rs_->links().size());
  EXPECT_EQ(g.edge_count(), parents + g.links().size());
  // Every link is listed once, under the unit it leaves.
  std::size_t listed = 0;
  for (std::uint32_t x = 0; x < g.size(); ++x)
    for (auto li : g.links_from(x)) {
      ++listed;
      EXPECT_EQ(g.links()[li].from, x);
    }
  EXPECT_EQ(listed, g.links().size());
  // Street A summons the departments (吹哨报到): twelve summons links, all to departments.
  const auto& from_a = g.links_from(u("street-a"));
  EXPECT_EQ(from_a.size(), 12u);
  std::set<std::string> summoned;
  for (auto li : from_a) {
    const auto& l = g.links()[li];
    EXPECT_EQ(l.type, minhu::link_type::summons);
    EXPECT_EQ(g[l.to].kind, minhu::unit_kind::department) << g[l.to].id;
    summoned.insert(g[l.to].id);
  }
  EXPECT_EQ(summoned.count("dept-eco-env"), 1u);
  EXPECT_EQ(summoned.count("dept-police"), 1u);
  // Category coverage: dept-eco-env is summoned for env.* only.
  for (auto li : from_a) {
    const auto& l = g.links()[li];
    if (g[l.to].id != "dept-eco-env") continue;
    EXPECT_TRUE(l.covers(std::uint32_t(rs_->find_category("env.pollution.noise"))));
    EXPECT_FALSE(l.covers(std::uint32_t(rs_->find_category("urban"))));
  }
  // Assists links leave departments in the demo.
  std::size_t assists = 0;
  for (const auto& l : g.links())
    if (l.type == minhu::link_type::assists) ++assists;
  EXPECT_GT(assists, 0u);
}

}  // namespace
