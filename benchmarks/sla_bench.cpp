// Calendar arithmetic and SLA schedule micro-benchmarks on the demo ruleset's calendar
// (rulesets/demo-city.json, "cn-2026": Mon-Fri 09:00-12:00 and 13:30-18:00 at +08:00, the
// 2025-2026 public holidays and adjusted working weekends).
//
//   build-bench/benchmarks/sla_bench --benchmark_repetitions=5 \
//       --benchmark_report_aggregates_only=true
//
// Start instants: 8,192 uniform random milliseconds of 2026 (nights, weekends and holidays
// included), the same for every benchmark. Timed:
//   BM_add_working/M             business_calendar::add_working(t, M minutes of working time)
//                                (30 min, 4 h, 2 and 5 working days of 7.5 h)
//   BM_working_between           working_between(t, t + up to 30 days)
//   BM_sla_schedule_*            sla_clock::schedule(t): acknowledge, respond and resolve
//                                deadlines and their warnings (six instants) — a working-time
//                                clock (policy "standard", urgency normal), a calendar-time one
//                                (urgency critical), and the mix of every category's policy at
//                                normal / urgent / critical in 90 / 7 / 3 proportions
// Reference measured in the same run: BM_reference_minute_walk/M, add_working done the naive
// way — step minute by minute, counting the working ones (is_working_time) — for 30 min and
// 4 h (longer budgets take too long to be worth it).
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "minhu/ruleset.hpp"
#include "workload.hpp"

namespace {

constexpr std::int64_t minute = 60'000;
constexpr std::int64_t year_2026 = 1767196800000;  // 2026-01-01T00:00:00+08:00
constexpr std::int64_t year_ms = 365 * 86'400'000LL;

const minhu::ruleset& demo() {
  static const auto rs =
      minhu::ruleset::load_file(std::string(MINHU_SOURCE_DIR) + "/rulesets/demo-city.json");
  return *rs;
}

const minhu::business_calendar& calendar() {
  static const minhu::business_calendar* cal = demo().find_calendar("cn-2026");
  if (!cal) throw std::runtime_error("demo-city.json has no calendar cn-2026");
  return *cal;
}

const std::vector<std::int64_t>& starts() {
  static const std::vector<std::int64_t> v = [] {
    std::vector<std::int64_t> out;
    bench::rng r(2026);
    for (int i = 0; i < 8192; ++i) out.push_back(year_2026 + std::int64_t(r.below(year_ms)));
    return out;
  }();
  return v;
}

void BM_add_working(benchmark::State& state) {
  const auto& cal = calendar();
  const auto& t = starts();
  const std::int64_t budget = state.range(0) * minute;
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(cal.add_working(t[i++ % t.size()], budget));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_add_working)->Arg(30)->Arg(240)->Arg(2 * 450)->Arg(5 * 450);

void BM_working_between(benchmark::State& state) {
  const auto& cal = calendar();
  const auto& t = starts();
  std::vector<std::int64_t> ends;
  bench::rng r(30);
  for (auto s : t) ends.push_back(s + std::int64_t(r.below(30 * 86'400'000ull)));
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t k = i++ % t.size();
    benchmark::DoNotOptimize(cal.working_between(t[k], ends[k]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_working_between);

// The naive way: walk minute by minute.
std::int64_t minute_walk(const minhu::business_calendar& cal, std::int64_t t, std::int64_t d) {
  std::int64_t left = d / minute;
  std::int64_t x = t - t % minute;
  while (left > 0) {
    if (cal.is_working_time(x)) --left;
    x += minute;
  }
  return x;
}

void BM_reference_minute_walk(benchmark::State& state) {
  const auto& cal = calendar();
  const auto& t = starts();
  const std::int64_t budget = state.range(0) * minute;
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(minute_walk(cal, t[i++ % t.size()], budget));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_reference_minute_walk)->Arg(30)->Arg(240);

void schedule_bench(benchmark::State& state, const std::vector<const minhu::sla_clock*>& clocks) {
  const auto& t = starts();
  std::size_t i = 0;
  std::int64_t sum = 0;
  for (auto _ : state) {
    const std::size_t k = i++;
    const minhu::sla_deadlines d = clocks[k % clocks.size()]->schedule(t[k % t.size()]);
    sum += d.resolve_due;
    benchmark::DoNotOptimize(d);
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}

const minhu::sla_policy& standard() {
  for (const auto& p : demo().policies())
    if (p.id == "standard") return p;
  throw std::runtime_error("demo-city.json has no SLA policy \"standard\"");
}

void BM_sla_schedule_working(benchmark::State& state) {
  schedule_bench(state, {&standard().clock(minhu::urgency::normal)});
}
BENCHMARK(BM_sla_schedule_working);

void BM_sla_schedule_calendar(benchmark::State& state) {
  const minhu::sla_clock& c = standard().clock(minhu::urgency::critical);
  if (c.calendar) state.SkipWithError("the critical clock of \"standard\" is not calendar time");
  schedule_bench(state, {&c});
}
BENCHMARK(BM_sla_schedule_calendar);

void BM_sla_schedule_mixed(benchmark::State& state) {
  const auto& rs = demo();
  std::vector<const minhu::sla_clock*> clocks;
  bench::rng r(11);
  for (int k = 0; k < 4096; ++k) {
    const auto c = std::uint32_t(r.below(rs.categories().size()));
    const minhu::sla_policy* pol = rs.sla_for(c);
    if (!pol) continue;
    const double u = r.unit();
    const auto urg = u < 0.03   ? minhu::urgency::critical
                     : u < 0.10 ? minhu::urgency::urgent
                                : minhu::urgency::normal;
    clocks.push_back(&pol->clock(urg));
  }
  schedule_bench(state, clocks);
}
BENCHMARK(BM_sla_schedule_mixed);

}  // namespace

BENCHMARK_MAIN();
