// Dispatch micro-benchmarks (classify + locate + route, route alone, location resolution,
// ruleset compile) on generated cities of 1,000 and 10,000 units (benchmarks/workload.hpp,
// the demo's rules) with petitions drawn from the real messages (whole texts).
//
//   build-bench/benchmarks/dispatch_bench --benchmark_repetitions=5 \
//       --benchmark_report_aggregates_only=true --benchmark_min_time=0.2
//   MINHU_BENCH_LARGE=1 build-bench/benchmarks/dispatch_bench ...   # also 100,000 units
//
// Keyword-scale variants (500 / 5,000 / 50,000 keywords, 300-byte texts) are in
// keyword_bench.cpp; end to end with SLA deadlines and threads: `minhu bench`.
//
// Reference measured in the same run: BM_reference_linear_scan_route, a naive router that,
// for the same classified and located petitions, scans every unit, tests its serves bitset and
// its jurisdiction by walking the area's ancestors, and picks the least loaded of the lowest
// tier — what a simple implementation does. Compare it with BM_route_only.
#include <benchmark/benchmark.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "minhu/engine.hpp"
#include "workload.hpp"

namespace {

constexpr std::uint64_t city_seed = 20260301;
constexpr std::uint64_t petition_seed = 7;
constexpr std::size_t petition_count = 8192;

// A generated city, its engine, petitions, loads and the petitions' dispatch results.
struct city {
  std::string json;
  std::shared_ptr<const minhu::ruleset> rs;
  std::unique_ptr<minhu::engine> engine;
  std::vector<minhu::petition> petitions;
  std::unique_ptr<minhu::load_view> loads;
  std::vector<minhu::dispatch_result> results;  // precomputed: classification + location
  minhu::dispatch_options opts;
};

const city& get_city(std::size_t units) {
  static std::mutex mu;
  static std::map<std::size_t, std::unique_ptr<city>> cities;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cities[units];
  if (slot) return *slot;
  auto c = std::make_unique<city>();
  c->json = bench::make_city_ruleset(units, city_seed);
  c->rs = minhu::ruleset::load_string(c->json);
  c->engine = std::make_unique<minhu::engine>(c->rs);
  c->petitions = bench::make_petitions(*c->rs, petition_count, petition_seed);
  // Open cases per unit: 0 .. capacity, so the least-loaded pick has something to do.
  const auto& org = c->rs->organisation();
  c->loads = std::make_unique<minhu::load_view>(org.size());
  bench::rng r(99);
  for (std::uint32_t u = 0; u < org.size(); ++u)
    c->loads->set(u, std::int64_t(r.below(std::uint64_t(org[u].capacity) + 1)));
  c->opts.loads = c->loads.get();
  c->results.resize(c->petitions.size());
  for (std::size_t i = 0; i < c->petitions.size(); ++i)
    c->engine->dispatch(c->petitions[i], c->opts, c->results[i]);
  slot = std::move(c);
  return *slot;
}

void city_counters(benchmark::State& state, const city& c) {
  state.counters["units"] = double(c.rs->organisation().size());
  state.counters["areas"] = double(c.rs->areas().size());
}

// ---- end to end ------------------------------------------------------------------------

void BM_dispatch(benchmark::State& state) {
  const city& c = get_city(std::size_t(state.range(0)));
  minhu::dispatch_result out;
  std::size_t i = std::size_t(state.thread_index()) * 997, bytes = 0;
  for (auto _ : state) {
    const auto& p = c.petitions[i++ % c.petitions.size()];
    c.engine->dispatch(p, c.opts, out);
    benchmark::DoNotOptimize(out.assignment.lead);
    bytes += p.text.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(std::int64_t(bytes));
  if (state.thread_index() == 0) city_counters(state, c);
}
BENCHMARK(BM_dispatch)->Arg(1000)->Arg(10000);
BENCHMARK(BM_dispatch)->Arg(10000)->Threads(2)->UseRealTime();

// ---- route only (classification and location precomputed) ------------------------------

void route_counters(benchmark::State& state, const city& c) {
  std::size_t rule = 0, method[5] = {0, 0, 0, 0, 0}, tier[3] = {0, 0, 0};
  for (const auto& r : c.results) {
    rule += r.classification.decided_by == minhu::decided_by::rule;
    ++method[std::size_t(r.location.method)];
    if (r.assignment.tier >= 0 && r.assignment.tier < 3) ++tier[std::size_t(r.assignment.tier)];
  }
  const double n = double(c.results.size());
  state.counters["rule_share"] = double(rule) / n;
  state.counters["loc_id"] = double(method[0]) / n;
  state.counters["loc_gps"] = double(method[1]) / n;
  state.counters["loc_gaz"] = double(method[2]) / n;
  state.counters["loc_ambig"] = double(method[3]) / n;
  state.counters["small"] = double(tier[0]) / n;
  state.counters["medium"] = double(tier[1]) / n;
  state.counters["big"] = double(tier[2]) / n;
}

void BM_route_only(benchmark::State& state) {
  const city& c = get_city(std::size_t(state.range(0)));
  minhu::assignment out;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& r = c.results[i++ % c.results.size()];
    minhu::route(*c.rs, r.classification, r.location, c.opts, *c.loads, out);
    benchmark::DoNotOptimize(out.lead);
  }
  state.SetItemsProcessed(state.iterations());
  city_counters(state, c);
  route_counters(state, c);
}
BENCHMARK(BM_route_only)->Arg(1000)->Arg(10000);

// ---- reference: linear scan of every unit ------------------------------------------------

// What a straightforward router does without a compiled table: for each petition, every
// unit is tested (serves bitset, then jurisdiction by walking the petition area's ancestors);
// the least loaded of the lowest admissible tier wins (ties: kind rank, then id, as ours);
// assisting units come from a scan of every link.
struct naive_router {
  struct unit_row {
    std::vector<std::uint64_t> serves;
    std::vector<std::uint32_t> areas;
    std::int8_t tier = -1;
    std::uint8_t kind_rank = 0;
    std::int64_t capacity = 1;
    const std::string* id = nullptr;
    minhu::unit_kind kind = minhu::unit_kind::department;
  };
  const minhu::ruleset& rs;
  std::vector<unit_row> units;
  std::vector<std::int32_t> area_parent;

  explicit naive_router(const minhu::ruleset& r) : rs(r) {
    const auto& org = rs.organisation();
    const std::size_t words = (rs.categories().size() + 63) / 64;
    for (std::uint32_t u = 0; u < org.size(); ++u) {
      unit_row row;
      row.serves.assign(words, 0);
      row.areas = org[u].areas;
      row.tier = org[u].tier;
      row.kind_rank = org[u].kind_rank;
      row.capacity = std::max<std::int64_t>(1, org[u].capacity);
      row.id = &org[u].id;
      row.kind = org[u].kind;
      for (const auto& pat : rs.units()[u].serves) {
        const auto bits = rs.categories_matching(pat);
        for (std::size_t w = 0; w < words; ++w) row.serves[w] |= bits[w];
      }
      units.push_back(std::move(row));
    }
    for (const auto& a : rs.areas()) area_parent.push_back(a.parent);
  }

  // Returns the lead; fills `assisting`.
  std::int32_t route(const minhu::classification& c, const minhu::location& loc,
                     const minhu::load_view& loads, std::vector<std::uint32_t>& assisting) const {
    assisting.clear();
    const std::int32_t ccc = rs.command_center();
    if (c.decided_by == minhu::decided_by::triage || c.category < 0)
      return rs.triage_unit() >= 0 ? rs.triage_unit() : ccc;
    const auto cat = std::uint32_t(c.category);
    const std::int32_t area = loc.area >= 0 ? loc.area : rs.area_tree().top();
    const auto min_tier = std::int8_t(rs.categories()[cat].tier);
    std::int32_t best[3] = {-1, -1, -1};
    std::int64_t best_load[3] = {0, 0, 0};
    for (std::uint32_t u = 0; u < units.size(); ++u) {
      const unit_row& row = units[u];
      if (row.tier < min_tier) continue;
      if (!((row.serves[cat >> 6] >> (cat & 63)) & 1)) continue;
      bool juris = false;
      for (const auto ua : row.areas) {
        for (std::int32_t x = area; x >= 0 && !juris; x = area_parent[std::size_t(x)])
          juris = std::uint32_t(x) == ua;
        if (juris) break;
      }
      if (!juris) continue;
      const std::int64_t load = std::max<std::int64_t>(0, loads.get(u));
      std::int32_t& b = best[std::size_t(row.tier)];
      std::int64_t& bl = best_load[std::size_t(row.tier)];
      bool better = b < 0;
      if (!better) {
        const unit_row& br = units[std::size_t(b)];
        const std::int64_t lhs = load * br.capacity, rhs = bl * row.capacity;
        better = lhs < rhs || (lhs == rhs && (row.kind_rank < br.kind_rank ||
                                              (row.kind_rank == br.kind_rank && *row.id < *br.id)));
      }
      if (better) {
        b = std::int32_t(u);
        bl = load;
      }
    }
    std::int32_t lead = ccc;
    for (int t = 0; t < 3; ++t)
      if (best[t] >= 0) {
        lead = best[t];
        break;
      }
    const auto lead_kind = units[std::size_t(lead)].kind;
    for (const auto& l : rs.organisation().links()) {
      if (l.from != std::uint32_t(lead) || !l.covers(cat)) continue;
      if (l.type == minhu::link_type::summons && lead_kind != minhu::unit_kind::street &&
          lead_kind != minhu::unit_kind::town)
        continue;
      if (l.to == std::uint32_t(lead)) continue;
      if (std::find(assisting.begin(), assisting.end(), l.to) == assisting.end())
        assisting.push_back(l.to);
    }
    return lead;
  }
};

void BM_reference_linear_scan_route(benchmark::State& state) {
  const city& c = get_city(std::size_t(state.range(0)));
  const naive_router naive(*c.rs);
  // Same answers as ours? (counted once, outside the timing)
  std::size_t disagree = 0;
  std::vector<std::uint32_t> assisting;
  for (const auto& r : c.results)
    disagree +=
        naive.route(r.classification, r.location, *c.loads, assisting) != r.assignment.lead ||
        assisting != r.assignment.assisting;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& r = c.results[i++ % c.results.size()];
    benchmark::DoNotOptimize(naive.route(r.classification, r.location, *c.loads, assisting));
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["disagree"] = double(disagree);
  city_counters(state, c);
}
BENCHMARK(BM_reference_linear_scan_route)->Arg(1000)->Arg(10000);

// ---- location ----------------------------------------------------------------------------

void BM_locate_gps(benchmark::State& state) {
  const city& c = get_city(std::size_t(state.range(0)));
  std::vector<std::pair<double, double>> points;
  for (const auto& p : c.petitions)
    if (p.lat && p.lon) points.emplace_back(*p.lon, *p.lat);
  const auto& tree = c.rs->area_tree();
  std::size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto& [lon, lat] = points[i++ % points.size()];
    found += tree.locate(lon, lat) >= 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["found"] = double(found) / double(state.iterations());
  state.counters["polygons"] = double(tree.polygon_count());
}
BENCHMARK(BM_locate_gps)->Arg(10000);

// resolve_location alone, by the evidence a petition carries. The gazetteer hits of each
// petition come from classifying it once beforehand (resolve_location reads nothing else of
// the scratch), so only the resolution is timed:
//   explicit_id  the petition's grid id (hash lookup; names in its text may refine it)
//   gps          its lat/lon (R-tree point-in-polygon, consistency with named areas)
//   gazetteer    a compound name in its text ("，地址：<name>"), no id and no point
struct located_set {
  std::vector<const minhu::petition*> petitions;
  std::vector<std::unique_ptr<minhu::classifier_scratch>> scratch;  // gazetteer hits only
};

const located_set& location_set(const city& c, int kind) {
  static std::mutex mu;
  static std::map<std::pair<const city*, int>, located_set> sets;
  std::lock_guard<std::mutex> lock(mu);
  auto [it, fresh] = sets.try_emplace({&c, kind});
  located_set& s = it->second;
  if (!fresh) return s;
  minhu::classifier_scratch sc;
  minhu::classification cl;
  for (const auto& p : c.petitions) {
    const bool gps = p.lat && p.lon;
    const bool named = !gps && p.area.empty() && p.text.find("，地址：") != std::string::npos;
    if ((kind == 0 && p.area.empty()) || (kind == 1 && !gps) || (kind == 2 && !named)) continue;
    minhu::classify(c.rs, p, sc, cl);
    auto own = std::make_unique<minhu::classifier_scratch>();
    own->gazetteer_hits = sc.gazetteer_hits;
    s.petitions.push_back(&p);
    s.scratch.push_back(std::move(own));
    if (s.petitions.size() == 2048) break;
  }
  return s;
}

void locate_bench(benchmark::State& state, int kind) {
  const city& c = get_city(std::size_t(state.range(0)));
  const located_set& s = location_set(c, kind);
  if (s.petitions.empty()) {
    state.SkipWithError("no petition of this kind");
    return;
  }
  minhu::location out;
  std::size_t i = 0, found = 0, by[5] = {0, 0, 0, 0, 0};
  for (auto _ : state) {
    const std::size_t k = i++ % s.petitions.size();
    minhu::resolve_location(*c.rs, *s.petitions[k], *s.scratch[k], out);
    benchmark::DoNotOptimize(out.area);
    found += out.area >= 0;
    ++by[std::min<std::size_t>(4, std::size_t(out.method))];
  }
  const double n = double(state.iterations());
  state.SetItemsProcessed(state.iterations());
  state.counters["petitions"] = double(s.petitions.size());
  state.counters["by_id"] = double(by[0]) / n;
  state.counters["by_gps"] = double(by[1]) / n;
  state.counters["by_gaz"] = double(by[2]) / n;
  state.counters["ambig"] = double(by[3]) / n;
  city_counters(state, c);
}
void BM_locate_explicit_id(benchmark::State& state) { locate_bench(state, 0); }
void BM_locate_gps_resolve(benchmark::State& state) { locate_bench(state, 1); }
void BM_locate_gazetteer(benchmark::State& state) { locate_bench(state, 2); }
BENCHMARK(BM_locate_explicit_id)->Arg(1000)->Arg(10000);
BENCHMARK(BM_locate_gps_resolve)->Arg(1000)->Arg(10000);
BENCHMARK(BM_locate_gazetteer)->Arg(1000)->Arg(10000);

// ---- compile -----------------------------------------------------------------------------

// Bytes of heap in use (glibc), or 0 when unknown.
double heap_in_use() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  return double(mallinfo2().uordblks);
#else
  return 0;
#endif
}

void BM_compile_city(benchmark::State& state) {
  const std::string json = bench::make_city_ruleset(std::size_t(state.range(0)), city_seed);
  std::shared_ptr<const minhu::ruleset> rs;
  double retained = 0;
  for (auto _ : state) {
    state.PauseTiming();
    rs.reset();
    const double before = heap_in_use();
    state.ResumeTiming();
    rs = minhu::ruleset::load_string(json);
    benchmark::DoNotOptimize(rs.get());
    state.PauseTiming();
    retained = heap_in_use() - before;  // what the compiled ruleset keeps
    state.ResumeTiming();
  }
  const auto& t = rs->table();
  state.counters["ruleset_MB"] = retained / 1e6;
  state.counters["units"] = double(rs->organisation().size());
  state.counters["areas"] = double(rs->areas().size());
  state.counters["json_MB"] = double(json.size()) / 1e6;
  state.counters["cells"] = double(t.cell_count());
  state.counters["lists"] = double(t.distinct_lists());
  state.counters["table_MB"] = double(t.memory_bytes()) / 1e6;
  state.counters["automaton_MB"] = double(rs->index().automaton.memory_bytes()) / 1e6;
  state.counters["patterns"] = double(rs->index().automaton.size());
}
BENCHMARK(BM_compile_city)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // 100,000 units on request: the table build takes long enough to keep it out of routine runs.
  if (const char* large = std::getenv("MINHU_BENCH_LARGE"); large && *large && *large != '0') {
    benchmark::RegisterBenchmark("BM_compile_city", BM_compile_city)
        ->Arg(100000)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_dispatch", BM_dispatch)->Arg(100000);
    benchmark::RegisterBenchmark("BM_route_only", BM_route_only)->Arg(100000);
    benchmark::RegisterBenchmark("BM_reference_linear_scan_route", BM_reference_linear_scan_route)
        ->Arg(100000);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
