// The ceiling reference: Hyperscan (Debian libhyperscan-dev) scanning the same normalised texts
// for every keyword of the workload, as literals (hs_compile_lit_multi, HS_MODE_BLOCK,
// HS_FLAG_SINGLEMATCH: each keyword reported at most once per text — presence is all a rule
// needs), counting matches. No rule evaluation, no normalisation, no decision: the bare scan
// a keyword engine cannot beat by scanning. Timing protocol of harness.py (a warm-up pass over
// all texts, --warmup seconds of untimed passes, then --reps repetitions of `inner` passes
// lasting at least --min-rep seconds); writes one JSON object to --out.
//
//   hs_scan --work WORK --out RESULT.json [--reps 5] [--min-rep 0.3] [--warmup 0]
//           [--patterns keywords.txt] [--mode scan]
// WORK/keywords.txt: one normalised keyword a line (--patterns patterns.txt: the keywords and the
// gazetteer's area names, the pattern set of minhu's own scan; --mode names the result, e.g.
// "scan+gazetteer"); WORK/norm.txt: one normalised text a line (title "\n" text, with
// \\ \n \r \t escaped). Built by benchmarks/run.sh with g++ -lhs.
#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {
std::string unescape(const std::string& s) {
  std::string o;
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
std::vector<std::string> lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> v;
  std::string l;
  while (std::getline(in, l)) v.push_back(unescape(l));
  return v;
}
double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
int on_match(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
  ++*static_cast<std::size_t*>(ctx);
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> a{{"reps", "5"},
                                       {"min-rep", "0.3"},
                                       {"warmup", "0"},
                                       {"patterns", "keywords.txt"},
                                       {"mode", "scan"}};
  for (int i = 1; i + 1 < argc; i += 2) a[std::string(argv[i]).substr(2)] = argv[i + 1];
  const std::string work = a["work"];
  const int reps = std::stoi(a["reps"]);
  const auto kws = lines(work + "/" + a["patterns"]);
  if (kws.empty()) {
    std::fprintf(stderr, "hs_scan: no patterns in %s/%s\n", work.c_str(), a["patterns"].c_str());
    return 2;
  }
  const char* mode = a["mode"].c_str();
  const auto texts = lines(work + "/norm.txt");

  std::vector<const char*> exprs;
  std::vector<std::size_t> lens;
  std::vector<unsigned> flags, ids;
  for (std::size_t i = 0; i < kws.size(); ++i) {
    exprs.push_back(kws[i].data());
    lens.push_back(kws[i].size());
    flags.push_back(HS_FLAG_SINGLEMATCH);
    ids.push_back(unsigned(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  const double c0 = now();
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                           unsigned(exprs.size()), HS_MODE_BLOCK, nullptr, &db,
                           &err) != HS_SUCCESS) {
    std::fprintf(stderr, "hs_compile_lit_multi: %s\n", err ? err->message : "?");
    return 1;
  }
  const double compile_s = now() - c0;
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  std::size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();

  std::size_t matches = 0;
  auto pass = [&] {
    std::size_t m = 0;
    for (const auto& t : texts) hs_scan(db, t.data(), unsigned(t.size()), 0, scratch, on_match, &m);
    return m;
  };
  double t0 = now();
  matches = pass();
  const double warm = now() - t0;
  const std::size_t inner = std::max<std::size_t>(
      1, std::size_t(std::ceil(std::stod(a["min-rep"]) / std::max(warm, 1e-9))));
  const double warmup = std::stod(a["warmup"]);
  for (const double w0 = now(); now() - w0 < warmup;) pass();
  std::vector<double> secs, per_sec;
  for (int r = 0; r < reps; ++r) {
    t0 = now();
    for (std::size_t j = 0; j < inner; ++j) pass();
    secs.push_back(now() - t0);
    per_sec.push_back(double(inner * texts.size()) / secs.back());
  }
  auto s = per_sec;
  std::sort(s.begin(), s.end());
  const double median =
      s.size() % 2 ? s[s.size() / 2] : (s[s.size() / 2 - 1] + s[s.size() / 2]) / 2;
  std::FILE* f = std::fopen(a["out"].c_str(), "w");
  std::fprintf(
      f,
      "{\"engine\":\"hyperscan scan\",\"mode\":\"%s\",\"n\":%zu,\"n_checked\":0,\"n_timed\":%zu,"
      "\"inner\":%zu,\"check_seconds\":%g,\"seconds\":[",
      mode, texts.size(), texts.size(), inner, warm);
  for (std::size_t i = 0; i < secs.size(); ++i) std::fprintf(f, "%s%.9g", i ? "," : "", secs[i]);
  std::fprintf(f, "],\"per_sec\":[");
  for (std::size_t i = 0; i < per_sec.size(); ++i)
    std::fprintf(f, "%s%.9g", i ? "," : "", per_sec[i]);
  std::fprintf(
      f,
      "],\"median_per_sec\":%.9g,\"bytes_timed\":%zu,\"patterns\":%zu,\"matches_per_pass\":%zu,"
      "\"compile_seconds\":%g,\"hyperscan_version\":\"%s\"}\n",
      median, bytes, kws.size(), matches, compile_s, hs_version());
  std::fclose(f);
  std::fprintf(stderr, "%22s %-8s %14.0f petitions/s, %.0f MB/s (%zu patterns)\n", "hyperscan",
               mode, median, median * double(bytes) / double(texts.size()) / 1e6, kws.size());
  hs_free_scratch(scratch);
  hs_free_database(db);
  return 0;
}
