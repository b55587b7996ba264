// The SQLite journal: every field round trips; a batch is stored whole or not at all; seqs stay
// contiguous from 1; both durability levels; corrupt, truncated and foreign files are refused
// with a clear error; and the kill -9 test: a forked writer is SIGKILLed mid-stream many times,
// and every batch it had been told was committed must be there, whole, with nothing else but
// whole batches.
#include "minhu/journal.hpp"
#include "minhu/tracker.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace minhu {
// gtest prints events readably in failures.
void PrintTo(const event& e, std::ostream* os) {
  *os << "{seq " << e.seq << ", at " << e.at << ", " << to_string(e.kind) << ", case \""
      << e.case_id << "\", unit \"" << e.unit << "\", category \"" << e.category << "\", area \""
      << e.area << "\", value " << e.value << ", detail \"" << e.detail.substr(0, 80)
      << (e.detail.size() > 80 ? "..." : "") << "\"}";
}
}  // namespace minhu

namespace {

namespace fs = std::filesystem;
using minhu::durability;
using minhu::errc;
using minhu::event;
using minhu::event_kind;
using minhu::sqlite_journal;

constexpr event_kind all_kinds[] = {
    event_kind::opened,         event_kind::acknowledged,   event_kind::started,
    event_kind::replied,        event_kind::rated,          event_kind::closed,
    event_kind::returned,       event_kind::reassigned,     event_kind::escalated,
    event_kind::supervised,     event_kind::paused,         event_kind::resumed,
    event_kind::merged,         event_kind::tick,           event_kind::assigned,
    event_kind::reopened,       event_kind::colour_changed, event_kind::breached,
    event_kind::auto_escalated, event_kind::followed,
};
constexpr std::size_t kind_count = sizeof all_kinds / sizeof all_kinds[0];

// ---- helpers -------------------------------------------------------------------------------

// A fresh directory under $TMPDIR (default /tmp), removed with its contents.
class temp_dir {
 public:
  temp_dir() {
    const char* base = std::getenv("TMPDIR");
    std::string t = std::string(base && *base ? base : "/tmp") + "/minhu-journal-XXXXXX";
    if (!mkdtemp(t.data())) throw std::runtime_error("mkdtemp: " + std::string(strerror(errno)));
    path_ = t;
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

void remove_journal(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix);
}

std::vector<event> read_all(const minhu::journal& j) {
  std::vector<event> out;
  j.replay([&](const event& e) { out.push_back(e); });
  return out;
}

// `f` must throw a minhu::error with `code` whose message contains every fragment.
template <class F>
::testing::AssertionResult fails_with(F&& f, errc code, const std::vector<std::string>& fragments) {
  try {
    f();
  } catch (const minhu::error& e) {
    if (e.code() != code)
      return ::testing::AssertionFailure()
             << "code " << minhu::code_name(e.code()) << " (" << e.what() << ")";
    for (const auto& f : fragments)
      if (e.message().find(f) == std::string::npos)
        return ::testing::AssertionFailure() << "\"" << e.what() << "\" lacks \"" << f << "\"";
    return ::testing::AssertionSuccess() << e.what();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw something else: " << e.what();
  }
  return ::testing::AssertionFailure() << "did not throw";
}

// Runs SQL on the file through a raw connection of our own (to build foreign or damaged files).
void raw_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  const std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << message;
}

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// A realistic event, a pure function of where it sits: seq, batch number, index in the batch.
event make_event(std::int64_t seq, std::int64_t batch, std::size_t i, std::size_t n) {
  static const char* const units[] = {"wangjing-street",      "望京街道办事处",
                                      "朝阳区城市管理委员会", "",
                                      "物业-融科橄榄城",      "12345-center"};
  static const char* const categories[] = {"城乡建设/物业管理/噪音扰民", "交通运输/道路维护", "",
                                           "环境保护/大气污染/餐饮油烟"};
  static const char* const areas[] = {"望京西园三区", "grid-0107", "", "花家地北里"};
  const std::uint64_t h = mix(std::uint64_t(seq));
  event e;
  e.seq = seq;
  e.at = 1767196800000 + seq * 61000;  // from 2026-01-01T00:00+08:00
  e.kind = all_kinds[h % kind_count];
  e.case_id = "GD2026" + std::to_string(100000 + seq / 3);
  e.unit = units[std::size_t(seq) % 6];
  e.category = categories[std::size_t(seq) % 4];
  e.area = areas[std::size_t(seq / 2) % 4];
  e.value = std::int64_t(h % 11) - 5;
  e.detail = "batch " + std::to_string(batch) + " " + std::to_string(i + 1) + "/" +
             std::to_string(n) + (seq % 3 == 0 ? " 居民反映：夜间施工噪音扰民，请尽快处理" : "");
  return e;
}

// Batch number `b` (1, 2, ...) of the writer: 1-5 events starting at `first_seq`.
std::vector<event> make_batch(std::int64_t b, std::int64_t first_seq) {
  const std::size_t n = 1 + std::size_t(mix(std::uint64_t(b) ^ 0xBA7C4ull) % 5);
  std::vector<event> batch;
  for (std::size_t i = 0; i < n; ++i)
    batch.push_back(make_event(first_seq + std::int64_t(i), b, i, n));
  return batch;
}

// A closed journal holding `batches` writer batches; returns its events.
std::vector<event> make_journal(const std::string& path, int batches,
                                durability d = durability::normal) {
  std::vector<event> all;
  sqlite_journal j(path, d);
  for (int b = 1; b <= batches; ++b) {
    auto batch = make_batch(b, std::int64_t(all.size()) + 1);
    j.append(batch);
    all.insert(all.end(), batch.begin(), batch.end());
  }
  return all;
}

// ---- to_string -----------------------------------------------------------------------------

TEST(EventKind, NamesAreDistinctAndStable) {
  std::vector<std::string> names;
  for (event_kind k : all_kinds) {
    const std::string n(minhu::to_string(k));
    EXPECT_NE(n, "unknown");
    for (const auto& m : names) EXPECT_NE(n, m);
    names.push_back(n);
  }
  EXPECT_EQ(minhu::to_string(event_kind::opened), "opened");
  EXPECT_EQ(minhu::to_string(event_kind::colour_changed), "colour_changed");
  EXPECT_EQ(minhu::to_string(event_kind::followed), "followed");
  EXPECT_EQ(minhu::to_string(event_kind(0)), "unknown");
  EXPECT_EQ(minhu::to_string(event_kind(99)), "unknown");
  EXPECT_TRUE(minhu::is_command(event_kind::tick));
  EXPECT_FALSE(minhu::is_command(event_kind::assigned));
}

// ---- round trips ---------------------------------------------------------------------------

std::vector<event> edge_events() {
  std::vector<event> v;
  event e;
  e.seq = 1;
  e.at = 1767196800000;
  e.kind = event_kind::opened;
  e.case_id = "GD2026000001";
  e.unit = "朝阳区望京街道办事处";
  e.category = "城乡建设/物业管理/噪音扰民";
  e.area = "望京西园三区";
  e.value = 2;
  e.detail = "物业-融科橄榄城,社区-望京西园,城管执法队";
  v.push_back(e);
  v.push_back(event{2, 0, event_kind::closed, "", "", "", "", 0, ""});  // every string empty
  v.push_back(event{3, INT64_MIN, event_kind::rated, "c", "u", "k", "a", INT64_MAX, "d"});
  v.push_back(event{4, INT64_MAX, event_kind::colour_changed, "c", "", "", "", INT64_MIN, ""});
  // traditional, full-width, 4-byte UTF-8, quotes and SQL-looking text
  v.push_back(event{5, -1, event_kind::merged, "臺北市ＡＢＣ　１２３", "🚧施工",
                    "'); DROP TABLE events;--", "\"quoted\" \\ back", -1, "GD2026000001"});
  // embedded NUL and invalid UTF-8 are kept byte for byte
  v.push_back(event{6, 6, event_kind::returned, std::string("a\0b", 3), "\xff\xfe", "", "", 6,
                    std::string(1, '\0')});
  // large enough to need overflow pages
  std::string big;
  while (big.size() < 200000) big += "小区电梯故障，老人上下楼困难。";
  v.push_back(event{7, 7, event_kind::replied, "GD2026000002", "", "", "", 7, big});
  std::int64_t seq = 8;
  for (event_kind k : all_kinds)
    v.push_back(event{seq++, 1767196800000 + seq, k, "GD" + std::to_string(seq),
                      "unit-" + std::string(minhu::to_string(k)), "cat", "area", std::int64_t(k),
                      "详情"});
  return v;
}

TEST(SqliteJournal, NewJournalIsEmpty) {
  temp_dir dir;
  sqlite_journal j(dir.file("j.db"));
  EXPECT_EQ(j.last_seq(), 0);
  EXPECT_TRUE(read_all(j).empty());
  j.append({});  // no-op
  EXPECT_EQ(j.last_seq(), 0);
}

TEST(SqliteJournal, RoundTripsEveryField) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  const auto events = edge_events();
  {
    sqlite_journal j(path);
    // in batches of 1, 2, 3, ...
    std::size_t at = 0;
    for (std::size_t n = 1; at < events.size(); ++n) {
      const std::size_t end = std::min(events.size(), at + n);
      j.append(std::vector<event>(events.begin() + long(at), events.begin() + long(end)));
      EXPECT_EQ(j.last_seq(), events[end - 1].seq);
      at = end;
    }
    EXPECT_EQ(read_all(j), events);
  }
  EXPECT_FALSE(fs::exists(path + "-wal")) << "closing checkpoints the WAL into the database";
  sqlite_journal again(path);
  EXPECT_EQ(again.last_seq(), std::int64_t(events.size()));
  const auto back = read_all(again);
  ASSERT_EQ(back.size(), events.size());
  for (std::size_t i = 0; i < back.size(); ++i) EXPECT_EQ(back[i], events[i]) << "index " << i;
}

class Durability : public ::testing::TestWithParam<durability> {};

TEST_P(Durability, ReopenSeesPreviousEventsAndContinues) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  const auto first = make_journal(path, 50, GetParam());
  {
    sqlite_journal j(path, GetParam());
    EXPECT_EQ(j.last_seq(), std::int64_t(first.size()));
    EXPECT_EQ(read_all(j), first);
    auto more = make_batch(51, std::int64_t(first.size()) + 1);
    j.append(more);
    auto all = first;
    all.insert(all.end(), more.begin(), more.end());
    EXPECT_EQ(read_all(j), all);
    // While open, the file is in WAL mode: commits go to the -wal file.
    EXPECT_TRUE(fs::exists(path + "-wal"));
  }
  // the other level reads the same file
  const durability other = GetParam() == durability::full ? durability::normal : durability::full;
  sqlite_journal j(path, other);
  EXPECT_GT(j.last_seq(), std::int64_t(first.size()));
}

TEST_P(Durability, SeesAppendsOfAnotherConnection) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  sqlite_journal a(path, GetParam()), b(path, GetParam());
  a.append(make_batch(1, 1));
  const std::int64_t last = a.last_seq();
  EXPECT_EQ(b.last_seq(), last);
  // b cannot reuse a's seqs: the check runs inside the write transaction
  EXPECT_TRUE(fails_with([&] { b.append({make_event(last, 9, 0, 1)}); }, errc::invalid_argument,
                         {"duplicate"}));
  b.append({make_event(last + 1, 2, 0, 1)});
  EXPECT_EQ(a.last_seq(), last + 1);
  EXPECT_EQ(read_all(a), read_all(b));
}

INSTANTIATE_TEST_SUITE_P(Journal, Durability,
                         ::testing::Values(durability::full, durability::normal),
                         [](const auto& info) {
                           return info.param == durability::full ? "full" : "normal";
                         });

// ---- atomic batches and seq discipline -----------------------------------------------------

TEST(SqliteJournal, RejectsGapsAndDuplicatesAndStoresNothingOfTheBatch) {
  temp_dir dir;
  sqlite_journal j(dir.file("j.db"));
  auto ev = [](std::int64_t seq) { return make_event(seq, seq, 0, 1); };
  EXPECT_TRUE(fails_with(
      [&] {
        j.append({ev(2), ev(3)});
      },
      errc::invalid_argument,
      {"seq 2 would leave a gap after the journal's last seq 0 (expected 1)"}));
  j.append({ev(1), ev(2), ev(3)});
  const auto stored = read_all(j);

  // a gap inside the batch
  EXPECT_TRUE(fails_with(
      [&] {
        j.append({ev(4), ev(5), ev(7)});
      },
      errc::invalid_argument, {"seq 7 would leave a gap after the batch's seq 5 (expected 6)"}));
  // a duplicate inside the batch
  EXPECT_TRUE(fails_with(
      [&] {
        j.append({ev(4), ev(4)});
      },
      errc::invalid_argument, {"seq 4 does not follow the batch's seq 4", "duplicate"}));
  // a gap after the journal
  EXPECT_TRUE(fails_with(
      [&] {
        j.append({ev(5), ev(6)});
      },
      errc::invalid_argument,
      {"seq 5 would leave a gap after the journal's last seq 3 (expected 4)"}));
  // already journaled
  EXPECT_TRUE(fails_with(
      [&] {
        j.append({ev(3), ev(4)});
      },
      errc::invalid_argument, {"seq 3 does not follow the journal's last seq 3 (expected 4)"}));
  EXPECT_TRUE(fails_with([&] { j.append({ev(1)}); }, errc::invalid_argument, {"duplicate"}));
  // an unknown kind anywhere in the batch
  auto bad = ev(5);
  bad.kind = event_kind(99);
  EXPECT_TRUE(fails_with(
      [&] {
        j.append({ev(4), bad});
      },
      errc::invalid_argument, {"seq 5 has an unknown event kind 99"}));

  EXPECT_EQ(j.last_seq(), 3);
  EXPECT_EQ(read_all(j), stored);
  j.append({ev(4), ev(5)});  // the journal is still fine
  EXPECT_EQ(j.last_seq(), 5);
}

TEST(SqliteJournal, FailureInTheMiddleOfABatchRollsBackAllOfIt) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  const auto before = make_journal(path, 3);
  const std::int64_t last = std::int64_t(before.size());
  // A trigger makes the third insert of the next batch fail inside SQLite, after two rows of
  // the batch were written in the transaction.
  raw_exec(path,
           "CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.detail = 'boom' "
           "BEGIN SELECT RAISE(ABORT, 'the disk says no'); END");
  sqlite_journal j(path);
  auto e3 = make_event(last + 3, 99, 2, 3);
  e3.detail = "boom";
  EXPECT_TRUE(fails_with(
      [&] {
        j.append({make_event(last + 1, 99, 0, 3), make_event(last + 2, 99, 1, 3), e3});
      },
      errc::io, {"cannot append seq " + std::to_string(last + 3), "the disk says no"}));
  EXPECT_EQ(j.last_seq(), last);
  EXPECT_EQ(read_all(j), before);
  // the connection is usable again
  auto next = make_batch(4, last + 1);
  j.append(next);
  EXPECT_EQ(j.last_seq(), last + std::int64_t(next.size()));
}

TEST(SqliteJournal, ErrorsFromTheSinkPropagateAndLeaveTheJournalUsable) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  const auto events = make_journal(path, 10);
  sqlite_journal j(path);
  int seen = 0;
  EXPECT_THROW(j.replay([&](const event&) {
    if (++seen == 3) throw std::runtime_error("sink full");
  }),
               std::runtime_error);
  EXPECT_EQ(seen, 3);
  // appending from inside replay is refused clearly, not a deadlock
  EXPECT_TRUE(fails_with(
      [&] {
        j.replay([&](const event&) { j.append(make_batch(11, std::int64_t(events.size()) + 1)); });
      },
      errc::io, {"cannot start a write transaction"}));
  j.append(make_batch(11, std::int64_t(events.size()) + 1));
  EXPECT_GT(j.last_seq(), std::int64_t(events.size()));
}

// ---- files that are not a valid journal -----------------------------------------------------

void overwrite(const std::string& path, std::size_t offset, std::size_t n, std::uint64_t seed) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  ASSERT_TRUE(f) << path;
  std::mt19937_64 rng(seed);
  std::string garbage(n, '\0');
  for (auto& c : garbage) c = char(rng());
  f.seekp(std::streamoff(offset));
  f.write(garbage.data(), std::streamsize(garbage.size()));
  ASSERT_TRUE(f);
}

TEST(SqliteJournal, RefusesAFileThatIsNotSqlite) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  {
    std::ofstream f(path, std::ios::binary);
    for (int i = 0; i < 500; ++i) f << "seq,at,kind,case_id\n" << i << ",1767196800000,1,GD\n";
  }
  const auto size = fs::file_size(path);
  EXPECT_TRUE(fails_with([&] { sqlite_journal j(path); }, errc::io,
                         {"journal \"" + path + "\" is not a SQLite database"}));
  EXPECT_EQ(fs::file_size(path), size) << "the file is left untouched";
}

TEST(SqliteJournal, RefusesGarbageOverTheHeader) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  make_journal(path, 100);
  overwrite(path, 0, 100, 1);
  EXPECT_TRUE(fails_with([&] { sqlite_journal j(path); }, errc::io, {"is not a SQLite database"}));
}

TEST(SqliteJournal, RefusesGarbageOverPages) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  make_journal(path, 2000);
  const std::size_t page = 4096, pages = fs::file_size(path) / page;
  ASSERT_GT(pages, 20u);
  const std::string pristine = dir.file("pristine.db");
  fs::copy_file(path, pristine);
  // Whole pages of garbage at many places, one place per attempt: page 2 (the table's root),
  // interior and leaf pages, the last page.
  std::mt19937_64 rng(7);
  std::vector<std::size_t> targets = {1, 2, pages / 2, pages - 1};
  while (targets.size() < 24) targets.push_back(1 + rng() % (pages - 1));
  for (std::size_t p : targets) {
    fs::copy_file(pristine, path, fs::copy_options::overwrite_existing);
    overwrite(path, p * page, page, p);
    EXPECT_TRUE(fails_with([&] { sqlite_journal j(path); }, errc::io,
                           {"journal \"" + path + "\" is corrupt"}))
        << "garbage over page " << p + 1 << " of " << pages;
  }
}

TEST(SqliteJournal, RefusesATruncatedFile) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  make_journal(path, 1000);
  const auto size = fs::file_size(path);
  const std::string pristine = dir.file("pristine.db");
  fs::copy_file(path, pristine);
  for (std::uintmax_t to : {size - 4096, size - 1, size / 2, std::uintmax_t(4096),
                            std::uintmax_t(1000), std::uintmax_t(50)}) {
    fs::copy_file(pristine, path, fs::copy_options::overwrite_existing);
    fs::resize_file(path, to);
    try {
      sqlite_journal j(path);
      ADD_FAILURE() << "a journal truncated to " << to << " of " << size << " bytes was opened";
    } catch (const minhu::error& e) {
      EXPECT_EQ(e.code(), errc::io);
      const std::string m = e.message();
      EXPECT_TRUE(m.find("is corrupt") != std::string::npos ||
                  m.find("is not a SQLite database") != std::string::npos)
          << m;
      // cut inside a page: the last page would read as zero-padded and still parse
      if (to == size - 1) {
        EXPECT_NE(m.find("is corrupt: it is truncated (" + std::to_string(to) +
                         " bytes, not a whole number of 4096-byte pages)"),
                  std::string::npos)
            << m;
      }
    }
  }
}

TEST(SqliteJournal, AnEmptyFileIsANewJournal) {
  // What a crash during creation leaves behind; SQLite itself treats it as an empty database.
  temp_dir dir;
  const auto path = dir.file("j.db");
  std::ofstream(path).close();
  sqlite_journal j(path);
  EXPECT_EQ(j.last_seq(), 0);
  j.append(make_batch(1, 1));
  EXPECT_GT(j.last_seq(), 0);
}

TEST(SqliteJournal, RefusesADatabaseWithAnotherSchema) {
  temp_dir dir;
  const auto path = dir.file("other.db");
  raw_exec(path,
           "CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT);"
           "INSERT INTO people(name) VALUES('张三');");
  EXPECT_TRUE(fails_with([&] { sqlite_journal j(path); }, errc::io,
                         {"is not a minhu journal", "table people"}));
  // ... even one with a table called events
  const auto path2 = dir.file("other2.db");
  raw_exec(path2, "CREATE TABLE events(id INTEGER PRIMARY KEY, payload BLOB)");
  EXPECT_TRUE(fails_with([&] { sqlite_journal j(path2); }, errc::io,
                         {"is not a minhu journal", "table events"}));
}

TEST(SqliteJournal, RefusesANewerSchemaVersion) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  make_journal(path, 3);
  raw_exec(path, "PRAGMA user_version=2");
  EXPECT_TRUE(fails_with(
      [&] { sqlite_journal j(path); }, errc::io,
      {"journal schema version 2, written by a newer minhu", "this build reads version 1"}));
}

TEST(SqliteJournal, RefusesUnexpectedColumns) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  raw_exec(path,
           "PRAGMA application_id=1296586058; PRAGMA user_version=1;"
           "CREATE TABLE events(seq INTEGER PRIMARY KEY, at INTEGER, what TEXT)");
  EXPECT_TRUE(fails_with([&] { sqlite_journal j(path); }, errc::io,
                         {"unexpected events table (seq INTEGER, at INTEGER, what TEXT; "
                          "expected seq INTEGER, at INTEGER, kind INTEGER"}));
}

TEST(SqliteJournal, ReplayRefusesAGapBeforeDeliveringAnything) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  make_journal(path, 20);
  raw_exec(path, "DELETE FROM events WHERE seq = 7");
  sqlite_journal j(path);  // structurally fine
  int delivered = 0;
  EXPECT_TRUE(fails_with([&] { j.replay([&](const event&) { ++delivered; }); }, errc::io,
                         {"journal \"" + path + "\" is corrupt: seq 8 follows 6"}));
  EXPECT_EQ(delivered, 0);

  const auto path2 = dir.file("j2.db");
  make_journal(path2, 20);
  raw_exec(path2, "DELETE FROM events WHERE seq <= 2");
  sqlite_journal j2(path2);
  EXPECT_TRUE(fails_with([&] { j2.replay([&](const event&) { ++delivered; }); }, errc::io,
                         {"is corrupt: seq 3 follows 0 (the journal must start at seq 1)"}));
  EXPECT_EQ(delivered, 0);
}

TEST(SqliteJournal, ReplayRefusesValuesOfTheWrongType) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  make_journal(path, 20);
  const auto pristine = dir.file("pristine.db");
  fs::copy_file(path, pristine);
  const std::pair<const char*, const char*> cases[] = {
      {"UPDATE events SET kind = 'opened' WHERE seq = 5",
       "seq 5: column kind holds text, expected an integer"},
      {"UPDATE events SET case_id = NULL WHERE seq = 9",
       "seq 9: column case_id holds NULL, expected text"},
      {"UPDATE events SET at = 1.5 WHERE seq = 2", "seq 2: column at holds a real"},
      {"UPDATE events SET detail = x'00ff' WHERE seq = 3", "seq 3: column detail holds a blob"},
      {"UPDATE events SET kind = 99 WHERE seq = 4", "seq 4: unknown event kind 99"},
  };
  for (const auto& [sql, message] : cases) {
    fs::copy_file(pristine, path, fs::copy_options::overwrite_existing);
    raw_exec(path, sql);
    sqlite_journal j(path);
    int delivered = 0;
    EXPECT_TRUE(fails_with([&] { j.replay([&](const event&) { ++delivered; }); }, errc::io,
                           {"is corrupt: ", message}))
        << sql;
    EXPECT_EQ(delivered, 0) << sql;
  }
}

TEST(SqliteJournal, ReplayRefusesAnEventChangedOutsideMinhu) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  make_journal(path, 20);
  // Well-formed, well-typed, contiguous: only the checksum can tell.
  raw_exec(path, "UPDATE events SET detail = 'batch 3 1/1' WHERE seq = 5");
  sqlite_journal j(path);
  int delivered = 0;
  EXPECT_TRUE(fails_with([&] { j.replay([&](const event&) { ++delivered; }); }, errc::io,
                         {"is corrupt: the events do not match their checksum"}));
  EXPECT_EQ(delivered, 0);
}

TEST(SqliteJournal, RefusesALostTail) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  const auto events = make_journal(path, 20);
  const auto n = std::int64_t(events.size());
  raw_exec(path, "DELETE FROM events WHERE seq = " + std::to_string(n));
  sqlite_journal j(path);
  const std::string message = "is corrupt: its events end at seq " + std::to_string(n - 1) +
                              " but its checksum covers seq " + std::to_string(n);
  int delivered = 0;
  EXPECT_TRUE(
      fails_with([&] { j.replay([&](const event&) { ++delivered; }); }, errc::io, {message}));
  EXPECT_EQ(delivered, 0);
  // appending on top of a damaged journal is refused too, and changes nothing
  EXPECT_TRUE(fails_with([&] { j.append({make_event(n, 99, 0, 1)}); }, errc::io, {message}));
  EXPECT_EQ(j.last_seq(), n - 1);
}

// Random garbage of 1-512 bytes anywhere in the file: the journal is refused (on open or on
// replay) or, when the bytes fell where nothing lives, reads back exactly; never different.
TEST(SqliteJournal, GarbageAnywhereIsRefusedOrHarmless) {
  temp_dir dir;
  const auto path = dir.file("j.db");
  const auto events = make_journal(path, 600);
  const auto size = fs::file_size(path);
  const std::string pristine = dir.file("pristine.db");
  fs::copy_file(path, pristine);
  std::mt19937_64 rng(env_int("MINHU_GARBAGE_SEED", 11));
  int on_open = 0, on_replay = 0, harmless = 0;
  for (int t = 0; t < 150; ++t) {
    const std::size_t len = 1 + rng() % 512, at = rng() % (size - len);
    fs::copy_file(pristine, path, fs::copy_options::overwrite_existing);
    overwrite(path, at, len, rng());
    SCOPED_TRACE(std::to_string(len) + " bytes of garbage at offset " + std::to_string(at));
    std::unique_ptr<sqlite_journal> j;
    try {
      j = std::make_unique<sqlite_journal>(path);
    } catch (const minhu::error& e) {
      ++on_open;
      EXPECT_EQ(e.code(), errc::io);
      continue;
    }
    std::vector<event> back;
    try {
      back = read_all(*j);
    } catch (const minhu::error& e) {
      ++on_replay;
      EXPECT_NE(e.message().find("is corrupt"), std::string::npos) << e.what();
      EXPECT_TRUE(back.empty());
      continue;
    }
    ++harmless;
    ASSERT_EQ(back, events) << "damaged events were delivered";
  }
  std::cout << "[ garbage  ] 150 patches: " << on_open << " refused on open, " << on_replay
            << " on replay, " << harmless << " harmless\n";
}

TEST(SqliteJournal, CannotOpenInAMissingDirectory) {
  temp_dir dir;
  const auto path = dir.file("no/such/dir/j.db");
  EXPECT_TRUE(fails_with([&] { sqlite_journal j(path); }, errc::io,
                         {"journal \"" + path + "\"", "unable to open"}));
}

// ---- the kill -9 harness -------------------------------------------------------------------
// Reusable: the tracker's recovery test drives it the same way with a tracker in the child.
//
// `body` runs in a forked child and calls report(n) whenever n is durable (e.g. right after
// append() returned); it should loop until killed. The parent collects the reports and sends
// SIGKILL once `after_reports` reports arrived or `after` elapsed since the fork, whichever
// comes first; then it reaps the child and drains the pipe: a report written before death is
// a promise the child made, so it counts.

using report_fn = std::function<void(std::int64_t)>;

struct kill_plan {
  std::size_t after_reports = SIZE_MAX;
  std::chrono::microseconds after = std::chrono::seconds(20);
};

struct crash_result {
  std::vector<std::int64_t> reports;  ///< everything the child reported, in order
  bool killed = false;                ///< the child died of our SIGKILL (and of nothing else)
  std::string how;                    ///< how the child ended, for messages
};

crash_result fork_and_kill(const std::function<void(const report_fn&)>& body,
                           const kill_plan& plan) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe2: " + std::string(strerror(errno)));
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork: " + std::string(strerror(errno)));
  if (pid == 0) {  // the child: never returns into gtest, never runs atexit handlers
    close(fds[0]);
    const int out = fds[1];
    int code = 0;
    try {
      body([out](std::int64_t n) {
        if (write(out, &n, sizeof n) != sizeof n) _exit(4);  // atomic: 8 < PIPE_BUF
      });
    } catch (const std::exception& e) {
      const std::string m = std::string("crash child: ") + e.what() + "\n";
      (void)!write(2, m.data(), m.size());
      code = 3;
    }
    _exit(code);
  }
  close(fds[1]);
  crash_result r;
  std::string bytes;
  auto take = [&](const char* p, ssize_t n) {
    bytes.append(p, std::size_t(n));
    std::size_t i = 0;
    for (; i + sizeof(std::int64_t) <= bytes.size(); i += sizeof(std::int64_t)) {
      std::int64_t v;
      std::memcpy(&v, bytes.data() + i, sizeof v);
      r.reports.push_back(v);
    }
    bytes.erase(0, i);
  };
  const auto deadline = std::chrono::steady_clock::now() + plan.after;
  char buf[4096];
  while (r.reports.size() < plan.after_reports) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= decltype(left)::zero()) break;
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
    timespec ts{time_t(ns / 1000000000), long(ns % 1000000000)};
    pollfd p{fds[0], POLLIN, 0};
    const int ready = ppoll(&p, 1, &ts, nullptr);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n > 0)
      take(buf, n);
    else if (n == 0 || errno != EINTR)
      break;  // the child closed the pipe: it is ending by itself
  }
  kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  for (;;) {
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n > 0)
      take(buf, n);
    else if (n == 0 || errno != EINTR)
      break;
  }
  close(fds[0]);
  r.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  r.how = WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                              : "exited with status " + std::to_string(WEXITSTATUS(status));
  return r;
}

// ---- the kill -9 test ----------------------------------------------------------------------

struct crash_stats {
  int iterations = 0;
  std::int64_t reported = 0;    // batches the writers were told were committed
  std::int64_t unreported = 0;  // committed, killed before reporting (0 or 1 per run)
  int before_first_batch = 0;   // killed before the first batch was committed
};

// One run: a writer appends batches to a fresh journal until killed; then the journal must
// open, hold every reported batch exactly, whole batches only, contiguous from seq 1, and take
// the next batch.
void crash_once(const std::string& path, durability d, const kill_plan& plan, crash_stats& stats) {
  remove_journal(path);
  const crash_result r = fork_and_kill(
      [&](const report_fn& report) {
        sqlite_journal j(path, d);
        std::int64_t seq = j.last_seq();
        for (std::int64_t b = 1;; ++b) {
          const auto batch = make_batch(b, seq + 1);
          j.append(batch);
          seq = batch.back().seq;
          report(seq);
        }
      },
      plan);
  ASSERT_TRUE(r.killed) << "the writer " << r.how << " before it was killed";

  std::vector<event> events;
  std::unique_ptr<sqlite_journal> j;
  try {
    j = std::make_unique<sqlite_journal>(path, d);
    events = read_all(*j);
  } catch (const std::exception& e) {
    FAIL() << "the journal does not recover after kill -9: " << e.what();
  }
  // Walk the stored events batch by batch, recomputing what each batch held.
  std::vector<std::int64_t> ends;
  std::int64_t b = 1;
  std::size_t pos = 0;
  while (pos < events.size()) {
    const auto want = make_batch(b, std::int64_t(pos) + 1);
    ASSERT_LE(pos + want.size(), events.size())
        << "batch " << b << " is partial: " << events.size() - pos << " of its " << want.size()
        << " events are stored";
    for (std::size_t k = 0; k < want.size(); ++k)
      ASSERT_EQ(events[pos + k], want[k]) << "batch " << b << " event " << k;
    pos += want.size();
    ends.push_back(std::int64_t(pos));
    ++b;
  }
  // Every report is there, in order; at most one more batch committed but not yet reported.
  ASSERT_LE(r.reports.size(), ends.size()) << "a batch the writer was told was committed is lost";
  for (std::size_t i = 0; i < r.reports.size(); ++i)
    ASSERT_EQ(r.reports[i], ends[i]) << "report " << i;
  EXPECT_LE(ends.size() - r.reports.size(), 1u);
  EXPECT_EQ(j->last_seq(), std::int64_t(events.size()));
  // Still a working journal.
  const auto next = make_batch(b, std::int64_t(events.size()) + 1);
  j->append(next);
  EXPECT_EQ(j->last_seq(), next.back().seq);

  ++stats.iterations;
  stats.reported += std::int64_t(r.reports.size());
  stats.unreported += std::int64_t(ends.size() - r.reports.size());
  stats.before_first_batch += ends.empty();
}

// Half the runs kill after a random number of confirmed batches (up to `max_reports`; with the
// default WAL auto-checkpoint every ~1000 commits some runs die in a checkpoint), half at a
// random moment up to `max_delay` after the fork (during open, schema creation or an append).
void crash_many(durability d, int iterations, std::size_t max_reports,
                std::chrono::microseconds max_delay) {
  const auto seed = std::uint64_t(env_int("MINHU_CRASH_SEED", 20260101));
  std::mt19937_64 rng(seed ^ std::uint64_t(d));
  temp_dir dir;
  crash_stats stats;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) {
    kill_plan plan;
    if (i % 2 == 0)
      plan.after_reports = std::size_t(rng() % (max_reports + 1));
    else
      plan.after =
          std::chrono::microseconds(std::int64_t(rng() % std::uint64_t(max_delay.count() + 1)));
    SCOPED_TRACE("seed " + std::to_string(seed) + ", run " + std::to_string(i) + ": kill after " +
                 (i % 2 == 0 ? std::to_string(plan.after_reports) + " reports"
                             : std::to_string(plan.after.count()) + " us"));
    crash_once(dir.file("crash.db"), d, plan, stats);
    if (::testing::Test::HasFatalFailure()) return;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "[ crash    ] " << stats.iterations << " kill -9 runs in " << s
            << " s: " << stats.reported << " reported batches all present, " << stats.unreported
            << " committed-but-unreported, " << stats.before_first_batch
            << " runs killed before the first commit\n";
  EXPECT_EQ(stats.iterations, iterations);
}

TEST(JournalCrash, KillNineWithNormalDurability) {
  crash_many(durability::normal, env_int("MINHU_CRASH_ITERATIONS", 60), 1200,
             std::chrono::milliseconds(150));
}

TEST(JournalCrash, KillNineWithFullDurability) {
  crash_many(durability::full, env_int("MINHU_CRASH_ITERATIONS_FULL", 10), 40,
             std::chrono::milliseconds(150));
}

// The tracker over a SQLite journal, killed mid-stream: every call the writer was told had
// committed must be in the journal, and recover() must rebuild a consistent state from it (it
// replays every command and checks each consequence against what was journaled).
TEST(TrackerCrash, KillNineThenRecover) {
  const std::string fixture = std::string(MINHU_SOURCE_DIR) + "/rulesets/fixtures/sla.json";
  const int iterations = env_int("MINHU_TRACKER_CRASH_ITERATIONS", 50);
  std::mt19937_64 rng(std::uint64_t(env_int("MINHU_CRASH_SEED", 1)));
  temp_dir dir;
  std::int64_t reported_total = 0;
  for (int it = 0; it < iterations; ++it) {
    const std::string path = dir.file("tracker-" + std::to_string(it) + ".db");
    kill_plan plan;
    plan.after_reports = 1 + rng() % 400;
    plan.after = std::chrono::microseconds(1000 + rng() % 150'000);
    const crash_result r = fork_and_kill(
        [&](const report_fn& report) {
          minhu::engine engine(fixture);
          sqlite_journal j(path, durability::normal);
          minhu::tracker t(engine.snapshot(), engine.loads(), &j);
          const char* texts[] = {"噪音", "燃气", "独居老人", "咨询"};
          const char* areas[] = {"comm-a", "comm-b"};
          std::int64_t now = 1'772'413'200'000;  // 2026-03-02 09:00 +08:00
          for (int i = 0;; ++i) {
            const std::string id = "c" + std::to_string(i);
            minhu::petition p;
            p.id = id;
            p.text = texts[i % 4];
            p.area = areas[i % 2];
            auto step = [&](minhu::status s) {
              if (s) report(t.last_seq());
            };
            step(t.open(id, engine.dispatch(p), now));
            now += 600'000;
            step(t.acknowledge(id, now));
            if (i % 3 == 0) step(t.pause(id, now)), step(t.resume(id, now + 3'600'000));
            if (i % 5 == 1)
              step(t.return_case(
                  id, engine.snapshot()->organisation()[std::uint32_t(t.find(id)->lead)].id, now));
            step(t.start(id, now + 1));
            if (i % 4 != 3) step(t.reply(id, now + 7'200'000));
            if (i % 4 == 0) step(t.rate(id, 1 + i % 5, now + 7'300'000));
            if (i % 2 == 0) step(t.close(id, now + 7'400'000));
            if (i % 7 == 6) step(t.merge(id, "c" + std::to_string(i - 1), now + 7'500'000));
            if (!t.advance(now + 3'600'000).empty()) report(t.last_seq());
            now += 1'800'000;
          }
        },
        plan);
    ASSERT_TRUE(r.killed) << r.how;
    sqlite_journal j(path, durability::normal);
    const std::int64_t last = j.last_seq();
    for (std::int64_t seq : r.reports) ASSERT_LE(seq, last) << "a committed call is missing";
    reported_total += std::int64_t(r.reports.size());
    minhu::engine engine(fixture);
    minhu::tracker again(engine.snapshot(), engine.loads(), &j);
    ASSERT_NO_THROW(again.recover()) << "iteration " << it;
    EXPECT_EQ(again.last_seq(), last);
    // Consistency: loads equal the open cases per lead, colours are what the clock says.
    const auto& org = engine.snapshot()->organisation();
    std::vector<std::int64_t> open(org.size(), 0);
    for (const auto& c : again.cases())
      if (c.open() && c.lead >= 0) ++open[std::size_t(c.lead)];
    for (std::uint32_t u = 0; u < org.size(); ++u) EXPECT_EQ(engine.loads()->get(u), open[u]);
  }
  std::cout << "[ crash    ] " << iterations << " tracker kill -9 runs, " << reported_total
            << " committed calls checked and recovered\n";
}

}  // namespace
