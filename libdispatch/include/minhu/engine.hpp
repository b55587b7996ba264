// minhu::engine — the facade: load a ruleset, classify petitions, hot-reload.
//
//   #include <minhu/engine.hpp>
//
//   minhu::engine engine("rulesets/demo-city.json");   // throws minhu::ruleset_error, listing
//                                                      // every problem with its JSON pointer
//   minhu::petition p;
//   p.id = "p1";
//   p.text = "小区门口烧烤店油烟太大，晚上十二点还在营业";
//   p.channel = "hotline";
//
//   minhu::classification c = engine.classify(p);      // noexcept, thread-safe
//   if (c.decided_by == minhu::decided_by::rule) {
//     std::cout << c.category_id() << " " << c.category_name()   // env.pollution.oil_fume 油烟扰民
//               << " by rule " << c.rule_id(0) << "\n";
//     for (const auto& s : c.spans)                               // evidence, as byte ranges
//       std::cout << p.text.substr(s.begin, s.end - s.begin) << "\n";  // of the ORIGINAL text
//   } else {
//     // decided_by::triage: no rule holds; a person decides (人工转派). Never a guess.
//   }
//   std::cout << engine.explain(p);                    // human-readable trace of every rule
//
//   engine.reload();   // re-reads the file; on error throws and keeps serving the old ruleset
//
// Threads: classify() may be called from any number of threads while another reloads. Each
// call sees one whole ruleset (old or new, never a mix); readers take no lock in steady state.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "minhu/classifier.hpp"
#include "minhu/error.hpp"
#include "minhu/location.hpp"
#include "minhu/petition.hpp"
#include "minhu/pii.hpp"
#include "minhu/router.hpp"
#include "minhu/ruleset.hpp"

namespace minhu {

/// Everything dispatch decides about one petition.
struct dispatch_result {
  minhu::classification classification;
  minhu::location location;
  minhu::assignment assignment;
};

/// classify + resolve_location + route, with one scan. noexcept.
void dispatch(const std::shared_ptr<const ruleset>& rs, const petition& p,
              const dispatch_options& opts, const load_view& loads, classifier_scratch& scratch,
              dispatch_result& out) noexcept;

/// Human-readable account of an assignment (one line per step).
std::string describe(const ruleset& rs, const dispatch_result& r);

namespace detail {

struct engine_state {
  std::mutex mu;  // serialises reloads and the (rare) refresh of a thread's cached snapshot
  std::shared_ptr<const ruleset> current;
  std::shared_ptr<load_view> loads;  // sized for `current`; carried over by unit id on reload
  std::atomic<std::uint64_t> generation{0};
  std::uint64_t id = next_id();
  // Rulesets (and their load views) replaced by a reload, held until no thread uses them any
  // more, so that a dispatching thread never drops the last reference: freeing a large
  // ruleset takes long (~250 ms at 100,000 units). The reloading thread frees them (see
  // take_unused), outside the mutex; the rest go with the engine.
  std::vector<std::shared_ptr<const ruleset>> retired;
  std::vector<std::shared_ptr<load_view>> retired_loads;

  /// Under `mu`: moves the retired rulesets and views that only `retired` still holds into
  /// `out` (to be released after unlocking). No thread can take a new reference to them: they
  /// are no longer current, and every other holder is a thread's snapshot.
  template <class T>
  static void take_unused(std::vector<std::shared_ptr<T>>& from,
                          std::vector<std::shared_ptr<T>>& out) {
    std::size_t kept = 0;
    for (auto& p : from) {
      if (p.use_count() == 1)
        out.push_back(std::move(p));
      else
        from[kept++] = std::move(p);
    }
    from.resize(kept);
  }

  static std::uint64_t next_id() noexcept {
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
  }
};

/// The calling thread's view of an engine's current ruleset. Steady state: one atomic load
/// and a compare, no lock and no reference-count traffic; after a reload each thread takes
/// the mutex once to pick up the new ruleset. A thread keeps (at most four) rulesets alive
/// until its next call to the same engines.
/// The calling thread's classifier working memory (shared by all engines on the thread).
inline classifier_scratch& thread_scratch() {
  thread_local classifier_scratch scratch;
  return scratch;
}

struct snapshot_entry {
  std::uint64_t engine = 0, generation = 0;
  std::shared_ptr<const ruleset> rs;
  std::shared_ptr<load_view> loads;
};

inline const snapshot_entry& thread_snapshot(engine_state& st) {
  using entry = snapshot_entry;
  thread_local std::array<entry, 4> cache;
  thread_local unsigned victim = 0;
  const std::uint64_t gen = st.generation.load(std::memory_order_acquire);
  entry* slot = nullptr;
  for (auto& e : cache) {
    if (e.engine == st.id) {
      if (e.generation == gen) return e;
      slot = &e;
    }
  }
  if (!slot) slot = &cache[victim++ % cache.size()];
  // The references this slot held are dropped after unlocking (and, for a ruleset of this
  // engine, never the last one: the engine keeps retired rulesets). A slot taken over from
  // another engine may hold that engine's last reference, if the engine is gone.
  std::shared_ptr<const ruleset> old_rs;
  std::shared_ptr<load_view> old_loads;
  {
    std::lock_guard<std::mutex> lock(st.mu);
    slot->engine = st.id;
    slot->generation = st.generation.load(std::memory_order_relaxed);
    old_rs = std::exchange(slot->rs, st.current);
    old_loads = std::exchange(slot->loads, st.loads);
  }
  return *slot;
}

/// A load view for `next`, keeping the loads of units whose id is also in `prev`.
inline std::shared_ptr<load_view> carry_loads(const ruleset* prev, const load_view* prev_loads,
                                              const ruleset& next) {
  const auto& units = next.organisation().units();
  auto lv = std::make_shared<load_view>(units.size());
  if (prev && prev_loads)
    for (std::uint32_t u = 0; u < units.size(); ++u) {
      const auto old = prev->organisation().find(units[u].id);
      if (old >= 0) lv->set(u, prev_loads->get(std::uint32_t(old)));
    }
  return lv;
}

}  // namespace detail

class engine {
 public:
  /// Loads the ruleset file. Throws ruleset_error (every problem, with JSON pointers) or
  /// error(errc::io).
  explicit engine(const std::string& ruleset_path) : engine(ruleset::load_file(ruleset_path)) {}
  /// Serves an already compiled ruleset (e.g. one shared by several engines).
  explicit engine(std::shared_ptr<const ruleset> rs)
      : st_(std::make_unique<detail::engine_state>()) {
    if (!rs) throw error(errc::invalid_argument, "engine needs a ruleset");
    st_->loads = detail::carry_loads(nullptr, nullptr, *rs);
    st_->current = std::move(rs);
    st_->generation.store(1, std::memory_order_release);
  }
  /// Loads a ruleset given as JSON text.
  static engine from_json(std::string_view json, const std::string& base_dir = ".") {
    return engine(ruleset::load_string(json, base_dir));
  }

  engine(engine&&) noexcept = default;
  engine& operator=(engine&&) noexcept = default;
  engine(const engine&) = delete;  // one engine = one reload point; share it by reference
  engine& operator=(const engine&) = delete;

  /// Classifies one petition. Never throws; see classification.
  classification classify(const petition& p) const noexcept {
    classification out;
    classify(p, out);
    return out;
  }
  /// Classifies into `out`, reusing its buffers (the allocation-free form for hot loops).
  void classify(const petition& p, classification& out) const noexcept {
    classifier_scratch& scratch = detail::thread_scratch();
    minhu::classify(detail::thread_snapshot(*st_).rs, p, scratch, out);
  }

  /// Classifies, locates and routes one petition. Never throws; see dispatch_result.
  dispatch_result dispatch(const petition& p, const dispatch_options& opts = {}) const noexcept {
    dispatch_result out;
    dispatch(p, opts, out);
    return out;
  }
  /// Dispatches into `out`, reusing its buffers.
  void dispatch(const petition& p, const dispatch_options& opts,
                dispatch_result& out) const noexcept {
    classifier_scratch& scratch = detail::thread_scratch();
    const auto& snap = detail::thread_snapshot(*st_);
    minhu::dispatch(snap.rs, p, opts, opts.loads ? *opts.loads : *snap.loads, scratch, out);
  }
  /// Dispatches a batch with one ruleset snapshot.
  void dispatch_batch(const std::vector<petition>& ps, std::vector<dispatch_result>& out,
                      const dispatch_options& opts = {}) const {
    classifier_scratch& scratch = detail::thread_scratch();
    std::shared_ptr<const ruleset> rs;
    std::shared_ptr<load_view> loads;
    {
      std::lock_guard<std::mutex> lock(st_->mu);
      rs = st_->current;
      loads = st_->loads;
    }
    out.resize(ps.size());
    for (std::size_t i = 0; i < ps.size(); ++i)
      minhu::dispatch(rs, ps[i], opts, opts.loads ? *opts.loads : *loads, scratch, out[i]);
  }

  /// The engine's own unit loads (for the current ruleset): set or add as cases open/close.
  /// Indices are unit indices of snapshot()->organisation(); a reload carries loads over by
  /// unit id and hands out a new view.
  std::shared_ptr<load_view> loads() const {
    std::lock_guard<std::mutex> lock(st_->mu);
    return st_->loads;
  }
  /// Adds `delta` to the load of the unit with id `unit_id` in the current ruleset, under the
  /// reload lock (a concurrent reload cannot lose it). False when there is no such unit.
  bool add_load(std::string_view unit_id, std::int64_t delta) {
    std::lock_guard<std::mutex> lock(st_->mu);
    const auto u = st_->current->organisation().find(unit_id);
    if (u < 0) return false;
    st_->loads->add(std::uint32_t(u), delta);
    return true;
  }
  /// Classifies a batch with one ruleset snapshot (all results from the same ruleset).
  void classify_batch(const std::vector<petition>& ps, std::vector<classification>& out) const {
    classifier_scratch& scratch = detail::thread_scratch();
    const std::shared_ptr<const ruleset> rs = snapshot();
    out.resize(ps.size());
    for (std::size_t i = 0; i < ps.size(); ++i) minhu::classify(rs, ps[i], scratch, out[i]);
  }

  /// Human-readable account of how `p` was classified (the normalised text, the keywords
  /// found, every triggered rule's condition tree with what held) and, when the ruleset has
  /// an organisation, located and routed.
  /// Personal data (phone, ID and card numbers) in the trace is masked unless `pii` is show.
  std::string explain(const petition& p, pii_policy pii = pii_policy::mask) const;

  /// Re-reads the file the current ruleset came from. On any error throws and keeps the
  /// current ruleset; in-flight and later classify calls are never disturbed.
  void reload() {
    std::string path = snapshot()->source();
    if (path.empty()) throw error(errc::invalid_argument, "ruleset was not loaded from a file");
    reload(ruleset::load_file(path));
  }
  /// Loads a different file (same guarantees as reload()).
  void reload(const std::string& path) { reload(ruleset::load_file(path)); }
  /// Swaps in a compiled ruleset atomically. The replaced ruleset is freed by a later reload
  /// (on its thread, once no thread uses it any more) or with the engine: never by a thread
  /// that classifies or dispatches.
  void reload(std::shared_ptr<const ruleset> rs) {
    if (!rs) throw error(errc::invalid_argument, "reload needs a ruleset");
    std::vector<std::shared_ptr<const ruleset>> unused;  // released after unlocking
    std::vector<std::shared_ptr<load_view>> unused_loads;
    std::lock_guard<std::mutex> lock(st_->mu);
    auto loads = detail::carry_loads(st_->current.get(), st_->loads.get(), *rs);
    detail::engine_state::take_unused(st_->retired, unused);
    detail::engine_state::take_unused(st_->retired_loads, unused_loads);
    st_->retired.push_back(std::exchange(st_->current, std::move(rs)));
    st_->retired_loads.push_back(std::exchange(st_->loads, std::move(loads)));
    st_->generation.fetch_add(1, std::memory_order_acq_rel);
  }

  /// The current ruleset (a counted reference: valid however often the engine reloads).
  std::shared_ptr<const ruleset> snapshot() const {
    std::lock_guard<std::mutex> lock(st_->mu);
    return st_->current;
  }
  /// Incremented by every reload (starts at 1).
  std::uint64_t generation() const noexcept {
    return st_->generation.load(std::memory_order_acquire);
  }

 private:
  std::unique_ptr<detail::engine_state> st_;
};

/// Free-standing form of engine::explain.
std::string explain(const std::shared_ptr<const ruleset>& rs, const petition& p);

inline std::string engine::explain(const petition& p, pii_policy pii) const {
  const auto rs = snapshot();
  std::string s = minhu::explain(rs, p);
  if (rs->organisation().size() > 0) {
    const dispatch_result r = dispatch(p);
    s += "routing:\n" + describe(*rs, r);
    if (r.assignment.lead >= 0) {
      const auto& lead = rs->organisation()[std::uint32_t(r.assignment.lead)];
      s += "owner: " + lead.id + " " + lead.name + "\n";
    }
  }
  return pii == pii_policy::mask ? mask_pii(s) : s;
}

}  // namespace minhu
