// Routing against the shared fixture rulesets/fixtures/routing.{json,cases.jsonl} (asserted
// identically from every binding), plus properties the fixture cannot express: the compiled
// table, rulesets without an organisation, the explanation, batches, and the demo district.
#include "minhu/router.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "minhu/engine.hpp"
#include "minhu/jsonl.hpp"

namespace {

using json = nlohmann::json;
const std::string source = MINHU_SOURCE_DIR;
const std::string fixture = source + "/rulesets/fixtures/routing.json";

struct routing_case {
  std::string name;
  json petition, options, loads, expect;
};

std::vector<routing_case> load_cases() {
  std::vector<routing_case> out;
  std::ifstream in(source + "/rulesets/fixtures/routing.cases.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const json j = json::parse(line);
    out.push_back({j.at("name"), j.at("petition"), j.value("options", json::object()),
                   j.value("loads", json::object()), j.at("expect")});
  }
  return out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

json fixture_json() { return json::parse(read_text(fixture)); }

minhu::petition make_petition(const std::string& id, const std::string& text) {
  minhu::petition p;
  p.id = id;
  p.text = text;
  return p;
}

std::string unit_id(const minhu::ruleset& rs, std::int32_t u) {
  return u < 0 ? std::string() : rs.organisation()[std::uint32_t(u)].id;
}

std::vector<std::string> assisting_ids(const minhu::ruleset& rs, const minhu::assignment& a) {
  std::vector<std::string> out;
  for (auto u : a.assisting) out.push_back(rs.organisation()[u].id);
  return out;
}

std::string tier_name(std::int8_t t) {
  return t < 0 ? std::string() : std::string(minhu::to_string(minhu::loop_tier(t)));
}

// Loads of a case into `lv` (every other unit at 0); the unit ids must exist.
void apply_loads(const minhu::ruleset& rs, const json& loads, minhu::load_view& lv) {
  for (std::uint32_t u = 0; u < lv.size(); ++u) lv.set(u, 0);
  for (const auto& [id, n] : loads.items()) {
    const auto u = rs.organisation().find(id);
    ASSERT_GE(u, 0) << "unknown unit in loads: " << id;
    lv.set(std::uint32_t(u), n.get<std::int64_t>());
  }
}

minhu::dispatch_options make_options(const json& options) {
  minhu::dispatch_options o;
  if (options.contains("exclude")) o.exclude = options["exclude"].get<std::vector<std::string>>();
  return o;
}

void expect_matches(const minhu::ruleset& rs, const minhu::dispatch_result& r, const json& e) {
  const auto& c = r.classification;
  EXPECT_EQ(std::string(minhu::to_string(c.decided_by)), e.at("decided_by").get<std::string>());
  if (e.at("category").is_null()) {
    EXPECT_EQ(c.category, -1);
  } else {
    EXPECT_EQ(std::string(c.category_id()), e.at("category").get<std::string>());
  }
  ASSERT_GE(r.location.area, 0);
  EXPECT_EQ(rs.areas()[std::size_t(r.location.area)].id, e.at("area").get<std::string>());
  EXPECT_EQ(std::string(minhu::to_string(r.location.method)),
            e.at("location_method").get<std::string>());
  EXPECT_EQ(unit_id(rs, r.assignment.lead), e.at("lead").get<std::string>());
  EXPECT_EQ(tier_name(r.assignment.tier), e.at("tier").get<std::string>());
  EXPECT_EQ(assisting_ids(rs, r.assignment), e.at("assisting").get<std::vector<std::string>>());
  // Whatever the case: an owner, an explanation, and the owner never assists itself.
  EXPECT_GE(r.assignment.lead, 0);
  EXPECT_FALSE(r.assignment.steps.empty());
  EXPECT_EQ(std::count(r.assignment.assisting.begin(), r.assignment.assisting.end(),
                       std::uint32_t(r.assignment.lead)),
            0);
}

TEST(routing_fixture, every_case_matches_its_expectation) {
  minhu::engine engine(fixture);
  const auto rs = engine.snapshot();
  const auto cases = load_cases();
  ASSERT_GE(cases.size(), 40u);
  auto loads = engine.loads();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    apply_loads(*rs, c.loads, *loads);
    const minhu::petition p = minhu::parse_petition(c.petition.dump());
    const minhu::dispatch_result r = engine.dispatch(p, make_options(c.options));
    expect_matches(*rs, r, c.expect);
  }
}

TEST(routing_fixture, caller_supplied_loads_override_the_engine_view) {
  minhu::engine engine(fixture);
  const auto rs = engine.snapshot();
  // The engine's own view is deliberately skewed; every case must ignore it.
  auto own = engine.loads();
  for (std::uint32_t u = 0; u < own->size(); ++u) own->set(u, 1000 + u);
  minhu::load_view mine(rs->organisation().size());
  for (const auto& c : load_cases()) {
    SCOPED_TRACE(c.name);
    apply_loads(*rs, c.loads, mine);
    minhu::dispatch_options o = make_options(c.options);
    o.loads = &mine;
    expect_matches(*rs, engine.dispatch(minhu::parse_petition(c.petition.dump()), o), c.expect);
  }
}

TEST(routing_fixture, each_case_explains_where_its_lead_comes_from) {
  minhu::engine engine(fixture);
  const auto rs = engine.snapshot();
  for (const auto& c : load_cases()) {
    if (!c.loads.empty()) continue;
    SCOPED_TRACE(c.name);
    const auto r =
        engine.dispatch(minhu::parse_petition(c.petition.dump()), make_options(c.options));
    const auto& last = r.assignment.steps.back();
    EXPECT_EQ(last.unit, r.assignment.lead);
    if (last.kind == minhu::route_step::what::chosen) {
      // The lead is a table candidate of its tier, and no lower tier was allowed to lead.
      auto [b, e] =
          rs->table().candidates(std::uint32_t(r.classification.category),
                                 std::uint32_t(r.location.area), std::uint32_t(r.assignment.tier));
      EXPECT_NE(std::find(b, e, std::uint32_t(r.assignment.lead)), e);
      EXPECT_EQ(last.candidates, std::uint32_t(e - b));
      EXPECT_GE(r.assignment.tier,
                std::int8_t(rs->categories()[std::size_t(r.classification.category)].tier));
      EXPECT_EQ(r.assignment.steps.size(), std::size_t(r.assignment.tier) + 1);
    }
  }
}

// -- the compiled table -------------------------------------------------------------------------

std::vector<std::string> candidates(const minhu::ruleset& rs, const std::string& category,
                                    const std::string& area, minhu::loop_tier t) {
  const auto c = rs.find_category(category);
  const auto a = rs.find_area(area);
  EXPECT_GE(c, 0) << category;
  EXPECT_GE(a, 0) << area;
  std::vector<std::string> out;
  if (c < 0 || a < 0) return out;
  auto [b, e] = rs.table().candidates(std::uint32_t(c), std::uint32_t(a), std::uint32_t(t));
  for (auto it = b; it != e; ++it) out.push_back(rs.organisation()[*it].id);
  return out;
}

using strings = std::vector<std::string>;

TEST(routing_table, candidates_per_tier_in_tie_break_order) {
  const auto rs = minhu::ruleset::load_file(fixture);
  using minhu::loop_tier;
  // Kind order first (property_manager before merchant), although "mer-" < "pm-".
  EXPECT_EQ(candidates(*rs, "noise", "cpd-b-jx", loop_tier::small),
            (strings{"pm-b-jx", "mer-b-jx"}));
  // Jurisdiction over the subtree: grid, community and street all cover the compound.
  EXPECT_EQ(candidates(*rs, "noise", "cpd-b-jx", loop_tier::medium),
            (strings{"grid-b2-1-team", "comm-b2-office", "st-b-office"}));
  // Departments (by id) before the command centre; wildcards "*" count, "env.*" does not.
  EXPECT_EQ(candidates(*rs, "crime", "cpd-b-jx", loop_tier::big),
            (strings{"dept-police", "dept-zhifa", "ccc"}));
  EXPECT_EQ(candidates(*rs, "env.water", "cpd-a-yg", loop_tier::big),
            (strings{"dept-env", "dept-zhifa", "ccc"}));
  EXPECT_EQ(candidates(*rs, "env.water", "cpd-a-yg", loop_tier::medium), (strings{"st-a-office"}));
  // A unit of another compound / street never appears.
  EXPECT_EQ(candidates(*rs, "property", "cpd-a-yg", loop_tier::small), (strings{"pm-a-yg"}));
  EXPECT_EQ(candidates(*rs, "property", "cpd-a-ch", loop_tier::small), strings{});
  // Nobody at the district level in the small and medium loops.
  EXPECT_EQ(candidates(*rs, "property", "dist", loop_tier::small), strings{});
  EXPECT_EQ(candidates(*rs, "property", "dist", loop_tier::medium), strings{});
  // A unit without areas (the social work station) is never a candidate, only an assistant.
  for (const auto& a : rs->areas())
    for (int t = 0; t < 3; ++t) {
      const auto cs = candidates(*rs, "elderly", a.id, loop_tier(t));
      EXPECT_EQ(std::count(cs.begin(), cs.end(), "so-a1"), 0) << a.id;
    }
}

TEST(routing_table, size_and_memory_are_sane) {
  const auto rs = minhu::ruleset::load_file(fixture);
  const auto& t = rs->table();
  ASSERT_FALSE(t.empty());
  EXPECT_EQ(t.cell_count(), rs->categories().size() * rs->areas().size());
  EXPECT_GE(t.distinct_lists(), 2u);
  EXPECT_LT(t.distinct_lists(), t.cell_count());  // equal lists are shared
  EXPECT_GE(t.memory_bytes(), t.cell_count() * sizeof(std::uint32_t));
  EXPECT_LT(t.memory_bytes(), 64u * 1024u);

  const auto demo = minhu::ruleset::load_file(source + "/rulesets/demo-city.json");
  const auto& d = demo->table();
  EXPECT_EQ(d.cell_count(), demo->categories().size() * demo->areas().size());
  EXPECT_LT(d.distinct_lists() * 4, d.cell_count());
  // One 4-byte cell per (category, area) plus the interned lists: well under 4 MB here.
  EXPECT_GE(d.memory_bytes(), d.cell_count() * 4);
  EXPECT_LT(d.memory_bytes(), 4u * 1024u * 1024u);
}

// Every cell of the table against a reference computed from the definitions alone: the units
// of the tier that serve the category (rs.categories_matching of their `serves`) and hold the
// area or one of its ancestors, in tie-break order (tier, kind's rank, id). The city is the demo
// district plus seeded random units: several per area, wildcard and single-category `serves`,
// jurisdictions at every level, and one area claimed by more than 64 units.
TEST(routing_table, every_cell_equals_the_reference_on_a_random_city) {
  json j;
  {
    std::ifstream in(source + "/rulesets/demo-city.json");
    j = json::parse(in);
  }
  std::vector<std::string> cats, areas;
  for (const auto& c : j["taxonomy"]) cats.push_back(c["id"]);
  for (const auto& a : j["areas"]) areas.push_back(a["id"]);
  std::vector<std::string> serves_pool = {"*"};
  for (const auto& c : cats) {
    serves_pool.push_back(c);
    const auto dot = c.find('.');
    if (dot != std::string::npos) serves_pool.push_back(c.substr(0, dot) + ".*");
  }
  const char* kinds[] = {"property_manager", "merchant", "social_org", "grid",
                         "community",        "street",   "department"};
  std::mt19937 rng(20261124);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  for (int i = 0; i < 600; ++i) {
    const bool crowd = i < 70;  // more than 64 units add themselves to one area
    json u = {{"id", "rnd-" + std::to_string(i)},
              {"kind", crowd ? "property_manager" : kinds[rng() % 7]},
              {"name", "随机单位" + std::to_string(i)},
              {"parent", "ccc"}};
    json serves = json::array();
    for (int k = 1 + int(rng() % 3); k > 0; --k) serves.push_back(pick(serves_pool));
    u["serves"] = crowd ? json::array({"*"}) : serves;
    json as = json::array();
    if (crowd) {
      as.push_back(areas[17]);
    } else {
      for (int k = 1 + int(rng() % 2); k > 0; --k) as.push_back(pick(areas));
    }
    u["areas"] = as;
    j["units"].push_back(u);
  }
  const auto rs = minhu::ruleset::load_string(j.dump());
  const auto& org = rs->organisation();
  const auto& t = rs->table();
  const std::size_t nc = rs->categories().size(), na = rs->areas().size();
  ASSERT_EQ(t.cell_count(), nc * na);

  std::vector<std::vector<std::uint64_t>> serves(org.size());
  for (std::size_t u = 0; u < org.size(); ++u) {
    serves[u].assign((nc + 63) / 64, 0);
    for (const auto& pat : rs->units()[u].serves) {
      const auto m = rs->categories_matching(pat);
      for (std::size_t w = 0; w < m.size(); ++w) serves[u][w] |= m[w];
    }
  }
  std::vector<std::uint32_t> order(org.size());
  for (std::uint32_t u = 0; u < org.size(); ++u) order[u] = u;
  std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    const auto &a = org[x], &b = org[y];
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.kind_rank != b.kind_rank) return a.kind_rank < b.kind_rank;
    return a.id < b.id;
  });
  auto holds = [&](std::uint32_t u, std::uint32_t a) {
    for (std::int32_t x = std::int32_t(a); x >= 0; x = rs->areas()[std::size_t(x)].parent)
      if (std::find(org[u].areas.begin(), org[u].areas.end(), std::uint32_t(x)) !=
          org[u].areas.end())
        return true;
    return false;
  };
  std::size_t mismatches = 0, nonempty = 0, crowded = 0;
  std::vector<std::uint32_t> want;
  for (std::uint32_t a = 0; a < na; ++a) {
    std::vector<std::uint32_t> here;  // units with jurisdiction over a, in tie-break order
    for (auto u : order)
      if (org[u].tier >= 0 && holds(u, a)) here.push_back(u);
    for (std::uint32_t c = 0; c < nc; ++c)
      for (std::uint32_t tier = 0; tier < 3; ++tier) {
        want.clear();
        for (auto u : here)
          if (std::uint32_t(org[u].tier) == tier && (serves[u][c >> 6] >> (c & 63) & 1))
            want.push_back(u);
        auto [b, e] = t.candidates(c, a, tier);
        const std::vector<std::uint32_t> got(b, e);
        nonempty += !got.empty();
        if (got.size() > 64) ++crowded;
        if (got != want && ++mismatches <= 5)
          ADD_FAILURE() << "category " << rs->categories()[c].id << ", area " << rs->areas()[a].id
                        << ", tier " << tier << ": " << got.size() << " candidates, want "
                        << want.size();
      }
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_GT(nonempty, nc * na);  // most cells have candidates in more than one tier
  EXPECT_GT(crowded, 0u);        // the crowded area's small loop
}

// -- rulesets without (enough of) an organisation -------------------------------------------

const char* no_units_ruleset = R"({
  "format_version": 1, "id": "no-units", "version": "1",
  "taxonomy": [{"id": "noise", "name": "噪音扰民"}],
  "rules": [{"id": "noise", "category": "noise", "when": {"text": {"any": ["噪音"]}}}]
})";

TEST(routing_without_organisation, no_units_means_no_lead_and_no_crash) {
  auto engine = minhu::engine::from_json(no_units_ruleset);
  const auto rs = engine.snapshot();
  EXPECT_EQ(rs->command_center(), -1);
  EXPECT_TRUE(rs->table().empty());
  for (const char* text : {"楼下噪音", "你好"}) {
    SCOPED_TRACE(text);
    minhu::petition p = make_petition("n1", text);
    p.area = "somewhere";
    p.lat = 28.0;
    p.lon = 113.0;
    const auto r = engine.dispatch(p);
    EXPECT_EQ(r.assignment.lead, -1);
    EXPECT_EQ(r.assignment.tier, -1);
    EXPECT_TRUE(r.assignment.assisting.empty());
    ASSERT_EQ(r.assignment.steps.size(), 1u);
    EXPECT_EQ(r.assignment.steps[0].kind, minhu::route_step::what::no_organisation);
    EXPECT_EQ(r.location.area, -1);
    EXPECT_NE(minhu::describe(*rs, r).find("no command centre"), std::string::npos);
  }
  // Classification is unaffected.
  EXPECT_EQ(engine.dispatch(make_petition("n2", "楼下噪音")).classification.category_id(), "noise");
}

TEST(routing_without_organisation, areas_but_no_units_still_locate) {
  json j = json::parse(no_units_ruleset);
  j["areas"] = json::parse(R"([{"id": "d", "kind": "district", "name": "清源区"},
                               {"id": "s", "kind": "street", "name": "东湖街道", "parent": "d"}])");
  auto engine = minhu::engine::from_json(j.dump());
  const auto r = engine.dispatch(make_petition("n1", "东湖街道噪音"));
  EXPECT_EQ(r.assignment.lead, -1);
  EXPECT_EQ(r.location.area, engine.snapshot()->find_area("s"));
  EXPECT_EQ(r.location.method, minhu::location_method::gazetteer);
}

TEST(routing_fallback, nobody_serving_the_category_leaves_it_with_the_command_centre) {
  json j = fixture_json();
  for (auto& u : j["units"]) {
    if (u["id"] == "ccc") u["serves"] = json::array({"crime"});
    if (u["id"] == "dept-zhifa") u["serves"] = json::array({"noise"});
  }
  auto engine = minhu::engine::from_json(j.dump());
  const auto rs = engine.snapshot();
  // Roads are a big-loop category: the grid, community and street serve it but may not lead it;
  // in the big loop nobody serves it any more.
  const auto r = engine.dispatch(make_petition("f1", "翠湖苑门口路面坑洼"));
  EXPECT_EQ(r.classification.category_id(), "road");
  EXPECT_EQ(unit_id(*rs, r.assignment.lead), "ccc");
  EXPECT_EQ(tier_name(r.assignment.tier), "big");
  ASSERT_EQ(r.assignment.steps.size(), 4u);
  EXPECT_EQ(r.assignment.steps[0].kind, minhu::route_step::what::below_category_tier);
  EXPECT_EQ(r.assignment.steps[1].kind, minhu::route_step::what::below_category_tier);
  EXPECT_EQ(r.assignment.steps[1].candidates, 3u);  // grid, community, street: skipped
  EXPECT_EQ(r.assignment.steps[2].kind, minhu::route_step::what::no_candidate);
  EXPECT_EQ(r.assignment.steps[3].kind, minhu::route_step::what::fallback);
  EXPECT_NE(minhu::describe(*rs, r).find("no candidate in any loop"), std::string::npos);
}

TEST(routing_fallback, every_candidate_excluded_below_max_returns_falls_back) {
  json j = fixture_json();
  j["routing"]["max_returns"] = 5;
  auto engine = minhu::engine::from_json(j.dump());
  const auto rs = engine.snapshot();
  minhu::dispatch_options o;
  o.exclude = {"st-a-office", "dept-env", "dept-zhifa", "ccc"};
  const auto r = engine.dispatch(make_petition("f2", "东湖街道有工厂偷偷排污"), o);
  // Even the command centre returned it: it is still the owner of last resort.
  EXPECT_EQ(unit_id(*rs, r.assignment.lead), "ccc");
  ASSERT_EQ(r.assignment.steps.size(), 4u);
  EXPECT_EQ(r.assignment.steps[1].kind, minhu::route_step::what::all_excluded);
  EXPECT_EQ(r.assignment.steps[2].kind, minhu::route_step::what::all_excluded);
  EXPECT_EQ(r.assignment.steps[2].candidates, 3u);
  EXPECT_EQ(r.assignment.steps[2].excluded, 3u);
  EXPECT_EQ(r.assignment.steps[3].kind, minhu::route_step::what::fallback);
}

TEST(routing_options, max_returns_and_triage_unit_come_from_the_ruleset) {
  json j = fixture_json();
  j["routing"]["max_returns"] = 3;
  j["routing"]["triage_unit"] = "dept-zhifa";
  auto engine = minhu::engine::from_json(j.dump());
  const auto rs = engine.snapshot();
  minhu::dispatch_options o;
  o.exclude = {"pm-b-jx", "mer-b-jx"};  // two returns: below 3, routing goes on
  auto r = engine.dispatch(make_petition("o1", "锦绣家园广场舞噪音扰民"), o);
  EXPECT_EQ(unit_id(*rs, r.assignment.lead), "grid-b2-1-team");
  o.exclude.push_back("grid-b2-1-team");  // the third
  r = engine.dispatch(make_petition("o1", "锦绣家园广场舞噪音扰民"), o);
  EXPECT_EQ(unit_id(*rs, r.assignment.lead), "ccc");
  ASSERT_EQ(r.assignment.steps.size(), 1u);
  EXPECT_EQ(r.assignment.steps[0].kind, minhu::route_step::what::returned_too_often);

  r = engine.dispatch(make_petition("o2", "请问办理居住证需要带什么材料"));
  EXPECT_EQ(r.classification.decided_by, minhu::decided_by::triage);
  EXPECT_EQ(unit_id(*rs, r.assignment.lead), "dept-zhifa");
  ASSERT_EQ(r.assignment.steps.size(), 1u);
  EXPECT_EQ(r.assignment.steps[0].kind, minhu::route_step::what::triage);
}

// -- explanation, batches, loads ----------------------------------------------------------------

TEST(routing_describe, names_the_lead_the_skipped_loops_and_the_assistants) {
  minhu::engine engine(fixture);
  const auto rs = engine.snapshot();

  auto text =
      minhu::describe(*rs, engine.dispatch(make_petition("d1", "锦绣家园车棚里电动车被偷了")));
  EXPECT_NE(text.find("location: cpd-b-jx 锦绣家园 (gazetteer)"), std::string::npos) << text;
  EXPECT_NE(text.find("small loop: skipped, the category is not handled below the big loop"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("medium loop: skipped"), std::string::npos) << text;
  EXPECT_NE(text.find("big loop: dept-police 公安分局 leads: least loaded of 3 candidates"),
            std::string::npos)
      << text;

  text = minhu::describe(*rs, engine.dispatch(make_petition("d2", "翠湖苑有独居老人需要助餐服务")));
  EXPECT_NE(text.find("small loop: no unit serves this category here"), std::string::npos) << text;
  EXPECT_NE(text.find("comm-a1-office"), std::string::npos) << text;
  EXPECT_NE(text.find("assisting (协办): so-a1 幸福里社工站"), std::string::npos) << text;

  minhu::dispatch_options o;
  o.exclude = {"pm-b-jx"};
  text = minhu::describe(*rs, engine.dispatch(make_petition("d3", "锦绣家园电梯坏了"), o));
  EXPECT_NE(text.find("small loop: all 1 candidates returned the case"), std::string::npos) << text;
  EXPECT_NE(text.find("grid-b2-1-team"), std::string::npos) << text;

  text = minhu::describe(*rs, engine.dispatch(make_petition("d4", "阳光花园电梯坏了")));
  EXPECT_NE(text.find("ambiguous: cpd-a-yg / cpd-b-yg"), std::string::npos) << text;
  text = minhu::describe(*rs, engine.dispatch(make_petition("d5", "西岭街道阳光花园电梯坏了")));
  EXPECT_NE(text.find("settled by 西岭街道"), std::string::npos) << text;
  text = minhu::describe(*rs, engine.dispatch(make_petition("d6", "你好")));
  EXPECT_NE(text.find("ccc 清源区12345指挥中心 takes it for manual triage"), std::string::npos)
      << text;
}

TEST(routing_batch, dispatch_batch_equals_one_by_one) {
  minhu::engine engine(fixture);
  const auto rs = engine.snapshot();
  std::vector<minhu::petition> ps;
  for (const auto& c : load_cases()) ps.push_back(minhu::parse_petition(c.petition.dump()));
  std::ifstream in(source + "/examples/petitions/demo.jsonl");  // texts foreign to the fixture
  std::string line;
  for (int k = 0; k < 40 && std::getline(in, line); ++k)
    if (!line.empty()) ps.push_back(minhu::parse_petition(line));
  minhu::dispatch_options o;
  o.exclude = {"pm-b-jx"};
  for (const minhu::dispatch_options* opts : {static_cast<const minhu::dispatch_options*>(nullptr),
                                              static_cast<const minhu::dispatch_options*>(&o)}) {
    std::vector<minhu::dispatch_result> batch;
    engine.dispatch_batch(ps, batch, opts ? *opts : minhu::dispatch_options{});
    ASSERT_EQ(batch.size(), ps.size());
    for (std::size_t i = 0; i < ps.size(); ++i) {
      SCOPED_TRACE(ps[i].id);
      const auto one = engine.dispatch(ps[i], opts ? *opts : minhu::dispatch_options{});
      EXPECT_EQ(batch[i].classification.category, one.classification.category);
      EXPECT_EQ(batch[i].location.area, one.location.area);
      EXPECT_EQ(batch[i].location.method, one.location.method);
      EXPECT_EQ(batch[i].location.candidates, one.location.candidates);
      EXPECT_EQ(batch[i].assignment.lead, one.assignment.lead);
      EXPECT_EQ(batch[i].assignment.tier, one.assignment.tier);
      EXPECT_EQ(batch[i].assignment.assisting, one.assignment.assisting);
      EXPECT_EQ(batch[i].assignment.steps.size(), one.assignment.steps.size());
      EXPECT_EQ(minhu::describe(*rs, batch[i]), minhu::describe(*rs, one));
    }
  }
}

TEST(routing_loads, engine_loads_shift_the_choice_and_reuse_keeps_results_clean) {
  minhu::engine engine(fixture);
  const auto rs = engine.snapshot();
  const auto pm = std::uint32_t(rs->organisation().find("pm-b-jx"));
  const minhu::petition p = make_petition("l1", "锦绣家园广场舞噪音扰民");
  minhu::dispatch_result r;  // reused: every call clears what the previous one left
  engine.dispatch(p, {}, r);
  EXPECT_EQ(unit_id(*rs, r.assignment.lead), "pm-b-jx");
  engine.loads()->add(pm, 3);  // 3/10 > 0/5: the merchant now
  engine.dispatch(p, {}, r);
  EXPECT_EQ(unit_id(*rs, r.assignment.lead), "mer-b-jx");
  engine.loads()->add(std::uint32_t(rs->organisation().find("mer-b-jx")), 2);  // 2/5 > 3/10
  engine.dispatch(p, {}, r);
  EXPECT_EQ(unit_id(*rs, r.assignment.lead), "pm-b-jx");
  engine.dispatch(make_petition("l2", "东湖街道有工厂偷偷排污"), {}, r);
  EXPECT_EQ(unit_id(*rs, r.assignment.lead), "st-a-office");
  EXPECT_EQ(assisting_ids(*rs, r.assignment), strings{"dept-env"});
  engine.dispatch(p, {}, r);
  EXPECT_TRUE(r.assignment.assisting.empty());
  EXPECT_EQ(r.assignment.steps.size(), 1u);
  // Negative loads (a caller's bookkeeping slip) count as zero.
  engine.loads()->set(pm, -50);
  engine.loads()->set(std::uint32_t(rs->organisation().find("mer-b-jx")), 0);
  engine.dispatch(p, {}, r);
  EXPECT_EQ(unit_id(*rs, r.assignment.lead), "pm-b-jx");
}

// -- the demo district --------------------------------------------------------------------------

TEST(routing_demo, every_demo_petition_gets_an_owner) {
  minhu::engine engine(source + "/rulesets/demo-city.json");
  const auto rs = engine.snapshot();
  std::ifstream in(source + "/examples/petitions/demo.jsonl");
  ASSERT_TRUE(in) << "examples/petitions/demo.jsonl";
  std::string line;
  std::size_t n = 0, triage = 0;
  std::size_t per_tier[3] = {0, 0, 0};
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const minhu::petition p = minhu::parse_petition(line);
    SCOPED_TRACE(p.id);
    const auto r = engine.dispatch(p);
    ++n;
    ASSERT_GE(r.assignment.lead, 0);
    ASSERT_GE(r.assignment.tier, 0);
    ASSERT_LT(r.assignment.tier, 3);
    ++per_tier[std::size_t(r.assignment.tier)];
    EXPECT_GE(r.location.area, 0);
    if (r.classification.decided_by == minhu::decided_by::triage) {
      ++triage;
      EXPECT_EQ(unit_id(*rs, r.assignment.lead), "ccc");
      continue;
    }
    if (r.assignment.steps.back().kind == minhu::route_step::what::chosen) {
      const auto cat = std::uint32_t(r.classification.category);
      EXPECT_GE(r.assignment.tier, std::int8_t(rs->categories()[cat].tier));
      auto [b, e] = rs->table().candidates(cat, std::uint32_t(r.location.area),
                                           std::uint32_t(r.assignment.tier));
      EXPECT_NE(std::find(b, e, std::uint32_t(r.assignment.lead)), e);
    }
  }
  EXPECT_GE(n, 200u);
  EXPECT_GT(triage, 0u);
  // The demo exercises every loop.
  EXPECT_GT(per_tier[0], 0u);
  EXPECT_GT(per_tier[1], 0u);
  EXPECT_GT(per_tier[2], 0u);
}

}  // namespace
