// minhu through its C++ APIs, with the timing protocol of harness.py (probe, checked warm-up
// prefix, timed prefix repeated `inner` times per repetition).
//
//   minhu_driver --work WORK --out RESULT.json --mode MODE [--reps 5] [--budget 4] [--warmup 0]
//                [--ruleset R]
//                [--petitions PETITIONS.jsonl]
//
// Modes (one calling thread each):
//   core        minhu::engine::classify(p, out)  — the core's allocation-free hot path
//   api-single  minhu::api::dispatcher::classify(p) — the facade the bindings translate
//   api-batch   minhu::api::dispatcher::classify_batch(ps, 1) once per pass
//   api-packed  minhu::api::dispatcher::classify_packed(ps, 1) once per pass: the C++ side of
//               the Python, Node and Java batches (decisions packed, no std::string per field)
//   normalize   (breakdown) minhu::normalize of title and text alone, as classify does first
//   scan        (breakdown) the ruleset's keyword automaton over the normalised title "\n"
//               text alone: the scan minhu's classify does, without normalising or deciding
//   dispatch    minhu::engine::dispatch(p, opts, out): classify + locate + route, on the FULL
//               ruleset (--ruleset) and the original JSON Lines petitions (--petitions), so
//               area, channel, attributes and the routing of the generated city count
// core/api-* read WORK/petitions.tsv (id TAB title TAB text) and WORK/common.json (or --ruleset).
// Built by benchmarks/run.sh against build-peers/libdispatch/libminhu_dispatch.a.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "minhu/api.hpp"
#include "minhu/engine.hpp"
#include "minhu/jsonl.hpp"
#include "minhu/text.hpp"

namespace {

std::string unescape(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char n = s[++i];
      o += n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n;
    } else {
      o += s[i];
    }
  }
  return o;
}

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string list(const std::vector<double>& xs) {
  std::string o = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) {
    char b[64];
    std::snprintf(b, sizeof b, "%s%.9g", i ? "," : "", xs[i]);
    o += b;
  }
  return o + "]";
}

// The deciding rule of each classification in a decision_pack (see api.hpp for the layout:
// id decided_by category? category_name? [path] urgency confidence [rules] [tags]
// [spans: 7 each] [flags] dispatched), "" when no rule decided.
void packed_rules(const minhu::api::decision_pack& pack, std::vector<std::string>& out) {
  const auto& f = pack.fields;
  const auto str = [&](std::size_t i) { return pack.strings[std::size_t(f[i])]; };
  std::size_t i = 0;
  for (std::int64_t d = 0; d < pack.size; ++d) {
    const bool by_rule = str(i + 1) == "rule";
    i += 4;
    i += 1 + std::size_t(f[i]);  // category path
    i += 2;                      // urgency, confidence
    const std::size_t rules = std::size_t(f[i]);
    out[std::size_t(d)] = by_rule && rules ? str(i + 1) : std::string();
    i += 1 + rules;
    i += 1 + std::size_t(f[i]);      // tags
    i += 1 + 7 * std::size_t(f[i]);  // spans
    i += 1 + std::size_t(f[i]);      // flags
    i += 1;                          // dispatched: 0 after classify
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> a{{"reps", "5"},    {"budget", "4"},    {"check", "30"},
                                       {"min-n", "200"}, {"min-rep", "0.3"}, {"mode", "core"},
                                       {"warmup", "0"}};
  for (int i = 1; i + 1 < argc; i += 2) a[std::string(argv[i]).substr(2)] = argv[i + 1];
  const std::string work = a["work"], mode = a["mode"];
  const int reps = std::stoi(a["reps"]);
  const double budget = std::stod(a["budget"]), check = std::stod(a["check"]);
  const double min_rep = std::stod(a["min-rep"]), warmup = std::stod(a["warmup"]);
  const std::size_t min_n = std::stoul(a["min-n"]);
  const std::string ruleset = a.count("ruleset") ? a["ruleset"] : work + "/common.json";
  // The modes pass() below knows, checked before anything is read or loaded.
  static const char* const modes[] = {"core",       "normalize", "scan",      "dispatch",
                                      "api-single", "api-batch", "api-packed"};
  if (std::find(std::begin(modes), std::end(modes), mode) == std::end(modes)) {
    std::cerr << "unknown --mode " << mode << "\n";
    return 2;
  }
  if (mode == "dispatch" && (!a.count("ruleset") || !a.count("petitions"))) {
    std::cerr << "--mode dispatch needs --ruleset (the full generated ruleset) and --petitions "
                 "(its JSON Lines petitions)\n";
    return 2;
  }

  // Petitions: the raw {id, title, text} of the workload, or the full JSON Lines for dispatch.
  std::vector<minhu::petition> core_ps;
  std::vector<minhu::api::petition> api_ps;
  std::vector<std::size_t> bytes{0};
  if (mode == "dispatch") {
    std::ifstream in(a["petitions"]);
    std::string line;
    while (std::getline(in, line))
      if (!line.empty()) {
        core_ps.push_back(minhu::parse_petition(line));
        bytes.push_back(bytes.back() + core_ps.back().title.size() + core_ps.back().text.size());
      }
  } else {
    std::ifstream in(work + "/petitions.tsv");
    std::string line;
    while (std::getline(in, line)) {
      const auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
      minhu::petition p;
      p.id = unescape(line.substr(0, t1));
      p.title = unescape(line.substr(t1 + 1, t2 - t1 - 1));
      p.text = unescape(line.substr(t2 + 1));
      minhu::api::petition q;
      q.id = p.id;
      q.title = p.title;
      q.text = p.text;
      bytes.push_back(bytes.back() + p.title.size() + p.text.size());
      core_ps.push_back(std::move(p));
      api_ps.push_back(std::move(q));
    }
  }
  const std::size_t n = core_ps.size();
  if (n == 0) {  // nothing to time: the repetition loop would never reach its minimum length
    std::cerr << "no petitions read ("
              << (mode == "dispatch" ? a["petitions"] : work + "/petitions.tsv") << ")\n";
    return 2;
  }
  std::vector<std::string> decisions(n);

  minhu::engine engine(ruleset);
  auto api = minhu::api::dispatcher::load(ruleset);
  minhu::classification c;
  minhu::dispatch_result dr;
  minhu::dispatch_options opts;
  std::size_t sink = 0;
  minhu::normalized_text norm_title, norm_text;
  std::vector<std::string> both;  // for `scan`: normalised title "\n" text
  const auto snap = engine.snapshot();
  if (mode == "scan")
    for (const auto& p : core_ps)
      both.push_back(minhu::normalize(p.title) + "\n" + minhu::normalize(p.text));
  auto pass = [&](std::size_t k, bool record) {
    if (mode == "core") {
      for (std::size_t i = 0; i < k; ++i) {
        engine.classify(core_ps[i], c);
        sink += c.fired.size();
        if (record)
          decisions[i] = c.decided_by == minhu::decided_by::rule && !c.fired.empty()
                             ? std::string(c.rule_id(0))
                             : std::string();
      }
    } else if (mode == "normalize") {
      for (std::size_t i = 0; i < k; ++i) {
        minhu::normalize(core_ps[i].title, norm_title);
        minhu::normalize(core_ps[i].text, norm_text);
        sink += norm_title.text.size() + norm_text.text.size();
      }
    } else if (mode == "scan") {
      const auto& ac = snap->index().automaton;
      for (std::size_t i = 0; i < k; ++i)
        ac.scan(both[i], [&](std::uint32_t, std::size_t, std::size_t) { ++sink; });
    } else if (mode == "dispatch") {
      for (std::size_t i = 0; i < k; ++i) {
        engine.dispatch(core_ps[i], opts, dr);
        sink += dr.classification.fired.size();
        if (record)
          decisions[i] = dr.classification.decided_by == minhu::decided_by::rule &&
                                 !dr.classification.fired.empty()
                             ? std::string(dr.classification.rule_id(0))
                             : std::string();
      }
    } else if (mode == "api-single") {
      for (std::size_t i = 0; i < k; ++i) {
        const auto d = api.classify(api_ps[i]);
        sink += d.rules.size();
        if (record) decisions[i] = d.decided_by == "rule" && !d.rules.empty() ? d.rules[0] : "";
      }
    } else if (mode == "api-batch") {
      const std::vector<minhu::api::petition> sub =
          k == n ? std::vector<minhu::api::petition>()
                 : std::vector<minhu::api::petition>(api_ps.begin(), api_ps.begin() + k);
      const auto ds = api.classify_batch(k == n ? api_ps : sub, 1);
      for (std::size_t i = 0; i < k; ++i) {
        sink += ds[i].rules.size();
        if (record)
          decisions[i] = ds[i].decided_by == "rule" && !ds[i].rules.empty() ? ds[i].rules[0] : "";
      }
    } else if (mode == "api-packed") {
      const std::vector<minhu::api::petition> sub =
          k == n ? std::vector<minhu::api::petition>()
                 : std::vector<minhu::api::petition>(api_ps.begin(), api_ps.begin() + k);
      const auto pack = api.classify_packed(k == n ? api_ps : sub, 1);
      sink += pack.fields.size();
      if (record) packed_rules(pack, decisions);
    }
  };
  // api-batch with a prefix copies the prefix inside the timed pass; a prefix is only used for
  // engines slower than the budget, which minhu is not at these sizes.
  const std::size_t p = std::min(n, min_n);
  double t0 = now();
  pass(p, false);
  double rate = double(p) / std::max(now() - t0, 1e-9);
  const std::size_t nc = double(n) / rate <= check ? n : std::max(p, std::size_t(rate * check));
  t0 = now();
  pass(nc, true);
  const double warm = now() - t0;
  rate = double(nc) / std::max(warm, 1e-9);
  const std::size_t k = double(n) / rate <= budget ? n : std::max(p, std::size_t(rate * budget));
  const std::size_t inner =
      std::max<std::size_t>(1, std::size_t(std::ceil(min_rep * rate / double(k))));
  for (const double w0 = now(); now() - w0 < warmup;) pass(k, false);
  std::vector<double> secs, per_sec;
  for (int r = 0; r < reps; ++r) {
    t0 = now();
    for (std::size_t j = 0; j < inner; ++j) pass(k, false);
    secs.push_back(now() - t0);
    per_sec.push_back(double(inner * k) / secs.back());
  }
  std::vector<double> s = per_sec;
  std::sort(s.begin(), s.end());
  const double median =
      s.size() % 2 ? s[s.size() / 2] : (s[s.size() / 2 - 1] + s[s.size() / 2]) / 2;

  std::ofstream out(a["out"]);
  out << "{\"engine\":\"minhu c++\",\"mode\":\"" << mode << "\",\"n\":" << n
      << ",\"n_checked\":" << nc << ",\"n_timed\":" << k << ",\"inner\":" << inner
      << ",\"check_seconds\":" << warm << ",\"seconds\":" << list(secs)
      << ",\"per_sec\":" << list(per_sec) << ",\"median_per_sec\":" << median
      << ",\"bytes_timed\":" << bytes[k] << ",\"sink\":" << sink << ",\"decisions\":[";
  for (std::size_t i = 0; i < nc; ++i)  // rule ids are [A-Za-z0-9_.:-]: no escaping needed
    out << (i ? "," : "") << (decisions[i].empty() ? "null" : "\"" + decisions[i] + "\"");
  out << "]}\n";
  std::fprintf(stderr, "%22s %-8s %14.0f petitions/s (checked %zu, timed %zu x%zu, reps=%d)\n",
               "minhu c++", mode.c_str(), median, nc, k, inner, reps);
  return 0;
}
