// Timer wheel and tracker benchmarks: schedule / cancel / advance with 10 million timers, and
// the memory of a tracker holding a million open cases.
//
//   build-bench/benchmarks/tracker_bench --benchmark_repetitions=5 \
//       --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "minhu/detail/timer_wheel.hpp"
#include "minhu/tracker.hpp"

namespace {

constexpr std::int64_t day = 86'400'000;
constexpr std::int64_t start = 1'772'409'600'000;  // 2026-03-02 00:00 UTC

// 10M timers spread over 30 days, then: schedule one more + cancel one (steady state).
void BM_wheel_schedule_cancel_10M(benchmark::State& state) {
  const std::size_t n = std::size_t(state.range(0));
  minhu::detail::timer_wheel w(start);
  std::mt19937_64 rng(42);
  std::vector<std::uint32_t> handles(n);
  for (std::size_t i = 0; i < n; ++i)
    handles[i] =
        w.schedule(start + std::int64_t(rng() % std::uint64_t(30 * day)), std::uint32_t(i));
  std::size_t k = 0;
  for (auto _ : state) {
    const std::size_t i = k++ % n;
    w.cancel(handles[i]);
    handles[i] =
        w.schedule(start + std::int64_t(rng() % std::uint64_t(30 * day)), std::uint32_t(i));
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["timers"] = double(w.size());
  state.counters["bytes_per_timer"] = double(w.memory_bytes()) / double(w.size());
}
BENCHMARK(BM_wheel_schedule_cancel_10M)->Arg(10'000'000)->Unit(benchmark::kNanosecond);

// Advance through 10M timers one simulated minute at a time; items = timers fired.
void BM_wheel_advance_10M(benchmark::State& state) {
  const std::size_t n = std::size_t(state.range(0));
  std::int64_t fired = 0;
  for (auto _ : state) {
    state.PauseTiming();
    minhu::detail::timer_wheel w(start);
    std::mt19937_64 rng(7);
    for (std::size_t i = 0; i < n; ++i)
      w.schedule(start + std::int64_t(rng() % std::uint64_t(30 * day)), std::uint32_t(i));
    state.ResumeTiming();
    for (std::int64_t t = start; w.size() > 0; t += 60'000)
      w.advance(t, [&](std::int64_t, std::uint32_t) { ++fired; });
  }
  state.SetItemsProcessed(fired);
}
BENCHMARK(BM_wheel_advance_10M)->Arg(10'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

// A tracker with N open cases on the demo district: open cost and memory per case.
void BM_tracker_open(benchmark::State& state) {
  const std::size_t n = std::size_t(state.range(0));
  const std::string src = MINHU_SOURCE_DIR;
  minhu::engine engine(src + "/rulesets/demo-city.json");
  minhu::petition p;
  p.text = "楼下饭店油烟很大";
  p.area = "grid-a-01-1";
  const minhu::dispatch_result d = engine.dispatch(p);
  for (auto _ : state) {
    state.PauseTiming();
    auto t = std::make_unique<minhu::tracker>(engine.snapshot(), engine.loads());
    std::vector<std::string> ids(n);
    for (std::size_t i = 0; i < n; ++i) ids[i] = "C-" + std::to_string(i);
    state.ResumeTiming();
    for (std::size_t i = 0; i < n; ++i) t->open(ids[i], d, start + std::int64_t(i) * 1000);
    state.PauseTiming();
    state.counters["open_cases"] = double(t->cases().size());
    state.counters["timers"] = double(t->timers());
    t.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * std::int64_t(n));
}
BENCHMARK(BM_tracker_open)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
