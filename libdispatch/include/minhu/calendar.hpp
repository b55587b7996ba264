// Business calendars: working time across weekends, public holidays and adjusted working days
// (调休), at a fixed UTC offset. Exact to the millisecond and O(log days) — a per-day prefix sum
// of working minutes, never a minute-by-minute walk.
//
//   const minhu::business_calendar& cal = ruleset->calendar("cn-2026");
//   std::int64_t due = cal.add_working(received_at, cal.working_day_ms() * 5);  // 5 个工作日
//   std::int64_t used = cal.working_between(received_at, now);                  // ms of working
//   time
//
// Times are epoch milliseconds; days are counted in the calendar's local time (UTC + offset).
// The table spans 2000-01-01 .. 2099-12-31 local; outside it the regular working week applies.
// Arithmetic is defined for instants in [min_time, max_time] (about ±285,000 years): instants
// outside count as the nearest bound, and add_working returns max_time when the budget does
// not run out before it (e.g. a calendar without working time) — never an overflow.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace minhu {

namespace detail {
/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
/// ISO weekday (1 = Monday .. 7 = Sunday) of a day number.
constexpr int iso_weekday(std::int64_t days) noexcept {
  const std::int64_t w = (days + 3) % 7;  // 1970-01-01 was a Thursday
  return static_cast<int>((w < 0 ? w + 7 : w) + 1);
}
/// Parses "YYYY-MM-DD" into a day number (the caller validated the format).
inline std::int64_t parse_day(const std::string& s) {
  return days_from_civil(std::stoi(s.substr(0, 4)), unsigned(std::stoi(s.substr(5, 2))),
                         unsigned(std::stoi(s.substr(8, 2))));
}
}  // namespace detail

class business_calendar {
 public:
  static constexpr std::int64_t ms_per_minute = 60'000;
  static constexpr std::int64_t ms_per_day = 86'400'000;
  /// The instants the arithmetic is defined on: epoch ms within ±2^53.
  static constexpr std::int64_t min_time = -(std::int64_t{1} << 53);
  static constexpr std::int64_t max_time = std::int64_t{1} << 53;
  /// The precomputed table: local days [table_first_day, table_end_day), 2000-01-01 ..
  /// 2099-12-31. Holidays and adjusted working days outside it are ignored.
  static constexpr std::int64_t table_first_day = detail::days_from_civil(2000, 1, 1);
  static constexpr std::int64_t table_end_day = detail::days_from_civil(2100, 1, 1);

  /// A calendar working around the clock every day (24×7).
  business_calendar() : business_calendar("24x7", 0, {1, 2, 3, 4, 5, 6, 7}, {{0, 1440}}, {}, {}) {}

  /// `hours`: working intervals in minutes of the local day, sorted, non-overlapping;
  /// `holidays` / `workdays`: day numbers (days since 1970-01-01, local).
  business_calendar(std::string id, std::int32_t utc_offset_minutes, std::vector<int> workweek,
                    std::vector<std::pair<int, int>> hours, std::vector<std::int64_t> holidays,
                    std::vector<std::int64_t> workdays)
      : id_(std::move(id)),
        offset_ms_(std::int64_t(utc_offset_minutes) * ms_per_minute),
        hours_(std::move(hours)) {
    for (int d : workweek)
      if (d >= 1 && d <= 7) week_[d - 1] = true;
    std::int64_t minutes = 0;
    for (auto [b, e] : hours_) minutes += e - b;
    day_minutes_ = minutes;
    first_day_ = table_first_day;
    const std::int64_t last = table_end_day;
    const auto n = static_cast<std::size_t>(last - first_day_);
    working_.assign(n, false);
    for (std::size_t i = 0; i < n; ++i)
      working_[i] = week_[std::size_t(detail::iso_weekday(first_day_ + std::int64_t(i)) - 1)];
    for (auto d : holidays)
      if (d >= first_day_ && d < last) working_[std::size_t(d - first_day_)] = false;
    for (auto d : workdays)
      if (d >= first_day_ && d < last) working_[std::size_t(d - first_day_)] = true;
    prefix_.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i)
      prefix_[i + 1] = prefix_[i] + (working_[i] ? day_minutes_ : 0);
    max_cumulative_ = cumulative(max_time);
  }

  const std::string& id() const noexcept { return id_; }
  /// Working time of one full working day, in ms (a "d" of a working-time duration).
  std::int64_t working_day_ms() const noexcept { return day_minutes_ * ms_per_minute; }
  std::int64_t utc_offset_ms() const noexcept { return offset_ms_; }

  /// Whether the local day containing `t` is a working day.
  bool is_working_day(std::int64_t t) const noexcept { return working_day(local_day(clamp(t))); }
  /// Whether `t` falls inside working hours of a working day.
  bool is_working_time(std::int64_t t) const noexcept {
    t = clamp(t);
    const std::int64_t day = local_day(t);
    if (!working_day(day)) return false;
    const std::int64_t m = (t + offset_ms_) - day * ms_per_day;
    for (auto [b, e] : hours_)
      if (m >= b * ms_per_minute && m < e * ms_per_minute) return true;
    return false;
  }

  /// Working milliseconds in [t1, t2) (negative when t2 < t1).
  std::int64_t working_between(std::int64_t t1, std::int64_t t2) const noexcept {
    return cumulative(t2) - cumulative(t1);
  }

  /// The instant when `d` ms of working time have elapsed after `t` (d >= 0). When `t` is
  /// outside working hours the count starts at the next working moment; the result is the
  /// exact instant the budget runs out (inside working hours, or at an interval's end), or
  /// max_time when that would be after max_time (or never).
  std::int64_t add_working(std::int64_t t, std::int64_t d) const noexcept {
    if (d <= 0 || t >= max_time) return t;
    const std::int64_t c = cumulative(t);
    if (d > max_cumulative_ - c) return max_time;
    return at_cumulative(c + d);
  }

  /// Working ms elapsed from the calendar's origin up to `t` (monotonic in t).
  std::int64_t cumulative(std::int64_t t) const noexcept {
    const std::int64_t local = clamp(t) + offset_ms_;
    const std::int64_t day = floor_div(local, ms_per_day);
    const std::int64_t in_day = local - day * ms_per_day;
    return day_start(day) + (working_day(day) ? within(in_day) : 0);
  }

 private:
  static std::int64_t clamp(std::int64_t t) noexcept {
    return t < min_time ? min_time : t > max_time ? max_time : t;
  }
  static std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
  }
  std::int64_t local_day(std::int64_t t) const noexcept {
    return floor_div(t + offset_ms_, ms_per_day);
  }
  bool working_day(std::int64_t day) const noexcept {
    if (day >= first_day_ && day < first_day_ + std::int64_t(working_.size()))
      return working_[std::size_t(day - first_day_)];
    return week_[std::size_t(detail::iso_weekday(day) - 1)];
  }
  // Working ms before the start of local day `day`.
  std::int64_t day_start(std::int64_t day) const noexcept {
    const std::int64_t n = std::int64_t(working_.size());
    const std::int64_t rel = day - first_day_;
    if (rel >= 0 && rel <= n) return prefix_[std::size_t(rel)] * ms_per_minute;
    // Outside the table: the regular week, extended from its ends.
    const std::int64_t per_week = week_count() * day_minutes_;
    auto regular = [&](std::int64_t from, std::int64_t to) {  // minutes in [from, to)
      std::int64_t total = 0;
      const std::int64_t span = to - from;
      const std::int64_t weeks = floor_div(span, 7);
      total += weeks * per_week;
      for (std::int64_t d = from + weeks * 7; d < to; ++d)
        total += week_[std::size_t(detail::iso_weekday(d) - 1)] ? day_minutes_ : 0;
      return total;
    };
    if (rel > n) return (prefix_.back() + regular(first_day_ + n, day)) * ms_per_minute;
    return -regular(day, first_day_) * ms_per_minute;
  }
  // Working ms of a working day elapsed at `in_day` ms after local midnight.
  std::int64_t within(std::int64_t in_day) const noexcept {
    std::int64_t acc = 0;
    for (auto [b, e] : hours_) {
      const std::int64_t bm = b * ms_per_minute, em = e * ms_per_minute;
      if (in_day <= bm) break;
      acc += std::min(in_day, em) - bm;
      if (in_day < em) break;
    }
    return acc;
  }
  // The instant at which `c` working ms have elapsed since the origin.
  std::int64_t at_cumulative(std::int64_t c) const noexcept {
    if (day_minutes_ == 0) return max_time;  // no working time at all (add_working checks)
    const std::int64_t n = std::int64_t(working_.size());
    std::int64_t day = 0;
    const std::int64_t cm = c;
    if (cm > 0 && cm <= prefix_.back() * ms_per_minute) {
      // The working day D with day_start(D) < c <= day_start(D + 1): binary search over the
      // prefix sums (minutes; c rounded up, which is exact since the sums are whole minutes).
      const std::int64_t target = (cm + ms_per_minute - 1) / ms_per_minute;
      auto it = std::lower_bound(prefix_.begin(), prefix_.end(), target);
      day = first_day_ + std::int64_t(it - prefix_.begin()) - 1;
    } else {
      // Outside the table: step whole weeks, then days.
      day = cm > 0 ? first_day_ + n : first_day_;
      const std::int64_t per_week = week_count() * day_minutes_ * ms_per_minute;
      if (per_week == 0) return max_time;  // no regular working week (add_working checks)
      if (cm > day_start(day))
        day += floor_div(cm - day_start(day), per_week) * 7 - 7;
      else
        day -= (floor_div(day_start(day) - cm, per_week) + 1) * 7;
      while (day_start(day + 1) < cm) ++day;
      while (day_start(day) >= cm) --day;
    }
    // `day` is a working day holding the instant; find the interval.
    std::int64_t rest = cm - day_start(day);
    for (auto [b, e] : hours_) {
      const std::int64_t len = std::int64_t(e - b) * ms_per_minute;
      if (rest <= len)
        return day * ms_per_day - offset_ms_ + std::int64_t(b) * ms_per_minute + rest;
      rest -= len;
    }
    return (day + 1) * ms_per_day - offset_ms_;  // unreachable for consistent tables
  }
  std::int64_t week_count() const noexcept {
    return std::count(std::begin(week_), std::end(week_), true);
  }

  std::string id_;
  std::int64_t offset_ms_ = 0;
  std::vector<std::pair<int, int>> hours_;
  std::int64_t day_minutes_ = 0;
  bool week_[7] = {false, false, false, false, false, false, false};
  std::int64_t first_day_ = 0;
  std::vector<bool> working_;
  std::vector<std::int64_t> prefix_;  // working minutes before each table day
  std::int64_t max_cumulative_ = 0;   // cumulative(max_time)
};

}  // namespace minhu
