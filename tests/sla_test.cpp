// SLA policies (minhu/sla.hpp) as compiled from rulesets: the policy of a category (inherited
// through the taxonomy), the budgets of each urgency in working or calendar time, and the
// deadlines and warning instants sla_clock::schedule computes — from the start of a case and
// after a pause (挂起). The demo policies are those of rulesets/demo-city/organisation.py:
//
//   standard  cn-2026 working   ack 2h   respond 1d  resolve 5d   warning 0.8
//             urgent            ack 30m  respond 4h  resolve 2d
//             critical calendar ack 10m  respond 1h  resolve 1d (24 h)
//             escalation 0m parent, 1d parent, 2d command_center
//   fast      cn-2026 working   ack 30m  respond 4h  resolve 2d   warning 0.8
//             urgent            ack 15m  respond 2h  resolve 1d
//             critical calendar ack 10m  respond 1h  resolve 12h
//             escalation 0m parent, 4h parent, 1d command_center
//   urgent_care 24x7 calendar   ack 15m  respond 1h  resolve 1d   warning 0.5
//             critical          ack 5m   respond 30m resolve 12h
//             escalation 0m parent, 30m command_center
//
// One working day of cn-2026 is 7.5 h (09:00-12:00, 13:30-18:00, UTC+08:00).
#include "minhu/sla.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "minhu/jsonl.hpp"
#include "minhu/ruleset.hpp"

namespace {

using minhu::urgency;

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kWorkDay = 7 * kHour + 30 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

std::int64_t cn(const std::string& local) {
  const auto t = minhu::parse_iso8601(local + "+08:00");
  EXPECT_TRUE(t.has_value()) << local;
  return t.value_or(0);
}

class DemoSla : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rs_ = minhu::ruleset::load_file(MINHU_SOURCE_DIR "/rulesets/demo-city.json");
  }
  static void TearDownTestSuite() { rs_.reset(); }

  static const minhu::sla_policy* policy_of(const std::string& category) {
    const auto c = rs_->find_category(category);
    EXPECT_GE(c, 0) << category;
    return c < 0 ? nullptr : rs_->sla_for(std::uint32_t(c));
  }
  static std::string policy_id(const std::string& category) {
    const auto* p = policy_of(category);
    return p ? p->id : "(none)";
  }
  static const minhu::sla_policy& policy(const std::string& id) {
    for (const auto& p : rs_->policies())
      if (p.id == id) return p;
    ADD_FAILURE() << "no policy " << id;
    return rs_->policies().front();
  }
  static const minhu::business_calendar* cn2026() { return rs_->find_calendar("cn-2026"); }

  static std::shared_ptr<const minhu::ruleset> rs_;
};
std::shared_ptr<const minhu::ruleset> DemoSla::rs_;

// ---------------------------------------------------------------------------------------------
// Which policy a category gets

TEST_F(DemoSla, PolicyInheritedThroughTheTaxonomy) {
  EXPECT_EQ(policy_id("urban"), "standard");                    // its own
  EXPECT_EQ(policy_id("urban.municipal"), "standard");          // from urban
  EXPECT_EQ(policy_id("urban.municipal.garbage"), "standard");  // its own
  EXPECT_EQ(policy_id("urban.municipal.pipe_leak"), "fast");    // overrides the inherited one
  EXPECT_EQ(policy_id("urban.safety"), "fast");                 // overrides urban's
  EXPECT_EQ(policy_id("urban.safety.fire_passage"), "fast");    // from urban.safety, not urban
  EXPECT_EQ(policy_id("urban.safety.gas_leak"), "fast");
  EXPECT_EQ(policy_id("civil"), "standard");
  EXPECT_EQ(policy_id("civil.social_service"), "standard");  // from civil
  EXPECT_EQ(policy_id("civil.social_service.elderly_alone"), "urgent_care");
  EXPECT_EQ(policy_id("agri.animal_epidemic"), "fast");
  EXPECT_EQ(policy_id("env.pollution.noise"), "standard");
  // Every demo category has a policy (each root carries one), and the policy a category gets
  // is the one named by its (inherited) `sla`.
  for (std::uint32_t c = 0; c < rs_->categories().size(); ++c) {
    const auto* p = rs_->sla_for(c);
    ASSERT_NE(p, nullptr) << rs_->categories()[c].id;
    EXPECT_EQ(p->id, rs_->categories()[c].sla) << rs_->categories()[c].id;
  }
  // Out of range: no policy, no crash.
  EXPECT_EQ(rs_->sla_for(std::uint32_t(rs_->categories().size())), nullptr);
  EXPECT_EQ(rs_->sla_for(0xFFFFFFFFu), nullptr);
}

TEST(SlaInheritance, CategoriesWithoutAnyPolicy) {
  const auto rs = minhu::ruleset::load_string(R"({
    "format_version": 1, "id": "sla-mini", "version": "1",
    "calendars": [{"id": "w", "hours": [["09:00", "17:00"]]}],
    "sla_policies": [
      {"id": "base", "calendar": "w", "resolve": "3d"},
      {"id": "quick", "time": "calendar", "acknowledge": "1h", "resolve": "1d"}],
    "taxonomy": [
      {"id": "a", "name": "A", "sla": "base"},
      {"id": "a.b", "name": "AB", "parent": "a"},
      {"id": "a.b.c", "name": "ABC", "parent": "a.b"},
      {"id": "a.q", "name": "AQ", "parent": "a", "sla": "quick"},
      {"id": "a.q.r", "name": "AQR", "parent": "a.q"},
      {"id": "n", "name": "N"},
      {"id": "n.m", "name": "NM", "parent": "n"}]
  })");
  auto id_of = [&](const char* cat) -> std::string {
    const auto* p = rs->sla_for(std::uint32_t(rs->find_category(cat)));
    return p ? p->id : "(none)";
  };
  EXPECT_EQ(id_of("a"), "base");
  EXPECT_EQ(id_of("a.b"), "base");
  EXPECT_EQ(id_of("a.b.c"), "base");  // two levels down, through a category without `sla`
  EXPECT_EQ(id_of("a.q"), "quick");
  EXPECT_EQ(id_of("a.q.r"), "quick");
  EXPECT_EQ(id_of("n"), "(none)");  // no SLA: the tracker runs no clock for these
  EXPECT_EQ(id_of("n.m"), "(none)");

  // `base`: working time of `w` (8 h days, the default Monday-Friday week, UTC+08:00); only a
  // resolve target, so no acknowledge/respond deadlines.
  const auto& base = rs->sla_for(std::uint32_t(rs->find_category("a")))->clock(urgency::normal);
  ASSERT_NE(base.calendar, nullptr);
  EXPECT_EQ(base.calendar->working_day_ms(), 8 * kHour);
  EXPECT_EQ(base.resolve, 3 * 8 * kHour);
  EXPECT_EQ(base.acknowledge, 0);
  EXPECT_EQ(base.respond, 0);
  EXPECT_DOUBLE_EQ(base.warning, 0.8);  // the default
  // No urgency overrides: every urgency has the base targets.
  for (auto u : {urgency::urgent, urgency::critical}) {
    const auto& k = rs->sla_for(0)->clock(u);
    EXPECT_EQ(k.resolve, base.resolve);
    EXPECT_EQ(k.calendar, base.calendar);
  }
  const auto d = base.schedule(cn("2026-03-02 09:00"));  // Monday
  EXPECT_EQ(d.acknowledge_due, 0);
  EXPECT_EQ(d.acknowledge_warn, 0);
  EXPECT_EQ(d.respond_due, 0);
  EXPECT_EQ(d.respond_warn, 0);
  EXPECT_EQ(d.resolve_due, cn("2026-03-04 17:00"));  // three full days
  // warn: 0.8 × 24 h = 19.2 h = two days + 3 h 12 m
  EXPECT_EQ(d.resolve_warn, cn("2026-03-04 12:12"));

  // `quick`: calendar time, no calendar needed.
  const auto& quick =
      rs->sla_for(std::uint32_t(rs->find_category("a.q.r")))->clock(urgency::normal);
  EXPECT_EQ(quick.calendar, nullptr);
  EXPECT_EQ(quick.acknowledge, kHour);
  EXPECT_EQ(quick.resolve, kDay);
  EXPECT_TRUE(quick.escalation == nullptr || quick.escalation->empty());
}

// ---------------------------------------------------------------------------------------------
// Budgets per urgency

struct budgets {
  const char* policy;
  urgency u;
  bool working;  // cn-2026 working time, else calendar time
  std::int64_t ack, respond, resolve;
  double warning;
};

TEST_F(DemoSla, ClockBudgetsPerUrgency) {
  const budgets table[] = {
      {"standard", urgency::normal, true, 2 * kHour, kWorkDay, 5 * kWorkDay, 0.8},
      {"standard", urgency::urgent, true, 30 * kMinute, 4 * kHour, 2 * kWorkDay, 0.8},
      {"standard", urgency::critical, false, 10 * kMinute, kHour, kDay, 0.8},
      {"fast", urgency::normal, true, 30 * kMinute, 4 * kHour, 2 * kWorkDay, 0.8},
      {"fast", urgency::urgent, true, 15 * kMinute, 2 * kHour, kWorkDay, 0.8},
      {"fast", urgency::critical, false, 10 * kMinute, kHour, 12 * kHour, 0.8},
      {"urgent_care", urgency::normal, false, 15 * kMinute, kHour, kDay, 0.5},
      {"urgent_care", urgency::urgent, false, 15 * kMinute, kHour, kDay, 0.5},  // = normal
      {"urgent_care", urgency::critical, false, 5 * kMinute, 30 * kMinute, 12 * kHour, 0.5},
  };
  for (const auto& b : table) {
    SCOPED_TRACE(std::string(b.policy) + " " + std::string(minhu::to_string(b.u)));
    const minhu::sla_clock& k = policy(b.policy).clock(b.u);
    EXPECT_EQ(k.calendar, b.working ? cn2026() : nullptr);
    EXPECT_EQ(k.acknowledge, b.ack);
    EXPECT_EQ(k.respond, b.respond);
    EXPECT_EQ(k.resolve, b.resolve);
    EXPECT_DOUBLE_EQ(k.warning, b.warning);
    ASSERT_NE(k.escalation, nullptr);
  }
  // The literal values, once: 5 working days = 37.5 h.
  EXPECT_EQ(policy("standard").clock(urgency::normal).resolve, 135'000'000);
  EXPECT_EQ(policy("standard").clock(urgency::critical).resolve, 86'400'000);
}

TEST_F(DemoSla, EscalationSteps) {
  struct step {
    std::int64_t after;
    const char* to;
  };
  auto check = [&](const char* id, std::vector<step> want) {
    SCOPED_TRACE(id);
    const auto* steps = policy(id).clock(urgency::normal).escalation;
    ASSERT_NE(steps, nullptr);
    ASSERT_EQ(steps->size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ((*steps)[i].after, want[i].after) << i;
      EXPECT_EQ((*steps)[i].to, want[i].to) << i;
    }
    // Every urgency has the same steps, each in its own clock's time basis.
    for (auto u : {urgency::urgent, urgency::critical}) {
      const auto* other = policy(id).clock(u).escalation;
      ASSERT_NE(other, nullptr);
      ASSERT_EQ(other->size(), steps->size());
      for (std::size_t i = 0; i < steps->size(); ++i) EXPECT_EQ((*other)[i].to, (*steps)[i].to);
    }
  };
  // In the policy's time basis: working days / hours of cn-2026 for standard and fast.
  check("standard", {{0, "parent"}, {kWorkDay, "parent"}, {2 * kWorkDay, "command_center"}});
  check("fast", {{0, "parent"}, {4 * kHour, "parent"}, {kWorkDay, "command_center"}});
  check("urgent_care", {{0, "parent"}, {30 * kMinute, "command_center"}});
  // The escalation instants of a working-time clock follow its calendar: step 2 of a standard
  // case due Friday Feb 13 2026 17:00 is one working day later — Saturday Feb 14 17:00 (调休).
  const auto& k = policy("standard").clock(urgency::normal);
  EXPECT_EQ(k.after(cn("2026-02-13 17:00"), (*k.escalation)[1].after), cn("2026-02-14 17:00"));
  EXPECT_EQ(k.after(cn("2026-02-13 17:00"), (*k.escalation)[2].after), cn("2026-02-24 17:00"));
}

// A critical case runs in calendar time: its escalation "1d" is 24 hours, not a working day.
TEST_F(DemoSla, CriticalEscalationStepsInCalendarTime) {
  const auto& k = policy("standard").clock(urgency::critical);
  ASSERT_EQ(k.calendar, nullptr);
  EXPECT_EQ(k.after(cn("2026-02-13 17:00"), (*k.escalation)[1].after), cn("2026-02-14 17:00"));
}

// ---------------------------------------------------------------------------------------------
// Deadlines

#define EXPECT_DEADLINES(d, aw, ad, rw, rd, sw, sd)        \
  do {                                                     \
    EXPECT_EQ((d).acknowledge_warn, cn(aw)) << "ack warn"; \
    EXPECT_EQ((d).acknowledge_due, cn(ad)) << "ack due";   \
    EXPECT_EQ((d).respond_warn, cn(rw)) << "respond warn"; \
    EXPECT_EQ((d).respond_due, cn(rd)) << "respond due";   \
    EXPECT_EQ((d).resolve_warn, cn(sw)) << "resolve warn"; \
    EXPECT_EQ((d).resolve_due, cn(sd)) << "resolve due";   \
  } while (0)

TEST_F(DemoSla, ScheduleInWorkingTimeAcrossSpringFestival) {
  // Standard, normal; opened Friday Feb 13 2026 17:00, the eve of the last working day before
  // the nine-day holiday (Sat Feb 14 works, Sun 15 .. Mon 23 off).
  const auto d = policy("standard").clock(urgency::normal).schedule(cn("2026-02-13 17:00"));
  EXPECT_DEADLINES(d,
                   "2026-02-14 09:36",   // 0.8 × 2 h = 96 m: 60 m Friday, 36 m Saturday
                   "2026-02-14 10:00",   // 2 h
                   "2026-02-14 15:30",   // 0.8 × 7.5 h = 6 h
                   "2026-02-14 17:00",   // 7.5 h
                   "2026-02-26 17:00",   // 0.8 × 37.5 h = 30 h: 1 + 7.5 + 7.5 + 7.5 + 6.5
                   "2026-02-27 17:00");  // 37.5 h
}

TEST_F(DemoSla, ScheduleUrgentAndFast) {
  // Standard, urgent; Monday Mar 2 2026 17:00. The respond deadline lands exactly at 12:00.
  EXPECT_DEADLINES(policy("standard").clock(urgency::urgent).schedule(cn("2026-03-02 17:00")),
                   "2026-03-02 17:24", "2026-03-02 17:30",   // 24 m, 30 m
                   "2026-03-03 11:12", "2026-03-03 12:00",   // 3 h 12 m, 4 h
                   "2026-03-04 14:00", "2026-03-04 17:00");  // 12 h, 15 h
  // Fast, normal; opened on the working Saturday Feb 14 at 16:00.
  EXPECT_DEADLINES(policy("fast").clock(urgency::normal).schedule(cn("2026-02-14 16:00")),
                   "2026-02-14 16:24", "2026-02-14 16:30",   // 24 m, 30 m
                   "2026-02-24 10:12", "2026-02-24 11:00",   // 3 h 12 m, 4 h
                   "2026-02-25 11:30", "2026-02-25 16:00");  // 12 h, 15 h
  // Fast, urgent; opened at lunch: everything counts from 13:30.
  EXPECT_DEADLINES(policy("fast").clock(urgency::urgent).schedule(cn("2026-03-02 12:15")),
                   "2026-03-02 13:42", "2026-03-02 13:45",   // 12 m, 15 m
                   "2026-03-02 15:06", "2026-03-02 15:30",   // 1 h 36 m, 2 h
                   "2026-03-03 10:30", "2026-03-03 12:00");  // 6 h, 7.5 h: 4.5 h + 3 h
}

TEST_F(DemoSla, ScheduleInCalendarTime) {
  // urgent_care runs around the clock, holidays included; yellow at half the budget.
  EXPECT_DEADLINES(policy("urgent_care").clock(urgency::normal).schedule(cn("2026-02-15 23:00")),
                   "2026-02-15 23:07:30", "2026-02-15 23:15",  // 7.5 m, 15 m
                   "2026-02-15 23:30", "2026-02-16 00:00",     // 30 m, 1 h
                   "2026-02-16 11:00", "2026-02-16 23:00");    // 12 h, 24 h
  EXPECT_DEADLINES(policy("urgent_care").clock(urgency::critical).schedule(cn("2026-10-01 08:00")),
                   "2026-10-01 08:02:30", "2026-10-01 08:05",  // 2.5 m, 5 m
                   "2026-10-01 08:15", "2026-10-01 08:30",     // 15 m, 30 m
                   "2026-10-01 14:00", "2026-10-01 20:00");    // 6 h, 12 h
  // A critical `standard` case switches to calendar time: a holiday Sunday does not stop it.
  EXPECT_DEADLINES(policy("standard").clock(urgency::critical).schedule(cn("2026-02-15 10:00")),
                   "2026-02-15 10:08", "2026-02-15 10:10",   // 8 m, 10 m
                   "2026-02-15 10:48", "2026-02-15 11:00",   // 48 m, 1 h
                   "2026-02-16 05:12", "2026-02-16 10:00");  // 19.2 h, 24 h
}

TEST_F(DemoSla, AfterAndElapsedFollowTheBasis) {
  const auto& working = policy("standard").clock(urgency::normal);
  const auto& calendar = policy("urgent_care").clock(urgency::normal);
  const std::int64_t fri = cn("2026-03-06 17:00"), mon = cn("2026-03-09 10:00");
  EXPECT_EQ(working.after(fri, 2 * kHour), mon);
  EXPECT_EQ(calendar.after(fri, 2 * kHour), cn("2026-03-06 19:00"));
  EXPECT_EQ(working.elapsed(fri, mon), 2 * kHour);
  EXPECT_EQ(calendar.elapsed(fri, mon), 65 * kHour);
  EXPECT_EQ(working.elapsed(mon, fri), -2 * kHour);
  EXPECT_EQ(working.after(fri, 0), fri);
  EXPECT_EQ(working.after(fri, -5), fri);
}

// ---------------------------------------------------------------------------------------------
// After a pause (挂起): schedule(resume, used)

TEST_F(DemoSla, ScheduleAfterAPause) {
  const auto& k = policy("standard").clock(urgency::normal);
  // Opened Monday Mar 2 09:00, paused at 11:00 (2 h used), resumed a week later, Monday Mar 9
  // 14:00. The acknowledge budget (2 h) is used up: due (and yellow) the moment it resumes.
  const std::int64_t opened = cn("2026-03-02 09:00"), paused = cn("2026-03-02 11:00");
  const std::int64_t used = k.elapsed(opened, paused);
  ASSERT_EQ(used, 2 * kHour);
  EXPECT_DEADLINES(k.schedule(cn("2026-03-09 14:00"), used), "2026-03-09 14:00",
                   "2026-03-09 14:00",   // nothing left
                   "2026-03-09 18:00",   // 6 h - 2 h = 4 h: exactly the end of Monday
                   "2026-03-10 10:30",   // 5.5 h
                   "2026-03-13 10:30",   // 30 h - 2 h = 28 h: 4 + 7.5 × 3 + 1.5
                   "2026-03-16 10:30");  // 35.5 h: 4 + 7.5 × 4 + 1.5

  // Calendar time: 10 m used, resumed two hours later.
  const auto& c = policy("urgent_care").clock(urgency::normal);
  EXPECT_DEADLINES(c.schedule(cn("2026-03-07 12:00"), 10 * kMinute),
                   "2026-03-07 12:00",   // 7.5 m warning already passed
                   "2026-03-07 12:05",   // 15 - 10
                   "2026-03-07 12:20",   // 30 - 10
                   "2026-03-07 12:50",   // 60 - 10
                   "2026-03-07 23:50",   // 12 h - 10 m
                   "2026-03-08 11:50");  // 24 h - 10 m

  // Over budget: every deadline is the resume instant itself (red at once).
  const auto over = k.schedule(cn("2026-03-09 14:00"), 40 * kHour);
  for (std::int64_t t : {over.acknowledge_warn, over.acknowledge_due, over.respond_warn,
                         over.respond_due, over.resolve_warn, over.resolve_due})
    EXPECT_EQ(t, cn("2026-03-09 14:00"));

  // A pause over the Spring Festival loses no working time beyond what the holiday has anyway:
  // paused at Sat Feb 14 18:00 (end of the last working day), resumed Tue Feb 24 09:00.
  const std::int64_t start = cn("2026-02-13 17:00");
  const std::int64_t p = cn("2026-02-14 18:00"), r = cn("2026-02-24 09:00");
  EXPECT_EQ(k.schedule(r, k.elapsed(start, p)).resolve_due, k.schedule(start).resolve_due);
  EXPECT_EQ(k.schedule(r, k.elapsed(start, p)).resolve_due, cn("2026-02-27 17:00"));
}

TEST_F(DemoSla, PauseAndResumeAtOnceChangesNothing) {
  // For any pause instant with budget left, schedule(pause, used) == schedule(start): the
  // remaining budget continues exactly where it stopped, in both time bases.
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::int64_t> when(cn("2025-12-20 00:00"), cn("2026-11-01 00:00"));
  std::uniform_int_distribution<std::int64_t> later(0, 10 * kDay);
  for (const char* id : {"standard", "fast", "urgent_care"}) {
    for (auto u : {urgency::normal, urgency::urgent, urgency::critical}) {
      const auto& k = policy(id).clock(u);
      for (int i = 0; i < 500; ++i) {
        const std::int64_t start = when(rng), pause = start + later(rng);
        const std::int64_t used = k.elapsed(start, pause);
        const auto a = k.schedule(start), b = k.schedule(pause, used);
        auto same = [&](std::int64_t budget, std::int64_t x, std::int64_t y, const char* what) {
          if (used < budget) {
            EXPECT_EQ(x, y) << id << " " << what << " used " << used;
          }
        };
        same(std::int64_t(double(k.acknowledge) * k.warning), a.acknowledge_warn,
             b.acknowledge_warn, "ack warn");
        same(k.acknowledge, a.acknowledge_due, b.acknowledge_due, "ack due");
        same(std::int64_t(double(k.respond) * k.warning), a.respond_warn, b.respond_warn,
             "respond warn");
        same(k.respond, a.respond_due, b.respond_due, "respond due");
        same(std::int64_t(double(k.resolve) * k.warning), a.resolve_warn, b.resolve_warn,
             "resolve warn");
        same(k.resolve, a.resolve_due, b.resolve_due, "resolve due");
        // Warnings never come after their deadlines.
        EXPECT_LE(a.acknowledge_warn, a.acknowledge_due);
        EXPECT_LE(a.respond_warn, a.respond_due);
        EXPECT_LE(a.resolve_warn, a.resolve_due);
        EXPECT_LE(a.acknowledge_due, a.respond_due);
        EXPECT_LE(a.respond_due, a.resolve_due);
      }
    }
  }
}

}  // namespace
