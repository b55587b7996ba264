// Fuzz target: business calendar arithmetic (minhu/calendar.hpp) and the SLA clock on top.
//
// Input: a calendar (UTC offset, working weekdays, working-hour intervals, holidays, adjusted
// working days — always within the constructor's documented preconditions, i.e. what the
// ruleset loader lets through), then operations on fuzzed instants and durations: near the
// precomputed 2000-2099 table, across its edges, or anywhere in the int64 range.
//
// Invariants: cumulative() never decreases; working_between(t1, t2) is in [0, t2 - t1];
// t is working time exactly when cumulative(t + 1) - cumulative(t) == 1; add_working(t, d)
// lands after t, inside working time, exactly d working ms later, and not a ms later than
// needed — or at max_time when the budget does not run out before it; SLA warnings never come
// after their deadlines nor before the start. UBSan checks there is no overflow.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_support.hpp"
#include "minhu/calendar.hpp"
#include "minhu/sla.hpp"

namespace {

using minhu::business_calendar;
constexpr std::int64_t table_first = 10957;  // 2000-01-01
constexpr std::int64_t table_last = 47482;   // 2100-01-01
constexpr std::int64_t day_ms = business_calendar::ms_per_day;

std::int64_t instant(minhu::fuzz::input& in) {
  switch (in.byte() % 4) {
    case 0:  // inside the table, 2026
      return 1767225600000 + in.range(0, 366 * 2) * day_ms / 2 + in.range(0, 1440) * 60'000;
    case 1:  // around the table's edges
      return (in.boolean() ? table_first : table_last) * day_ms +
             (in.range(0, 40 * 24) - 20 * 24) * 3'600'000 + in.range(0, 60'000);
    case 2:  // anywhere in the table or some centuries around it
      return in.range(-300 * 366, 400 * 366) * day_ms + in.range(0, 1440 * 60) * 1000;
    default:  // anything
      return in.integral<std::int64_t>();
  }
}

std::int64_t duration(minhu::fuzz::input& in) {
  switch (in.byte() % 3) {
    case 0:
      return in.range(0, 60 * 24 * 10) * 60'000;  // up to 10 days, whole minutes
    case 1:
      return in.range(0, 0x7FFFFFFF) * 1000;  // up to 68 years, seconds
    default:
      return in.integral<std::int64_t>();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  minhu::fuzz::input in(data, size);
  const auto offset = std::int32_t(in.range(-14 * 60, 14 * 60));
  std::vector<int> week;
  const std::uint8_t mask = in.byte();
  for (int d = 1; d <= 7; ++d)
    if (mask & (1u << (d - 1))) week.push_back(d);
  std::vector<std::pair<int, int>> hours;
  int from = 0;
  for (int k = in.range(1, 4); k > 0 && from < 1440; --k) {
    const int b = from + int(in.range(0, 1439 - from));
    const int e = b + 1 + int(in.range(0, 1440 - b - 1));
    hours.emplace_back(b, e);
    from = e;
  }
  std::vector<std::int64_t> holidays, workdays;
  for (int k = int(in.range(0, 8)); k > 0; --k)
    (in.boolean() ? holidays : workdays)
        .push_back(in.boolean() ? 20454 + in.range(0, 800)  // 2026 .. 2028
                                : table_first - 5 + in.range(0, table_last - table_first + 10));
  // Building a calendar fills a 100-year table (milliseconds under the sanitizers), and most
  // mutations change only the operations: keep the calendars of recent inputs. They are
  // immutable, so a cached one behaves exactly like a fresh one.
  static std::map<std::string, std::unique_ptr<business_calendar>> cache;
  std::string k(reinterpret_cast<const char*>(data), size - in.remaining());
  auto it = cache.find(k);
  if (it == cache.end()) {
    if (cache.size() >= 256) cache.clear();
    it = cache
             .emplace(std::move(k), std::make_unique<business_calendar>("fuzz", offset, week, hours,
                                                                        holidays, workdays))
             .first;
  }
  const business_calendar& cal = *it->second;

  std::int64_t day_minutes = 0;
  for (auto [b, e] : hours) day_minutes += e - b;
  MINHU_FUZZ_CHECK(cal.working_day_ms() == day_minutes * 60'000);
  constexpr std::int64_t min_time = business_calendar::min_time;
  constexpr std::int64_t max_time = business_calendar::max_time;

  minhu::sla_clock clock, wall_clock;  // working time of `cal`; calendar time
  clock.calendar = &cal;
  clock.warning = wall_clock.warning = double(in.range(0, 100)) / 100;

  while (!in.empty()) {
    const std::int64_t t1 = instant(in), t2 = instant(in);
    const std::int64_t lo = std::min(t1, t2), hi = std::max(t1, t2);
    const std::int64_t c_lo = cal.cumulative(lo), c_hi = cal.cumulative(hi);
    MINHU_FUZZ_CHECK(c_lo <= c_hi);
    const std::int64_t w = cal.working_between(lo, hi);
    MINHU_FUZZ_CHECK(w >= 0);
    MINHU_FUZZ_CHECK(std::uint64_t(w) <= std::uint64_t(hi) - std::uint64_t(lo));  // exact
    if (lo >= min_time && lo < max_time) {
      const std::int64_t step = cal.cumulative(lo + 1) - c_lo;
      MINHU_FUZZ_CHECK(step == (cal.is_working_time(lo) ? 1 : 0));
    }

    // add_working: the exact instant the budget runs out, or max_time when it would not
    // before max_time.
    const std::int64_t d = duration(in);
    const std::int64_t r = cal.add_working(t1, d);
    if (d <= 0 || t1 >= max_time) {
      MINHU_FUZZ_CHECK(r == t1);
    } else if (r == max_time) {
      MINHU_FUZZ_CHECK(cal.working_between(t1, max_time) <= d);
    } else {
      MINHU_FUZZ_CHECK(r > t1 && r < max_time);
      MINHU_FUZZ_CHECK(cal.working_between(t1, r) == d);
      MINHU_FUZZ_CHECK(cal.is_working_time(r - 1));
      MINHU_FUZZ_CHECK(cal.working_between(t1, r - 1) == d - 1);
    }

    // SLA deadlines in working and in calendar time: warnings never after deadlines,
    // deadlines never before the start.
    for (minhu::sla_clock* k : {&clock, &wall_clock}) {
      k->acknowledge = duration(in);
      k->resolve = duration(in);
      const std::int64_t used = in.boolean() ? duration(in) : 0;
      const minhu::sla_deadlines s = k->schedule(t1, used);
      if (k->acknowledge > 0) {
        MINHU_FUZZ_CHECK(s.acknowledge_warn <= s.acknowledge_due);
        MINHU_FUZZ_CHECK(s.acknowledge_warn >= t1);
      }
      if (k->resolve > 0) {
        MINHU_FUZZ_CHECK(s.resolve_warn <= s.resolve_due);
        MINHU_FUZZ_CHECK(s.resolve_warn >= t1);
      }
      MINHU_FUZZ_CHECK(k->elapsed(lo, hi) >= 0);
    }
  }
  return 0;
}
