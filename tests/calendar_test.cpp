// Business calendars (minhu/calendar.hpp): working-time arithmetic across weekends, the official
// 2025/2026 Chinese holidays and their adjusted working days (调休), lunch breaks, year ends,
// UTC offsets and years outside the precomputed 2000-2099 table. Every expectation below was
// computed by hand from the published schedule and is written as a literal local time.
//
// The demo calendar `cn-2026` (rulesets/demo-city.json): Monday-Friday, 09:00-12:00 and
// 13:30-18:00 (7.5 h = one working day), UTC+08:00.
#include "minhu/calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "minhu/jsonl.hpp"
#include "minhu/ruleset.hpp"

namespace {

constexpr std::int64_t kMs = 1;
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kWorkDay = 7 * kHour + 30 * kMinute;  // 09:00-12:00 + 13:30-18:00

// An instant from ISO-8601 with an explicit offset (parsed by the JSON Lines codec, which does
// not use the calendar).
std::int64_t at(const std::string& iso) {
  const auto t = minhu::parse_iso8601(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(0);
}
// Local China time "YYYY-MM-DD HH:MM[:SS[.mmm]]".
std::int64_t cn(const std::string& local) { return at(local + "+08:00"); }

// For failure messages only: an instant as local time at `offset_minutes`.
std::string show(std::int64_t t, int offset_minutes = 480) {
  std::int64_t local = t + std::int64_t(offset_minutes) * kMinute;
  std::int64_t days = local / 86'400'000 - (local % 86'400'000 < 0);
  std::int64_t ms = local - days * 86'400'000;
  // civil_from_days (H. Hinnant)
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld.%03lld", (long long)y,
                (long long)m, (long long)d, (long long)(ms / kHour), (long long)(ms / kMinute % 60),
                (long long)(ms / 1000 % 60), (long long)(ms % 1000));
  return buf;
}

#define EXPECT_AT(actual, expected) \
  EXPECT_EQ((actual), (expected)) << "got " << show(actual) << ", want " << show(expected)

class DemoCalendar : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rs_ = minhu::ruleset::load_file(MINHU_SOURCE_DIR "/rulesets/demo-city.json");
  }
  static void TearDownTestSuite() { rs_.reset(); }
  static const minhu::business_calendar& cal() { return *rs_->find_calendar("cn-2026"); }
  static std::shared_ptr<const minhu::ruleset> rs_;
};
std::shared_ptr<const minhu::ruleset> DemoCalendar::rs_;

// The same calendar built directly from day numbers (only the 2026 Spring Festival part).
minhu::business_calendar spring_festival_only() {
  using minhu::detail::days_from_civil;
  std::vector<std::int64_t> holidays;
  for (unsigned d = 15; d <= 23; ++d) holidays.push_back(days_from_civil(2026, 2, d));
  return minhu::business_calendar("sf", 8 * 60, {1, 2, 3, 4, 5}, {{540, 720}, {810, 1080}},
                                  holidays,
                                  {days_from_civil(2026, 2, 14), days_from_civil(2026, 2, 28)});
}

// ---------------------------------------------------------------------------------------------
// The compiled calendar

TEST(Time, HelpersAgreeWithEpochLiterals) {
  EXPECT_EQ(cn("2026-01-01 00:00"), 1'767'196'800'000);
  EXPECT_EQ(at("2026-01-01T00:00:00Z"), 1'767'225'600'000);
  EXPECT_EQ(show(1'767'196'800'000), "2026-01-01 00:00:00.000");
  EXPECT_EQ(minhu::detail::days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(minhu::detail::iso_weekday(minhu::detail::days_from_civil(2026, 2, 14)), 6);  // Sat
  EXPECT_EQ(minhu::detail::iso_weekday(minhu::detail::days_from_civil(1969, 12, 31)), 3);
}

TEST_F(DemoCalendar, CompiledFromTheRuleset) {
  ASSERT_NE(rs_->find_calendar("cn-2026"), nullptr);
  ASSERT_NE(rs_->find_calendar("24x7"), nullptr);
  EXPECT_EQ(rs_->find_calendar("cn-2027"), nullptr);
  EXPECT_EQ(cal().id(), "cn-2026");
  EXPECT_EQ(cal().working_day_ms(), kWorkDay);
  EXPECT_EQ(cal().working_day_ms(), 27'000'000);
  EXPECT_EQ(cal().utc_offset_ms(), 8 * kHour);
}

TEST_F(DemoCalendar, WorkingTimeInWholePeriods) {
  // 2026: 261 weekdays - 19 weekday holidays + 6 调休 days = 248 working days.
  EXPECT_EQ(cal().working_between(cn("2026-01-01 00:00"), cn("2027-01-01 00:00")), 248 * kWorkDay);
  // 2025: 261 weekdays - 18 weekday holidays (Jan 1; Jan 28-31, Feb 3-4; Apr 4; May 1-2, 5;
  // Jun 2; Oct 1-3, 6-8) + 5 调休 days = 248.
  EXPECT_EQ(cal().working_between(cn("2025-01-01 00:00"), cn("2026-01-01 00:00")), 248 * kWorkDay);
  // February 2026: 20 weekdays - 6 (16-20, 23) + Sat 14 + Sat 28 = 16 days.
  EXPECT_EQ(cal().working_between(cn("2026-02-01 00:00"), cn("2026-03-01 00:00")), 16 * kWorkDay);
  // October 2026: 22 weekdays - 5 (1, 2, 5, 6, 7) + Sat 10 = 18 days.
  EXPECT_EQ(cal().working_between(cn("2026-10-01 00:00"), cn("2026-11-01 00:00")), 18 * kWorkDay);
  // One ordinary week.
  EXPECT_EQ(cal().working_between(cn("2026-03-02 00:00"), cn("2026-03-09 00:00")), 5 * kWorkDay);
}

// ---------------------------------------------------------------------------------------------
// Spring Festival 2026: Sat Feb 14 works; Sun Feb 15 .. Mon Feb 23 off; Sat Feb 28 works.

TEST_F(DemoCalendar, SpringFestival2026) {
  const auto& c = cal();
  // Fri 17:00 + 1 day: 1 h on Friday, 6.5 h on the working Saturday.
  EXPECT_AT(c.add_working(cn("2026-02-13 17:00"), kWorkDay), cn("2026-02-14 17:00"));
  // + 2 days: the rest jumps the nine-day holiday to Tuesday Feb 24.
  EXPECT_AT(c.add_working(cn("2026-02-13 17:00"), 2 * kWorkDay), cn("2026-02-24 17:00"));
  // 5 working days from Thursday 10:00 end the next Thursday 10:00, two weeks later.
  EXPECT_AT(c.add_working(cn("2026-02-12 10:00"), 5 * kWorkDay), cn("2026-02-26 10:00"));
  // The last working moment before the holiday, then 1 ms.
  EXPECT_AT(c.add_working(cn("2026-02-14 17:59:59.999"), 1 * kMs), cn("2026-02-14 18:00"));
  EXPECT_AT(c.add_working(cn("2026-02-14 18:00"), 1 * kMs), cn("2026-02-24 09:00:00.001"));
  // Sat Feb 28 is a working day; Sun Mar 1 is not.
  EXPECT_AT(c.add_working(cn("2026-02-27 18:00"), kHour), cn("2026-02-28 10:00"));
  EXPECT_AT(c.add_working(cn("2026-02-28 17:30"), kHour), cn("2026-03-02 09:30"));

  EXPECT_EQ(c.working_between(cn("2026-02-13 09:00"), cn("2026-02-25 09:00")), 3 * kWorkDay);
  EXPECT_EQ(c.working_between(cn("2026-02-14 18:00"), cn("2026-02-24 09:00")), 0);
  EXPECT_EQ(c.working_between(cn("2026-02-15 00:00"), cn("2026-02-24 00:00")), 0);
  EXPECT_EQ(c.working_between(cn("2026-02-13 17:00"), cn("2026-02-24 10:00")),
            1 * kHour + kWorkDay + 1 * kHour);

  // The same answers from a calendar built directly with day numbers.
  const auto sf = spring_festival_only();
  EXPECT_AT(sf.add_working(cn("2026-02-13 17:00"), 2 * kWorkDay), cn("2026-02-24 17:00"));
  EXPECT_AT(sf.add_working(cn("2026-02-12 10:00"), 5 * kWorkDay), cn("2026-02-26 10:00"));
  EXPECT_AT(sf.add_working(cn("2026-02-28 17:30"), kHour), cn("2026-03-02 09:30"));
  EXPECT_EQ(sf.working_between(cn("2026-02-13 09:00"), cn("2026-02-25 09:00")), 3 * kWorkDay);
}

// National Day 2026: Sun Sep 20 works; Fri Sep 25 .. Sun Sep 27 (中秋) off; Thu Oct 1 .. Wed
// Oct 7 off; Sat Oct 10 works.
TEST_F(DemoCalendar, NationalDay2026) {
  const auto& c = cal();
  EXPECT_AT(c.add_working(cn("2026-09-30 17:00"), 2 * kHour), cn("2026-10-08 10:00"));
  EXPECT_AT(c.add_working(cn("2026-09-18 18:00"), 30 * kMinute), cn("2026-09-20 09:30"));
  EXPECT_AT(c.add_working(cn("2026-09-24 18:00"), kHour), cn("2026-09-28 10:00"));
  // Thu Oct 8, Fri Oct 9, Sat Oct 10, then Monday Oct 12.
  EXPECT_AT(c.add_working(cn("2026-10-08 09:00"), 3 * kWorkDay + kHour), cn("2026-10-12 10:00"));
  EXPECT_AT(c.add_working(cn("2026-10-03 12:00"), kWorkDay), cn("2026-10-08 18:00"));

  EXPECT_EQ(c.working_between(cn("2026-09-30 09:00"), cn("2026-10-12 09:00")), 4 * kWorkDay);
  EXPECT_EQ(c.working_between(cn("2026-09-19 00:00"), cn("2026-09-21 00:00")), kWorkDay);
  EXPECT_EQ(c.working_between(cn("2026-10-10 00:00"), cn("2026-10-12 00:00")), kWorkDay);
  EXPECT_EQ(c.working_between(cn("2026-10-01 00:00"), cn("2026-10-08 00:00")), 0);
}

// New Year 2026: Thu Jan 1 .. Sat Jan 3 off, Sun Jan 4 works.
TEST_F(DemoCalendar, NewYearAndYearEnd) {
  const auto& c = cal();
  EXPECT_AT(c.add_working(cn("2025-12-31 17:00"), 2 * kHour), cn("2026-01-04 10:00"));
  EXPECT_AT(c.add_working(cn("2025-12-31 18:00"), kWorkDay), cn("2026-01-04 18:00"));
  EXPECT_AT(c.add_working(cn("2025-12-31 18:00"), kWorkDay + 1), cn("2026-01-05 09:00:00.001"));
  // Dec 31 2025 → Jan 5 2026: Wednesday Dec 31 and Sunday Jan 4 only.
  EXPECT_EQ(c.working_between(cn("2025-12-31 09:00"), cn("2026-01-05 09:00")), 2 * kWorkDay);
  EXPECT_EQ(c.working_between(cn("2025-12-31 00:00"), cn("2026-01-06 00:00")), 3 * kWorkDay);
  EXPECT_EQ(c.working_between(cn("2025-12-31 12:00"), cn("2026-01-04 12:00")),
            4 * kHour + 30 * kMinute + 3 * kHour);
}

// ---------------------------------------------------------------------------------------------
// Instants outside working hours, and budgets ending on an interval boundary

TEST_F(DemoCalendar, StartOutsideWorkingHours) {
  const auto& c = cal();
  // Monday Mar 2 2026, an ordinary working day.
  EXPECT_AT(c.add_working(cn("2026-03-02 07:30"), kHour), cn("2026-03-02 10:00"));  // before 9
  EXPECT_AT(c.add_working(cn("2026-03-02 12:30"), kHour), cn("2026-03-02 14:30"));  // lunch
  EXPECT_AT(c.add_working(cn("2026-03-02 12:00"), kHour), cn("2026-03-02 14:30"));  // lunch
  EXPECT_AT(c.add_working(cn("2026-03-02 19:00"), kHour), cn("2026-03-03 10:00"));  // evening
  EXPECT_AT(c.add_working(cn("2026-03-02 23:59:59.999"), kHour), cn("2026-03-03 10:00"));
  EXPECT_AT(c.add_working(cn("2026-02-17 10:00"), kHour), cn("2026-02-24 10:00"));  // holiday
  EXPECT_AT(c.add_working(cn("2026-03-07 10:00"), kHour), cn("2026-03-09 10:00"));  // Saturday
  EXPECT_AT(c.add_working(cn("2026-03-08 10:00"), kHour), cn("2026-03-09 10:00"));  // Sunday
  // Working time between two instants outside working hours counts only what lies inside.
  EXPECT_EQ(c.working_between(cn("2026-03-02 07:30"), cn("2026-03-02 12:45")), 3 * kHour);
  EXPECT_EQ(c.working_between(cn("2026-03-02 12:10"), cn("2026-03-02 13:20")), 0);
  EXPECT_EQ(c.working_between(cn("2026-03-06 17:00"), cn("2026-03-09 08:00")), kHour);
  // A zero budget is the start itself, wherever it lies.
  EXPECT_AT(c.add_working(cn("2026-03-07 10:00"), 0), cn("2026-03-07 10:00"));
  EXPECT_AT(c.add_working(cn("2026-03-02 10:00"), 0), cn("2026-03-02 10:00"));
}

TEST_F(DemoCalendar, BudgetEndingOnAnIntervalBoundary) {
  const auto& c = cal();
  // Exactly at the end of the morning: 12:00, not 13:30.
  EXPECT_AT(c.add_working(cn("2026-03-02 09:00"), 3 * kHour), cn("2026-03-02 12:00"));
  EXPECT_AT(c.add_working(cn("2026-03-02 07:00"), 3 * kHour), cn("2026-03-02 12:00"));
  EXPECT_AT(c.add_working(cn("2026-03-02 11:00"), kHour), cn("2026-03-02 12:00"));
  // 1 ms more is 1 ms into the afternoon.
  EXPECT_AT(c.add_working(cn("2026-03-02 09:00"), 3 * kHour + 1), cn("2026-03-02 13:30:00.001"));
  // Exactly at the end of the day: 18:00, not 09:00 the next morning.
  EXPECT_AT(c.add_working(cn("2026-03-02 09:00"), kWorkDay), cn("2026-03-02 18:00"));
  EXPECT_AT(c.add_working(cn("2026-03-02 09:00"), kWorkDay + 1), cn("2026-03-03 09:00:00.001"));
  // Friday's full day ends Friday 18:00, not Monday.
  EXPECT_AT(c.add_working(cn("2026-03-06 09:00"), kWorkDay), cn("2026-03-06 18:00"));
  // And the afternoon start counts as working from 13:30 sharp.
  EXPECT_AT(c.add_working(cn("2026-03-02 13:30"), 1), cn("2026-03-02 13:30:00.001"));
}

TEST_F(DemoCalendar, WorkingBetweenSignsAndPartialIntervals) {
  const auto& c = cal();
  EXPECT_EQ(c.working_between(cn("2026-03-02 09:00"), cn("2026-03-02 12:00")), 3 * kHour);
  EXPECT_EQ(c.working_between(cn("2026-03-02 12:00"), cn("2026-03-02 09:00")), -3 * kHour);
  EXPECT_EQ(c.working_between(cn("2026-02-25 09:00"), cn("2026-02-13 09:00")), -3 * kWorkDay);
  EXPECT_EQ(c.working_between(cn("2026-03-02 10:00"), cn("2026-03-02 10:00")), 0);
  EXPECT_EQ(c.working_between(cn("2026-03-02 10:15:30.250"), cn("2026-03-02 14:00")),
            1 * kHour + 44 * kMinute + 29'750 + 30 * kMinute);
}

TEST_F(DemoCalendar, WorkingDayAndWorkingTime) {
  const auto& c = cal();
  EXPECT_TRUE(c.is_working_day(cn("2026-02-14 00:00")));   // 调休 Saturday
  EXPECT_FALSE(c.is_working_day(cn("2026-02-16 10:00")));  // Monday in the holiday
  EXPECT_FALSE(c.is_working_day(cn("2026-02-23 23:59:59.999")));
  EXPECT_TRUE(c.is_working_day(cn("2026-02-24 00:00")));
  EXPECT_TRUE(c.is_working_day(cn("2026-02-28 12:00")));   // 调休 Saturday
  EXPECT_FALSE(c.is_working_day(cn("2026-03-01 12:00")));  // Sunday
  EXPECT_TRUE(c.is_working_day(cn("2026-09-20 12:00")));   // 调休 Sunday
  EXPECT_FALSE(c.is_working_day(cn("2026-09-25 12:00")));  // 中秋 Friday
  EXPECT_FALSE(c.is_working_day(cn("2026-10-07 12:00")));
  EXPECT_TRUE(c.is_working_day(cn("2026-10-10 12:00")));  // 调休 Saturday
  EXPECT_FALSE(c.is_working_day(cn("2026-10-11 12:00")));
  EXPECT_TRUE(c.is_working_day(cn("2026-01-04 12:00")));  // 调休 Sunday
  EXPECT_FALSE(c.is_working_day(cn("2026-01-02 12:00")));
  EXPECT_FALSE(c.is_working_day(cn("2026-03-07 12:00")));  // ordinary Saturday

  EXPECT_FALSE(c.is_working_time(cn("2026-03-02 08:59:59.999")));
  EXPECT_TRUE(c.is_working_time(cn("2026-03-02 09:00")));
  EXPECT_TRUE(c.is_working_time(cn("2026-03-02 11:59:59.999")));
  EXPECT_FALSE(c.is_working_time(cn("2026-03-02 12:00")));
  EXPECT_FALSE(c.is_working_time(cn("2026-03-02 13:29:59.999")));
  EXPECT_TRUE(c.is_working_time(cn("2026-03-02 13:30")));
  EXPECT_TRUE(c.is_working_time(cn("2026-03-02 17:59:59.999")));
  EXPECT_FALSE(c.is_working_time(cn("2026-03-02 18:00")));
  EXPECT_TRUE(c.is_working_time(cn("2026-02-14 10:00")));
  EXPECT_FALSE(c.is_working_time(cn("2026-02-16 10:00")));
  EXPECT_FALSE(c.is_working_time(cn("2026-03-07 10:00")));
}

// ---------------------------------------------------------------------------------------------
// 24×7, UTC offsets, other weeks

TEST_F(DemoCalendar, AroundTheClock) {
  const minhu::business_calendar always;  // the built-in 24×7 calendar
  EXPECT_EQ(always.id(), "24x7");
  EXPECT_EQ(always.working_day_ms(), 86'400'000);
  const minhu::business_calendar& demo = *rs_->find_calendar("24x7");  // UTC+08:00
  EXPECT_EQ(demo.working_day_ms(), 86'400'000);
  for (const minhu::business_calendar* c : {&always, &demo}) {
    for (const std::int64_t t :
         {cn("2026-02-15 03:17"), cn("2026-10-01 00:00"), cn("1969-12-31 23:59:59.999"),
          cn("2150-06-01 12:00"), cn("1800-01-01 00:00")}) {
      EXPECT_TRUE(c->is_working_day(t));
      EXPECT_TRUE(c->is_working_time(t));
      for (const std::int64_t d :
           {std::int64_t(1), 5 * kMinute, 86'400'000 * std::int64_t(9), 123'456'789'012}) {
        EXPECT_EQ(c->add_working(t, d), t + d);
        EXPECT_EQ(c->working_between(t, t + d), d);
        EXPECT_EQ(c->working_between(t + d, t), -d);
      }
    }
  }
  EXPECT_AT(always.add_working(cn("2026-02-14 18:00"), 10 * kHour), cn("2026-02-15 04:00"));
}

TEST_F(DemoCalendar, UtcOffset) {
  const auto& c = cal();
  // 16:30Z on Saturday Feb 14 is 00:30 on Sunday Feb 15 in Beijing: a holiday, although the
  // UTC date is a working Saturday.
  EXPECT_FALSE(c.is_working_day(at("2026-02-14T16:30:00Z")));
  EXPECT_TRUE(c.is_working_day(at("2026-02-14T15:59:59.999Z")));  // 23:59:59.999 Saturday
  // 23:00Z on Friday Feb 13 is 07:00 Saturday local: the count starts at 09:00 local (01:00Z).
  EXPECT_EQ(c.add_working(at("2026-02-13T23:00:00Z"), kHour), at("2026-02-14T02:00:00Z"));
  // 01:30Z Monday Mar 2 = 09:30 local; 10:00Z = 18:00 local.
  EXPECT_TRUE(c.is_working_time(at("2026-03-02T01:30:00Z")));
  EXPECT_FALSE(c.is_working_time(at("2026-03-02T10:00:00Z")));
  EXPECT_EQ(c.working_between(at("2026-03-02T00:00:00Z"), at("2026-03-02T10:00:00Z")), kWorkDay);
  // An instant written with another offset is the same instant.
  EXPECT_EQ(c.add_working(at("2026-03-02T06:00:00+05:00"), kHour), cn("2026-03-02 10:00"));

  // The same week at UTC-05:00: days and hours are those of that zone.
  using minhu::detail::days_from_civil;
  const minhu::business_calendar ny("ny", -5 * 60, {1, 2, 3, 4, 5}, {{540, 1020}},
                                    {days_from_civil(2026, 12, 25)}, {});
  EXPECT_EQ(ny.utc_offset_ms(), -5 * kHour);
  EXPECT_EQ(ny.working_day_ms(), 8 * kHour);
  // Thu Dec 24 2026 16:00 local (21:00Z) + 2 h: Friday 25 is a holiday → Monday 28 10:00 local.
  EXPECT_EQ(ny.add_working(at("2026-12-24T16:00:00-05:00"), 2 * kHour),
            at("2026-12-28T10:00:00-05:00"));
  // 03:00Z on Saturday is still Friday evening at UTC-05:00.
  EXPECT_TRUE(ny.is_working_day(at("2027-01-02T03:00:00Z")));
  EXPECT_FALSE(ny.is_working_time(at("2027-01-02T03:00:00Z")));
  EXPECT_FALSE(ny.is_working_day(at("2027-01-02T05:00:00Z")));
  // At UTC+00:00 the Beijing calendar's hours would fall 8 h later in absolute time.
  const minhu::business_calendar utc("utc", 0, {1, 2, 3, 4, 5}, {{540, 720}, {810, 1080}}, {}, {});
  EXPECT_EQ(utc.add_working(at("2026-03-02T00:00:00Z"), kHour), at("2026-03-02T10:00:00Z"));
  EXPECT_EQ(c.add_working(at("2026-03-02T00:00:00Z"), kHour), at("2026-03-02T02:00:00Z"));
}

TEST(Calendar, OtherWeeksAndHours) {
  using minhu::detail::days_from_civil;
  // Six-day week, three intervals (08:00-10:00, 11:00-12:00, 14:00-16:30 = 5.5 h).
  const minhu::business_calendar six("six", 8 * 60, {1, 2, 3, 4, 5, 6},
                                     {{480, 600}, {660, 720}, {840, 990}},
                                     {days_from_civil(2026, 3, 4)}, {days_from_civil(2026, 3, 8)});
  EXPECT_EQ(six.working_day_ms(), 5 * kHour + 30 * kMinute);
  // Mon Mar 2 09:30: 30 m + 1 h + 2.5 h = 4 h the first day; +0.5 h → Tue 08:30.
  EXPECT_AT(six.add_working(cn("2026-03-02 09:30"), 4 * kHour + 30 * kMinute),
            cn("2026-03-03 08:30"));
  EXPECT_AT(six.add_working(cn("2026-03-02 09:30"), 30 * kMinute), cn("2026-03-02 10:00"));
  EXPECT_AT(six.add_working(cn("2026-03-02 09:30"), 30 * kMinute + 1),
            cn("2026-03-02 11:00:00.001"));
  // Wed Mar 4 is a holiday, Sat Mar 7 a working day, Sun Mar 8 a working day (swap).
  EXPECT_AT(six.add_working(cn("2026-03-03 16:30"), kHour), cn("2026-03-05 09:00"));
  EXPECT_EQ(six.working_between(cn("2026-03-02 00:00"), cn("2026-03-09 00:00")),
            6 * six.working_day_ms());
  EXPECT_TRUE(six.is_working_day(cn("2026-03-07 12:00")));
  EXPECT_TRUE(six.is_working_day(cn("2026-03-08 12:00")));
  EXPECT_FALSE(six.is_working_day(cn("2026-03-04 12:00")));
}

// ---------------------------------------------------------------------------------------------
// Outside the 2000-2099 table: the regular week, consistent across the table's edges

TEST_F(DemoCalendar, FarOutsideTheTable) {
  const auto& c = cal();
  // 1999-12-31 is a Friday; 2000-01-01 (first table day) a Saturday.
  EXPECT_AT(c.add_working(cn("1999-12-31 17:00"), 2 * kHour), cn("2000-01-03 10:00"));
  EXPECT_EQ(c.working_between(cn("1999-12-27 00:00"), cn("2000-01-03 00:00")), 5 * kWorkDay);
  // 2099-12-31 (last table day) a Thursday; 2100-01-01 (extrapolated) a Friday.
  EXPECT_AT(c.add_working(cn("2099-12-31 17:00"), 2 * kWorkDay), cn("2100-01-04 17:00"));
  EXPECT_EQ(c.working_between(cn("2099-12-28 00:00"), cn("2100-01-04 00:00")), 5 * kWorkDay);
  EXPECT_TRUE(c.is_working_day(cn("2100-01-01 12:00")));
  EXPECT_FALSE(c.is_working_day(cn("2100-01-02 12:00")));
  // Before the epoch: 1969-12-31 is a Wednesday.
  EXPECT_AT(c.add_working(cn("1969-12-31 17:00"), 2 * kHour), cn("1970-01-01 10:00"));
  // Centuries away: 1900-01-01 and 2500-01-04 are Mondays, 1600-03-01 a Wednesday.
  EXPECT_EQ(c.working_between(cn("1900-01-01 00:00"), cn("1900-01-08 00:00")), 5 * kWorkDay);
  EXPECT_EQ(c.working_between(cn("2500-01-04 00:00"), cn("2500-01-11 00:00")), 5 * kWorkDay);
  EXPECT_AT(c.add_working(cn("1900-01-05 17:00"), 2 * kHour), cn("1900-01-08 10:00"));
  EXPECT_AT(c.add_working(cn("2500-01-08 17:00"), 2 * kHour), cn("2500-01-11 10:00"));
  EXPECT_AT(c.add_working(cn("1600-03-01 12:00"), 3 * kWorkDay), cn("1600-03-06 12:00"));
  EXPECT_TRUE(c.is_working_time(cn("1600-03-01 10:00")));
  EXPECT_FALSE(c.is_working_day(cn("1600-03-04 10:00")));  // Saturday
  // Whole years far away: 52 weeks + 1 or 2 days.
  EXPECT_EQ(c.working_between(cn("2150-06-01 00:00"), cn("2150-06-01 00:00") + 364 * 86'400'000LL),
            52 * 5 * kWorkDay);
  // Add then measure gives the budget back, across both edges and far away.
  for (const char* start : {"1999-12-31 17:00", "2099-12-31 11:11", "1850-07-14 08:00",
                            "2300-02-28 23:00", "1970-01-01 00:00", "1601-01-01 12:30"}) {
    for (const std::int64_t d : {std::int64_t(1), kHour, kWorkDay, 13 * kWorkDay + 17,
                                 400 * kWorkDay, 30'000 * kWorkDay}) {
      const std::int64_t t = cn(start);
      const std::int64_t end = c.add_working(t, d);
      EXPECT_EQ(c.working_between(t, end), d) << start << " + " << d << " → " << show(end);
      EXPECT_TRUE(c.is_working_time(end) || c.is_working_time(end - 1)) << show(end);
    }
  }
  // Spanning the whole table from 1990 to 2110 keeps the round trip exact (Thursday to Monday).
  const std::int64_t t = cn("1990-03-01 10:00");
  const std::int64_t d = c.working_between(t, cn("2110-03-03 10:00"));
  EXPECT_AT(c.add_working(t, d), cn("2110-03-03 10:00"));
  // Ending on a Saturday: the budget runs out at Friday's close.
  EXPECT_AT(c.add_working(t, c.working_between(t, cn("2110-03-01 10:00"))), cn("2110-02-28 18:00"));
}

// ---------------------------------------------------------------------------------------------
// Properties, against a slow day-by-day reference built from the ruleset's own definition

class Reference {
 public:
  explicit Reference(const minhu::calendar_def& def) : def_(def) {
    for (const auto& h : def.holidays)
      for (auto d = minhu::detail::parse_day(h.from); d <= minhu::detail::parse_day(h.to); ++d)
        holidays_.push_back(d);
    for (const auto& w : def.workdays) workdays_.push_back(minhu::detail::parse_day(w));
  }
  bool working(std::int64_t day) const {
    if (std::count(workdays_.begin(), workdays_.end(), day)) return true;
    if (std::count(holidays_.begin(), holidays_.end(), day)) return false;
    const int wd = minhu::detail::iso_weekday(day);
    return std::count(def_.workweek.begin(), def_.workweek.end(), wd) > 0;
  }
  // Walks day by day and interval by interval.
  std::int64_t add(std::int64_t t, std::int64_t d) const {
    if (d <= 0) return t;
    const std::int64_t off = std::int64_t(def_.utc_offset_minutes) * kMinute;
    std::int64_t day = floor_day(t + off);
    std::int64_t cur = t + off;  // local
    for (;; ++day) {
      if (!working(day)) continue;
      for (auto [b, e] : def_.hours) {
        const std::int64_t bs = day * 86'400'000 + b * kMinute, es = day * 86'400'000 + e * kMinute;
        if (cur >= es) continue;
        const std::int64_t from = std::max(cur, bs);
        if (d <= es - from) return from + d - off;
        d -= es - from;
        cur = es;
      }
    }
  }
  std::int64_t between(std::int64_t a, std::int64_t b) const {
    if (b < a) return -between(b, a);
    const std::int64_t off = std::int64_t(def_.utc_offset_minutes) * kMinute;
    std::int64_t total = 0;
    for (std::int64_t day = floor_day(a + off); day <= floor_day(b + off); ++day) {
      if (!working(day)) continue;
      for (auto [bm, em] : def_.hours) {
        const std::int64_t lo = std::max(a + off, day * 86'400'000 + bm * kMinute);
        const std::int64_t hi = std::min(b + off, day * 86'400'000 + em * kMinute);
        if (hi > lo) total += hi - lo;
      }
    }
    return total;
  }

 private:
  static std::int64_t floor_day(std::int64_t local) {
    return local / 86'400'000 - (local % 86'400'000 < 0);
  }
  const minhu::calendar_def& def_;
  std::vector<std::int64_t> holidays_, workdays_;
};

TEST_F(DemoCalendar, RandomisedAgainstAReference) {
  const auto& c = cal();
  const minhu::calendar_def* def = nullptr;
  for (const auto& d : rs_->calendars())
    if (d.id == "cn-2026") def = &d;
  ASSERT_NE(def, nullptr);
  const Reference ref(*def);
  std::mt19937_64 rng(20260215);
  const std::int64_t lo = cn("2024-11-01 00:00"), hi = cn("2027-02-01 00:00");
  std::uniform_int_distribution<std::int64_t> when(lo, hi);
  std::uniform_int_distribution<std::int64_t> budget(0, 12 * kWorkDay);
  for (int i = 0; i < 3000; ++i) {
    // Half of the starts on whole minutes (interval boundaries are likely), half anywhere.
    std::int64_t t = when(rng);
    if (i % 2) t -= (t % kMinute + kMinute) % kMinute;
    std::int64_t d = budget(rng);
    if (i % 3 == 0) d -= d % (30 * kMinute);  // budgets in half hours hit boundaries exactly
    const std::int64_t t2 = when(rng);
    ASSERT_EQ(c.add_working(t, d), ref.add(t, d)) << show(t) << " + " << d;
    ASSERT_EQ(c.working_between(t, t2), ref.between(t, t2)) << show(t) << " .. " << show(t2);
  }
}

TEST_F(DemoCalendar, AddThenMeasureAndMonotonic) {
  const auto& c = cal();
  std::mt19937_64 rng(4);
  // Starts from 1995 to 2105: inside the table and across both of its edges.
  std::uniform_int_distribution<std::int64_t> when(cn("1995-01-01 00:00"), cn("2105-01-01 00:00"));
  std::uniform_int_distribution<std::int64_t> budget(0, 60 * kWorkDay);
  for (int i = 0; i < 20000; ++i) {
    const std::int64_t t = when(rng);
    std::int64_t d1 = budget(rng), d2 = budget(rng);
    if (d1 > d2) std::swap(d1, d2);
    const std::int64_t e1 = c.add_working(t, d1), e2 = c.add_working(t, d2);
    ASSERT_EQ(c.working_between(t, e1), d1) << show(t) << " + " << d1;
    ASSERT_EQ(c.working_between(t, e2), d2) << show(t) << " + " << d2;
    ASSERT_GE(e1, t);
    ASSERT_LE(e1, e2) << show(t) << " + " << d1 << " / " << d2;
    if (d1 < d2) {
      ASSERT_LT(e1, e2);
    }
    // Additivity: adding in two steps is adding once.
    ASSERT_EQ(c.add_working(e1, d2 - d1), e2);
  }
}

}  // namespace
