// Fuzz target: journal recovery on damaged files and odd event streams.
//
// The first byte picks a mode (all on the shared SLA fixture, rulesets/fixtures/sla.json):
//  0  raw file: the rest of the input is the journal database (optionally split into the
//     database and its -wal file); open it with minhu::sqlite_journal and recover a tracker;
//  1  damaged journal: a valid journal written by a fixed scenario, with fuzzed byte flips and
//     an optional truncation;
//  2  command script: the input drives a tracker (open, acknowledge, ..., advance) journaling
//     into memory; a fresh tracker recovers from that journal and must reach the same state;
//     then one journaled event is damaged (fuzzed field) and recovery runs again;
//  3  event stream: journal events decoded straight from the input, then recovered.
//
// The only acceptable outcomes are a clean recovery or a minhu::error: never a crash, a hang,
// another exception, or a silent half-load (a recovery that succeeds must account for every
// stored event, and a damaged file that opens must read back exactly what was written).
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "minhu/engine.hpp"
#include "minhu/journal.hpp"
#include "minhu/tracker.hpp"

namespace {

namespace fs = std::filesystem;
using minhu::event;
using minhu::event_kind;

constexpr std::int64_t t0 = 1772413200000;  // 2026-03-02 09:00 +08:00, a Monday
constexpr std::int64_t hour = 3'600'000;

const std::shared_ptr<const minhu::ruleset>& fixture() {
  static const auto rs =
      minhu::ruleset::load_file(minhu::fuzz::source_path("rulesets/fixtures/sla.json"));
  return rs;
}

const minhu::fuzz::temp_dir& scratch() {
  static const minhu::fuzz::temp_dir dir;
  return dir;
}

std::string journal_path() { return scratch().file("journal.db"); }

std::int64_t plus(std::int64_t t, std::int64_t d) {  // saturating
  std::int64_t r;
  return __builtin_add_overflow(t, d, &r) ? (d > 0 ? INT64_MAX : INT64_MIN) : r;
}

void remove_journal() {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    fs::remove(journal_path() + suffix, ec);
}

void write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), std::streamsize(bytes.size()));
  MINHU_FUZZ_CHECK(out.good());
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<event> events_of(const minhu::journal& j) {
  std::vector<event> out;
  j.replay([&](const event& e) { out.push_back(e); });
  return out;
}

// Recovers a fresh tracker from `j`. Returns false when recovery refused the journal (with a
// minhu::error); on success every stored event must have been accounted for.
bool recover(minhu::journal& j, std::unique_ptr<minhu::tracker>* out = nullptr) {
  auto loads = std::make_shared<minhu::load_view>(fixture()->organisation().size());
  auto t = std::make_unique<minhu::tracker>(fixture(), loads, &j);
  try {
    t->recover();
  } catch (const minhu::error&) {
    return false;
  }
  MINHU_FUZZ_CHECK(t->last_seq() == j.last_seq());
  // The tracker keeps working after recovery: its next batch follows the stored ones.
  t->advance(plus(t->now(), 400 * 24 * hour));
  MINHU_FUZZ_CHECK(j.last_seq() == t->last_seq());
  if (out) *out = std::move(t);
  return true;
}

// ---- mode 0 and 1: files ------------------------------------------------------------------

void open_and_recover(std::string_view db, std::string_view wal,
                      const std::vector<event>* expected) {
  remove_journal();
  write_file(journal_path(), db);
  if (!wal.empty()) write_file(journal_path() + "-wal", wal);
  std::unique_ptr<minhu::sqlite_journal> j;
  try {
    j = std::make_unique<minhu::sqlite_journal>(journal_path(), minhu::durability::normal);
  } catch (const minhu::error& e) {
    MINHU_FUZZ_CHECK(e.code() == minhu::errc::io);
    return;
  }
  std::vector<event> stored;
  try {
    stored = events_of(*j);
  } catch (const minhu::error& e) {
    MINHU_FUZZ_CHECK(e.code() == minhu::errc::io);
    return;
  }
  MINHU_FUZZ_CHECK(std::int64_t(stored.size()) == j->last_seq());
  // A damaged copy of a known journal that still opens holds exactly the original events.
  if (expected) MINHU_FUZZ_CHECK(stored == *expected);
  recover(*j);
}

struct base_journal {
  std::string bytes;
  std::vector<event> events;
};

// A journal with a bit of everything: working and calendar-time clocks, colours, breaches,
// escalations, a redo, a pause, a merge, a return and closing.
const base_journal& base() {
  static const base_journal b = [] {
    remove_journal();
    base_journal out;
    {
      minhu::sqlite_journal j(journal_path(), minhu::durability::normal);
      minhu::tracker t(fixture(), nullptr, &j);
      using minhu::urgency;
      MINHU_FUZZ_CHECK(
          t.open("c1", "env.noise", urgency::normal, "comm-a-office", "", "comm-a", t0));
      MINHU_FUZZ_CHECK(t.open("c2", "env.noise", urgency::urgent, "comm-b-office", "street-b",
                              "comm-b", t0 + hour));
      MINHU_FUZZ_CHECK(t.open("c3", "civil", urgency::normal, "street-a", "", "st-a", t0 + hour));
      MINHU_FUZZ_CHECK(t.open("c4", "", urgency::normal, "ccc", "", "", t0 + 2 * hour));
      MINHU_FUZZ_CHECK(t.acknowledge("c1", t0 + hour / 2));
      MINHU_FUZZ_CHECK(t.start("c1", t0 + hour));
      MINHU_FUZZ_CHECK(t.return_case("c3", "street-a", t0 + 2 * hour));
      t.advance(t0 + 30 * hour);
      MINHU_FUZZ_CHECK(t.pause("c2", t0 + 31 * hour));
      MINHU_FUZZ_CHECK(t.reply("c1", t0 + 32 * hour));
      MINHU_FUZZ_CHECK(t.rate("c1", 2, t0 + 33 * hour));
      MINHU_FUZZ_CHECK(t.resume("c2", t0 + 40 * hour));
      MINHU_FUZZ_CHECK(t.merge("c4", "c1", t0 + 41 * hour));
      MINHU_FUZZ_CHECK(t.escalate("c3", t0 + 42 * hour));
      t.advance(t0 + 200 * hour);
      MINHU_FUZZ_CHECK(t.reply("c1", t0 + 201 * hour));
      MINHU_FUZZ_CHECK(t.close("c1", t0 + 202 * hour));
      out.events = events_of(j);
    }
    out.bytes = read_file(journal_path());
    remove_journal();
    return out;
  }();
  return b;
}

// ---- mode 2: command scripts --------------------------------------------------------------

const char* const case_ids[] = {"c0", "c1", "c2", "c3"};
const char* const units[] = {"ccc",           "dept-env",      "street-a", "street-b",
                             "comm-a-office", "comm-b-office", "nope",     ""};
const char* const categories[] = {"env", "env.noise", "civil", "misc", "", "bogus"};
const char* const areas[] = {"dist", "st-a", "st-b", "comm-a", "comm-b", "", "nowhere"};

template <class T, std::size_t N>
const T& pick(minhu::fuzz::input& in, const T (&a)[N]) {
  return a[in.byte() % N];
}

std::int64_t next_time(minhu::fuzz::input& in, std::int64_t now) {
  switch (in.byte() % 8) {
    case 0:
      return plus(now, -in.range(0, 48) * hour);  // backwards
    case 1:
      return in.integral<std::int64_t>();  // anything
    case 2:
      return plus(now, in.range(0, 60 * 24 * 60) * 60'000);  // up to 60 days later
    default:
      return plus(now, in.range(0, 24 * 60) * 60'000);  // up to a day later
  }
}

void run_script(minhu::fuzz::input& in, minhu::tracker& t) {
  std::int64_t now = t0;
  for (int steps = 0; !in.empty() && steps < 64; ++steps) {
    const std::uint8_t op = in.byte() % 15;
    now = next_time(in, now);
    const std::string id = pick(in, case_ids);
    switch (op) {
      case 0: {
        const std::string cat = pick(in, categories), lead = pick(in, units);
        std::string assisting = in.boolean() ? pick(in, units) : "";
        if (in.boolean()) assisting += std::string(",") + pick(in, units);
        t.open(id, cat, minhu::urgency(in.byte() % 3), lead, assisting, pick(in, areas), now);
        break;
      }
      case 1:
        t.acknowledge(id, now);
        break;
      case 2:
        t.start(id, now);
        break;
      case 3:
        t.reply(id, now);
        break;
      case 4:
        t.rate(id, int(in.byte() % 7), now);
        break;
      case 5:
        t.close(id, now);
        break;
      case 6:
        t.return_case(id, pick(in, units), now);
        break;
      case 7:
        t.reassign(id, pick(in, units), now);
        break;
      case 8:
        t.escalate(id, now, pick(in, units));
        break;
      case 9:
        t.supervise(id, now);
        break;
      case 10:
        t.pause(id, now);
        break;
      case 11:
        t.resume(id, now);
        break;
      case 12:
        t.merge(id, pick(in, case_ids), now);
        break;
      default:
        t.advance(now);
        break;
    }
  }
}

void check_same(const minhu::tracker& a, const minhu::tracker& b) {
  MINHU_FUZZ_CHECK(a.last_seq() == b.last_seq());
  MINHU_FUZZ_CHECK(a.cases().size() == b.cases().size());
  MINHU_FUZZ_CHECK(a.timers() == b.timers());
  for (std::size_t i = 0; i < a.cases().size(); ++i) {
    const minhu::case_record& x = a.cases()[i];
    const minhu::case_record& y = b.cases()[i];
    MINHU_FUZZ_CHECK(x.id == y.id && x.category == y.category && x.urgency == y.urgency);
    MINHU_FUZZ_CHECK(x.area == y.area && x.lead == y.lead && x.assisting == y.assisting);
    MINHU_FUZZ_CHECK(x.returned_by == y.returned_by && x.state == y.state);
    MINHU_FUZZ_CHECK(x.received_at == y.received_at && x.assigned_at == y.assigned_at);
    MINHU_FUZZ_CHECK(x.acknowledged_at == y.acknowledged_at && x.started_at == y.started_at);
    MINHU_FUZZ_CHECK(x.replied_at == y.replied_at && x.rated_at == y.rated_at);
    MINHU_FUZZ_CHECK(x.closed_at == y.closed_at && x.rating == y.rating);
    MINHU_FUZZ_CHECK(x.reopened == y.reopened && x.supervised == y.supervised);
    MINHU_FUZZ_CHECK(x.escalation_level == y.escalation_level && x.supervisor == y.supervisor);
    MINHU_FUZZ_CHECK(x.paused == y.paused && x.merged_into == y.merged_into);
    MINHU_FUZZ_CHECK(x.duplicates == y.duplicates);
    MINHU_FUZZ_CHECK(x.segment_start == y.segment_start && x.consumed == y.consumed);
    MINHU_FUZZ_CHECK(
        x.due.acknowledge_warn == y.due.acknowledge_warn &&
        x.due.acknowledge_due == y.due.acknowledge_due &&
        x.due.respond_warn == y.due.respond_warn && x.due.respond_due == y.due.respond_due &&
        x.due.resolve_warn == y.due.resolve_warn && x.due.resolve_due == y.due.resolve_due);
    for (int k = 0; k < 3; ++k)
      MINHU_FUZZ_CHECK(x.met[k] == y.met[k] && x.on_time[k] == y.on_time[k] &&
                       x.breached[k] == y.breached[k]);
    MINHU_FUZZ_CHECK(x.colour == y.colour && x.next_step == y.next_step);
  }
}

void damage(minhu::fuzz::input& in, event& e) {
  switch (in.byte() % 9) {
    case 0:
      e.seq += in.range(-2, 2);
      break;
    case 1:
      e.at = in.boolean() ? plus(e.at, in.range(-48, 48) * hour) : in.integral<std::int64_t>();
      break;
    case 2:
      e.kind = event_kind(in.byte());
      break;
    case 3:
      e.case_id = pick(in, case_ids);
      break;
    case 4:
      e.unit = pick(in, units);
      break;
    case 5:
      e.category = pick(in, categories);
      break;
    case 6:
      e.area = pick(in, areas);
      break;
    case 7:
      e.value = in.boolean() ? in.range(-3, 8) : in.integral<std::int64_t>();
      break;
    default:
      e.detail = in.boolean() ? std::string(pick(in, case_ids)) : in.string(24);
      break;
  }
}

void script_mode(minhu::fuzz::input& in) {
  const std::size_t unit_count = fixture()->organisation().size();
  minhu::memory_journal j;
  auto loads = std::make_shared<minhu::load_view>(unit_count);
  minhu::tracker original(fixture(), loads, &j);
  run_script(in, original);
  MINHU_FUZZ_CHECK(original.last_seq() == j.last_seq());
  if (std::getenv("MINHU_FUZZ_VERBOSE"))  // what the script journaled, to debug a failure
    for (const event& e : j.events())
      std::fprintf(stderr,
                   "seq %lld at %lld %s case %s unit %s category %s area %s value %lld "
                   "detail %s\n",
                   (long long)e.seq, (long long)e.at, std::string(minhu::to_string(e.kind)).c_str(),
                   e.case_id.c_str(), e.unit.c_str(), e.category.c_str(), e.area.c_str(),
                   (long long)e.value, e.detail.c_str());
  {
    // Must not throw: the journal was written by a tracker.
    auto loads_again = std::make_shared<minhu::load_view>(unit_count);
    minhu::tracker again(fixture(), loads_again, &j);
    again.recover();
    MINHU_FUZZ_CHECK(j.last_seq() == original.last_seq());  // replay appends nothing
    check_same(original, again);
    for (std::uint32_t u = 0; u < unit_count; ++u)
      MINHU_FUZZ_CHECK(loads->get(u) == loads_again->get(u));
  }
  if (j.events().empty()) return;
  // Damage one event (or drop / duplicate one) and recover again.
  std::vector<event> damaged = j.events();
  const std::size_t at = std::size_t(in.range(0, std::int64_t(damaged.size()) - 1));
  switch (in.byte() % 4) {
    case 0:
      damaged.erase(damaged.begin() + std::ptrdiff_t(at));
      break;
    case 1:
      damaged.insert(damaged.begin() + std::ptrdiff_t(at), damaged[at]);
      break;
    case 2:
      damaged.resize(at);
      break;
    default:
      damage(in, damaged[at]);
      break;
  }
  minhu::memory_journal bad;
  bad.append(damaged);
  recover(bad);
}

// ---- mode 3: raw event streams ------------------------------------------------------------

void stream_mode(minhu::fuzz::input& in) {
  std::vector<event> events;
  std::int64_t now = t0;
  while (!in.empty() && events.size() < 64) {
    event e;
    e.seq = std::int64_t(events.size()) + 1;
    if (in.byte() % 16 == 0) e.seq = in.range(-1, 70);
    now = next_time(in, now);
    e.at = now;
    const std::uint8_t k = in.byte();
    e.kind = event_kind(k % 2 ? 1 + k / 2 % 14 : 32 + k / 2 % 6);  // commands and consequences
    if (k == 0xFF) e.kind = event_kind(in.byte());
    e.case_id = pick(in, case_ids);
    e.unit = pick(in, units);
    e.category = pick(in, categories);
    e.area = pick(in, areas);
    e.value = in.boolean() ? in.range(-1, 6) : in.integral<std::int64_t>();
    e.detail = in.boolean() ? std::string(pick(in, case_ids)) : std::string(pick(in, units));
    events.push_back(std::move(e));
  }
  minhu::memory_journal j;
  j.append(events);
  recover(j);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Writes the seed of mode 0 (a valid journal file) when asked: the committed seed
  // tests/fuzz/seeds/journal/valid-journal was made this way.
  if (const char* seed = std::getenv("MINHU_FUZZ_WRITE_JOURNAL_SEED")) {
    write_file(seed, std::string(1, '\0') + std::string(1, '\0') + base().bytes);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  minhu::fuzz::input in(data, size);
  switch (in.byte() % 4) {
    case 0: {
      const bool split = in.boolean();
      const std::size_t db_size =
          split ? std::size_t(in.integral<std::uint32_t>()) % (in.remaining() + 1) : in.remaining();
      const std::string_view rest = in.rest();
      open_and_recover(rest.substr(0, db_size), rest.substr(db_size), nullptr);
      break;
    }
    case 1: {
      std::string bytes = base().bytes;
      for (int n = in.byte() % 8; n > 0 && !bytes.empty(); --n) {
        const std::size_t at = in.integral<std::uint32_t>() % bytes.size();
        const auto x = std::uint8_t(in.byte() | 1);
        bytes[at] = char(std::uint8_t(bytes[at]) ^ x);
      }
      if (in.boolean()) bytes.resize(in.integral<std::uint32_t>() % (bytes.size() + 1));
      // An empty file is a new journal (journal.hpp): it opens empty, by design.
      static const std::vector<event> none;
      open_and_recover(bytes, {}, bytes.empty() ? &none : &base().events);
      break;
    }
    case 2:
      script_mode(in);
      break;
    default:
      stream_mode(in);
      break;
  }
  return 0;
}
