// The binding facade (minhu/api.hpp): the shared case-lifecycle scenario every binding replays
// (rulesets/fixtures/sla.scenario.json), error codes, journal recovery, loads across reloads
// and concurrent use.
#include "minhu/api.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

using json = nlohmann::json;
namespace api = minhu::api;

const std::string fixtures = std::string(MINHU_SOURCE_DIR) + "/rulesets/fixtures/";

json load_json(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

json to_json(const api::case_info& c) {
  return {{"id", c.id},
          {"category", c.category},
          {"urgency", c.urgency},
          {"area", c.area},
          {"lead", c.lead},
          {"lead_name", c.lead_name},
          {"assisting", c.assisting},
          {"returned_by", c.returned_by},
          {"state", c.state},
          {"colour", c.colour},
          {"open", c.open},
          {"paused", c.paused},
          {"supervised", c.supervised},
          {"supervisor", c.supervisor},
          {"escalation_level", c.escalation_level},
          {"rating", c.rating},
          {"reopened", c.reopened},
          {"merged_into", c.merged_into},
          {"duplicates", c.duplicates},
          {"received_at", c.received_at},
          {"assigned_at", c.assigned_at},
          {"acknowledged_at", c.acknowledged_at},
          {"started_at", c.started_at},
          {"replied_at", c.replied_at},
          {"rated_at", c.rated_at},
          {"closed_at", c.closed_at},
          {"acknowledge_due", c.acknowledge_due},
          {"respond_due", c.respond_due},
          {"resolve_due", c.resolve_due},
          {"breached", c.breached}};
}

json to_json(const api::metrics& m) {
  return {{"volume", m.volume},
          {"resolved", m.resolved},
          {"resolved_on_time", m.resolved_on_time},
          {"acknowledged", m.acknowledged},
          {"acknowledged_on_time", m.acknowledged_on_time},
          {"rated", m.rated},
          {"satisfied", m.satisfied},
          {"closed", m.closed},
          {"open", m.open},
          {"blue", m.blue},
          {"yellow", m.yellow},
          {"red", m.red},
          {"completion_rate", m.completion_rate},
          {"timeliness_rate", m.timeliness_rate},
          {"satisfaction_rate", m.satisfaction_rate},
          {"response_rate", m.response_rate}};
}

json to_json(const api::decision& d) {
  return {{"category", d.category}, {"urgency", d.urgency}, {"lead", d.lead}, {"area", d.area}};
}

api::metrics_filter to_filter(const json& f) {
  api::metrics_filter out;
  out.scope_unit = f.value("scope_unit", "");
  out.unit = f.value("unit", "");
  out.street = f.value("street", "");
  out.category = f.value("category", "");
  out.from = f.value("from", std::int64_t{0});
  out.to = f.value("to", std::int64_t{0});
  return out;
}

// Every field of `expect` equals the same field of `actual` (numbers to 1e-9).
void expect_fields(const json& expect, const json& actual, const std::string& where) {
  for (const auto& [k, v] : expect.items()) {
    ASSERT_TRUE(actual.contains(k)) << where << ": no field " << k;
    if (v.is_number_float())
      EXPECT_NEAR(actual[k].get<double>(), v.get<double>(), 1e-9) << where << ": " << k;
    else
      EXPECT_EQ(actual[k], v) << where << ": " << k;
  }
}

std::vector<std::string> kinds(const std::vector<api::case_event>& es) {
  std::vector<std::string> out;
  for (const auto& e : es) out.push_back(e.kind);
  return out;
}

// Replays the shared scenario against a dispatcher and tracker.
void replay(const json& scenario, api::dispatcher& d, api::case_tracker& t) {
  int n = 0;
  for (const json& s : scenario["steps"]) {
    const std::string op = s["op"];
    const std::string where = "step " + std::to_string(n++) + " (" + op + ")";
    const std::int64_t at = s.value("at", std::int64_t{0});
    const std::string id = s.value("case", "");
    std::vector<api::case_event> events;
    try {
      if (op == "dispatch_open") {
        const api::decision dec = d.dispatch(api::dispatcher::parse_petition(s["petition"].dump()));
        if (s.contains("expect")) expect_fields(s["expect"], to_json(dec), where);
        events = t.open(dec.id, dec, at);
      } else if (op == "acknowledge") {
        events = t.acknowledge(id, at);
      } else if (op == "start") {
        events = t.start(id, at);
      } else if (op == "reply") {
        events = t.reply(id, at);
      } else if (op == "rate") {
        events = t.rate(id, s["stars"].get<int>(), at);
      } else if (op == "close") {
        events = t.close(id, at);
      } else if (op == "return_case") {
        events = t.return_case(id, s["unit"], at);
      } else if (op == "reassign") {
        events = t.reassign(id, s["unit"], at);
      } else if (op == "escalate") {
        events = t.escalate(id, at, s.value("unit", ""));
      } else if (op == "supervise") {
        events = t.supervise(id, at);
      } else if (op == "pause") {
        events = t.pause(id, at);
      } else if (op == "resume") {
        events = t.resume(id, at);
      } else if (op == "merge") {
        events = t.merge(id, s["primary"], at);
      } else if (op == "advance") {
        events = t.advance(at);
      } else if (op == "get") {
        expect_fields(s["expect"], to_json(t.get(id)), where);
      } else if (op == "load") {
        EXPECT_EQ(d.load_of(s["unit"]), s["expect"].get<std::int64_t>()) << where;
      } else if (op == "measure") {
        expect_fields(s["expect"], to_json(t.measure(to_filter(s["filter"]))), where);
      } else if (op == "cases") {
        std::vector<std::string> ids;
        for (const auto& c : t.cases(to_filter(s["filter"]))) ids.push_back(c.id);
        EXPECT_EQ(json(ids), s["expect"]) << where;
      } else {
        ADD_FAILURE() << where << ": unknown op";
      }
      EXPECT_FALSE(s.contains("error")) << where << ": expected " << s["error"];
    } catch (const api::failure& e) {
      ASSERT_TRUE(s.contains("error")) << where << ": unexpected " << e.code() << ": " << e.what();
      EXPECT_EQ(e.code(), s["error"].get<std::string>()) << where << ": " << e.what();
      continue;
    }
    if (s.contains("events")) {
      EXPECT_EQ(json(kinds(events)), s["events"]) << where;
    }
  }
}

std::string temp_path(const std::string& name) {
  std::string p = testing::TempDir() + "minhu_api_" + name;
  std::remove(p.c_str());
  std::remove((p + "-wal").c_str());
  std::remove((p + "-shm").c_str());
  return p;
}

TEST(case_tracker, the_shared_scenario) {
  const json scenario = load_json(fixtures + "sla.scenario.json");
  api::dispatcher d = api::dispatcher::load(fixtures + scenario["ruleset"].get<std::string>());
  api::case_tracker t(d);
  replay(scenario, d, t);
  EXPECT_EQ(t.size(), 3);
  EXPECT_GT(t.last_seq(), 20);
}

TEST(case_tracker, a_journaled_tracker_recovers_every_case) {
  const json scenario = load_json(fixtures + "sla.scenario.json");
  const std::string path = temp_path("recover.db");
  std::vector<json> before;
  std::int64_t seq = 0, timers = 0;
  {
    api::dispatcher d = api::dispatcher::load(fixtures + "sla.json");
    api::case_tracker t(d, path, "normal");
    replay(scenario, d, t);
    for (const auto& c : t.cases()) before.push_back(to_json(c));
    seq = t.last_seq();
    timers = t.timers();
  }
  api::dispatcher d = api::dispatcher::load(fixtures + "sla.json");
  api::case_tracker again(d, path);
  std::vector<json> after;
  for (const auto& c : again.cases()) after.push_back(to_json(c));
  EXPECT_EQ(after, before);
  EXPECT_EQ(again.last_seq(), seq);
  EXPECT_EQ(again.timers(), timers);
  EXPECT_EQ(d.load_of("street-b"), 1);  // c2's lead: open-case loads are rebuilt
  // It goes on journaling where it stopped.
  const auto es = again.acknowledge(
      "c2", scenario["steps"].back().value("at", std::int64_t{0}) + 1'000'000'000);
  ASSERT_FALSE(es.empty());
  EXPECT_EQ(es[0].kind, "acknowledged");
  EXPECT_EQ(es[0].seq, seq + 1);
}

TEST(case_tracker, a_corrupt_journal_is_refused) {
  const std::string path = temp_path("corrupt.db");
  {
    std::ofstream out(path, std::ios::binary);
    out << "SQLite format 3" << std::string(4000, '\x5a');
  }
  api::dispatcher d = api::dispatcher::load(fixtures + "sla.json");
  try {
    api::case_tracker t(d, path);
    FAIL() << "a corrupt journal was accepted";
  } catch (const api::failure& e) {
    EXPECT_EQ(e.code(), "io") << e.what();
  }
  try {
    api::case_tracker t(d, "", "sometimes");
    FAIL() << "an unknown durability was accepted";
  } catch (const api::failure& e) {
    EXPECT_EQ(e.code(), "invalid_argument");
    EXPECT_NE(std::string(e.what()).find("sometimes"), std::string::npos);
  }
}

TEST(case_tracker, submit_dispatches_and_opens_and_refuses_classify_decisions) {
  api::dispatcher d = api::dispatcher::load(fixtures + "sla.json");
  api::case_tracker t(d);
  api::petition p;
  p.id = "s1";
  p.text = "噪音扰民";
  p.area = "comm-a";
  const api::decision dec = t.submit(p, 1'772'413'200'000);
  EXPECT_EQ(dec.lead, "comm-a-office");
  EXPECT_EQ(t.get("s1").lead, "comm-a-office");
  EXPECT_EQ(t.get("s1").state, "assigned");
  p.id = "s2";
  try {
    t.open("s2", d.classify(p), 1'772'413'200'000);
    FAIL() << "a decision without a lead was accepted";
  } catch (const api::failure& e) {
    EXPECT_EQ(e.code(), "invalid_argument");
  }
  EXPECT_FALSE(t.contains("s2"));
  try {
    t.get("s2");
    FAIL();
  } catch (const api::failure& e) {
    EXPECT_EQ(e.code(), "unknown_case");
  }
}

TEST(case_tracker, loads_follow_the_dispatcher_across_reloads) {
  api::dispatcher d = api::dispatcher::load(fixtures + "sla.json");
  api::case_tracker t(d);
  api::petition p;
  p.text = "噪音";
  p.area = "comm-a";
  p.id = "a";
  t.submit(p, 1'772'413'200'000);
  EXPECT_EQ(d.load_of("comm-a-office"), 1);
  d.reload();  // a new ruleset generation: loads are carried over by unit id
  EXPECT_EQ(d.load_of("comm-a-office"), 1);
  t.acknowledge("a", 1'772'413'300'000);
  t.start("a", 1'772'413'400'000);
  t.reply("a", 1'772'413'500'000);
  t.close("a", 1'772'413'600'000);
  EXPECT_EQ(d.load_of("comm-a-office"), 0);  // the tracker's decrement reached the new one
}

TEST(case_tracker, unknown_filter_ids_and_moved_from_trackers_throw) {
  api::dispatcher d = api::dispatcher::load(fixtures + "sla.json");
  api::case_tracker t(d);
  std::vector<api::metrics_filter> filters(4);
  filters[0].scope_unit = "street-x";
  filters[1].unit = "nobody";
  filters[2].street = "nowhere";
  filters[3].category = "no.such";
  for (const auto& f : filters) {
    try {
      t.measure(f);
      FAIL() << "an unknown id selected nothing silently";
    } catch (const api::failure& e) {
      EXPECT_EQ(e.code(), "invalid_argument") << e.what();
    }
    EXPECT_THROW(t.cases(f), api::failure);
  }
  api::case_tracker moved = std::move(t);
  EXPECT_EQ(moved.size(), 0);
  try {
    (void)t.size();  // NOLINT(bugprone-use-after-move): the point of the test
    FAIL() << "a moved-from tracker answered";
  } catch (const api::failure& e) {
    EXPECT_EQ(e.code(), "invalid_argument");
  }
}

TEST(case_tracker, submit_after_a_reload_routes_with_the_trackers_ruleset) {
  api::dispatcher d = api::dispatcher::load(fixtures + "sla.json");
  api::case_tracker t(d);
  d.reload();
  api::petition p;
  p.id = "r1";
  p.text = "噪音";
  p.area = "comm-a";
  EXPECT_EQ(t.submit(p, 1'772'413'200'000).lead, "comm-a-office");
  EXPECT_EQ(t.get("r1").lead, "comm-a-office");
  EXPECT_EQ(d.load_of("comm-a-office"), 1);
}

TEST(case_tracker, many_threads_share_one_tracker) {
  api::dispatcher d = api::dispatcher::load(fixtures + "sla.json");
  api::case_tracker t(d);
  const std::int64_t t0 = 1'772'413'200'000;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int k = 0; k < 8; ++k)
    threads.emplace_back([&, k] {
      for (int i = 0; i < 200; ++i) {
        api::petition p;
        p.id = "t" + std::to_string(k) + "-" + std::to_string(i);
        p.text = i % 2 ? "噪音" : "独居老人";
        p.area = k % 2 ? "comm-a" : "comm-b";
        try {
          t.submit(p, t0 + i);
          t.acknowledge(p.id, t0 + i + 1);
          if (i % 3 == 0) t.advance(t0 + std::int64_t(i) * 60'000);
          (void)t.measure();
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(t.size(), 1600);
  const api::metrics m = t.measure();
  EXPECT_EQ(m.volume, 1600);
  EXPECT_EQ(m.acknowledged, 1600);
  std::int64_t loads = 0;
  for (const char* u :
       {"ccc", "dept-env", "street-a", "street-b", "comm-a-office", "comm-b-office"})
    loads += d.load_of(u);
  EXPECT_EQ(loads, 1600);  // every open case counted once
}

// ---- decision_pack ------------------------------------------------------------------------

std::vector<api::petition> case_petitions(const std::string& cases) {
  std::vector<api::petition> ps;
  std::ifstream in(fixtures + cases);
  for (std::string line; std::getline(in, line);)
    if (!line.empty())
      ps.push_back(api::dispatcher::parse_petition(json::parse(line)["petition"].dump()));
  return ps;
}

// Reads a pack back into decisions, by its documented layout.
std::vector<api::decision> unpack(const api::decision_pack& pack) {
  std::size_t k = 0;
  auto num = [&] { return pack.fields.at(k++); };
  auto str = [&] {
    const double i = num();
    return i < 0 ? std::string() : pack.strings.at(std::size_t(i));
  };
  auto list = [&] {
    std::vector<std::string> v{};
    v.resize(std::size_t(num()));
    for (auto& s : v) s = str();
    return v;
  };
  std::vector<api::decision> ds(std::size_t(pack.size));
  for (auto& d : ds) {
    d.id = str();
    d.decided_by = str();
    d.category = str();
    d.category_name = str();
    d.category_path = list();
    d.urgency = str();
    d.confidence = num();
    d.rules = list();
    d.tags = list();
    d.spans.resize(std::size_t(num()));
    for (auto& s : d.spans) {
      s.field = str();
      s.begin = std::int64_t(num());
      s.end = std::int64_t(num());
      s.text = str();
      s.keyword = str();
      s.regex = str();
      s.rule = str();
    }
    d.flags = list();
    if (num() == 0) continue;
    d.area = str();
    d.area_name = str();
    d.location_method = str();
    d.area_candidates = list();
    d.lead = str();
    d.lead_name = str();
    d.tier = str();
    d.assisting.resize(std::size_t(num()));
    for (auto& u : d.assisting) {
      u.id = str();
      u.name = str();
    }
    d.explanation = list();
  }
  EXPECT_EQ(k, pack.fields.size()) << "trailing fields";
  return ds;
}

json every_field(const api::decision& d) {
  json spans = json::array();
  for (const auto& s : d.spans)
    spans.push_back({s.field, s.begin, s.end, s.text, s.keyword, s.regex, s.rule});
  json assisting = json::array();
  for (const auto& u : d.assisting) assisting.push_back({u.id, u.name});
  return {d.id,
          d.decided_by,
          d.category,
          d.category_name,
          d.category_path,
          d.urgency,
          d.confidence,
          d.rules,
          d.tags,
          spans,
          d.flags,
          d.area,
          d.area_name,
          d.location_method,
          d.area_candidates,
          d.lead,
          d.lead_name,
          d.tier,
          assisting,
          d.explanation};
}

json every_field(const std::vector<api::decision>& ds) {
  json out = json::array();
  for (const auto& d : ds) out.push_back(every_field(d));
  return out;
}

TEST(decision_pack, holds_the_decisions_of_classify_and_dispatch) {
  for (const char* name : {"routing", "basic", "collect"}) {
    SCOPED_TRACE(name);
    api::dispatcher d = api::dispatcher::load(fixtures + name + ".json");
    const auto ps = case_petitions(std::string(name) + ".cases.jsonl");
    ASSERT_GE(ps.size(), 4u);
    const auto classified = d.classify_batch(ps);
    const auto dispatched = d.dispatch_batch(ps);
    for (unsigned threads : {1u, 2u, 0u}) {
      SCOPED_TRACE(threads);
      const api::decision_pack c = d.classify_packed(ps, threads);
      EXPECT_EQ(c.size, std::int64_t(ps.size()));
      EXPECT_EQ(every_field(unpack(c)), every_field(classified));
      const api::decision_pack r = d.dispatch_packed(ps, threads);
      EXPECT_EQ(every_field(unpack(r)), every_field(dispatched));
      // Built from the decisions, the block is the same, string for string.
      const api::decision_pack of = api::decision_pack::of(dispatched);
      EXPECT_EQ(of.strings, r.strings);
      EXPECT_EQ(of.fields, r.fields);
    }
  }
}

TEST(decision_pack, names_every_repeated_string_once) {
  api::dispatcher d = api::dispatcher::load(fixtures + "routing.json");
  auto ps = case_petitions("routing.cases.jsonl");
  const std::size_t n = ps.size();
  for (std::size_t i = 0; i < n; ++i) {  // the same petitions again under other ids
    api::petition p = ps[i];
    p.id += "-again";
    ps.push_back(p);
  }
  const api::decision_pack once =
      d.dispatch_packed(std::vector<api::petition>(ps.begin(), ps.begin() + n));
  const api::decision_pack twice = d.dispatch_packed(ps);
  // The second half adds only its ids and its explanation lines.
  std::size_t lines = 0;
  for (const auto& x : unpack(once)) lines += x.explanation.size();
  EXPECT_EQ(twice.strings.size(), once.strings.size() + n + lines);
  EXPECT_EQ(twice.fields.size(), 2 * once.fields.size());
}

TEST(decision_pack, excludes_units_that_returned_the_case) {
  api::dispatcher d = api::dispatcher::load(fixtures + "routing.json");
  const auto ps = case_petitions("routing.cases.jsonl");
  const api::decision first = d.dispatch(ps[0]);
  ASSERT_FALSE(first.lead.empty());
  const auto again = unpack(d.dispatch_packed({ps[0]}, 1, {first.lead}));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(every_field(again[0]), every_field(d.dispatch(ps[0], {first.lead})));
  EXPECT_NE(again[0].lead, first.lead);
}

TEST(decision_pack, packs_an_empty_batch_and_refuses_a_bad_attribute) {
  api::dispatcher d = api::dispatcher::load(fixtures + "basic.json");
  const api::decision_pack empty = d.classify_packed({});
  EXPECT_EQ(empty.size, 0);
  EXPECT_TRUE(empty.fields.empty());
  EXPECT_TRUE(empty.strings.empty());
  api::petition bad;
  bad.id = "x";
  bad.text = "t";
  bad.attributes.push_back({"a", "colour", "", 0});
  try {
    d.classify_packed({bad});
    ADD_FAILURE() << "an unknown attribute kind was accepted";
  } catch (const api::failure& e) {
    EXPECT_EQ(e.code(), "invalid_argument");
  }
}

}  // namespace
