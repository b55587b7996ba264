// `minhu bench`, the tool side: end-to-end dispatch throughput and latency of one ruleset on
// one file of petitions. Included by minhu.cpp only; nothing here is part of the library.
//
//   minhu bench -r ruleset.json petitions.jsonl [--threads N] [--seconds S | --rounds R] [--json]
//
// What is measured, in order:
//   1. compile: ruleset::load_file, --compile-runs times (the previous ruleset released first);
//      the median, min and max wall time. The last one is served by one minhu::engine.
//   2. one untimed pass over the petitions (also the warm-up): the decision, location method,
//      loop tier and SLA counts reported as shares.
//   3. for 1 thread, then for N threads (each thread its own dispatch_result and the engine's
//      per-thread scratch; all from the one engine): a throughput phase without any clock
//      read per petition, then a latency phase reading steady_clock before and after every
//      petition into a fixed-size log-linear histogram (1/64 relative resolution). A
//      petition's work is engine::dispatch (classify + locate + route, one scan) plus the SLA
//      deadlines of its category's policy at its urgency, computed at a fixed --now.
//   4. with --reload-every MS: for 1 thread, then for N threads, two more latency phases in a
//      row, the same as in 3: "steady" (nothing else runs), then "reloading", where one more
//      thread calls engine::reload() (re-reads and compiles the file, then swaps it in) every
//      MS milliseconds (at once again when a reload took longer). What a reload costs the
//      dispatching threads shows in the difference: latency quantiles, the samples of 1 ms or
//      more, throughput. The reloads compete with the dispatching threads for cores.
// The measured loops allocate nothing themselves (buffers are reused); what dispatch itself
// allocates is part of what is measured. Peak RSS is getrusage's ru_maxrss (it includes the
// JSON parse of the ruleset at load time); rss_after_load is the resident size once the
// ruleset is compiled and the petitions are read, before any dispatch (/proc/self/statm).
#pragma once

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "minhu/engine.hpp"
#include "minhu/jsonl.hpp"

namespace minhu_bench {

using clock_type = std::chrono::steady_clock;

struct options {
  std::string ruleset;
  std::string petitions;   ///< JSON Lines file, or "-" for stdin
  unsigned threads = 0;    ///< 0: std::thread::hardware_concurrency()
  double seconds = 2.0;    ///< length of each measured phase (unless rounds > 0)
  std::size_t rounds = 0;  ///< > 0: each thread makes this many passes over the petitions
  std::size_t compile_runs = 5;
  std::int64_t now = 1772415000000;  ///< 2026-03-02T09:30:00+08:00: when SLA clocks start
  bool lenient = false;
  double reload_every_ms = 0;  ///< > 0: measure dispatch while the ruleset reloads (step 4)
};

/// Latency histogram: exact below 128 ns, then 64 buckets per power of two (error < 1.6%,
/// the midpoint reported is within 0.8%). Fixed size: adding never allocates.
class histogram {
 public:
  static constexpr std::size_t linear = 128, sub = 64;
  histogram() : counts_(linear + 57 * sub, 0) {}

  void add(std::uint64_t ns) noexcept {
    ++counts_[index(ns)];
    ++count_;
    sum_ += ns;
    max_ = std::max(max_, ns);
  }
  void merge(const histogram& o) {
    for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += o.counts_[i];
    count_ += o.count_;
    sum_ += o.sum_;
    max_ = std::max(max_, o.max_);
  }
  std::uint64_t count() const noexcept { return count_; }
  /// Samples of at least `ns` (to the resolution of the bucket holding ns).
  std::uint64_t count_at_least(std::uint64_t ns) const noexcept {
    std::uint64_t n = 0;
    for (std::size_t i = index(ns); i < counts_.size(); ++i) n += counts_[i];
    return n;
  }
  std::uint64_t max() const noexcept { return max_; }
  double mean() const noexcept { return count_ ? double(sum_) / double(count_) : 0; }
  /// The value at quantile q (0 < q <= 1): the midpoint of the bucket holding that rank.
  double quantile(double q) const noexcept {
    if (count_ == 0) return 0;
    const auto rank = std::max<std::uint64_t>(1, std::uint64_t(std::ceil(q * double(count_))));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      seen += counts_[i];
      if (seen >= rank) return std::min(double(max_), midpoint(i));
    }
    return double(max_);
  }

 private:
  static std::size_t index(std::uint64_t v) noexcept {
    if (v < linear) return std::size_t(v);
    const int msb = 63 - __builtin_clzll(v);  // >= 7
    return linear + std::size_t(msb - 7) * sub + std::size_t((v >> (msb - 6)) & (sub - 1));
  }
  static double midpoint(std::size_t i) noexcept {
    if (i < linear) return double(i);
    const int msb = int((i - linear) / sub) + 7;
    const double lo = double((sub + (i - linear) % sub) << (msb - 6));
    const double width = double(std::uint64_t(1) << (msb - 6));
    return lo + (width - 1) / 2;
  }
  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0, sum_ = 0, max_ = 0;
};

/// One measured configuration (a thread count).
struct run {
  unsigned threads = 1;
  std::uint64_t petitions = 0;  ///< dispatched in the throughput phase (all threads)
  double seconds = 0;           ///< its wall time (slowest thread)
  double per_thread = 0;        ///< mean of each thread's own petitions / its own seconds
  std::uint64_t timed = 0;      ///< dispatched in the latency phase (= latency samples)
  double timed_seconds = 0;
  histogram latency;
  std::uint64_t checksum = 0;
  double per_s() const { return seconds > 0 ? double(petitions) / seconds : 0; }
  double timed_per_s() const { return timed_seconds > 0 ? double(timed) / timed_seconds : 0; }
};

/// Hot reload (step 4): one thread count, without and with reloads.
struct reload_run {
  unsigned threads = 1;
  run steady, reloading;
  std::vector<double> reload_ms;  ///< each reload: read + compile + swap, wall time
  std::uint64_t generations = 0;  ///< the engine's generation after the phase
  std::uint64_t failed_reloads = 0;
};

struct report {
  options opt;
  std::string ruleset_id, ruleset_version;
  std::size_t categories = 0, rules = 0, keywords = 0, regexes = 0, units = 0, areas = 0;
  bool model = false;
  std::vector<double> compile_ms;  ///< each run, in order
  std::size_t petitions = 0, bad_lines = 0;
  double avg_text_bytes = 0;
  std::size_t decided[3] = {0, 0, 0};        ///< rule, model, triage
  std::size_t located[5] = {0, 0, 0, 0, 0};  ///< explicit_id, gps, gazetteer, ambiguous, unknown
  std::size_t tiers[4] = {0, 0, 0, 0};       ///< small, medium, big, none
  std::size_t sla_scheduled = 0, sla_none = 0;
  double clock_overhead_ns = 0;
  run single;
  std::optional<run> multi;
  std::vector<reload_run> reload;  ///< empty without --reload-every
  double rss_after_load_mb = 0, peak_rss_mb = 0;
};

// ---- helpers --------------------------------------------------------------------------------

inline double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// Peak resident set size of this process, MB (getrusage; Linux reports KiB).
inline double peak_rss_mb() {
  struct rusage ru {};
  if (getrusage(RUSAGE_SELF, &ru) != 0) return 0;
#if defined(__APPLE__)
  return double(ru.ru_maxrss) / (1024.0 * 1024.0);
#else
  return double(ru.ru_maxrss) / 1024.0;
#endif
}

/// Current resident set size, MB (Linux /proc/self/statm; 0 elsewhere).
inline double current_rss_mb() {
  std::ifstream in("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  if (!(in >> size >> resident)) return 0;
  return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

inline double seconds_between(clock_type::time_point a, clock_type::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

/// Cost of one steady_clock::now(), ns: the median of 5 batches of 200,000 calls.
inline double clock_overhead_ns() {
  std::vector<double> v;
  for (int b = 0; b < 5; ++b) {
    constexpr int calls = 200'000;
    std::int64_t sink = 0;
    const auto t0 = clock_type::now();
    for (int i = 0; i < calls; ++i) sink += clock_type::now().time_since_epoch().count() & 1;
    const auto t1 = clock_type::now();
    volatile std::int64_t keep = sink;  // the calls must happen
    (void)keep;
    v.push_back(double(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()) /
                calls);
  }
  return median(v);
}

/// One petition's work: dispatch, then the SLA deadlines at `now`. Returns a value folded
/// into the checksum, so that nothing can be optimised away.
inline std::uint64_t dispatch_one(const minhu::engine& e, const minhu::ruleset& rs,
                                  const minhu::petition& p, const minhu::dispatch_options& opts,
                                  std::int64_t now, minhu::dispatch_result& d) noexcept {
  e.dispatch(p, opts, d);
  std::uint64_t x =
      std::uint64_t(d.assignment.lead) * 31 + std::uint64_t(d.classification.category);
  if (d.classification.category >= 0) {
    if (const minhu::sla_policy* pol = rs.sla_for(std::uint32_t(d.classification.category))) {
      const minhu::sla_deadlines dl = pol->clock(d.classification.urgency).schedule(now);
      x += std::uint64_t(dl.acknowledge_due) ^ std::uint64_t(dl.respond_due) ^
           std::uint64_t(dl.resolve_due) ^ std::uint64_t(dl.resolve_warn);
    }
  }
  return x;
}

struct worker_out {
  std::uint64_t count = 0, checksum = 0;
  double seconds = 0;
  histogram latency;
};

/// Measures `threads` threads over `ps`; timed = the latency phase. With `reloads`, one more
/// thread reloads `e` every opt.reload_every_ms while they run, recording each reload's time.
inline void measure(minhu::engine& e, const std::shared_ptr<const minhu::ruleset>& rs,
                    const std::vector<minhu::petition>& ps, const options& opt, unsigned threads,
                    bool timed, run& out, reload_run* reloads = nullptr) {
  std::vector<worker_out> results(threads);
  std::atomic<unsigned> ready{0}, finished{0};
  std::atomic<bool> go{false};
  const std::size_t n = ps.size();
  auto body = [&](unsigned t) {
    worker_out& r = results[t];
    const minhu::dispatch_options opts;
    minhu::dispatch_result d;
    std::uint64_t sum = 0;
    const std::size_t start = std::size_t(std::uint64_t(n) * t / threads);
    // Warm-up: the thread's scratch and `d` grow to their working size.
    for (std::size_t k = 0; k < std::min<std::size_t>(n, 512); ++k)
      sum += dispatch_one(e, *rs, ps[(start + k) % n], opts, opt.now, d);
    ready.fetch_add(1);
    while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
    std::uint64_t count = 0;
    std::size_t i = start;
    const auto t0 = clock_type::now();
    const auto deadline = t0 + std::chrono::duration_cast<clock_type::duration>(
                                   std::chrono::duration<double>(opt.rounds ? 0.0 : opt.seconds));
    const std::uint64_t total = opt.rounds ? std::uint64_t(opt.rounds) * n : 0;
    auto t_end = t0;
    if (!timed) {
      for (;;) {
        // Clock checks every 64 petitions only (none in rounds mode).
        const std::uint64_t chunk = total ? std::min<std::uint64_t>(64, total - count) : 64;
        for (std::uint64_t k = 0; k < chunk; ++k) {
          sum += dispatch_one(e, *rs, ps[i], opts, opt.now, d);
          if (++i == n) i = 0;
        }
        count += chunk;
        if (total ? count >= total : clock_type::now() >= deadline) break;
      }
      t_end = clock_type::now();
    } else {
      for (;;) {
        const auto a = clock_type::now();
        sum += dispatch_one(e, *rs, ps[i], opts, opt.now, d);
        const auto b = clock_type::now();
        r.latency.add(
            std::uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(b - a).count()));
        if (++i == n) i = 0;
        ++count;
        t_end = b;
        if (total ? count >= total : b >= deadline) break;
      }
    }
    r.count = count;
    r.seconds = seconds_between(t0, t_end);
    r.checksum = sum;
    finished.fetch_add(1);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(body, t);
  while (ready.load() < threads) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  go.store(true, std::memory_order_release);  // every thread warmed up: start together
  if (reloads) {
    // Reload every interval (measured from the start of the previous reload) until the
    // dispatching threads are done; the sleep is cut short when they finish.
    const auto every = std::chrono::duration_cast<clock_type::duration>(
        std::chrono::duration<double, std::milli>(opt.reload_every_ms));
    auto next = clock_type::now() + every;
    while (finished.load() < threads) {
      while (finished.load() < threads && clock_type::now() < next)
        std::this_thread::sleep_for(
            std::min<clock_type::duration>(std::chrono::milliseconds(1), next - clock_type::now()));
      if (finished.load() >= threads) break;
      const auto a = clock_type::now();
      try {
        e.reload();
      } catch (const std::exception&) {
        ++reloads->failed_reloads;
      }
      const auto b = clock_type::now();
      reloads->reload_ms.push_back(seconds_between(a, b) * 1e3);
      next = std::max(b, a + every);
    }
    reloads->generations = e.generation();
  }
  for (auto& th : pool) th.join();

  std::uint64_t count = 0, checksum = 0;
  double slowest = 0, per_thread = 0;
  histogram h;
  for (const auto& r : results) {
    count += r.count;
    checksum += r.checksum;
    slowest = std::max(slowest, r.seconds);
    per_thread += r.seconds > 0 ? double(r.count) / r.seconds : 0;
    if (timed) h.merge(r.latency);
  }
  out.threads = threads;
  out.checksum += checksum;
  if (timed) {
    out.timed = count;
    out.timed_seconds = slowest;
    out.latency = std::move(h);
  } else {
    out.petitions = count;
    out.seconds = slowest;
    out.per_thread = per_thread / threads;
  }
}

// ---- the run --------------------------------------------------------------------------------

inline report run_bench(const options& opt, std::ostream& log) {
  report r;
  r.opt = opt;
  if (r.opt.threads == 0) r.opt.threads = std::max(1u, std::thread::hardware_concurrency());

  // 1. compile
  std::shared_ptr<const minhu::ruleset> rs;
  double compile_total = 0;
  for (std::size_t k = 0; k < std::max<std::size_t>(1, opt.compile_runs); ++k) {
    rs.reset();
    const auto t0 = clock_type::now();
    rs = minhu::ruleset::load_file(opt.ruleset);
    const double s = seconds_between(t0, clock_type::now());
    r.compile_ms.push_back(s * 1e3);
    compile_total += s;
    if (compile_total > 30) break;  // a huge ruleset: fewer runs
  }
  r.ruleset_id = rs->id();
  r.ruleset_version = rs->version();
  r.categories = rs->categories().size();
  r.rules = rs->rules().size();
  r.keywords = rs->keyword_count();
  r.regexes = rs->index().regexes.size();
  r.units = rs->units().size();
  r.areas = rs->areas().size();
  r.model = rs->model().has_value();
  minhu::engine engine(rs);

  // 2. petitions
  std::vector<minhu::petition> ps;
  {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (opt.petitions != "-") {
      file.open(opt.petitions, std::ios::binary);
      if (!file)
        throw minhu::error(minhu::errc::io, "cannot read input file \"" + opt.petitions + "\"");
      in = &file;
    }
    std::string line;
    bool too_long = false;
    std::size_t line_no = 0;
    while (minhu::read_line(*in, line, too_long)) {
      ++line_no;
      if (too_long) {
        ++r.bad_lines;
        log << opt.petitions << ":" << line_no << ": line too long\n";
        continue;
      }
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      try {
        ps.push_back(minhu::parse_petition(line, opt.lenient));
      } catch (const minhu::petition_error& e) {
        ++r.bad_lines;
        if (r.bad_lines <= 10) log << opt.petitions << ":" << line_no << ": " << e.what() << "\n";
      }
    }
  }
  if (ps.empty()) throw minhu::error(minhu::errc::invalid_argument, "no petitions to dispatch");
  r.petitions = ps.size();
  std::size_t bytes = 0;
  for (const auto& p : ps) bytes += p.text.size() + p.title.size();
  r.avg_text_bytes = double(bytes) / double(ps.size());
  r.rss_after_load_mb = current_rss_mb();

  // 3. one untimed pass: what was decided (and the first warm-up)
  {
    const minhu::dispatch_options opts;
    minhu::dispatch_result d;
    for (const auto& p : ps) {
      dispatch_one(engine, *rs, p, opts, opt.now, d);
      const auto& c = d.classification;
      ++r.decided[std::size_t(c.decided_by)];
      ++r.located[std::min<std::size_t>(4, std::size_t(d.location.method))];
      ++r.tiers[d.assignment.tier >= 0 && d.assignment.tier < 3 ? std::size_t(d.assignment.tier)
                                                                : 3];
      if (c.category >= 0 && rs->sla_for(std::uint32_t(c.category)))
        ++r.sla_scheduled;
      else
        ++r.sla_none;
    }
  }
  r.clock_overhead_ns = clock_overhead_ns();

  // 4. measured phases
  measure(engine, rs, ps, r.opt, 1, false, r.single);
  measure(engine, rs, ps, r.opt, 1, true, r.single);
  if (r.opt.threads > 1) {
    r.multi.emplace();
    measure(engine, rs, ps, r.opt, r.opt.threads, false, *r.multi);
    measure(engine, rs, ps, r.opt, r.opt.threads, true, *r.multi);
  }
  // 5. hot reload: without, then with reloads, for 1 and N threads (the engine's ruleset
  //    comes from the same file each time, so `rs` still serves the SLA lookups)
  if (r.opt.reload_every_ms > 0) {
    for (unsigned threads : {1u, r.opt.threads}) {
      if (!r.reload.empty() && threads == r.reload.back().threads) break;
      reload_run x;
      x.threads = threads;
      measure(engine, rs, ps, r.opt, threads, true, x.steady);
      measure(engine, rs, ps, r.opt, threads, true, x.reloading, &x);
      r.reload.push_back(std::move(x));
    }
  }
  r.peak_rss_mb = peak_rss_mb();
  return r;
}

// ---- output ---------------------------------------------------------------------------------

inline std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

inline std::string num(double v, int decimals = 1) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

inline std::string run_json(const run& x) {
  const histogram& h = x.latency;
  std::string s =
      "{\"threads\":" + std::to_string(x.threads) +
      ",\"petitions\":" + std::to_string(x.petitions) + ",\"seconds\":" + num(x.seconds, 4) +
      ",\"petitions_per_s\":" + num(x.per_s(), 0) +
      ",\"petitions_per_s_per_thread\":" + num(x.per_thread, 0) +
      ",\"latency\":{\"samples\":" + std::to_string(h.count()) +
      ",\"seconds\":" + num(x.timed_seconds, 4) +
      ",\"petitions_per_s\":" + num(x.timed_per_s(), 0) + ",\"p50_ns\":" + num(h.quantile(0.50)) +
      ",\"p90_ns\":" + num(h.quantile(0.90)) + ",\"p99_ns\":" + num(h.quantile(0.99)) +
      ",\"max_ns\":" + std::to_string(h.max()) + ",\"mean_ns\":" + num(h.mean()) + "}}";
  return s;
}

inline std::string latency_json(const run& x) {
  const histogram& h = x.latency;
  return "{\"samples\":" + std::to_string(h.count()) + ",\"seconds\":" + num(x.timed_seconds, 4) +
         ",\"petitions_per_s\":" + num(x.timed_per_s(), 0) +
         ",\"p50_ns\":" + num(h.quantile(0.50)) + ",\"p99_ns\":" + num(h.quantile(0.99)) +
         ",\"p999_ns\":" + num(h.quantile(0.999)) + ",\"max_ns\":" + std::to_string(h.max()) +
         ",\"at_least_1ms\":" + std::to_string(h.count_at_least(1'000'000)) + "}";
}

inline std::string reload_json(const report& r) {
  if (r.reload.empty()) return "null";
  std::string s = "{\"every_ms\":" + num(r.opt.reload_every_ms, 3) + ",\"runs\":[";
  for (std::size_t i = 0; i < r.reload.size(); ++i) {
    const reload_run& x = r.reload[i];
    const auto& t = x.reload_ms;
    s += std::string(i ? "," : "") + "{\"threads\":" + std::to_string(x.threads) +
         ",\"steady\":" + latency_json(x.steady) + ",\"reloading\":" + latency_json(x.reloading) +
         ",\"reloads\":" + std::to_string(t.size()) +
         ",\"failed_reloads\":" + std::to_string(x.failed_reloads) +
         ",\"reload_ms\":{\"median\":" + num(median(t), 2) +
         ",\"max\":" + num(t.empty() ? 0 : *std::max_element(t.begin(), t.end()), 2) +
         "},\"generation\":" + std::to_string(x.generations) + "}";
  }
  return s + "]}";
}

inline void print_json(std::ostream& out, const report& r, const std::string& version) {
  auto share = [&](std::size_t k) { return num(r.petitions ? double(k) / r.petitions : 0, 4); };
  std::vector<double> c = r.compile_ms;
  out << "{\"command\":\"bench\",\"minhu_version\":" << json_string(version)
      << ",\"ruleset\":{\"path\":" << json_string(r.opt.ruleset)
      << ",\"id\":" << json_string(r.ruleset_id)
      << ",\"version\":" << json_string(r.ruleset_version) << ",\"categories\":" << r.categories
      << ",\"rules\":" << r.rules << ",\"keywords\":" << r.keywords << ",\"regexes\":" << r.regexes
      << ",\"units\":" << r.units << ",\"areas\":" << r.areas
      << ",\"model\":" << (r.model ? "true" : "false") << "}"
      << ",\"compile_ms\":{\"runs\":" << c.size() << ",\"median\":" << num(median(c), 2)
      << ",\"min\":" << num(c.empty() ? 0 : *std::min_element(c.begin(), c.end()), 2)
      << ",\"max\":" << num(c.empty() ? 0 : *std::max_element(c.begin(), c.end()), 2) << "}"
      << ",\"petitions\":{\"path\":" << json_string(r.opt.petitions) << ",\"count\":" << r.petitions
      << ",\"bad_lines\":" << r.bad_lines << ",\"avg_text_bytes\":" << num(r.avg_text_bytes) << "}"
      << ",\"now_ms\":" << r.opt.now
      << ",\"mode\":{\"seconds\":" << (r.opt.rounds ? "null" : num(r.opt.seconds, 3))
      << ",\"rounds\":" << (r.opt.rounds ? std::to_string(r.opt.rounds) : "null")
      << ",\"threads\":" << r.opt.threads << "}"
      << ",\"decided_by\":{\"rule\":" << r.decided[0] << ",\"model\":" << r.decided[1]
      << ",\"triage\":" << r.decided[2] << "}"
      << ",\"shares\":{\"rule\":" << share(r.decided[0]) << ",\"model\":" << share(r.decided[1])
      << ",\"triage\":" << share(r.decided[2]) << "}"
      << ",\"location\":{\"explicit_id\":" << r.located[0] << ",\"gps\":" << r.located[1]
      << ",\"gazetteer\":" << r.located[2] << ",\"ambiguous\":" << r.located[3]
      << ",\"unknown\":" << r.located[4] << "}"
      << ",\"tier\":{\"small\":" << r.tiers[0] << ",\"medium\":" << r.tiers[1]
      << ",\"big\":" << r.tiers[2] << ",\"none\":" << r.tiers[3] << "}"
      << ",\"sla\":{\"scheduled\":" << r.sla_scheduled << ",\"no_policy\":" << r.sla_none << "}"
      << ",\"clock_overhead_ns\":" << num(r.clock_overhead_ns)
      << ",\"single_thread\":" << run_json(r.single)
      << ",\"multi_thread\":" << (r.multi ? run_json(*r.multi) : std::string("null"))
      << ",\"scaling\":"
      << (r.multi && r.single.per_s() > 0 ? num(r.multi->per_s() / r.single.per_s(), 3)
                                          : std::string("null"))
      << ",\"reload\":" << reload_json(r) << ",\"rss_after_load_mb\":" << num(r.rss_after_load_mb)
      << ",\"peak_rss_mb\":" << num(r.peak_rss_mb)
      << ",\"checksum\":" << (r.single.checksum + (r.multi ? r.multi->checksum : 0)) << "}\n";
}

inline void print_table(std::ostream& out, const report& r) {
  auto pct = [&](std::size_t k) { return num(r.petitions ? 100.0 * double(k) / r.petitions : 0); };
  std::vector<double> c = r.compile_ms;
  char line[256];
  out << "minhu bench: " << r.opt.ruleset << " (" << r.ruleset_id << " " << r.ruleset_version
      << ")\n";
  out << "ruleset      " << r.categories << " categories, " << r.rules << " rules, " << r.keywords
      << " keywords, " << r.regexes << " regexes, " << r.units << " units, " << r.areas << " areas"
      << (r.model ? ", a learned model" : "") << "\n";
  out << "compile      median " << num(median(c)) << " ms (min "
      << num(*std::min_element(c.begin(), c.end())) << ", max "
      << num(*std::max_element(c.begin(), c.end())) << "; " << c.size() << " runs)\n";
  out << "petitions    " << r.petitions << " from " << r.opt.petitions << " (" << r.bad_lines
      << " bad lines), " << num(r.avg_text_bytes) << " bytes of text on average\n";
  out << "decided by   rule " << pct(r.decided[0]) << "%  model " << pct(r.decided[1])
      << "%  triage " << pct(r.decided[2]) << "%\n";
  out << "located by   explicit id " << pct(r.located[0]) << "%  gps " << pct(r.located[1])
      << "%  gazetteer " << pct(r.located[2]) << "%  ambiguous " << pct(r.located[3])
      << "%  unknown " << pct(r.located[4]) << "%\n";
  out << "lead tier    small " << pct(r.tiers[0]) << "%  medium " << pct(r.tiers[1]) << "%  big "
      << pct(r.tiers[2]) << "%\n";
  out << "SLA          deadlines at now = " << r.opt.now << " ms for " << r.sla_scheduled
      << " petitions (" << r.sla_none << " without a policy)\n\n";
  out << "dispatch end to end (classify + locate + route + SLA schedule), "
      << (r.opt.rounds ? std::to_string(r.opt.rounds) + " rounds" : num(r.opt.seconds) + " s")
      << " per phase\n";
  std::snprintf(line, sizeof line, "%7s %12s %8s %13s %12s %8s %8s %8s %9s\n", "threads",
                "petitions", "seconds", "petitions/s", "per thread", "p50 ns", "p90 ns", "p99 ns",
                "max ns");
  out << line;
  auto row = [&](const run& x) {
    std::snprintf(line, sizeof line, "%7u %12llu %8.2f %13.0f %12.0f %8.0f %8.0f %8.0f %9llu\n",
                  x.threads, static_cast<unsigned long long>(x.petitions), x.seconds, x.per_s(),
                  x.per_thread, x.latency.quantile(0.5), x.latency.quantile(0.9),
                  x.latency.quantile(0.99), static_cast<unsigned long long>(x.latency.max()));
    out << line;
  };
  row(r.single);
  if (r.multi) row(*r.multi);
  if (r.multi && r.single.per_s() > 0)
    out << "scaling      " << num(r.multi->per_s() / r.single.per_s(), 2) << "x with "
        << r.multi->threads << " threads\n";
  out << "latency      timed in a separate phase, steady_clock read before and after each "
         "petition; one read costs ~"
      << num(r.clock_overhead_ns) << " ns (in every sample); that phase ran at "
      << num(r.single.timed_per_s(), 0) << " petitions/s on 1 thread\n";
  if (!r.reload.empty()) {
    out << "\nhot reload   engine::reload() every " << num(r.opt.reload_every_ms)
        << " ms on one more thread (read + compile + swap), latency phases\n";
    std::snprintf(line, sizeof line, "%7s %-9s %8s %13s %8s %8s %9s %10s %9s\n", "threads", "phase",
                  "reloads", "petitions/s", "p50 ns", "p99 ns", "p99.9 ns", "max ns", ">= 1 ms");
    out << line;
    for (const auto& x : r.reload)
      for (const run* p : {&x.steady, &x.reloading}) {
        const histogram& h = p->latency;
        const bool rl = p == &x.reloading;
        std::snprintf(line, sizeof line, "%7u %-9s %8s %13.0f %8.0f %8.0f %9.0f %10llu %9llu\n",
                      x.threads, rl ? "reloading" : "steady",
                      rl ? std::to_string(x.reload_ms.size()).c_str() : "-", p->timed_per_s(),
                      h.quantile(0.5), h.quantile(0.99), h.quantile(0.999),
                      static_cast<unsigned long long>(h.max()),
                      static_cast<unsigned long long>(h.count_at_least(1'000'000)));
        out << line;
      }
    for (const auto& x : r.reload)
      if (!x.reload_ms.empty())
        out << "reload       " << x.threads << " thread" << (x.threads > 1 ? "s" : "")
            << ": median " << num(median(x.reload_ms)) << " ms, max "
            << num(*std::max_element(x.reload_ms.begin(), x.reload_ms.end())) << " ms"
            << (x.failed_reloads ? " (" + std::to_string(x.failed_reloads) + " failed)" : "")
            << "\n";
  }
  out << "memory       peak RSS " << num(r.peak_rss_mb) << " MB (after loading the ruleset and "
      << "the petitions " << num(r.rss_after_load_mb) << " MB)\n";
}

}  // namespace minhu_bench
