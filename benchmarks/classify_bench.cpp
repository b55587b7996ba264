// Classification micro-benchmarks on the demo ruleset and real citizen messages.
//
//   build-bench/benchmarks/classify_bench --benchmark_repetitions=5 \
//       --benchmark_report_aggregates_only=true
//
// Texts: the real messages of ../shared/data/messages_train.csv (falling back to the demo
// petitions). Reference measured in the same run: a naive classifier that tries every rule's
// keywords with std::string_view::find, in priority order — what a hand-written loop does.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "minhu/engine.hpp"
#include "minhu/jsonl.hpp"
#include "minhu/model.hpp"
#include "minhu/text.hpp"
#include "workload.hpp"

namespace {

const std::string source_dir = MINHU_SOURCE_DIR;

const std::vector<minhu::petition>& petitions() {
  static const std::vector<minhu::petition> ps = [] {
    std::vector<minhu::petition> out;
    auto texts = bench::real_message_texts();
    for (std::size_t i = 0; i < texts.size(); ++i) {
      minhu::petition p;
      p.id = "m" + std::to_string(i);
      p.text = std::move(texts[i]);
      out.push_back(std::move(p));
    }
    if (out.empty()) {
      std::ifstream in(source_dir + "/examples/petitions/demo.jsonl");
      std::string line;
      while (std::getline(in, line))
        if (!line.empty()) out.push_back(minhu::parse_petition(line));
    }
    return out;
  }();
  return ps;
}

const minhu::engine& demo_engine() {
  static const minhu::engine e(source_dir + "/rulesets/demo-city.json");
  return e;
}

void set_counters(benchmark::State& state, std::size_t bytes) {
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(std::int64_t(bytes));
}

// Normalisation of whole real messages. BM_normalize_hot is what the classifier runs
// (track_offsets = false: only the sparse fix list that places evidence spans);
// BM_normalize_offsets keeps the dense per-byte offset map (track_offsets = true,
// normalized_text's default; only explain uses it). 300-byte texts: keyword_bench.
void normalize_bench(benchmark::State& state, bool offsets) {
  const auto& ps = petitions();
  minhu::normalized_text n;
  n.track_offsets = offsets;
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const auto& p = ps[i++ % ps.size()];
    minhu::normalize(p.text, n);
    benchmark::DoNotOptimize(n.text.data());
    benchmark::ClobberMemory();
    bytes += p.text.size();
  }
  set_counters(state, bytes);
}
void BM_normalize_hot(benchmark::State& state) { normalize_bench(state, false); }
void BM_normalize_offsets(benchmark::State& state) { normalize_bench(state, true); }
BENCHMARK(BM_normalize_hot);
BENCHMARK(BM_normalize_offsets);

void BM_scan(benchmark::State& state) {
  const auto& ps = petitions();
  const auto rs = demo_engine().snapshot();
  std::vector<minhu::normalized_text> norm(ps.size());
  for (std::size_t k = 0; k < ps.size(); ++k) minhu::normalize(ps[k].text, norm[k]);
  std::size_t i = 0, bytes = 0, hits = 0;
  for (auto _ : state) {
    const auto& t = norm[i++ % norm.size()].text;
    rs->index().automaton.scan(t, [&](std::uint32_t, std::size_t, std::size_t) { ++hits; });
    bytes += t.size();
  }
  benchmark::DoNotOptimize(hits);
  set_counters(state, bytes);
}
BENCHMARK(BM_scan);

void BM_classify(benchmark::State& state) {
  const auto& ps = petitions();
  const auto& e = demo_engine();
  minhu::classification c;
  std::size_t i = 0, bytes = 0, decided = 0;
  for (auto _ : state) {
    const auto& p = ps[i++ % ps.size()];
    e.classify(p, c);
    decided += c.decided_by == minhu::decided_by::rule;
    bytes += p.text.size();
  }
  // Averaged over threads (each thread reports its own share).
  state.counters["rule_share"] = benchmark::Counter(double(decided) / double(state.iterations()),
                                                    benchmark::Counter::kAvgThreads);
  set_counters(state, bytes);
}
BENCHMARK(BM_classify);
BENCHMARK(BM_classify)->Threads(2)->UseRealTime();

// Reference: every rule's keywords searched one by one with string_view::find.
void BM_reference_naive_find(benchmark::State& state) {
  const auto& ps = petitions();
  const auto rs = demo_engine().snapshot();
  const auto& ix = rs->index();
  // Flatten each rule (priority order) to the keywords of its text_any/text_all nodes.
  std::vector<std::vector<std::string>> rule_words;
  for (auto r : ix.order) {
    std::vector<std::string> words;
    std::vector<std::uint32_t> stack{rs->rules()[r].root};
    while (!stack.empty()) {
      const auto& nd = ix.nodes[stack.back()];
      stack.pop_back();
      using k = minhu::detail::node_kind;
      if (nd.kind == k::all || nd.kind == k::any || nd.kind == k::negate)
        for (std::uint32_t c = 0; c < nd.count; ++c) stack.push_back(ix.refs[nd.begin + c]);
      if (nd.kind == k::text_any || nd.kind == k::text_all)
        for (std::uint32_t c = 0; c < nd.count; ++c)
          words.emplace_back(ix.automaton.pattern(ix.refs[nd.begin + c]));
    }
    rule_words.push_back(std::move(words));
  }
  minhu::normalized_text n;
  std::size_t i = 0, bytes = 0, decided = 0;
  for (auto _ : state) {
    const auto& p = ps[i++ % ps.size()];
    minhu::normalize(p.text, n);
    const std::string_view t = n.text;
    for (const auto& words : rule_words) {
      bool any = false;
      for (const auto& w : words)
        if (t.find(w) != std::string_view::npos) {
          any = true;
          break;
        }
      if (any) {
        ++decided;
        break;
      }
    }
    bytes += p.text.size();
  }
  benchmark::DoNotOptimize(decided);
  set_counters(state, bytes);
}
BENCHMARK(BM_reference_naive_find);

// ---- the learned text model (rulesets/tipdm-7class.model) ----------------------------------
const minhu::engine& tipdm_engine() {
  static const minhu::engine e(source_dir + "/rulesets/tipdm-7class.json");
  return e;
}

// Model inference alone on normalised texts: arg 0 = the whole real messages (859 bytes on
// average before normalisation), arg N = each cut to at most N bytes (at a code point).
void BM_model_predict(benchmark::State& state) {
  const auto rs = tipdm_engine().snapshot();
  const minhu::text_model& m = *rs->model()->model;
  const std::size_t cut = std::size_t(state.range(0));
  std::vector<std::string> texts;
  std::size_t longest = 0;
  for (const auto& p : petitions()) {
    std::string t = minhu::normalize(p.text);
    if (cut && t.size() > cut) {
      std::size_t e = cut;
      while (e > 0 && (static_cast<unsigned char>(t[e]) & 0xC0) == 0x80) --e;
      t.resize(e);
    }
    longest = std::max(longest, t.size());
    texts.push_back(std::move(t));
  }
  minhu::model_scratch scratch;
  scratch.reserve(m, longest);
  std::vector<double> probs(m.labels().size());
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const auto& t = texts[i++ % texts.size()];
    benchmark::DoNotOptimize(m.predict(t, scratch, probs.data()));
    bytes += t.size();
  }
  state.counters["avg_bytes"] = double(bytes) / double(state.iterations());
  set_counters(state, bytes);
}
BENCHMARK(BM_model_predict)->Arg(0)->Arg(300);

// The same message (the first of 800 to 900 bytes) again and again: its weight rows stay in
// cache, so this is the hashing and arithmetic alone; the gap to BM_model_predict/0 is the
// cost of fetching rows of the weight table (2^20 rows of 8 bytes) from memory.
void BM_model_predict_cached(benchmark::State& state) {
  const auto rs = tipdm_engine().snapshot();
  const minhu::text_model& m = *rs->model()->model;
  std::string t;
  for (const auto& p : petitions())
    if (p.text.size() >= 800 && p.text.size() <= 900) {
      t = minhu::normalize(p.text);
      break;
    }
  minhu::model_scratch scratch;
  scratch.reserve(m, t.size());
  std::vector<double> probs(m.labels().size());
  for (auto _ : state) benchmark::DoNotOptimize(m.predict(t, scratch, probs.data()));
  state.counters["bytes"] = double(t.size());
  set_counters(state, t.size() * state.iterations());
}
BENCHMARK(BM_model_predict_cached);

// The whole classifier on the TipDM ruleset (no rules: the model decides every petition).
void BM_classify_tipdm_model(benchmark::State& state) {
  const auto& ps = petitions();
  const auto& e = tipdm_engine();
  minhu::classification c;
  std::size_t i = 0, bytes = 0, decided = 0;
  for (auto _ : state) {
    const auto& p = ps[i++ % ps.size()];
    e.classify(p, c);
    decided += c.decided_by == minhu::decided_by::model;
    bytes += p.text.size();
  }
  state.counters["model_share"] = double(decided) / double(state.iterations());
  set_counters(state, bytes);
}
BENCHMARK(BM_classify_tipdm_model);

void BM_compile_demo_ruleset(benchmark::State& state) {
  for (auto _ : state) {
    auto rs = minhu::ruleset::load_file(source_dir + "/rulesets/demo-city.json");
    benchmark::DoNotOptimize(rs.get());
  }
}
BENCHMARK(BM_compile_demo_ruleset)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
