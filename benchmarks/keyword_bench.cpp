// Keyword-scale micro-benchmarks: normalise, scan, classify and dispatch at 500 / 5,000 /
// 50,000 keywords on 300-byte texts — the DESIGN performance budget's configuration (one core,
// 300-byte text, 5,000 keywords, 10,000 units) and a tenth / ten times its keywords.
//
//   build-bench/benchmarks/keyword_bench --benchmark_repetitions=5 \
//       --benchmark_report_aggregates_only=true
//   build-bench/benchmarks/keyword_bench --benchmark_filter='/5000$'   # the budget's size only
//
// Setup (not timed; ~10 s per keyword count the first time): a generated city of 10,000 units
// whose rules hold exactly K keywords of real vocabulary (workload.hpp, seed 20260301) and
// 8,192 petitions drawn from the real messages, each text cut to at most 300 bytes at a
// character boundary (the compound addresses of some included). Names say what is timed:
//   BM_normalize_hot_300B      the classifier's normalisation (track_offsets = false)
//   BM_normalize_offsets_300B  with the per-byte offset map (track_offsets = true, the
//                              default of normalized_text; used for explain / evidence only)
//   BM_scan/K                  one automaton scan of an already normalised text (keywords and
//                              area names), counting the occurrences
//   BM_normalize_scan/K        the two together: the budget's "normalise + scan" line
//   BM_scan_as_normalized/K    what the classifier runs instead: one scan of the raw text that
//                              folds the normalisation into the automaton's symbol table
//   BM_classify/K              engine::classify end to end: the scan of the raw fields +
//                              candidate rules + RE2 where prefiltered (on the normalised text,
//                              made only then) + evidence spans
//   BM_dispatch_sla/K          engine::dispatch (classify + locate + route) + SLA deadlines
// Rule evaluation has no public entry point of its own: BM_classify minus BM_scan_as_normalized
// of the same K estimates it (evidence mapping included). Reference in the same run:
//   BM_reference_naive_find/K  each keyword searched with string_view::find (no automaton)
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "minhu/engine.hpp"
#include "minhu/text.hpp"
#include "workload.hpp"

namespace {

constexpr std::uint64_t city_seed = 20260301;
constexpr std::uint64_t petition_seed = 7;
constexpr std::size_t units = 10'000;
constexpr std::size_t petition_count = 8192;
constexpr std::size_t text_bytes = 300;
constexpr std::int64_t now = 1772415000000;  // 2026-03-02T09:30:00+08:00

struct setup {
  std::shared_ptr<const minhu::ruleset> rs;
  std::unique_ptr<minhu::engine> engine;
  std::vector<minhu::petition> petitions;
  std::vector<std::string> normalized;  // each petition's text, normalised (hot path)
};

const setup& get(std::size_t keywords) {
  static std::mutex mu;
  static std::map<std::size_t, std::unique_ptr<setup>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[keywords];
  if (slot) return *slot;
  auto s = std::make_unique<setup>();
  s->rs = minhu::ruleset::load_string(bench::make_city_ruleset(units, city_seed, keywords));
  s->engine = std::make_unique<minhu::engine>(s->rs);
  s->petitions = bench::make_petitions(*s->rs, petition_count, petition_seed, text_bytes);
  minhu::normalized_text n;
  n.track_offsets = false;
  for (const auto& p : s->petitions) {
    minhu::normalize(p.text, n);
    s->normalized.push_back(n.text);
  }
  slot = std::move(s);
  return *slot;
}

// Petition texts only (no ruleset needed), cut to 300 bytes.
const std::vector<std::string>& texts_300() {
  static const std::vector<std::string> t = [] {
    std::vector<std::string> out;
    const auto& msgs = bench::real_messages();
    bench::rng r(petition_seed);
    for (std::size_t i = 0; i < petition_count; ++i)
      out.push_back(bench::cut_utf8(msgs[r.below(msgs.size())].text, text_bytes));
    return out;
  }();
  return t;
}

void counters(benchmark::State& state, const setup& s, std::size_t bytes) {
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(std::int64_t(bytes));
  state.counters["keywords"] = double(s.rs->keyword_count());
  state.counters["rules"] = double(s.rs->rules().size());
}

void normalize_bench(benchmark::State& state, bool offsets) {
  const auto& texts = texts_300();
  minhu::normalized_text n;
  n.track_offsets = offsets;
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const auto& t = texts[i++ % texts.size()];
    minhu::normalize(t, n);
    benchmark::DoNotOptimize(n.text.data());
    benchmark::ClobberMemory();
    bytes += t.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(std::int64_t(bytes));
}
void BM_normalize_hot_300B(benchmark::State& state) { normalize_bench(state, false); }
void BM_normalize_offsets_300B(benchmark::State& state) { normalize_bench(state, true); }
BENCHMARK(BM_normalize_hot_300B);
BENCHMARK(BM_normalize_offsets_300B);

void BM_scan(benchmark::State& state) {
  const setup& s = get(std::size_t(state.range(0)));
  const auto& ac = s.rs->index().automaton;
  std::size_t i = 0, bytes = 0, hits = 0;
  for (auto _ : state) {
    const auto& t = s.normalized[i++ % s.normalized.size()];
    ac.scan(t, [&](std::uint32_t, std::size_t, std::size_t) { ++hits; });
    bytes += t.size();
  }
  benchmark::DoNotOptimize(hits);
  counters(state, s, bytes);
  state.counters["hits_per_text"] = double(hits) / double(state.iterations());
  state.counters["patterns"] = double(ac.size());
  state.counters["automaton_MB"] = double(ac.memory_bytes()) / 1e6;
}
BENCHMARK(BM_scan)->Arg(500)->Arg(5000)->Arg(50000);

void BM_normalize_scan(benchmark::State& state) {
  const setup& s = get(std::size_t(state.range(0)));
  const auto& ac = s.rs->index().automaton;
  minhu::normalized_text n;
  n.track_offsets = false;
  std::size_t i = 0, bytes = 0, hits = 0;
  for (auto _ : state) {
    const auto& p = s.petitions[i++ % s.petitions.size()];
    minhu::normalize(p.text, n);
    ac.scan(n.text, [&](std::uint32_t, std::size_t, std::size_t) { ++hits; });
    bytes += p.text.size();
  }
  benchmark::DoNotOptimize(hits);
  counters(state, s, bytes);
}
BENCHMARK(BM_normalize_scan)->Arg(500)->Arg(5000)->Arg(50000);

void BM_scan_as_normalized(benchmark::State& state) {
  const setup& s = get(std::size_t(state.range(0)));
  const auto& ac = s.rs->index().automaton;
  std::size_t i = 0, bytes = 0, hits = 0;
  for (auto _ : state) {
    const auto& p = s.petitions[i++ % s.petitions.size()];
    ac.scan_as_normalized(p.text,
                          [&](std::uint32_t, std::uint32_t, std::size_t, std::size_t) { ++hits; });
    bytes += p.text.size();
  }
  benchmark::DoNotOptimize(hits);
  counters(state, s, bytes);
  state.counters["hits_per_text"] = double(hits) / double(state.iterations());
}
BENCHMARK(BM_scan_as_normalized)->Arg(500)->Arg(5000)->Arg(50000);

void BM_classify(benchmark::State& state) {
  const setup& s = get(std::size_t(state.range(0)));
  minhu::classification c;
  std::size_t i = 0, bytes = 0, by_rule = 0, fired = 0;
  for (auto _ : state) {
    const auto& p = s.petitions[i++ % s.petitions.size()];
    s.engine->classify(p, c);
    by_rule += c.decided_by == minhu::decided_by::rule;
    fired += c.fired.size();
    bytes += p.text.size();
  }
  counters(state, s, bytes);
  state.counters["rule_share"] = double(by_rule) / double(state.iterations());
  state.counters["fired_per_text"] = double(fired) / double(state.iterations());
}
BENCHMARK(BM_classify)->Arg(500)->Arg(5000)->Arg(50000);

void BM_dispatch_sla(benchmark::State& state) {
  const setup& s = get(std::size_t(state.range(0)));
  const minhu::dispatch_options opts;
  minhu::dispatch_result d;
  std::size_t i = 0, bytes = 0;
  std::int64_t sum = 0;
  for (auto _ : state) {
    const auto& p = s.petitions[i++ % s.petitions.size()];
    s.engine->dispatch(p, opts, d);
    const auto& c = d.classification;
    if (c.category >= 0)
      if (const minhu::sla_policy* pol = s.rs->sla_for(std::uint32_t(c.category)))
        sum += pol->clock(c.urgency).schedule(now).resolve_due;
    benchmark::DoNotOptimize(d.assignment.lead);
    bytes += p.text.size();
  }
  benchmark::DoNotOptimize(sum);
  counters(state, s, bytes);
  state.counters["units"] = double(s.rs->organisation().size());
}
BENCHMARK(BM_dispatch_sla)->Arg(500)->Arg(5000)->Arg(50000);

// Reference measured in the same run: every keyword of the ruleset searched in the normalised
// text with std::string_view::find, one after the other — what a hand-written loop does
// (500 and 5,000 keywords; 50,000 would take milliseconds per text).
void BM_reference_naive_find(benchmark::State& state) {
  const setup& s = get(std::size_t(state.range(0)));
  const auto& ix = s.rs->index();
  std::vector<std::string> keywords;
  for (std::uint32_t p = 0; p < ix.automaton.size(); ++p)
    if (ix.patterns[p].flags & minhu::detail::rule_index::keyword_pattern)
      keywords.emplace_back(ix.automaton.pattern(p));
  std::size_t i = 0, bytes = 0, found = 0;
  for (auto _ : state) {
    const std::string_view t = s.normalized[i++ % s.normalized.size()];
    for (const auto& k : keywords) found += t.find(k) != std::string_view::npos;
    bytes += t.size();
  }
  benchmark::DoNotOptimize(found);
  counters(state, s, bytes);
  state.counters["found_per_text"] = double(found) / double(state.iterations());
}
BENCHMARK(BM_reference_naive_find)->Arg(500)->Arg(5000);

}  // namespace

BENCHMARK_MAIN();
