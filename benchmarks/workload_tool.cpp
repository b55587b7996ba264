// minhu_workload: writes one benchmark workload to files, so that `minhu bench`, the peer
// engines and the bindings all run the very same rules on the very same petitions.
//
//   build-bench/benchmarks/minhu_workload --out /tmp/wl-5k --keywords 5000 --units 10000 \
//       --petitions 10000 --seed 42 --text-bytes 300
//   build-bench/libdispatch/minhu bench -r /tmp/wl-5k/ruleset.json /tmp/wl-5k/petitions.jsonl
//
// Writes DIR/ruleset.json (bench::make_city_ruleset: a generated city of about U units whose
// rules hold exactly K keywords of real vocabulary; K = 0 keeps demo-city.json's rules; or,
// with --rules R, exactly R generated rules),
// DIR/petitions.jsonl (bench::make_petitions: N real messages with a grid id, GPS point or
// compound address of that city; one JSON object per line, see bench::petition_json) and
// DIR/workload.json (the parameters and what was generated). Deterministic for the same
// arguments: the city and rules from --seed, the petitions from --seed + 1.
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "minhu/ruleset.hpp"
#include "workload.hpp"

namespace {

constexpr const char* usage = R"(usage: minhu_workload --out DIR [options]

Writes DIR/ruleset.json, DIR/petitions.jsonl and DIR/workload.json (DIR is created).

options:
  -o, --out DIR        output directory (required; also accepted as the only argument)
  --keywords K         distinct rule keywords (default 5000; 0 = demo-city.json's rules;
                       the real vocabulary holds about 190,000)
  --rules R            exactly R generated rules instead (default: off); their keywords are
                       the words they use, about 6 a rule; not with --keywords
  --units U            about this many organisation units (default 10000)
  --petitions N        petitions to write (default 10000)
  --seed S             seed of the city and rules; the petitions use S + 1 (default 42)
  --text-bytes B       cut every petition text to at most B bytes at a character boundary
                       (default 0: whole messages, 489 bytes median)
  --model PATH         attach a learned model (e.g. rulesets/tipdm-7class.model; its classes
                       must be category ids of the demo taxonomy) with --threshold
  --threshold T        model confidence threshold (default 0.4)
)";

std::size_t number(const std::string& opt, const std::string& v) {
  if (v.empty() || v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos)
    throw std::invalid_argument(opt + " expects a non-negative integer, not \"" + v + "\"");
  return std::size_t(std::stoull(v));
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string out, model;
  std::size_t keywords = 5000, rules = 0, units = 10000, petitions = 10000, text_bytes = 0;
  bool keywords_given = false;
  std::uint64_t seed = 42;
  double threshold = 0.4;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string a = argv[i];
      if (a == "-h" || a == "--help") {
        std::cout << usage;
        return 0;
      }
      if (a.rfind("-", 0) != 0) {
        if (!out.empty()) throw std::invalid_argument("one output directory only");
        out = a;
        continue;
      }
      if (i + 1 >= argc) throw std::invalid_argument("option " + a + " needs a value");
      const std::string v = argv[++i];
      if (a == "-o" || a == "--out")
        out = v;
      else if (a == "--keywords")
        keywords = number(a, v), keywords_given = true;
      else if (a == "--rules")
        rules = number(a, v);
      else if (a == "--units")
        units = number(a, v);
      else if (a == "--petitions")
        petitions = number(a, v);
      else if (a == "--seed")
        seed = number(a, v);
      else if (a == "--text-bytes")
        text_bytes = number(a, v);
      else if (a == "--model")
        model = v;
      else if (a == "--threshold")
        threshold = std::stod(v);
      else
        throw std::invalid_argument("unknown option " + a);
    }
    if (out.empty()) throw std::invalid_argument("--out DIR is required");
    if (keywords_given && rules > 0)
      throw std::invalid_argument("give --keywords or --rules, not both");
  } catch (const std::exception& e) {
    std::cerr << "minhu_workload: " << e.what() << "\n\n" << usage;
    return 2;
  }

  try {
    if (mkdir(out.c_str(), 0777) != 0 && errno != EEXIST)
      throw std::runtime_error("cannot create " + out + ": " + std::strerror(errno));
    auto t0 = std::chrono::steady_clock::now();
    std::string json = bench::make_city_ruleset(units, seed, keywords, rules);
    if (!model.empty()) {
      auto doc = bench::detail::ojson::parse(json);
      doc["model"] = {{"path", model}, {"threshold", threshold}};
      json = doc.dump();
    }
    const double generate_s = seconds_since(t0);
    {
      std::ofstream f(out + "/ruleset.json", std::ios::binary);
      f << json << "\n";
      if (!f) throw std::runtime_error("cannot write " + out + "/ruleset.json");
    }
    t0 = std::chrono::steady_clock::now();
    const auto rs = minhu::ruleset::load_file(out + "/ruleset.json");
    const double load_s = seconds_since(t0);
    if (rules > 0 && rs->rules().size() != rules)
      std::cerr << "minhu_workload: warning: the ruleset holds " << rs->rules().size()
                << " rules, not " << rules << "\n";
    if (rules == 0 && keywords > 0 && rs->keyword_count() != keywords)
      std::cerr << "minhu_workload: warning: the ruleset holds " << rs->keyword_count()
                << " distinct keywords, not " << keywords << "\n";

    const auto ps = bench::make_petitions(*rs, petitions, seed + 1, text_bytes);
    std::size_t text_total = 0, with_area = 0, with_gps = 0, with_address = 0, longest = 0;
    {
      std::ofstream f(out + "/petitions.jsonl", std::ios::binary);
      for (const auto& p : ps) {
        f << bench::petition_json(p) << "\n";
        text_total += p.text.size();
        longest = std::max(longest, p.text.size());
        with_area += !p.area.empty();
        with_gps += p.lat && p.lon;
        with_address +=
            p.area.empty() && !(p.lat && p.lon) && p.text.find("，地址：") != std::string::npos;
      }
      if (!f) throw std::runtime_error("cannot write " + out + "/petitions.jsonl");
    }

    bench::detail::ojson manifest = {
        {"generator", "minhu_workload"},
        {"parameters",
         {{"keywords", rules > 0 ? 0 : keywords},
          {"rules", rules},
          {"units", units},
          {"petitions", petitions},
          {"seed", seed},
          {"petition_seed", seed + 1},
          {"text_bytes", text_bytes},
          {"model", model}}},
        {"ruleset",
         {{"file", "ruleset.json"},
          {"id", rs->id()},
          {"bytes", json.size() + 1},
          {"keywords", rs->keyword_count()},
          {"rules", rs->rules().size()},
          {"regexes", rs->index().regexes.size()},
          {"categories", rs->categories().size()},
          {"units", rs->units().size()},
          {"areas", rs->areas().size()},
          {"generate_s", generate_s},
          {"load_s", load_s}}},
        {"petitions",
         {{"file", "petitions.jsonl"},
          {"count", ps.size()},
          {"avg_text_bytes", ps.empty() ? 0.0 : double(text_total) / double(ps.size())},
          {"max_text_bytes", longest},
          {"with_area", with_area},
          {"with_gps", with_gps},
          {"with_address", with_address}}}};
    {
      std::ofstream f(out + "/workload.json", std::ios::binary);
      f << manifest.dump(2) << "\n";
      if (!f) throw std::runtime_error("cannot write " + out + "/workload.json");
    }
    std::cout << out << ": " << rs->id() << ": " << rs->keyword_count() << " keywords, "
              << rs->rules().size() << " rules, " << rs->index().regexes.size() << " regexes, "
              << rs->units().size() << " units, " << rs->areas().size() << " areas; " << ps.size()
              << " petitions (" << (ps.empty() ? 0 : text_total / ps.size())
              << " bytes of text on average)\n";
    return 0;
  } catch (const minhu::ruleset_error& e) {
    for (const auto& p : e.problems()) std::cerr << "minhu_workload: " << p.to_string() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "minhu_workload: " << e.what() << "\n";
    return 1;
  }
}
