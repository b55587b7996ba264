// The embedded journal: one SQLite database in WAL mode, written through the SQLite C API.
//
// File format, schema version 1:
//   PRAGMA application_id = 0x4D48554A ("MHUJ"), PRAGMA user_version = 1
//   CREATE TABLE events(seq INTEGER PRIMARY KEY, at INTEGER, kind INTEGER, case_id TEXT,
//                       unit TEXT, category TEXT, area TEXT, value INTEGER, detail TEXT)
//   CREATE TABLE checksum(id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER, hash INTEGER)
// seq is the rowid: 1, 2, 3, ... without gaps. The one checksum row holds the last seq and a
// 64-bit FNV-1a hash of every event up to it, in order, updated in the transaction of each
// batch: SQLite checks its structures (PRAGMA quick_check) but not the bytes inside a record,
// and a few damaged bytes there would otherwise read back as a silently different event.
//
// A file is accepted only when it is a SQLite database of whole pages that passes
// PRAGMA quick_check and carries exactly this identity and these tables (or is empty: a new file,
// or one left by a crash before its schema was committed); replay() then refuses a gap, a value
// of the wrong type, an unknown kind or a checksum mismatch before delivering anything. Both
// read the whole file: opening costs about 0.4 s of CPU per million events, replay about 2.5 s
// (measured on the 2-core development VM).
//
// Durability (journal.hpp states the contract; this is how WAL mode delivers it):
//   durability::full   PRAGMA synchronous=FULL. COMMIT appends the batch's pages to the -wal
//                      file and fsync()s it before append() returns: the batch survives a crash
//                      of the process, of the OS, and a power failure (as far as the disk honours
//                      fsync).
//   durability::normal PRAGMA synchronous=NORMAL. COMMIT write()s the pages to the -wal file,
//                      i.e. into the OS page cache, and fsync()s only at checkpoints: a batch
//                      survives a crash of the process (kill -9, abort, segfault) as soon as
//                      append() returns. An OS crash or power failure may lose the most recent
//                      batches: whole batches only, never part of one, and what remains is still
//                      a prefix of what was appended (WAL frames carry a cumulative checksum; a
//                      torn tail is discarded on recovery).
// Either way a batch is one transaction: after a crash it is entirely present or entirely
// absent.
//
// Concurrency: one sqlite_journal serialises its own calls (a mutex); several connections or
// processes on the same file are serialised by SQLite's locks (BEGIN IMMEDIATE, busy timeout),
// and the seq check runs inside the write transaction, so two writers cannot interleave seqs.
// Do not carry an open journal across fork().
#include <sqlite3.h>

#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "minhu/journal.hpp"

namespace minhu {

std::string_view to_string(event_kind k) noexcept {
  switch (k) {
    case event_kind::opened:
      return "opened";
    case event_kind::acknowledged:
      return "acknowledged";
    case event_kind::started:
      return "started";
    case event_kind::replied:
      return "replied";
    case event_kind::rated:
      return "rated";
    case event_kind::closed:
      return "closed";
    case event_kind::returned:
      return "returned";
    case event_kind::reassigned:
      return "reassigned";
    case event_kind::escalated:
      return "escalated";
    case event_kind::supervised:
      return "supervised";
    case event_kind::paused:
      return "paused";
    case event_kind::resumed:
      return "resumed";
    case event_kind::merged:
      return "merged";
    case event_kind::tick:
      return "tick";
    case event_kind::assigned:
      return "assigned";
    case event_kind::reopened:
      return "reopened";
    case event_kind::colour_changed:
      return "colour_changed";
    case event_kind::breached:
      return "breached";
    case event_kind::auto_escalated:
      return "auto_escalated";
    case event_kind::followed:
      return "followed";
  }
  return "unknown";
}

namespace {

constexpr int application_id = 0x4D48554A;  // "MHUJ": minhu journal
constexpr int schema_version = 1;
constexpr int busy_timeout_ms = 10000;

struct column_spec {
  const char* name;
  const char* type;
};
constexpr column_spec columns[] = {
    {"seq", "INTEGER"},  {"at", "INTEGER"},    {"kind", "INTEGER"},
    {"case_id", "TEXT"}, {"unit", "TEXT"},     {"category", "TEXT"},
    {"area", "TEXT"},    {"value", "INTEGER"}, {"detail", "TEXT"},
};
constexpr int column_count = int(sizeof columns / sizeof columns[0]);
constexpr column_spec checksum_columns[] = {
    {"id", "INTEGER"}, {"seq", "INTEGER"}, {"hash", "INTEGER"}};

constexpr std::uint64_t fnv_basis = 0xCBF29CE484222325ull;
constexpr std::uint64_t fnv_prime = 0x100000001B3ull;

constexpr const char* create_sql =
    "CREATE TABLE IF NOT EXISTS events(seq INTEGER PRIMARY KEY, at INTEGER, kind INTEGER, "
    "case_id TEXT, unit TEXT, category TEXT, area TEXT, value INTEGER, detail TEXT);"
    "CREATE TABLE IF NOT EXISTS checksum(id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER, "
    "hash INTEGER)";
constexpr const char* select_sql =
    "SELECT seq, at, kind, case_id, unit, category, area, value, detail FROM events ORDER BY seq";

bool known(event_kind k) noexcept { return to_string(k) != "unknown"; }

// FNV-1a over a canonical encoding of the events, in seq order: integers as 8 little-endian
// bytes, strings length-prefixed. Not cryptographic: it detects damage, not forgery.
class hasher {
 public:
  explicit hasher(std::uint64_t state) : h_(state) {}
  std::uint64_t value() const noexcept { return h_; }
  void bytes(const void* p, std::size_t n) noexcept {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ b[i]) * fnv_prime;
  }
  void integer(std::int64_t v) noexcept {
    unsigned char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(std::uint64_t(v) >> (8 * i));
    bytes(b, sizeof b);
  }
  void text(const char* p, std::size_t n) noexcept {
    integer(std::int64_t(n));
    bytes(p, n);
  }
  void add(const event& e) noexcept {
    integer(e.seq);
    integer(e.at);
    integer(std::int64_t(e.kind));
    text(e.case_id.data(), e.case_id.size());
    text(e.unit.data(), e.unit.size());
    text(e.category.data(), e.category.size());
    text(e.area.data(), e.area.size());
    integer(e.value);
    text(e.detail.data(), e.detail.size());
  }

 private:
  std::uint64_t h_;
};

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string hex(std::int64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%08" PRIX64, std::uint64_t(v) & 0xFFFFFFFFu);
  return buf;
}

// Why batch seq `seq` cannot follow `prev` (where `expected` = prev + 1).
std::string seq_problem(std::int64_t seq, std::int64_t prev, const char* what) {
  const std::string s = std::to_string(seq), p = std::to_string(prev), x = std::to_string(prev + 1);
  if (seq <= prev)
    return "journal append: seq " + s + " does not follow " + what + " " + p + " (expected " + x +
           "): seq " + s + " is a duplicate or goes backwards";
  return "journal append: seq " + s + " would leave a gap after " + what + " " + p + " (expected " +
         x + ")";
}

const char* type_name(int t) {
  switch (t) {
    case SQLITE_INTEGER:
      return "an integer";
    case SQLITE_FLOAT:
      return "a real";
    case SQLITE_TEXT:
      return "text";
    case SQLITE_BLOB:
      return "a blob";
    default:
      return "NULL";
  }
}

}  // namespace

struct sqlite_journal::impl {
  std::string path;
  sqlite3* db = nullptr;
  sqlite3_stmt* begin_write = nullptr;  // BEGIN IMMEDIATE
  sqlite3_stmt* begin_read = nullptr;   // BEGIN (deferred)
  sqlite3_stmt* commit = nullptr;
  sqlite3_stmt* rollback = nullptr;
  sqlite3_stmt* insert = nullptr;
  sqlite3_stmt* max_seq = nullptr;
  sqlite3_stmt* read_checksum = nullptr;
  sqlite3_stmt* write_checksum = nullptr;
  sqlite3_stmt* select_all = nullptr;
  // Recursive so that a replay() sink calling back into the journal gets SQLite's clear error
  // (a transaction within a transaction) instead of a deadlock.
  mutable std::recursive_mutex mu;

  explicit impl(std::string p) : path(std::move(p)) {}
  ~impl() {
    for (sqlite3_stmt* s : {begin_write, begin_read, commit, rollback, insert, max_seq,
                            read_checksum, write_checksum, select_all})
      sqlite3_finalize(s);
    // The last connection to close checkpoints the WAL into the database and removes it.
    sqlite3_close_v2(db);
  }

  std::string name() const { return "journal " + quoted(path); }

  std::string sqlite_message(int rc) const {
    std::string m = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return m + " (SQLite error " + std::to_string(rc) + ")";
  }

  // Throws the error for a failed SQLite call, naming corruption and foreign files as such.
  // `message` defaults to SQLite's current one (read it before a reset when that matters).
  [[noreturn]] void fail(const std::string& doing, int rc, std::string message = {}) const {
    if (message.empty()) message = sqlite_message(rc);
    const int primary = rc & 0xFF;
    if (primary == SQLITE_NOTADB)
      throw error(errc::io, name() + " is not a SQLite database (" + message + ")");
    if (primary == SQLITE_CORRUPT)
      throw error(errc::io, name() + " is corrupt: " + doing + ": " + message);
    throw error(errc::io, name() + ": " + doing + ": " + message);
  }

  [[noreturn]] void corrupt(const std::string& what) const {
    throw error(errc::io, name() + " is corrupt: " + what);
  }

  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    if (rc != SQLITE_OK) fail(std::string("cannot prepare ") + sql, rc);
    return s;
  }

  // Steps a statement that returns no rows, then resets it.
  void run(sqlite3_stmt* s, const char* doing) {
    const int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) {
      std::string message = sqlite_message(rc);
      sqlite3_reset(s);
      fail(doing, rc, std::move(message));
    }
    sqlite3_reset(s);
  }

  void exec(const char* sql) {
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) fail(sql, rc);
  }

  // Runs a one-off query and returns the first column of every row as text.
  std::vector<std::string> query(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
    if (rc != SQLITE_OK) fail(sql, rc);
    std::vector<std::string> rows;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      rows.emplace_back(t ? std::string(t, std::size_t(sqlite3_column_bytes(s, 0))) : "");
    }
    std::string message = rc == SQLITE_DONE ? "" : sqlite_message(rc);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) fail(sql, rc, std::move(message));
    return rows;
  }

  std::int64_t query_int(const char* sql) {
    const auto rows = query(sql);
    return rows.empty() ? 0 : std::stoll(rows.front());
  }

  void open(durability d) {
    // NOMUTEX: `mu` already serialises every use of the connection; SQLite's own per-call
    // mutex would only cost time (a sixth of a replay).
    int rc =
        sqlite3_open_v2(path.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) fail("cannot open", rc);
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, busy_timeout_ms);
    if (sqlite3_db_readonly(db, "main") == 1)
      throw error(errc::io, name() + " is read-only: a journal must be writable");

    // The first read parses the header: a file that is not SQLite fails here with NOTADB, a
    // truncated one with CORRUPT (its header counts more pages than the file holds).
    const std::int64_t app = query_int("PRAGMA application_id");
    const std::int64_t version = query_int("PRAGMA user_version");
    const auto objects = query("SELECT type || ' ' || name FROM sqlite_master ORDER BY name");
    const bool fresh = app == 0 && version == 0 && objects.empty();

    if (fresh) {
      // SQLite reads a file shorter than a page as an empty database (and ignores the bytes past
      // its last whole page): a file that has bytes but no pages of them is a journal cut inside
      // its first page, or no journal at all — not a new one.
      std::error_code ec;
      const auto size = std::filesystem::file_size(path, ec);
      const auto pages = std::uintmax_t(query_int("PRAGMA page_count"));
      const auto page = std::uintmax_t(query_int("PRAGMA page_size"));
      if (!ec && size != 0 && size != pages * page)
        corrupt("it holds " + std::to_string(size) + " bytes but no database (" +
                std::to_string(pages) + " whole " + std::to_string(page) +
                "-byte pages): truncated, or not a journal");
    }
    if (!fresh) {
      if (app != application_id) {
        std::string has;
        for (const auto& o : objects) has += (has.empty() ? "" : ", ") + o;
        throw error(errc::io, name() + " is not a minhu journal (SQLite application_id " +
                                  hex(app) + ", expected " + hex(application_id) + "; it holds " +
                                  (has.empty() ? "nothing" : has) + ")");
      }
      if (version != schema_version)
        throw error(errc::io, name() + " has journal schema version " + std::to_string(version) +
                                  (version > schema_version ? ", written by a newer minhu" : "") +
                                  "; this build reads version " + std::to_string(schema_version));
      // SQLite only ever writes whole pages to the database file, and reads a short last page
      // as if padded with zeros: a file cut off inside a page is damaged even when every
      // structure still parses, and would silently lose the tail of a record. (Skipped while a
      // -wal file has content: after a power failure during a checkpoint the WAL still holds
      // the pages the database file may have lost.)
      std::error_code ec, wal_ec;
      const auto size = std::filesystem::file_size(path, ec);
      const auto wal = std::filesystem::file_size(path + "-wal", wal_ec);
      const auto page = std::uintmax_t(query_int("PRAGMA page_size"));
      if (!ec && (wal_ec || wal == 0) && page > 0 && size % page != 0)
        corrupt("it is truncated (" + std::to_string(size) + " bytes, not a whole number of " +
                std::to_string(page) + "-byte pages)");
      // Structure and every page of the file, before anything is read from it: a damaged
      // journal is refused as a whole instead of being half-loaded. O(size of the file).
      const auto problems = query("PRAGMA quick_check(10)");
      if (problems.size() != 1 || problems.front() != "ok") {
        std::string what;
        for (const auto& p : problems) what += (what.empty() ? "" : "; ") + p;
        corrupt("PRAGMA quick_check reports: " + what);
      }
    }

    const auto mode = query("PRAGMA journal_mode=WAL");
    if (mode.empty() || mode.front() != "wal")
      throw error(errc::io, name() + ": cannot switch to WAL mode (journal_mode is " +
                                (mode.empty() ? std::string("unknown") : mode.front()) + ")");
    exec(d == durability::full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");

    if (fresh) {
      // One transaction: a crash leaves either an empty file (treated as new again) or the
      // complete schema. IF NOT EXISTS: another process may have won the race.
      exec("BEGIN IMMEDIATE");
      try {
        exec(create_sql);
        exec(("INSERT OR IGNORE INTO checksum(id, seq, hash) VALUES(1, 0, " +
              std::to_string(std::int64_t(fnv_basis)) + ")")
                 .c_str());
        if (query_int("PRAGMA application_id") == 0) {
          exec(("PRAGMA application_id=" + std::to_string(application_id)).c_str());
          exec(("PRAGMA user_version=" + std::to_string(schema_version)).c_str());
        }
        exec("COMMIT");
      } catch (...) {
        if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    }
    check_columns("events", columns, column_count);
    check_columns("checksum", checksum_columns, 3);

    begin_write = prepare("BEGIN IMMEDIATE");
    begin_read = prepare("BEGIN");
    commit = prepare("COMMIT");
    rollback = prepare("ROLLBACK");
    insert = prepare(
        "INSERT INTO events(seq, at, kind, case_id, unit, category, area, value, detail) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    max_seq = prepare("SELECT max(seq) FROM events");
    read_checksum = prepare("SELECT (SELECT max(seq) FROM events), seq, hash FROM checksum");
    write_checksum = prepare("UPDATE checksum SET seq = ?1, hash = ?2 WHERE id = 1");
    select_all = prepare(select_sql);
  }

  // The table has exactly these columns, in this order, the first one its primary key.
  void check_columns(const char* table, const column_spec* want, int count) {
    const std::string sql = std::string("PRAGMA table_info(") + table + ")";
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
    if (rc != SQLITE_OK) fail(sql, rc);
    std::string found;
    bool ok = true;
    int i = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      const auto* n = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, 2));
      const std::string col = n ? n : "", type = t ? t : "";
      const bool pk = sqlite3_column_int(s, 5) != 0;
      found += (found.empty() ? "" : ", ") + col + " " + type;
      ok = ok && i < count && col == want[i].name &&
           sqlite3_stricmp(type.c_str(), want[i].type) == 0 && pk == (i == 0);
      ++i;
    }
    std::string message = rc == SQLITE_DONE ? "" : sqlite_message(rc);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) fail(sql, rc, std::move(message));
    if (!ok || i != count) {
      std::string expected;
      for (int k = 0; k < count; ++k)
        expected += (expected.empty() ? "" : ", ") + std::string(want[k].name) + " " + want[k].type;
      throw error(errc::io, name() + " has an unexpected " + table + " table (" +
                                (found.empty() ? std::string("none") : found) + "; expected " +
                                expected + ", " + want[0].name + " the primary key)");
    }
  }

  std::int64_t last_seq() {
    const int rc = sqlite3_step(max_seq);
    if (rc != SQLITE_ROW) {
      std::string message = sqlite_message(rc);
      sqlite3_reset(max_seq);
      fail("cannot read the last seq", rc, std::move(message));
    }
    const std::int64_t v = sqlite3_column_int64(max_seq, 0);
    sqlite3_reset(max_seq);
    return v;
  }

  // The checksum row: {last seq it covers, hash}; checks it agrees with the events table.
  std::pair<std::int64_t, std::uint64_t> checksum() {
    const int rc = sqlite3_step(read_checksum);
    if (rc != SQLITE_ROW) {
      std::string message = sqlite_message(rc);
      sqlite3_reset(read_checksum);
      if (rc == SQLITE_DONE) corrupt("its checksum row is missing");
      fail("cannot read the checksum", rc, std::move(message));
    }
    const std::int64_t last = sqlite3_column_int64(read_checksum, 0);
    const std::int64_t covered = sqlite3_column_int64(read_checksum, 1);
    const bool typed = sqlite3_column_type(read_checksum, 1) == SQLITE_INTEGER &&
                       sqlite3_column_type(read_checksum, 2) == SQLITE_INTEGER;
    const auto hash = std::uint64_t(sqlite3_column_int64(read_checksum, 2));
    sqlite3_reset(read_checksum);
    if (!typed) corrupt("its checksum row holds values of the wrong type");
    if (last != covered)
      corrupt("its events end at seq " + std::to_string(last) + " but its checksum covers seq " +
              std::to_string(covered));
    return {covered, hash};
  }

  void bind_text(int i, const std::string& s) {
    const int rc = sqlite3_bind_text64(insert, i, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
    if (rc != SQLITE_OK) fail("cannot bind column " + std::string(columns[i - 1].name), rc);
  }
  void bind_int(sqlite3_stmt* s, int i, std::int64_t v) {
    const int rc = sqlite3_bind_int64(s, i, v);
    if (rc != SQLITE_OK) fail("cannot bind parameter " + std::to_string(i), rc);
  }

  void append(const std::vector<event>& batch) {
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (!known(batch[i].kind))
        throw error(errc::invalid_argument, "journal append: seq " + std::to_string(batch[i].seq) +
                                                " has an unknown event kind " +
                                                std::to_string(int(batch[i].kind)));
      if (i > 0 && batch[i].seq != batch[i - 1].seq + 1)
        throw error(errc::invalid_argument,
                    seq_problem(batch[i].seq, batch[i - 1].seq, "the batch's seq"));
    }
    std::lock_guard<std::recursive_mutex> lock(mu);
    run(begin_write, "cannot start a write transaction");
    try {
      // Inside the write transaction: authoritative even when another connection appends.
      const auto [last, hash] = checksum();
      if (batch.front().seq != last + 1)
        throw error(errc::invalid_argument,
                    seq_problem(batch.front().seq, last, "the journal's last seq"));
      hasher h(hash);
      for (const event& e : batch) {
        bind_int(insert, 1, e.seq);
        bind_int(insert, 2, e.at);
        bind_int(insert, 3, std::int64_t(e.kind));
        bind_text(4, e.case_id);
        bind_text(5, e.unit);
        bind_text(6, e.category);
        bind_text(7, e.area);
        bind_int(insert, 8, e.value);
        bind_text(9, e.detail);
        const int rc = sqlite3_step(insert);
        if (rc != SQLITE_DONE) fail("cannot append seq " + std::to_string(e.seq), rc);
        sqlite3_reset(insert);
        h.add(e);
      }
      bind_int(write_checksum, 1, batch.back().seq);
      bind_int(write_checksum, 2, std::int64_t(h.value()));
      run(write_checksum, "cannot update the checksum");
      run(commit, "cannot commit");
      sqlite3_clear_bindings(insert);  // drop the pointers into the caller's strings
    } catch (...) {
      sqlite3_reset(insert);
      sqlite3_clear_bindings(insert);
      // Some errors (e.g. SQLITE_FULL, SQLITE_IOERR) already rolled back; otherwise we do.
      if (!sqlite3_get_autocommit(db)) {
        sqlite3_step(rollback);
        sqlite3_reset(rollback);
      }
      throw;
    }
  }

  // Checks the current row of select_all, adds it to `h`, and fills `out` when given.
  std::int64_t read_row(std::int64_t prev, hasher& h, event* out) const {
    sqlite3_stmt* s = select_all;
    const std::int64_t seq = sqlite3_column_int64(s, 0);
    if (seq != prev + 1)
      corrupt("seq " + std::to_string(seq) + " follows " + std::to_string(prev) +
              (prev == 0 ? " (the journal must start at seq 1)" : ""));
    for (int i = 1; i < column_count; ++i) {
      const int want = columns[i].type[0] == 'I' ? SQLITE_INTEGER : SQLITE_TEXT;
      const int got = sqlite3_column_type(s, i);
      if (got != want)
        corrupt("seq " + std::to_string(seq) + ": column " + columns[i].name + " holds " +
                type_name(got) + ", expected " + type_name(want));
    }
    const std::int64_t kind = sqlite3_column_int64(s, 2);
    if (kind < 0 || kind > 255 || !known(event_kind(kind)))
      corrupt("seq " + std::to_string(seq) + ": unknown event kind " + std::to_string(kind));
    auto text = [&](int i, std::string* to) {
      const auto n = std::size_t(sqlite3_column_bytes(s, i));
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
      if (!p && n > 0) fail("cannot read seq " + std::to_string(seq), SQLITE_NOMEM);
      if (!p) p = "";
      h.text(p, n);
      if (to) to->assign(p, n);
    };
    const std::int64_t at = sqlite3_column_int64(s, 1), value = sqlite3_column_int64(s, 7);
    h.integer(seq);
    h.integer(at);
    h.integer(kind);
    text(3, out ? &out->case_id : nullptr);
    text(4, out ? &out->unit : nullptr);
    text(5, out ? &out->category : nullptr);
    text(6, out ? &out->area : nullptr);
    h.integer(value);
    text(8, out ? &out->detail : nullptr);
    if (out) {
      out->seq = seq;
      out->at = at;
      out->kind = event_kind(kind);
      out->value = value;
    }
    return seq;
  }

  void replay(const std::function<void(const event&)>& sink) {
    std::lock_guard<std::recursive_mutex> lock(mu);
    // One read transaction, one snapshot: first check every row and the checksum, then deliver
    // them. A damaged journal is refused before the sink has seen anything, so recovery never
    // half-loads.
    run(begin_read, "cannot start a read transaction");
    struct end_read {
      impl& self;
      ~end_read() {
        sqlite3_reset(self.select_all);
        if (!sqlite3_get_autocommit(self.db)) {
          sqlite3_step(self.rollback);  // a read transaction: nothing to undo
          sqlite3_reset(self.rollback);
        }
      }
    } guard{*this};
    const auto [covered, hash] = checksum();
    event e;
    for (int pass = 0; pass < 2; ++pass) {
      hasher h(fnv_basis);
      std::int64_t prev = 0;
      int rc;
      while ((rc = sqlite3_step(select_all)) == SQLITE_ROW) {
        prev = read_row(prev, h, pass == 0 ? nullptr : &e);
        if (pass == 1) sink(e);
      }
      if (rc != SQLITE_DONE) fail("cannot read events", rc);  // the guard resets
      sqlite3_reset(select_all);
      if (pass == 0 && (prev != covered || h.value() != hash))
        corrupt("the events do not match their checksum (" + std::to_string(prev) +
                " events; an event was damaged or changed outside minhu)");
    }
  }
};

sqlite_journal::sqlite_journal(const std::string& path, durability d)
    : impl_(std::make_unique<impl>(path)) {
  impl_->open(d);
}

sqlite_journal::~sqlite_journal() = default;

void sqlite_journal::append(const std::vector<event>& batch) {
  if (!batch.empty()) impl_->append(batch);
}

void sqlite_journal::replay(const std::function<void(const event&)>& sink) const {
  impl_->replay(sink);
}

std::int64_t sqlite_journal::last_seq() const {
  std::lock_guard<std::recursive_mutex> lock(impl_->mu);
  return impl_->last_seq();
}

}  // namespace minhu
