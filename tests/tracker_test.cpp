// The case tracker on the shared SLA fixture (rulesets/fixtures/sla.json). Its calendar works
// Mon-Fri 09:00-12:00 and 13:00-18:00 (+08:00); Wednesday 2026-03-04 is a holiday and Saturday
// 2026-03-07 a working day. Policy "std": acknowledge 2h, respond 1d (8h), resolve 3d (24h),
// warning at half the budget; urgent cases run in calendar time (30m / 2h / 1d).
#include "minhu/tracker.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

const std::string fixture = std::string(MINHU_SOURCE_DIR) + "/rulesets/fixtures/sla.json";

// Epoch ms of 2026-03-DD HH:MM local (+08:00).
std::int64_t at(int day, int hh, int mm = 0) {
  const std::int64_t days = minhu::detail::days_from_civil(2026, 3, unsigned(day));
  return ((days * 24 + hh - 8) * 60 + mm) * 60'000;
}

class tracker_test : public testing::Test {
 protected:
  tracker_test() : engine_(fixture), t_(engine_.snapshot(), engine_.loads(), &journal_) {}

  minhu::status open(const std::string& id, const std::string& text, const std::string& area,
                     std::int64_t now) {
    minhu::petition p;
    p.id = id;
    p.text = text;
    p.area = area;
    return t_.open(id, engine_.dispatch(p), now);
  }
  const minhu::case_record& c(const std::string& id) { return *t_.find(id); }
  std::string lead(const std::string& id) {
    return engine_.snapshot()->organisation()[std::uint32_t(c(id).lead)].id;
  }
  std::int64_t load(const std::string& unit) {
    return engine_.loads()->get(std::uint32_t(engine_.snapshot()->organisation().find(unit)));
  }
  static std::vector<std::string> kinds(const std::vector<minhu::event>& es) {
    std::vector<std::string> out;
    for (const auto& e : es) out.emplace_back(minhu::to_string(e.kind));
    return out;
  }

  minhu::engine engine_;
  minhu::memory_journal journal_;
  minhu::tracker t_;
};

TEST_F(tracker_test, the_whole_lifecycle) {
  ASSERT_TRUE(open("c1", "楼下噪音", "comm-a", at(2, 9)));
  EXPECT_EQ(c("c1").state, minhu::case_state::assigned);
  EXPECT_EQ(lead("c1"), "comm-a-office");  // medium loop, community before street at equal load
  EXPECT_EQ(load("comm-a-office"), 1);
  ASSERT_TRUE(t_.acknowledge("c1", at(2, 9, 30)));
  ASSERT_TRUE(t_.start("c1", at(2, 10)));
  ASSERT_TRUE(t_.reply("c1", at(3, 11)));
  ASSERT_TRUE(t_.rate("c1", 5, at(3, 15)));
  EXPECT_EQ(c("c1").state, minhu::case_state::rated);
  ASSERT_TRUE(t_.close("c1", at(3, 16)));
  EXPECT_EQ(c("c1").state, minhu::case_state::closed);
  EXPECT_EQ(load("comm-a-office"), 0);
  EXPECT_EQ(kinds(journal_.events()), (std::vector<std::string>{"opened", "acknowledged", "started",
                                                                "replied", "rated", "closed"}));
  for (std::size_t i = 0; i < journal_.events().size(); ++i)
    EXPECT_EQ(journal_.events()[i].seq, std::int64_t(i + 1));
  EXPECT_TRUE(c("c1").on_time[0] && c("c1").on_time[1] && c("c1").on_time[2]);
}

TEST_F(tracker_test, deadlines_follow_the_working_calendar) {
  ASSERT_TRUE(open("c1", "噪音", "comm-a", at(2, 9)));
  const auto& d = c("c1").due;
  EXPECT_EQ(d.acknowledge_warn, at(2, 10));
  EXPECT_EQ(d.acknowledge_due, at(2, 11));
  EXPECT_EQ(d.respond_warn, at(2, 14));  // 4 working hours: 09-12, then 13-14
  EXPECT_EQ(d.respond_due, at(2, 18));
  EXPECT_EQ(d.resolve_warn, at(3, 14));  // 12h: Monday's 8h, Tuesday 09-12 and 13-14
  EXPECT_EQ(d.resolve_due, at(5, 18));   // 24h: Mon, Tue, (Wed holiday), Thu
  // Urgent: calendar time.
  ASSERT_TRUE(open("c2", "燃气味道", "comm-a", at(2, 22)));
  EXPECT_EQ(c("c2").due.acknowledge_due, at(2, 22, 30));
  EXPECT_EQ(c("c2").due.resolve_due, at(3, 22));
}

TEST_F(tracker_test, invalid_transitions_change_nothing) {
  ASSERT_TRUE(open("c1", "噪音", "comm-a", at(2, 9)));
  const auto before = c("c1");
  const auto seq = t_.last_seq();
  const auto j = journal_.events().size();
  const std::vector<minhu::status> bad{
      t_.start("c1", at(2, 9, 5)),                      // not acknowledged yet
      t_.reply("c1", at(2, 9, 5)),                      // not started
      t_.rate("c1", 4, at(2, 9, 5)),                    // not replied
      t_.close("c1", at(2, 9, 5)),                      // not replied
      t_.rate("c1", 9, at(2, 9, 5)),                    // not a rating
      t_.acknowledge("nope", at(2, 9, 5)),              // unknown case
      open("c1", "噪音", "comm-a", at(2, 9, 5)),        // already open
      t_.resume("c1", at(2, 9, 5)),                     // not paused
      t_.merge("c1", "c1", at(2, 9, 5)),                // into itself
      t_.return_case("c1", "street-b", at(2, 9, 5)),    // not the lead
      t_.reassign("c1", "comm-a-office", at(2, 9, 5)),  // already its lead
      t_.reassign("c1", "nobody", at(2, 9, 5)),
  };
  for (const auto& s : bad) {
    EXPECT_FALSE(s.ok());
    EXPECT_FALSE(s.message().empty());
  }
  EXPECT_NE(bad[0].message().find("cannot be started while assigned"), std::string::npos)
      << bad[0].message();
  EXPECT_EQ(t_.last_seq(), seq);
  EXPECT_EQ(journal_.events().size(), j);
  EXPECT_EQ(c("c1").state, before.state);
  EXPECT_EQ(c("c1").lead, before.lead);
}

TEST_F(tracker_test, colours_change_at_exact_boundaries) {
  ASSERT_TRUE(open("c1", "噪音", "comm-a", at(2, 9)));
  EXPECT_TRUE(t_.advance(at(2, 10) - 1).empty());
  auto es = t_.advance(at(2, 10));
  ASSERT_EQ(kinds(es), std::vector<std::string>{"colour_changed"});
  EXPECT_EQ(es[0].at, at(2, 10));
  EXPECT_EQ(es[0].value, 1);  // yellow
  EXPECT_EQ(c("c1").colour, minhu::colour::yellow);
  EXPECT_TRUE(t_.advance(at(2, 11) - 1).empty());
  es = t_.advance(at(2, 11));
  ASSERT_EQ(kinds(es), (std::vector<std::string>{"breached", "colour_changed"}));
  EXPECT_EQ(es[0].value, 0);  // the acknowledge deadline
  EXPECT_EQ(c("c1").colour, minhu::colour::red);
  // Acknowledging late: the remaining clocks decide the colour (respond turned yellow at 14:00).
  ASSERT_TRUE(t_.acknowledge("c1", at(2, 15)));
  EXPECT_FALSE(c("c1").on_time[0]);
  EXPECT_EQ(c("c1").colour, minhu::colour::yellow);
}

TEST_F(tracker_test, paused_time_does_not_count) {
  ASSERT_TRUE(open("c1", "噪音", "comm-a", at(2, 9)));
  ASSERT_TRUE(t_.pause("c1", at(2, 9, 30)));
  EXPECT_FALSE(t_.pause("c1", at(2, 9, 40)));
  EXPECT_FALSE(t_.acknowledge("c1", at(2, 9, 40)));  // paused: resume first
  EXPECT_TRUE(t_.advance(at(3, 9)).empty());         // no clock while paused
  ASSERT_TRUE(t_.resume("c1", at(3, 10)));
  // 30 working minutes were used before the pause: 1h30 of acknowledge budget remains.
  EXPECT_EQ(c("c1").due.acknowledge_due, at(3, 11, 30));
  EXPECT_EQ(c("c1").due.acknowledge_warn, at(3, 10, 30));
  auto es = t_.advance(at(3, 11, 30));
  EXPECT_EQ(kinds(es), (std::vector<std::string>{"colour_changed", "breached", "colour_changed"}));
}

TEST_F(tracker_test, escalation_climbs_the_organisation) {
  ASSERT_TRUE(open("c1", "噪音", "comm-a", at(2, 9)));
  ASSERT_TRUE(t_.acknowledge("c1", at(2, 9, 10)));
  ASSERT_TRUE(t_.start("c1", at(2, 9, 20)));
  // Resolve deadline Thu 18:00; steps at +0 (parent), +1 working day (its parent), +2 (ccc).
  auto es = t_.advance(at(5, 18));
  std::vector<minhu::event> esc;
  for (const auto& e : es)
    if (e.kind == minhu::event_kind::auto_escalated) esc.push_back(e);
  ASSERT_EQ(esc.size(), 1u);
  EXPECT_EQ(esc[0].unit, "street-a");
  es = t_.advance(at(7, 18));  // Saturday the 7th is a working day
  esc.clear();
  for (const auto& e : es)
    if (e.kind == minhu::event_kind::auto_escalated) esc.push_back(e);
  ASSERT_EQ(esc.size(), 2u);
  EXPECT_EQ(esc[0].at, at(6, 18));
  EXPECT_EQ(esc[0].unit, "ccc");
  EXPECT_EQ(esc[1].at, at(7, 18));
  EXPECT_EQ(esc[1].unit, "ccc");
  EXPECT_TRUE(c("c1").supervised);
  EXPECT_EQ(c("c1").escalation_level, 3);
  // Manual 督办 as well.
  ASSERT_TRUE(t_.escalate("c1", at(9, 9), "dept-env"));
  EXPECT_EQ(c("c1").escalation_level, 4);
}

TEST_F(tracker_test, low_rating_reopens_for_redo_with_a_new_deadline) {
  ASSERT_TRUE(open("c1", "噪音", "comm-a", at(2, 9)));
  ASSERT_TRUE(t_.acknowledge("c1", at(2, 9)));
  ASSERT_TRUE(t_.start("c1", at(2, 9)));
  ASSERT_TRUE(t_.reply("c1", at(2, 17)));
  ASSERT_TRUE(t_.rate("c1", 2, at(3, 9)));
  EXPECT_EQ(c("c1").state, minhu::case_state::in_progress);
  EXPECT_EQ(c("c1").reopened, 1);
  EXPECT_EQ(c("c1").due.resolve_due, at(6, 18));  // 3 working days from Tue 09:00
  EXPECT_EQ(journal_.events().back().kind, minhu::event_kind::reopened);
  EXPECT_FALSE(t_.close("c1", at(3, 10)));  // must be replied again first
  ASSERT_TRUE(t_.reply("c1", at(3, 16)));
  ASSERT_TRUE(t_.rate("c1", 4, at(3, 17)));
  ASSERT_TRUE(t_.close("c1", at(3, 17)));
}

TEST_F(tracker_test, returns_reroute_without_the_returning_units) {
  ASSERT_TRUE(open("c1", "噪音", "comm-a", at(2, 9)));
  EXPECT_EQ(lead("c1"), "comm-a-office");
  ASSERT_TRUE(t_.return_case("c1", "comm-a-office", at(2, 9, 30)));
  EXPECT_EQ(lead("c1"), "street-a");
  EXPECT_EQ(load("comm-a-office"), 0);
  EXPECT_EQ(load("street-a"), 1);
  ASSERT_TRUE(t_.return_case("c1", "street-a", at(2, 9, 40)));
  EXPECT_EQ(lead("c1"), "ccc");  // max_returns 2: the command centre decides
  ASSERT_TRUE(t_.reassign("c1", "dept-env", at(2, 10)));
  EXPECT_EQ(lead("c1"), "dept-env");
  EXPECT_EQ(load("dept-env"), 1);
}

TEST_F(tracker_test, merged_duplicates_follow_their_primary) {
  ASSERT_TRUE(open("p", "噪音", "comm-a", at(2, 9)));
  ASSERT_TRUE(open("d", "又是噪音", "comm-a", at(2, 9, 5)));
  // Least loaded: the community office (1/5) is busier than the street office (0/20).
  EXPECT_EQ(lead("d"), "street-a");
  EXPECT_EQ(load("street-a"), 1);
  ASSERT_TRUE(t_.merge("d", "p", at(2, 9, 10)));
  EXPECT_EQ(load("street-a"), 0);                   // a duplicate is no extra work
  EXPECT_FALSE(t_.acknowledge("d", at(2, 9, 20)));  // it follows the primary now
  ASSERT_TRUE(t_.acknowledge("p", at(2, 9, 20)));
  ASSERT_TRUE(t_.start("p", at(2, 9, 30)));
  ASSERT_TRUE(t_.reply("p", at(2, 10)));
  ASSERT_TRUE(t_.close("p", at(2, 11)));
  EXPECT_EQ(c("d").state, minhu::case_state::closed);
  EXPECT_EQ(journal_.events().back().kind, minhu::event_kind::followed);
}

TEST_F(tracker_test, metrics_match_hand_computed_values) {
  // c1: resolved on time, 5 stars. c2: resolved late, 2 stars then 3 after redo.
  // c3: acknowledged late, still open and red. c4 (street B): untouched, open.
  ASSERT_TRUE(open("c1", "噪音", "comm-a", at(2, 9)));
  ASSERT_TRUE(open("c2", "噪音", "comm-a", at(2, 9)));
  ASSERT_TRUE(open("c3", "独居老人", "comm-a", at(2, 9)));
  ASSERT_TRUE(open("c4", "噪音", "comm-b", at(2, 9)));
  for (const char* id : {"c1", "c2"}) {
    ASSERT_TRUE(t_.acknowledge(id, at(2, 9, 30)));
    ASSERT_TRUE(t_.start(id, at(2, 10)));
  }
  ASSERT_TRUE(t_.reply("c1", at(3, 10)));
  ASSERT_TRUE(t_.rate("c1", 5, at(3, 11)));
  ASSERT_TRUE(t_.close("c1", at(3, 11)));
  t_.advance(at(6, 9));  // past c2's resolve deadline (Thu 18:00)
  ASSERT_TRUE(t_.reply("c2", at(6, 10)));
  ASSERT_TRUE(t_.rate("c2", 2, at(6, 11)));  // reopened
  ASSERT_TRUE(t_.reply("c2", at(6, 12)));
  ASSERT_TRUE(t_.rate("c2", 3, at(6, 13)));
  ASSERT_TRUE(t_.acknowledge("c3", at(6, 14)));  // days late
  t_.advance(at(6, 15));
  const minhu::metrics m = t_.measure();
  EXPECT_EQ(m.volume, 4);
  EXPECT_EQ(m.resolved, 2);
  EXPECT_EQ(m.resolved_on_time, 2);  // c2's redo got a new deadline and met it
  EXPECT_EQ(m.rated, 2);
  EXPECT_EQ(m.satisfied, 2);  // 5 and 3 stars
  EXPECT_EQ(m.acknowledged, 3);
  EXPECT_EQ(m.acknowledged_on_time, 2);
  EXPECT_EQ(m.closed, 1);
  EXPECT_EQ(m.open, 3);
  EXPECT_EQ(m.red, 2);  // c3 (respond and resolve overdue), c4
  EXPECT_EQ(m.blue + m.yellow + m.red, m.open);
  EXPECT_DOUBLE_EQ(m.completion_rate(), 0.5);
  EXPECT_DOUBLE_EQ(m.satisfaction_rate(), 1.0);
  EXPECT_DOUBLE_EQ(m.response_rate(), 0.5);
  // Per street, unit, category and period.
  minhu::metrics_filter f;
  f.street = "st-b";
  EXPECT_EQ(t_.measure(f).volume, 1);
  f = {};
  f.category = "env";
  EXPECT_EQ(t_.measure(f).volume, 3);
  f = {};
  f.unit = "comm-a-office";  // c1; c2 and c3 went to the less loaded street office
  EXPECT_EQ(lead("c2"), "street-a");
  EXPECT_EQ(t_.measure(f).volume, 1);
  f.unit = "street-a";
  EXPECT_EQ(t_.measure(f).volume, 2);
  f = {};
  f.from = at(3, 0);
  f.to = at(9, 0);
  EXPECT_EQ(t_.measure(f).volume, 0);
}

TEST_F(tracker_test, scoped_views_never_show_another_subtree) {
  ASSERT_TRUE(open("a1", "噪音", "comm-a", at(2, 9)));
  ASSERT_TRUE(open("b1", "噪音", "comm-b", at(2, 9)));
  ASSERT_TRUE(open("b2", "独居老人", "comm-b", at(2, 9)));
  for (const auto* c : t_.visible_to("street-a")) EXPECT_EQ(c->id, "a1");
  EXPECT_EQ(t_.visible_to("street-a").size(), 1u);
  EXPECT_EQ(t_.visible_to("street-b").size(), 2u);
  EXPECT_EQ(t_.visible_to("ccc").size(), 3u);
  EXPECT_TRUE(t_.visible_to("comm-a-office").size() == 1u);
  minhu::metrics_filter f;
  f.scope_unit = "street-b";
  EXPECT_EQ(t_.measure(f).volume, 2);
  f.scope_unit = "unknown-unit";
  EXPECT_EQ(t_.measure(f).volume, 0);
}

TEST_F(tracker_test, recovery_rebuilds_the_same_state) {
  ASSERT_TRUE(open("c1", "噪音", "comm-a", at(2, 9)));
  ASSERT_TRUE(open("c2", "燃气泄漏", "comm-b", at(2, 9, 10)));
  ASSERT_TRUE(open("c3", "独居老人", "comm-a", at(2, 9, 20)));
  ASSERT_TRUE(t_.acknowledge("c1", at(2, 9, 30)));
  ASSERT_TRUE(t_.pause("c3", at(2, 9, 40)));
  t_.advance(at(2, 12));
  ASSERT_TRUE(t_.return_case("c2", "comm-b-office", at(2, 12, 30)));
  ASSERT_TRUE(t_.resume("c3", at(3, 9)));
  t_.advance(at(6, 9));
  ASSERT_TRUE(t_.start("c1", at(6, 10)));
  ASSERT_TRUE(t_.merge("c3", "c1", at(6, 11)));

  minhu::engine fresh_engine(fixture);
  minhu::tracker again(fresh_engine.snapshot(), fresh_engine.loads(), &journal_);
  again.recover();
  ASSERT_EQ(again.cases().size(), t_.cases().size());
  for (std::size_t i = 0; i < t_.cases().size(); ++i) {
    const auto& a = t_.cases()[i];
    const auto& b = again.cases()[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.state, b.state);
    EXPECT_EQ(a.lead, b.lead);
    EXPECT_EQ(a.colour, b.colour);
    EXPECT_EQ(a.due.resolve_due, b.due.resolve_due);
    EXPECT_EQ(a.due.acknowledge_due, b.due.acknowledge_due);
    EXPECT_EQ(a.escalation_level, b.escalation_level);
    EXPECT_EQ(a.paused, b.paused);
    EXPECT_EQ(a.merged_into, b.merged_into);
    EXPECT_EQ(a.returned_by, b.returned_by);
  }
  EXPECT_EQ(again.last_seq(), t_.last_seq());
  EXPECT_EQ(again.timers(), t_.timers());
  EXPECT_EQ(again.measure().red, t_.measure().red);
  // Loads were rebuilt too, and the future unfolds identically.
  for (const char* u : {"comm-a-office", "comm-b-office", "street-b", "ccc"})
    EXPECT_EQ(
        fresh_engine.loads()->get(std::uint32_t(fresh_engine.snapshot()->organisation().find(u))),
        load(u));
  const auto x = t_.advance(at(9, 18));
  // `again` appends to the same journal; compare the consequences themselves.
  const auto y = again.advance(at(9, 18));
  ASSERT_EQ(x.size(), y.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(x[i].kind, y[i].kind);
    EXPECT_EQ(x[i].at, y[i].at);
    EXPECT_EQ(x[i].case_id, y[i].case_id);
  }
}

TEST_F(tracker_test, a_journal_that_does_not_replay_is_rejected) {
  ASSERT_TRUE(open("c1", "噪音", "comm-a", at(2, 9)));
  minhu::memory_journal bad;
  auto events = journal_.events();
  events[0].unit = "no-such-unit";
  bad.append(events);
  minhu::tracker again(engine_.snapshot(), nullptr, &bad);
  EXPECT_THROW(again.recover(), minhu::error);
}

}  // namespace
