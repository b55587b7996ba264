// The `minhu` command line: validate rulesets, classify JSON Lines, explain one petition,
// simulate the lifecycle of cases (SLA clocks, 一量三率) on a virtual clock, benchmark
// end-to-end dispatch.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bench.hpp"
#include "minhu/engine.hpp"
#include "minhu/jsonl.hpp"
#include "minhu/text.hpp"
#include "simulate.hpp"

namespace {

constexpr const char* main_help = R"(minhu — classify and route citizen petitions (民呼)

usage: minhu <command> [options]

commands:
  validate RULESET...          check rulesets; print every problem with its JSON pointer
  classify -r RULESET [IN]     classify JSON Lines petitions (IN file or - for stdin)
  dispatch -r RULESET [IN]     classify, locate and route: who leads, who assists, why
  explain  -r RULESET --text T show how one petition is classified, rule by rule
  simulate -r RULESET IN       replay petitions and lifecycle events on a virtual clock:
                               SLA colours, breaches, escalations, 一量三率
  bench    -r RULESET IN       end-to-end dispatch throughput and latency (classify +
                               locate + route + SLA schedule), 1 and N threads

Run `minhu <command> --help` for the options of a command.
Exit status: 0 success, 1 invalid ruleset or some input lines failed, 2 usage error.
)";

constexpr const char* validate_help = R"(usage: minhu validate RULESET...

Loads each ruleset and reports every problem as "<file>: <JSON pointer>: <message>", e.g.
  rulesets/x.json: /rules/12/when/all/1/regex: RE2 rejects "(": missing ): (
On success prints a one-line summary per ruleset. Exit status 1 if any ruleset is invalid.
)";

constexpr const char* classify_help = R"(usage: minhu classify -r RULESET [IN.jsonl|-] [options]

Reads one petition per line ({"id": "...", "text": "..."} at least; optional title, channel,
received_at, area/grid, address, lat, lon, category, attributes) and writes one JSON result
per line, in input order: id, category, category_name, category_path, urgency, confidence,
decided_by (rule | model | triage), rules, tags, spans (byte offsets into the original text).
A bad line yields {"line": N, "error": "..."} and processing continues; exit status is 1 if
any line failed.

options:
  -r, --ruleset FILE   ruleset to load (required)
  -o, --output FILE    write results here instead of stdout
  --format FORMAT      jsonl (default) or table (one human-readable line per petition)
  --summary            print counts by decision, category and rule to stderr at the end
  --lenient            ignore unknown fields in petitions instead of rejecting the line
  --no-progress        never draw the progress bar (drawn on a terminal for file input)
  --show-pii           print phone, ID and bank card numbers in evidence and text unmasked
                       (masked by default: 138****5678)
)";

constexpr const char* dispatch_help = R"(usage: minhu dispatch -r RULESET [IN.jsonl|-] [options]

Like classify, then locates each petition (explicit area/grid id, GPS point, area names in
the title, text or address) and routes it along the organisation: the lowest loop (small:
property manager / merchant / social organisation; medium: grid / community / street; big:
departments / command centre) with a unit that serves the category and has jurisdiction there
leads, the least loaded winning. Each result adds "location" and "assignment" (lead,
lead_name, tier, assisting, explanation). Bad lines behave as in classify.

options:
  -r, --ruleset FILE   ruleset to load (required)
  -o, --output FILE    write results here instead of stdout
  --format FORMAT      jsonl (default) or table (one human-readable line per petition)
  --summary            print counts per street, per loop tier and per lead unit to stderr
  --exclude UNIT       treat UNIT as having returned every case (退回); repeatable
  --lenient            ignore unknown fields in petitions instead of rejecting the line
  --no-progress        never draw the progress bar (drawn on a terminal for file input)
  --show-pii           print phone, ID and bank card numbers in evidence and text unmasked
                       (masked by default: 138****5678)
)";

constexpr const char* explain_help =
    R"(usage: minhu explain -r RULESET (--text TEXT | --json PETITION) [options]

Prints the normalised text, every keyword found (with byte offsets into the original), the
decision, and the condition tree of every rule that a found keyword triggered.

options:
  -r, --ruleset FILE   ruleset to load (required)
  --text TEXT          petition text
  --title TITLE        petition title
  --channel CHANNEL    hotline, app, web, wechat, grid_worker, deputy, sensor, email, other
  --area ID            area or grid id
  --attr NAME=VALUE    attribute (repeatable); numbers and true/false are typed
  --json LINE          a whole petition as one JSON object instead of the options above
  --show-pii           print phone, ID and bank card numbers unmasked (masked by default)
)";

constexpr const char* simulate_help =
    R"(usage: minhu simulate -r RULESET IN.jsonl [--events EVENTS.jsonl] [--until T] [options]

Replays a history on a virtual clock. Each petition of IN (JSON Lines as for dispatch; each
needs received_at) is dispatched and opened as a case (case id = petition id) at its
received_at; each line of EVENTS is a lifecycle event of a case:

  {"case": "p1", "at": "2026-03-02T10:00:00+08:00", "event": "acknowledge"}
  {"case": "p1", "at": 1772420400000, "event": "rate", "stars": 4}

  at       epoch milliseconds or ISO-8601 with an offset
  event    acknowledge (签收) | start | reply (办结) | rate (needs stars 1-5; 1-2 reopen) |
           close | return (退回; unit: the lead, default the current one) | reassign (unit) |
           escalate (督办; unit optional, default the lead's parent) | supervise | pause (挂起) |
           resume | merge (并单; primary: the case it follows)

Both streams are merged by time (a petition before the events of the same instant). The SLA
clocks run as they would live: before each item the tracker advances to its time, and at the
end to --until (default: the last time seen). Routing balances on the cases still open.
A bad line (malformed, or a transition the case cannot make) is reported on stderr as
"FILE:LINE: message" and the replay goes on; the exit status is then 1.

Prints 一量三率 (volume; completion 办结率, timeliness 及时率, satisfaction 满意率, response 响应率)
for all cases, per street, per loop tier, per first-level category and per lead unit, then
the three colours (蓝黄红) of the open cases, breaches and escalations. Times are shown at the
UTC offset of the ruleset's first calendar.

options:
  -r, --ruleset FILE     ruleset to load (required)
  --events FILE          lifecycle events, JSON Lines (- for stdin)
  --until T              advance the clock to T (epoch ms or ISO-8601); later items are ignored
  --json                 print one JSON object instead of the tables
  --top N                lead units listed in the table (default 10; --json lists all)
  -o, --output FILE      write the report here instead of stdout
  --lenient              ignore unknown fields in petitions instead of rejecting the line
)";

constexpr const char* bench_help =
    R"(usage: minhu bench -r RULESET IN.jsonl [--threads N] [--seconds S | --rounds R]
                   [--reload-every MS] [--json]

Measures, on the petitions of IN (JSON Lines as for dispatch; - for stdin):
  compile    the ruleset's load + compile time (median of --compile-runs loads)
  dispatch   per petition, end to end: classify + locate + route (engine::dispatch, one scan)
             + the SLA deadlines of the category's policy at its urgency, computed at --now;
             on 1 thread, then on N threads sharing one engine (each its own scratch):
             petitions/s in total and per thread, then, in a separate phase that reads
             steady_clock before and after every petition, p50/p90/p99/max latency (the cost
             of one clock read is reported: every sample includes about one)
  reload     with --reload-every: for 1 and N threads, two more latency phases, without
             and then with one more thread calling engine::reload() (re-read, compile, swap)
             every MS ms: throughput, p50/p99/p99.9/max, samples of 1 ms or more, reload times
  shares     decided by rule / model / triage, location method, loop tier of the lead
  memory     peak RSS (getrusage; includes parsing the ruleset's JSON) and RSS after loading
Petitions are dispatched round-robin from the file; the loops allocate nothing themselves.
Never a correctness check: the numbers depend on the machine and its load.

options:
  -r, --ruleset FILE     ruleset to load (required)
  --threads N            threads of the multi-threaded run (default: hardware threads; 1 =
                         single thread only)
  --seconds S            length of each measured phase (default 2; four phases with N > 1)
  --rounds R             instead: each thread makes R passes over the petitions per phase
  --compile-runs K       loads to time (default 5; fewer once 30 s have been spent)
  --reload-every MS      also measure dispatch while the ruleset reloads every MS
                         milliseconds (see reload above; each phase lasts --seconds)
  --now T                when the SLA clocks start: epoch ms or ISO-8601 with an offset
                         (default 2026-03-02T09:30:00+08:00)
  --json                 print one JSON object instead of the table
  -o, --output FILE      write the report here instead of stdout
  --lenient              ignore unknown fields in petitions instead of rejecting the line
)";

struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct args {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;
  bool has(const std::string& k) const { return options.count(k) > 0; }
  std::string get(const std::string& k) const {
    auto it = options.find(k);
    return it == options.end() ? std::string() : it->second.back();
  }
};

args parse_args(int argc, char** argv, int first, const std::vector<std::string>& with_value,
                const std::vector<std::string>& flags,
                const std::map<std::string, std::string>& aliases) {
  args a;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    if (auto al = aliases.find(s); al != aliases.end()) s = al->second;
    if (s == "-" || s.rfind("-", 0) != 0) {
      a.positional.push_back(s);
      continue;
    }
    std::string value;
    bool inline_value = false;
    if (auto eq = s.find('='); s.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = s.substr(eq + 1);
      s = s.substr(0, eq);
      inline_value = true;
    }
    if (std::find(flags.begin(), flags.end(), s) != flags.end()) {
      a.options[s].push_back("");
    } else if (std::find(with_value.begin(), with_value.end(), s) != with_value.end()) {
      if (!inline_value) {
        if (i + 1 >= argc) throw usage_error("option " + s + " needs a value");
        value = argv[++i];
      }
      a.options[s].push_back(value);
    } else {
      throw usage_error("unknown option " + s);
    }
  }
  return a;
}

int cmd_validate(int argc, char** argv) {
  args a = parse_args(argc, argv, 2, {}, {"--help"}, {{"-h", "--help"}});
  if (a.has("--help")) {
    std::cout << validate_help;
    return 0;
  }
  if (a.positional.empty()) throw usage_error("validate needs at least one RULESET");
  int status = 0;
  for (const auto& path : a.positional) {
    auto problems = minhu::ruleset::check_file(path);
    if (!problems.empty()) {
      for (const auto& p : problems) std::cout << path << ": " << p.to_string() << "\n";
      std::cout << path << ": " << problems.size()
                << (problems.size() == 1 ? " problem\n" : " problems\n");
      status = 1;
      continue;
    }
    auto rs = minhu::ruleset::load_file(path);
    std::cout << path << ": ok — " << rs->id() << " " << rs->version() << ": "
              << rs->categories().size() << " categories, " << rs->rules().size() << " rules, "
              << rs->keyword_count() << " keywords, " << rs->index().regexes.size() << " regexes, "
              << rs->units().size() << " units, " << rs->areas().size() << " areas, "
              << rs->calendars().size() << " calendars, hit policy "
              << minhu::to_string(rs->policy()) << "\n";
  }
  return status;
}

// Progress bar on stderr, redrawn at most ~10 times a second.
class progress {
 public:
  progress(bool enabled, std::uint64_t total) : enabled_(enabled && total > 0), total_(total) {}
  void update(std::uint64_t done, std::size_t lines) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100) && done < total_) return;
    last_ = now;
    const int width = 30;
    const double f = std::min(1.0, double(done) / double(total_));
    const int filled = int(f * width);
    std::fprintf(stderr, "\r[%s%s] %5.1f%% %zu petitions", std::string(filled, '#').c_str(),
                 std::string(width - filled, '.').c_str(), f * 100, lines);
    std::fflush(stderr);
    drawn_ = true;
  }
  void finish() {
    if (drawn_) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
  std::uint64_t total_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

std::string clip(const std::string& s, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0, i = 0;
  while (i < s.size() && chars < max_chars) {
    std::size_t len = 0;
    const char32_t cp = minhu::detail::decode_utf8(s, i, len);
    minhu::detail::append_utf8(out, minhu::detail::is_space_like(cp) ? U' ' : cp);
    i += len;
    ++chars;
  }
  if (i < s.size()) out += "…";
  return out;
}

int cmd_run(int argc, char** argv, bool route) {
  const char* cmd = route ? "dispatch" : "classify";
  std::vector<std::string> with_value{"--ruleset", "--output", "--format"};
  if (route) with_value.push_back("--exclude");
  args a = parse_args(argc, argv, 2, with_value,
                      {"--help", "--summary", "--lenient", "--no-progress", "--show-pii"},
                      {{"-r", "--ruleset"}, {"-o", "--output"}, {"-h", "--help"}});
  if (a.has("--help")) {
    std::cout << (route ? dispatch_help : classify_help);
    return 0;
  }
  if (!a.has("--ruleset")) throw usage_error(std::string(cmd) + " needs -r RULESET");
  if (a.positional.size() > 1)
    throw usage_error(std::string(cmd) + " takes at most one input file");
  const std::string format = a.has("--format") ? a.get("--format") : "jsonl";
  if (format != "jsonl" && format != "table") throw usage_error("--format must be jsonl or table");
  const std::string in_path = a.positional.empty() ? "-" : a.positional[0];

  minhu::engine engine(a.get("--ruleset"));
  const auto snap = engine.snapshot();
  minhu::dispatch_options opts;
  if (a.has("--exclude")) opts.exclude = a.options.at("--exclude");
  minhu::dispatch_result d;
  std::map<std::string, std::size_t> by_tier, by_lead, by_method, by_street;

  std::ifstream file;
  std::istream* in = &std::cin;
  std::uint64_t total_bytes = 0;
  if (in_path != "-") {
    file.open(in_path, std::ios::binary);
    if (!file) throw minhu::error(minhu::errc::io, "cannot read input file \"" + in_path + "\"");
    file.seekg(0, std::ios::end);
    total_bytes = std::uint64_t(file.tellg());
    file.seekg(0);
    in = &file;
  }
  std::ofstream out_file;
  std::ostream* out = &std::cout;
  if (a.has("--output")) {
    out_file.open(a.get("--output"), std::ios::binary);
    if (!out_file)
      throw minhu::error(minhu::errc::io, "cannot write output file \"" + a.get("--output") + "\"");
    out = &out_file;
  }
  progress bar(!a.has("--no-progress") && in_path != "-" && isatty(STDERR_FILENO), total_bytes);

  std::size_t line_no = 0, ok = 0, failed = 0;
  std::map<std::string, std::size_t> by_decision, by_category, by_rule;
  std::uint64_t bytes = 0;
  std::string line;
  const bool lenient = a.has("--lenient");
  const minhu::pii_policy pii =
      a.has("--show-pii") ? minhu::pii_policy::show : minhu::pii_policy::mask;
  const auto t0 = std::chrono::steady_clock::now();
  bool too_long = false;
  while (*out && minhu::read_line(*in, line, too_long)) {
    ++line_no;
    bytes += line.size() + 1;
    if (too_long) {  // the rest of the line was skipped, never buffered
      ++failed;
      *out << minhu::error_json(line_no, "",
                                "line longer than " + std::to_string(minhu::limits::line_bytes) +
                                    " bytes (the limit)")
           << "\n";
      bar.update(bytes, line_no);
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    minhu::petition p;
    try {
      p = minhu::parse_petition(line, lenient);
    } catch (const minhu::petition_error& e) {
      ++failed;
      *out << minhu::error_json(line_no, e.id(), e.message()) << "\n";
      bar.update(bytes, line_no);
      continue;
    }
    if (route) {
      engine.dispatch(p, opts, d);
    } else {
      engine.classify(p, d.classification);
    }
    const minhu::classification& c = d.classification;
    ++ok;
    if (format == "jsonl") {
      *out << (route ? minhu::to_json(p, d, pii) : minhu::to_json(p, c, pii)) << "\n";
    } else {
      std::string decision =
          c.decided_by == minhu::decided_by::triage
              ? std::string("triage")
              : std::string(c.category_id()) + " " + std::string(c.category_name());
      *out << p.id << "\t" << minhu::to_string(c.decided_by) << "\t" << decision << "\t";
      if (route) {
        const auto& org = snap->organisation();
        const auto& as = d.assignment;
        static const char* tiers[] = {"small", "medium", "big"};
        *out << (d.location.area >= 0 ? snap->areas()[std::size_t(d.location.area)].id
                                      : std::string("-"))
             << "\t" << (as.lead >= 0 ? org[std::uint32_t(as.lead)].name : std::string("-")) << "\t"
             << (as.tier >= 0 && as.tier < 3 ? tiers[as.tier] : "-") << "\t"
             << (as.assisting.empty() ? std::string("")
                                      : "+" + std::to_string(as.assisting.size()) + " 协办")
             << "\t";
      } else {
        *out << (c.fired.empty() ? std::string("-") : std::string(c.rule_id(0))) << "\t"
             << minhu::to_string(c.urgency) << "\t";
      }
      *out << clip(pii == minhu::pii_policy::mask ? minhu::mask_pii(p.text) : p.text, 28) << "\n";
    }
    ++by_decision[std::string(minhu::to_string(c.decided_by))];
    if (c.category >= 0) ++by_category[std::string(c.category_id())];
    if (!c.fired.empty()) ++by_rule[std::string(c.rule_id(0))];
    if (route) {
      static const char* tiers[] = {"small loop (小闭环)", "medium loop (中闭环)",
                                    "big loop (大闭环)"};
      const auto& as = d.assignment;
      ++by_tier[as.tier >= 0 && as.tier < 3 ? tiers[as.tier] : "unassigned"];
      if (as.lead >= 0) ++by_lead[snap->organisation()[std::uint32_t(as.lead)].name];
      ++by_method[std::string(minhu::to_string(d.location.method))];
      // The street (or town) the petition was placed in.
      std::string street = "(whole district / unknown)";
      for (std::int32_t x = d.location.area; x >= 0; x = snap->areas()[std::size_t(x)].parent)
        if (snap->area_tree().level(std::uint32_t(x)) == 1)
          street = snap->areas()[std::size_t(x)].name;
      ++by_street[street];
    }
    bar.update(bytes, line_no);
  }
  bar.finish();
  out->flush();
  if (!*out)  // e.g. disk full or a closed pipe: results were lost, so this must not exit 0
    throw minhu::error(minhu::errc::io,
                       "cannot write results to " +
                           (a.has("--output") ? "\"" + a.get("--output") + "\"" : "stdout"));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (a.has("--summary")) {
    auto top = [](const std::map<std::string, std::size_t>& m, std::size_t n) {
      std::vector<std::pair<std::string, std::size_t>> v(m.begin(), m.end());
      std::stable_sort(v.begin(), v.end(), [](auto& x, auto& y) { return x.second > y.second; });
      if (v.size() > n) v.resize(n);
      return v;
    };
    std::fprintf(stderr, "\n== summary ==\n");
    std::fprintf(stderr, "petitions: %zu classified, %zu bad lines, %.3f s\n", ok, failed, secs);
    for (auto& [k, v] : by_decision)
      std::fprintf(stderr, "  decided by %-7s %6zu  (%.1f%%)\n", k.c_str(), v,
                   ok ? 100.0 * double(v) / double(ok) : 0.0);
    std::fprintf(stderr, "top categories:\n");
    for (auto& [k, v] : top(by_category, 10)) {
      const auto ci = snap->find_category(k);
      std::fprintf(stderr, "  %6zu  %s %s\n", v, k.c_str(),
                   ci >= 0 ? snap->categories()[ci].name.c_str() : "");
    }
    std::fprintf(stderr, "top deciding rules:\n");
    for (auto& [k, v] : top(by_rule, 10)) std::fprintf(stderr, "  %6zu  %s\n", v, k.c_str());
    if (route) {
      std::fprintf(stderr, "by street / town:\n");
      for (auto& [k, v] : top(by_street, 100)) std::fprintf(stderr, "  %6zu  %s\n", v, k.c_str());
      std::fprintf(stderr, "by loop tier of the lead unit:\n");
      for (auto& [k, v] : by_tier) std::fprintf(stderr, "  %6zu  %s\n", v, k.c_str());
      std::fprintf(stderr, "location found by:\n");
      for (auto& [k, v] : top(by_method, 10)) std::fprintf(stderr, "  %6zu  %s\n", v, k.c_str());
      std::fprintf(stderr, "busiest lead units:\n");
      for (auto& [k, v] : top(by_lead, 10)) std::fprintf(stderr, "  %6zu  %s\n", v, k.c_str());
    }
  }
  return failed ? 1 : 0;
}

// A plain decimal number ("72", "-1.5", "3e2"), as in JSON; not strtod's "nan", "inf", "0x1f"
// or " 7", which are text.
std::optional<double> decimal(const std::string& v) {
  std::size_t i = v.size() > 1 && (v[0] == '-' || v[0] == '+') ? 1 : 0;
  bool digits = false, exp_digits = true;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i, digits = true;
  if (i < v.size() && v[i] == '.') {
    ++i;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i, digits = true;
  }
  if (digits && i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    if (i < v.size() && (v[i] == '-' || v[i] == '+')) ++i;
    exp_digits = false;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i, exp_digits = true;
  }
  if (!digits || !exp_digits || i != v.size()) return std::nullopt;
  const double d = std::strtod(v.c_str(), nullptr);
  if (!std::isfinite(d)) return std::nullopt;
  return d;
}

int cmd_explain(int argc, char** argv) {
  args a = parse_args(argc, argv, 2,
                      {"--ruleset", "--text", "--title", "--channel", "--area", "--attr", "--json"},
                      {"--help", "--show-pii"}, {{"-r", "--ruleset"}, {"-h", "--help"}});
  if (a.has("--help")) {
    std::cout << explain_help;
    return 0;
  }
  if (!a.has("--ruleset")) throw usage_error("explain needs -r RULESET");
  if (!a.positional.empty()) throw usage_error("unexpected argument " + a.positional[0]);
  minhu::petition p;
  if (a.has("--json")) {
    p = minhu::parse_petition(a.get("--json"));
  } else {
    if (!a.has("--text")) throw usage_error("explain needs --text TEXT or --json PETITION");
    p.id = "cli";
    p.text = a.get("--text");
    p.title = a.get("--title");
    p.channel = a.get("--channel");
    p.area = a.get("--area");
    if (a.has("--attr")) {
      for (const auto& kv : a.options.at("--attr")) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) throw usage_error("--attr expects NAME=VALUE");
        const std::string name = kv.substr(0, eq), v = kv.substr(eq + 1);
        if (v == "true" || v == "false")
          p.set_attribute(name, minhu::value(v == "true"));
        else if (const auto d = decimal(v))
          p.set_attribute(name, minhu::value(*d));
        else
          p.set_attribute(name, minhu::value(v));
      }
    }
  }
  minhu::engine engine(a.get("--ruleset"));
  std::cout << engine.explain(
      p, a.has("--show-pii") ? minhu::pii_policy::show : minhu::pii_policy::mask);
  return 0;
}

int cmd_simulate(int argc, char** argv) {
  args a = parse_args(argc, argv, 2, {"--ruleset", "--events", "--until", "--output", "--top"},
                      {"--help", "--json", "--lenient"},
                      {{"-r", "--ruleset"}, {"-o", "--output"}, {"-h", "--help"}});
  if (a.has("--help")) {
    std::cout << simulate_help;
    return 0;
  }
  if (!a.has("--ruleset")) throw usage_error("simulate needs -r RULESET");
  if (a.positional.size() != 1) throw usage_error("simulate takes one petitions file (or -)");
  minhu_simulate::options opt;
  opt.ruleset = a.get("--ruleset");
  opt.petitions = a.positional[0];
  opt.events = a.get("--events");
  if (a.has("--events") && opt.events.empty()) throw usage_error("--events needs a file");
  if (opt.petitions == "-" && opt.events == "-")
    throw usage_error("only one of IN and --events can be - (stdin)");
  if (a.has("--until")) {
    opt.until = minhu_simulate::parse_instant(a.get("--until"));
    if (!opt.until)
      throw usage_error("--until expects epoch milliseconds or ISO-8601 with an offset, e.g. " +
                        std::string("2026-03-02T18:00:00+08:00"));
  }
  std::size_t top = 10;
  if (a.has("--top")) {
    const std::string v = a.get("--top");
    if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
      throw usage_error("--top expects a number");
    top = std::size_t(std::stoul(v));
  }
  opt.lenient = a.has("--lenient");

  minhu_simulate::simulation sim(opt, std::cerr);
  const minhu_simulate::report r = sim.run();
  std::ofstream out_file;
  std::ostream* out = &std::cout;
  if (a.has("--output")) {
    out_file.open(a.get("--output"), std::ios::binary);
    if (!out_file)
      throw minhu::error(minhu::errc::io, "cannot write output file \"" + a.get("--output") + "\"");
    out = &out_file;
  }
  if (a.has("--json"))
    minhu_simulate::print_json(*out, r);
  else
    minhu_simulate::print_table(*out, r, top);
  out->flush();
  if (!*out)
    throw minhu::error(minhu::errc::io,
                       "cannot write the report to " +
                           (a.has("--output") ? "\"" + a.get("--output") + "\"" : "stdout"));
  return r.errors ? 1 : 0;
}

int cmd_bench(int argc, char** argv) {
  args a = parse_args(argc, argv, 2,
                      {"--ruleset", "--threads", "--seconds", "--rounds", "--compile-runs", "--now",
                       "--output", "--reload-every"},
                      {"--help", "--json", "--lenient"},
                      {{"-r", "--ruleset"}, {"-o", "--output"}, {"-h", "--help"}});
  if (a.has("--help")) {
    std::cout << bench_help;
    return 0;
  }
  if (!a.has("--ruleset")) throw usage_error("bench needs -r RULESET");
  if (a.positional.size() != 1) throw usage_error("bench takes one petitions file (or -)");
  auto count = [&](const char* opt, std::size_t max) {
    const std::string v = a.get(opt);
    if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(v) < 1 || std::stoul(v) > max)
      throw usage_error(std::string(opt) + " expects a number from 1 to " + std::to_string(max));
    return std::size_t(std::stoul(v));
  };
  minhu_bench::options opt;
  opt.ruleset = a.get("--ruleset");
  opt.petitions = a.positional[0];
  opt.lenient = a.has("--lenient");
  if (a.has("--threads")) opt.threads = unsigned(count("--threads", 1024));
  if (a.has("--seconds") && a.has("--rounds"))
    throw usage_error("give --seconds or --rounds, not both");
  if (a.has("--seconds")) {
    const auto s = decimal(a.get("--seconds"));
    if (!s || *s <= 0 || *s > 86400) throw usage_error("--seconds expects a positive number");
    opt.seconds = *s;
  }
  if (a.has("--rounds")) opt.rounds = count("--rounds", 1'000'000);
  if (a.has("--compile-runs")) opt.compile_runs = count("--compile-runs", 1000);
  if (a.has("--reload-every")) {
    const auto ms = decimal(a.get("--reload-every"));
    if (!ms || *ms <= 0 || *ms > 3'600'000)
      throw usage_error("--reload-every expects milliseconds, a positive number");
    opt.reload_every_ms = *ms;
  }
  if (a.has("--now")) {
    const std::string v = a.get("--now");
    if (!v.empty() && v.find_first_not_of("0123456789") == std::string::npos && v.size() < 16) {
      opt.now = std::stoll(v);
    } else if (const auto t = minhu::parse_iso8601(v)) {
      opt.now = *t;
    } else {
      throw usage_error("--now expects epoch milliseconds or ISO-8601 with an offset");
    }
  }
  const minhu_bench::report r = minhu_bench::run_bench(opt, std::cerr);
  std::ofstream out_file;
  std::ostream* out = &std::cout;
  if (a.has("--output")) {
    out_file.open(a.get("--output"), std::ios::binary);
    if (!out_file)
      throw minhu::error(minhu::errc::io, "cannot write output file \"" + a.get("--output") + "\"");
    out = &out_file;
  }
  if (a.has("--json"))
    minhu_bench::print_json(*out, r, MINHU_VERSION);
  else
    minhu_bench::print_table(*out, r);
  out->flush();
  if (!*out) throw minhu::error(minhu::errc::io, "cannot write the report");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    std::cout << main_help;
    return argc < 2 ? 2 : 0;
  }
  const std::string cmd = argv[1];
  try {
    if (cmd == "validate") return cmd_validate(argc, argv);
    if (cmd == "classify") return cmd_run(argc, argv, false);
    if (cmd == "dispatch") return cmd_run(argc, argv, true);
    if (cmd == "explain") return cmd_explain(argc, argv);
    if (cmd == "simulate") return cmd_simulate(argc, argv);
    if (cmd == "bench") return cmd_bench(argc, argv);
    if (cmd == "--version" || cmd == "version") {
      std::cout << "minhu " << MINHU_VERSION << "\n";
      return 0;
    }
    std::cerr << "minhu: unknown command \"" << cmd << "\"\n\n" << main_help;
    return 2;
  } catch (const usage_error& e) {
    std::cerr << "minhu " << cmd << ": " << e.what() << "\n(see minhu " << cmd << " --help)\n";
    return 2;
  } catch (const minhu::ruleset_error& e) {
    for (const auto& p : e.problems()) std::cerr << "minhu: " << p.to_string() << "\n";
    std::cerr << "minhu: ruleset rejected (" << e.problems().size() << " problems)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "minhu: " << e.what() << "\n";
    return 1;
  }
}
