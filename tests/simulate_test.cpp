// `minhu simulate`, end to end: the built binary (MINHU_CLI) replays a small week of petitions
// and lifecycle events on a ruleset written here; every figure asserted below was computed by
// hand from the timeline in the comments.
//
// Calendar "work": Monday-Friday 09:00-12:00 and 13:00-18:00 (8 h a day), UTC+08:00.
// Policy "std" (every category): acknowledge 1 h, respond 4 h, resolve 1 d (8 h), all working
// time, yellow at half the budget; on a resolve breach 督办 to the parent at once ("0m"), then
// to the command centre 4 working hours later.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace {

using nlohmann::json;

constexpr const char* kRuleset = R"({
  "format_version": 1, "id": "sim-mini", "version": "3",
  "calendars": [{"id": "work", "utc_offset": "+08:00", "workweek": [1, 2, 3, 4, 5],
                 "hours": [["09:00", "12:00"], ["13:00", "18:00"]]}],
  "sla_policies": [{"id": "std", "calendar": "work", "time": "working", "acknowledge": "1h",
                    "respond": "4h", "resolve": "1d", "warning": 0.5,
                    "escalation": [{"after": "0m", "to": "parent"},
                                   {"after": "4h", "to": "command_center"}]}],
  "taxonomy": [
    {"id": "env", "name": "环境保护", "sla": "std"},
    {"id": "env.noise", "name": "噪声扰民", "parent": "env"},
    {"id": "urban", "name": "城市管理", "sla": "std"},
    {"id": "urban.light", "name": "路灯损坏", "parent": "urban"}],
  "rules": [
    {"id": "noise", "category": "env.noise", "when": {"text": {"any": ["噪声"]}}},
    {"id": "light", "category": "urban.light", "when": {"text": {"any": ["路灯"]}}}],
  "areas": [
    {"id": "dist", "kind": "district", "name": "清源区"},
    {"id": "st-a", "kind": "street", "name": "东湖街道", "parent": "dist"},
    {"id": "st-b", "kind": "street", "name": "西岭街道", "parent": "dist"}],
  "units": [
    {"id": "ccc", "kind": "command_center", "name": "指挥中心", "serves": ["*"], "areas": ["dist"]},
    {"id": "off-a", "kind": "street", "name": "东湖街道办", "parent": "ccc", "serves": ["*"],
     "areas": ["st-a"]},
    {"id": "off-b", "kind": "street", "name": "西岭街道办", "parent": "ccc", "serves": ["*"],
     "areas": ["st-b"]}],
  "routing": {"tiers": {"medium": ["street"], "big": ["command_center"]}, "command_center": "ccc"}
})";

// Monday 2 March 2026 and the two days after.
//   p1 路灯 st-a Mon 09:00 → off-a. ack 09:30 (due 10:00), start 10:00, reply Mon 17:00 (due
//      18:00), rated 5 and closed Tue 09:00.
//   p7 路灯 st-a Mon 09:05 → off-a; merged into p1 at 09:10 (并单); follows it when it closes.
//   p2 噪声 st-a Mon 10:00 → off-a. ack 11:30 (due 11:00: late, breach), start 13:00 (due 15:00),
//      reply Tue 11:00 (due Tue 10:00: late; breach + 督办 step 0 at 10:00), rated 2 at Tue 12:00
//      → reopened (重办), new resolve deadline Wed 12:00; reply Wed 13:30 (late: breach + step 0
//      again at Wed 12:00), rated 4 and closed Wed 15:00.
//   p3 路灯 st-b Mon 11:00 → off-b. ack 11:45 (due 12:00), start 13:00, paused Mon 15:00 (3 h
//      used), resumed Tue 09:00 → resolve due Tue 15:00 (instead of Tue 11:00), yellow from Tue
//      10:00; escalated by hand Tue 09:30; reply Tue 14:30: on time thanks to the pause.
//   p4 噪声 st-b Mon 14:00 → off-b. Nothing happens: ack breach Mon 15:00, respond breach Mon
//      18:00, resolve breach Tue 14:00 with 督办 step 0 then, step 1 at Tue 18:00.
//   p5 (no rule) st-a Mon 15:00 → manual triage at ccc, no SLA clock. ack and start 15:10, reply
//      16:00, rated 1 at 17:00 (reopened), reply Tue 10:00, rated 3 Tue 11:00.
//   p6 路灯 st-b Tue 09:00 → off-b, which returns it (退回) at 09:05 → ccc. ack 09:10 (due 10:00),
//      start 09:20, reply 10:00, rated 1 at 11:00 → reopened, resolve due Wed 11:00: breach and
//      step 0 then (step 1 would be Wed 16:00).
constexpr const char* kPetitions =
    R"({"id": "p1", "text": "小区门口路灯坏了", "area": "st-a", "received_at": "2026-03-02T09:00:00+08:00"}
{"id": "p2", "text": "工地夜间施工噪声很大", "area": "st-a", "received_at": "2026-03-02T10:00:00+08:00"}
{"id": "p3", "text": "路灯不亮", "area": "st-b", "received_at": "2026-03-02T11:00:00+08:00"}
{"id": "p4", "text": "广场噪声扰民", "area": "st-b", "received_at": "2026-03-02T14:00:00+08:00"}
{"id": "p5", "text": "你好，想咨询一下办事流程", "area": "st-a", "received_at": "2026-03-02T15:00:00+08:00"}

{"id": "p6", "text": "路灯一闪一闪", "area": "st-b", "received_at": "2026-03-03T09:00:00+08:00"}
{"id": "p7", "text": "路灯坏了好几天", "area": "st-a", "received_at": "2026-03-02T09:05:00+08:00"}
{"id": "p8", "text": "路灯坏了"}
)";

// Out of time order on purpose (the replay merges by time). Bad lines: 4 (malformed), 8
// (unknown event), 12 (p4 cannot be replied), 13 (unknown case), 17 (rate without stars),
// 18 (a time without offset).
constexpr const char* kEvents = R"({"case": "p1", "at": 1772415000000, "event": "acknowledge"}
{"case": "p1", "at": "2026-03-02T10:00:00+08:00", "event": "start"}
{"case": "p1", "at": "2026-03-02T17:00:00+08:00", "event": "reply"}
{"case": "p1", "at": }
{"case": "p1", "at": "2026-03-03T09:00:00+08:00", "event": "rate", "stars": 5}
{"case": "p1", "at": "2026-03-03T09:00:00+08:00", "event": "close"}
{"case": "p7", "at": "2026-03-02T09:10:00+08:00", "event": "merge", "primary": "p1"}
{"case": "p2", "at": "2026-03-02T12:00:00+08:00", "event": "repyl"}
{"case": "p2", "at": "2026-03-02T11:30:00+08:00", "event": "acknowledge"}
{"case": "p2", "at": "2026-03-02T13:00:00+08:00", "event": "start"}
{"case": "p2", "at": "2026-03-03T11:00:00+08:00", "event": "reply"}
{"case": "p4", "at": "2026-03-02T16:00:00+08:00", "event": "reply"}
{"case": "p9", "at": "2026-03-02T16:00:00+08:00", "event": "acknowledge"}
{"case": "p2", "at": "2026-03-03T12:00:00+08:00", "event": "rate", "stars": 2}
{"case": "p2", "at": "2026-03-04T13:30:00+08:00", "event": "reply"}
{"case": "p2", "at": "2026-03-04T15:00:00+08:00", "event": "rate", "stars": 4}
{"case": "p1", "at": "2026-03-03T08:00:00+08:00", "event": "rate"}
{"case": "p1", "at": "2026-03-02 10:00", "event": "start"}
{"case": "p2", "at": "2026-03-04T15:00:00+08:00", "event": "close"}
{"case": "p3", "at": "2026-03-02T11:45:00+08:00", "event": "acknowledge"}
{"case": "p3", "at": "2026-03-02T13:00:00+08:00", "event": "start"}
{"case": "p3", "at": "2026-03-02T15:00:00+08:00", "event": "pause"}
{"case": "p3", "at": "2026-03-03T09:00:00+08:00", "event": "resume"}
{"case": "p3", "at": "2026-03-03T09:30:00+08:00", "event": "escalate"}
{"case": "p3", "at": "2026-03-03T14:30:00+08:00", "event": "reply"}
{"case": "p5", "at": "2026-03-02T15:10:00+08:00", "event": "acknowledge"}
{"case": "p5", "at": "2026-03-02T15:10:00+08:00", "event": "start"}
{"case": "p5", "at": "2026-03-02T16:00:00+08:00", "event": "reply"}
{"case": "p5", "at": "2026-03-02T17:00:00+08:00", "event": "rate", "stars": 1}
{"case": "p5", "at": "2026-03-03T10:00:00+08:00", "event": "reply"}
{"case": "p5", "at": "2026-03-03T11:00:00+08:00", "event": "rate", "stars": 3}
{"case": "p6", "at": "2026-03-03T09:05:00+08:00", "event": "return"}
{"case": "p6", "at": "2026-03-03T09:10:00+08:00", "event": "acknowledge"}
{"case": "p6", "at": "2026-03-03T09:20:00+08:00", "event": "start"}
{"case": "p6", "at": "2026-03-03T10:00:00+08:00", "event": "reply"}
{"case": "p6", "at": "2026-03-03T11:00:00+08:00", "event": "rate", "stars": 1}
)";

using minhu_test::contains;
using minhu_test::lines_of;
using minhu_test::read;
using minhu_test::result;
using minhu_test::write;

class Simulate : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/minhu_simulate_test.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    write(path("rs.json"), kRuleset);
    write(path("petitions.jsonl"), kPetitions);
    write(path("events.jsonl"), kEvents);
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  static std::string path(const std::string& name) { return dir_ + "/" + name; }

  // Runs `minhu ARGS` (each argument quoted), optionally with stdin from a file.
  static result run(const std::vector<std::string>& args, const std::string& stdin_path = "") {
    return minhu_test::run_program(MINHU_CLI, args, dir_, stdin_path);
  }

  // The simulation as JSON (the run has bad lines, so it exits 1).
  static json simulate_json(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "simulate",           "-r",    path("rs.json"), path("petitions.jsonl"), "--events",
        path("events.jsonl"), "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const result r = run(args);
    EXPECT_EQ(r.status, 1) << r.err;
    try {
      return json::parse(r.out);
    } catch (const json::exception& e) {
      ADD_FAILURE() << e.what() << "\n" << r.out << "\n" << r.err;
      return json::object();
    }
  }

  static const json& row(const json& rows, const std::string& key, const json& id) {
    for (const auto& r : rows)
      if (r.at(key) == id) return r;
    ADD_FAILURE() << "no row " << id << " in " << rows.dump();
    static const json empty = json::object();
    return empty;
  }

  static std::string dir_;
};
std::string Simulate::dir_;

// Counts and rates of one metrics object.
void expect_metrics(const json& m, std::int64_t volume, std::int64_t resolved, std::int64_t on_time,
                    std::int64_t rated, std::int64_t satisfied, std::int64_t ack_on_time,
                    std::int64_t closed, std::int64_t open, std::int64_t blue, std::int64_t yellow,
                    std::int64_t red) {
  EXPECT_EQ(m.at("volume"), volume) << m.dump();
  EXPECT_EQ(m.at("resolved"), resolved) << m.dump();
  EXPECT_EQ(m.at("resolved_on_time"), on_time) << m.dump();
  EXPECT_EQ(m.at("rated"), rated) << m.dump();
  EXPECT_EQ(m.at("satisfied"), satisfied) << m.dump();
  EXPECT_EQ(m.at("acknowledged_on_time"), ack_on_time) << m.dump();
  EXPECT_EQ(m.at("closed"), closed) << m.dump();
  EXPECT_EQ(m.at("open"), open) << m.dump();
  EXPECT_EQ(m.at("blue"), blue) << m.dump();
  EXPECT_EQ(m.at("yellow"), yellow) << m.dump();
  EXPECT_EQ(m.at("red"), red) << m.dump();
  auto rate = [&](const char* key, std::int64_t num, std::int64_t den) {
    if (den == 0)
      EXPECT_TRUE(m.at(key).is_null()) << key << " " << m.dump();
    else
      EXPECT_NEAR(m.at(key).get<double>(), double(num) / double(den), 1e-6) << key;
  };
  rate("completion_rate", resolved, volume);
  rate("timeliness_rate", on_time, resolved);
  rate("satisfaction_rate", satisfied, rated);
  rate("response_rate", ack_on_time, volume);
}

// ---------------------------------------------------------------------------------------------

TEST_F(Simulate, HandComputedWeek) {
  const json j = simulate_json();
  ASSERT_TRUE(j.contains("totals")) << j.dump();
  EXPECT_EQ(j.at("ruleset").at("id"), "sim-mini");
  EXPECT_EQ(j.at("ruleset").at("version"), "3");
  EXPECT_EQ(j.at("petitions"), 7);  // p8 has no received_at
  EXPECT_EQ(j.at("events"), 30);    // 36 lines, 6 bad
  EXPECT_EQ(j.at("errors"), 7);
  EXPECT_EQ(j.at("ignored_after_until"), 0);
  // The clock runs from the first petition to the last event (Wed 15:00).
  EXPECT_EQ(j.at("from"), "2026-03-02T09:00:00.000+08:00");
  EXPECT_EQ(j.at("until"), "2026-03-04T15:00:00.000+08:00");
  EXPECT_EQ(j.at("until_ms"), 1772607600000);

  // 一量三率: 7 cases; replied p1 p2 p3 p5, and p7 with its primary p1 (p4 never, p6 reopened);
  // on time p1 p7 p3 (thanks to the pause) p5 (no clock), p2 late; final ratings 5 4 3 1;
  // acknowledged on time p1 p3 p5 p6 (p2 late, p4 never, p7 merged); closed p1 p2 and p7 with its
  // primary. Open: p3 (replied, blue), p5 (no clock, blue), p4 and p6 (red).
  expect_metrics(j.at("totals"), 7, 5, 4, 4, 3, 4, 3, 4, 2, 0, 2);
  EXPECT_EQ(j.at("colours"), json::parse(R"({"open": 4, "blue": 2, "yellow": 0, "red": 2})"));
  // Breaches: acknowledge p2 p4; respond p4; resolve p2 (twice: before and after the redo), p4,
  // p6. Escalation steps: p2 step 0 twice, p4 steps 0 and 1, p6 step 0; p3 by hand.
  EXPECT_EQ(j.at("breaches"), json::parse(R"({"acknowledge": 2, "respond": 1, "resolve": 4})"));
  EXPECT_EQ(j.at("escalations"),
            json::parse(R"({"automatic": 5, "manual": 1, "supervised_cases": 4})"));
  EXPECT_EQ(j.at("returned"), 1);
  EXPECT_EQ(j.at("reopened"), 3);
  EXPECT_EQ(j.at("merged"), 1);
  EXPECT_EQ(j.at("without_sla"), 1);

  // Per street: st-a has p1 p2 p5 p7, st-b p3 p4 p6.
  const json& streets = j.at("by_street");
  ASSERT_EQ(streets.size(), 2u) << streets.dump();
  expect_metrics(row(streets, "id", "st-a"), 4, 4, 3, 3, 3, 2, 3, 1, 1, 0, 0);
  expect_metrics(row(streets, "id", "st-b"), 3, 1, 1, 1, 0, 2, 0, 3, 1, 0, 2);
  EXPECT_EQ(row(streets, "id", "st-a").at("name"), "东湖街道");

  // Per lead unit (the current lead): off-a p1 p2 p7; off-b p3 p4; ccc p5 (triage) and p6
  // (returned by off-b).
  const json& units = j.at("by_unit");
  ASSERT_EQ(units.size(), 3u) << units.dump();
  EXPECT_EQ(units[0].at("id"), "off-a");  // sorted by volume, then id
  expect_metrics(row(units, "id", "off-a"), 3, 3, 2, 2, 2, 1, 3, 0, 0, 0, 0);
  expect_metrics(row(units, "id", "off-b"), 2, 1, 1, 0, 0, 1, 0, 2, 1, 0, 1);
  expect_metrics(row(units, "id", "ccc"), 2, 1, 1, 2, 1, 2, 0, 2, 1, 0, 1);

  // Per loop tier: the street offices are the medium loop, the command centre the big one.
  const json& tiers = j.at("by_tier");
  ASSERT_EQ(tiers.size(), 2u) << tiers.dump();
  expect_metrics(row(tiers, "tier", "medium"), 5, 4, 3, 2, 2, 2, 3, 2, 1, 0, 1);
  expect_metrics(row(tiers, "tier", "big"), 2, 1, 1, 2, 1, 2, 0, 2, 1, 0, 1);

  // Per first-level category, and manual triage (id null).
  const json& cats = j.at("by_category");
  ASSERT_EQ(cats.size(), 3u) << cats.dump();
  expect_metrics(row(cats, "id", "env"), 2, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1);
  expect_metrics(row(cats, "id", "urban"), 4, 3, 3, 2, 1, 3, 2, 2, 1, 0, 1);
  expect_metrics(row(cats, "id", nullptr), 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0);
}

TEST_F(Simulate, BadLinesAreReportedWithTheirLineNumbers) {
  const result r = run({"simulate", "-r", path("rs.json"), path("petitions.jsonl"), "--events",
                        path("events.jsonl")});
  EXPECT_EQ(r.status, 1);
  const std::string ev = path("events.jsonl") + ":", pe = path("petitions.jsonl") + ":";
  const auto errs = lines_of(r.err);
  ASSERT_EQ(errs.size(), 7u) << r.err;
  auto has = [&](const std::string& prefix, const std::string& what) {
    for (const auto& l : errs)
      if (l.rfind(prefix, 0) == 0 && contains(l, what)) return true;
    return false;
  };
  EXPECT_TRUE(has(pe + "9: ", "received_at")) << r.err;  // line 6 is blank
  EXPECT_TRUE(has(ev + "4: ", "invalid JSON")) << r.err;
  EXPECT_TRUE(has(ev + "8: ", "unknown event \"repyl\"")) << r.err;
  EXPECT_TRUE(has(ev + "12: ", "reply: case \"p4\" cannot be")) << r.err;
  EXPECT_TRUE(has(ev + "13: ", "unknown case \"p9\"")) << r.err;
  EXPECT_TRUE(has(ev + "17: ", "rate needs \"stars\"")) << r.err;
  EXPECT_TRUE(has(ev + "18: ", "\"at\"")) << r.err;
  // The report still comes, on stdout.
  EXPECT_TRUE(contains(r.out, "replayed 7 petitions and 30 events (7 bad lines skipped)")) << r.out;
}

TEST_F(Simulate, TableOutput) {
  const result r = run({"simulate", "-r", path("rs.json"), path("petitions.jsonl"), "--events",
                        path("events.jsonl")});
  EXPECT_EQ(r.status, 1);
  const std::string& o = r.out;
  EXPECT_TRUE(contains(o, "ruleset sim-mini 3")) << o;
  EXPECT_TRUE(contains(o, "virtual clock 2026-03-02 09:00 → 2026-03-04 15:00 (UTC+08:00)")) << o;
  // all cases: volume 7, completion 4 57.1%, timeliness 3 75.0%, satisfaction 3 75.0%,
  // response 4 57.1%, open 4, red 2.
  bool found = false;
  for (const auto& l : lines_of(o)) {
    if (l.rfind("all cases", 0) != 0) continue;
    found = true;
    std::istringstream in(l.substr(9));
    std::vector<std::string> f;
    for (std::string x; in >> x;) f.push_back(x);
    EXPECT_EQ(f, (std::vector<std::string>{"7", "5", "71.4%", "4", "80.0%", "3", "75.0%", "4",
                                           "57.1%", "4", "2"}))
        << l;
  }
  EXPECT_TRUE(found) << o;
  for (const char* s : {"by street / town", "东湖街道", "西岭街道", "by loop tier of the lead unit",
                        "medium loop (中闭环)", "big loop (大闭环)", "by category", "环境保护 env",
                        "(manual triage)", "lead units", "东湖街道办", "指挥中心"})
    EXPECT_TRUE(contains(o, s)) << s << "\n" << o;
  EXPECT_TRUE(contains(o, "open cases (三色): 4 — blue 2 · yellow 0 · red 2")) << o;
  EXPECT_TRUE(contains(o, "deadlines breached: acknowledge 2 · respond 1 · resolve 4")) << o;
  EXPECT_TRUE(contains(o, "escalations (督办): 5 automatic, 1 by hand; 4 cases supervised")) << o;
  EXPECT_TRUE(contains(o, "returned (退回) 1 · reopened for redo (重办) 3 · merged (并单) 1")) << o;
  EXPECT_TRUE(contains(o, "cases without an SLA clock (manual triage or no policy): 1")) << o;

  // --top limits the unit list; -o writes the same report to a file.
  const result top = run({"simulate", "-r", path("rs.json"), path("petitions.jsonl"), "--events",
                          path("events.jsonl"), "--top", "1", "-o", path("report.txt")});
  EXPECT_EQ(top.status, 1);
  EXPECT_EQ(top.out, "");
  const std::string rep = read(path("report.txt"));
  EXPECT_TRUE(contains(rep, "lead units (top 1 of 3)")) << rep;
  EXPECT_TRUE(contains(rep, "东湖街道办")) << rep;
  EXPECT_FALSE(contains(rep, "西岭街道办")) << rep;
}

TEST_F(Simulate, UntilStopsTheClockAndIgnoresLaterItems) {
  // Tuesday 12:00 (items at exactly 12:00 still count).
  const json j = simulate_json({"--until", "2026-03-03T12:00:00+08:00"});
  ASSERT_TRUE(j.contains("totals")) << j.dump();
  EXPECT_EQ(j.at("until"), "2026-03-03T12:00:00.000+08:00");
  // Later: p2 reply/rate/close on Wednesday, p3 reply Tue 14:30.
  EXPECT_EQ(j.at("ignored_after_until"), 4);
  EXPECT_EQ(j.at("errors"), 7);
  // Replied p1 p5 (both on time); p2 p6 reopened, p3 not yet. Ratings: p1 5, p2 2, p5 3, p6 1.
  // Open: p2 (reopened, blue until Tue 17:00), p3 (yellow since Tue 10:00: 1 h of budget left
  // after the pause), p4 (red), p5 and p6 (blue).
  expect_metrics(j.at("totals"), 7, 3, 3, 4, 2, 4, 2, 5, 3, 1, 1);
  EXPECT_EQ(j.at("breaches"), json::parse(R"({"acknowledge": 2, "respond": 1, "resolve": 1})"));
  EXPECT_EQ(j.at("escalations"),
            json::parse(R"({"automatic": 1, "manual": 1, "supervised_cases": 2})"));

  // Same instant as epoch milliseconds.
  const json k = simulate_json({"--until", "1772510400000"});
  EXPECT_EQ(k.at("totals"), j.at("totals"));

  // Advancing beyond the last event: at Wed 18:00 p6's second escalation step (Wed 16:00) has
  // fired too.
  const json w = simulate_json({"--until", "2026-03-04T18:00:00+08:00"});
  EXPECT_EQ(w.at("escalations").at("automatic"), 6);
  EXPECT_EQ(w.at("ignored_after_until"), 0);
}

TEST_F(Simulate, PetitionsOnly) {
  // Without events the clock stops at the last petition (p6, Tue 09:00): every case opened on
  // Monday has missed its acknowledge deadline (red: p1 p7 p2 p3 p4); p6 has just opened and p5
  // has no clock (blue).
  const result r = run({"simulate", "-r", path("rs.json"), path("petitions.jsonl"), "--json"});
  EXPECT_EQ(r.status, 1);  // p8
  const json j = json::parse(r.out);
  EXPECT_EQ(j.at("events"), 0);
  expect_metrics(j.at("totals"), 7, 0, 0, 0, 0, 0, 0, 7, 2, 0, 5);
  EXPECT_EQ(j.at("breaches").at("acknowledge"), 5);
  // Respond (4 h): p1 Mon 14:00, p7 14:05, p2 15:00, p3 16:00, p4 18:00.
  EXPECT_EQ(j.at("breaches").at("respond"), 5);
  // Resolve (8 h): only p1 (Mon 18:00); p7's runs out at Tue 09:05, p2's at Tue 10:00.
  EXPECT_EQ(j.at("breaches").at("resolve"), 1);
  EXPECT_EQ(j.at("escalations").at("automatic"), 1);  // p1 step 0; step 1 would be Tue 13:00
}

TEST_F(Simulate, StdinAndUsage) {
  // Petitions from stdin.
  const result r =
      run({"simulate", "-r", path("rs.json"), "-", "--events", path("events.jsonl"), "--json"},
          path("petitions.jsonl"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(json::parse(r.out).at("petitions"), 7);
  EXPECT_TRUE(contains(r.err, "<stdin>:9: ")) << r.err;

  const result help = run({"simulate", "--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_TRUE(contains(help.out, "usage: minhu simulate -r RULESET IN.jsonl")) << help.out;
  for (const char* opt : {"--events", "--until", "--json", "--top"})
    EXPECT_TRUE(contains(help.out, opt)) << opt;
  EXPECT_TRUE(contains(run({"--help"}).out, "simulate -r RULESET IN")) << "listed in main help";

  struct usage_case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<usage_case> cases = {
      {{"simulate", path("petitions.jsonl")}, "simulate needs -r RULESET"},
      {{"simulate", "-r", path("rs.json")}, "simulate takes one petitions file"},
      {{"simulate", "-r", path("rs.json"), "a", "b"}, "simulate takes one petitions file"},
      {{"simulate", "-r", path("rs.json"), "-", "--events", "-"}, "only one of IN and --events"},
      {{"simulate", "-r", path("rs.json"), "x", "--until", "tomorrow"}, "--until expects"},
      {{"simulate", "-r", path("rs.json"), "x", "--frob"}, "unknown option --frob"},
      {{"simulate", "-r", path("rs.json"), "x", "--top", "many"}, "--top expects a number"},
  };
  for (const auto& c : cases) {
    const auto u = run(c.args);
    EXPECT_EQ(u.status, 2) << c.message << "\n" << u.err;
    EXPECT_TRUE(contains(u.err, c.message)) << u.err;
  }
  // A missing input file is an I/O error, not a usage error.
  const auto missing = run({"simulate", "-r", path("rs.json"), path("nope.jsonl")});
  EXPECT_EQ(missing.status, 1);
  EXPECT_TRUE(contains(missing.err, "cannot read input file")) << missing.err;
}

TEST_F(Simulate, EventFieldsAreChecked) {
  // One petition and a series of events, each wrong in its own way.
  write(
      path("one.jsonl"),
      R"({"id": "q1", "text": "路灯坏了", "area": "st-a", "received_at": "2026-03-02T09:00:00+08:00"})"
      "\n");
  write(path("bad_events.jsonl"),
        R"({"case": "q1", "at": "2026-03-02T09:10:00+08:00", "event": "acknowledge", "who": "x"}
{"case": "q1", "at": "2026-03-02T09:10:00+08:00", "event": "acknowledge", "stars": 3}
{"case": "q1", "at": "2026-03-02T09:10:00+08:00", "event": "rate", "stars": 6}
{"case": "q1", "at": "2026-03-02T09:10:00+08:00", "event": "rate", "stars": "5"}
{"case": "q1", "at": 1.5, "event": "start"}
{"case": "", "at": 0, "event": "start"}
{"case": "q1", "at": "2026-03-02T09:10:00+08:00", "event": "reassign"}
{"case": "q1", "at": "2026-03-02T09:10:00+08:00", "event": "merge"}
{"case": "q1", "at": "2026-03-02T09:10:00+08:00", "event": "close", "unit": "ccc"}
{"case": "q1", "at": "2026-03-02T09:10:00+08:00", "event": {"x": 1}}
{"case": "q1", "at": "2026-03-02T09:10:00+08:00", "event": "acknowledge", "case": "q2"}
["q1"]
{"case": "q1", "at": "2026-03-02T09:20:00+08:00", "event": "ackn\u006fwledge", "unit": null}
{"case": "q1", "at": "2026-03-02T09:30:00+08:00", "event": "reassign", "unit": "off-b"}
)");
  const result r = run({"simulate", "-r", path("rs.json"), path("one.jsonl"), "--events",
                        path("bad_events.jsonl"), "--json"});
  EXPECT_EQ(r.status, 1);
  const auto errs = lines_of(r.err);
  const std::vector<std::string> want = {
      ":1: \"who\": unknown field",
      ":2: \"stars\" only goes with \"rate\"",
      ":3: \"stars\": a rating is 1 to 5 stars, not 6",
      ":4: \"stars\": expected an integer",
      ":5: \"at\": expected epoch milliseconds or an ISO-8601 string, found a number",
      ":6: \"case\": must not be empty",
      ":7: reassign needs \"unit\"",
      ":8: merge needs \"primary\"",
      ":9: \"unit\" only goes with reassign, return or escalate",
      ":10: \"event\": expected a string or a number, found an object",
      ":11: ",
      ":12: "};
  ASSERT_EQ(errs.size(), want.size()) << r.err;
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_TRUE(contains(errs[i], want[i])) << errs[i] << "\n  wanted " << want[i];
  EXPECT_TRUE(contains(errs[10], "duplicate field \"case\"")) << errs[10];
  EXPECT_TRUE(contains(errs[11], "expected a JSON object")) << errs[11];
  // The two good lines (an escaped event name with a null field, a reassignment) went through.
  const json j = json::parse(r.out);
  EXPECT_EQ(j.at("events"), 2);
  ASSERT_EQ(j.at("by_unit").size(), 1u);
  EXPECT_EQ(j.at("by_unit").at(0).at("id"), "off-b");
}

}  // namespace
