// The journal: every lifecycle event of the tracker, appended durably before the call that
// caused it returns, and replayed by tracker::recover to rebuild exactly the same state.
//
// The interface is narrow so a host can plug its own store (e.g. a 12345 platform's database):
// append a batch atomically, read everything back in order.
//
//   minhu::sqlite_journal j("cases.db", minhu::durability::full);   // WAL, synchronous=FULL
//   minhu::tracker t(ruleset, loads, &j);                              // appends as it goes
//   ...
//   minhu::tracker again(ruleset, loads, &j);
//   again.recover();                                                   // same cases, timers,
//   colours
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "minhu/error.hpp"

namespace minhu {

/// What happened. Commands are what callers asked for (replayed on recovery); consequences are
/// derived by the tracker (journaled for audit and checked, not replayed).
enum class event_kind : std::uint8_t {
  // commands
  opened = 1,    ///< a case was opened (assigned to its first lead)
  acknowledged,  ///< 签收
  started,       ///< first response: work in progress
  replied,       ///< 办结: the unit replied with a result
  rated,         ///< the resident rated 1-5 stars (value)
  closed,        ///< closed
  returned,      ///< 退回 by `unit`; re-routed without it
  reassigned,    ///< moved to `unit` by the command centre
  escalated,     ///< 督办 by hand to the lead's parent (or `unit`)
  supervised,    ///< supervision flag set (督办 flag)
  paused,        ///< 挂起: waiting on the resident; the clock stops
  resumed,       ///< the clock runs again
  merged,        ///< 并单: this case follows `detail` (the primary)
  tick,          ///< advance(now) produced consequences
  // consequences
  assigned = 32,   ///< the lead changed (`unit`), e.g. after a return
  reopened,        ///< rating <= 2: redo (重办) with a new deadline
  colour_changed,  ///< value: 0 blue, 1 yellow, 2 red
  breached,        ///< value: 0 acknowledge, 1 respond, 2 resolve deadline passed
  auto_escalated,  ///< escalation step `value` reached: supervised by `unit`
  followed,        ///< a merged duplicate followed its primary (closed)
};
std::string_view to_string(event_kind k) noexcept;
inline bool is_command(event_kind k) noexcept { return std::uint8_t(k) < 32; }

/// One journal record. `seq` is assigned by the tracker: 1, 2, 3, ... without gaps.
struct event {
  std::int64_t seq = 0;
  std::int64_t at = 0;  ///< epoch ms, the caller's clock
  event_kind kind = event_kind::opened;
  std::string case_id;
  std::string unit;        ///< acting / new lead / escalation target unit id
  std::string category;    ///< opened: category id
  std::string area;        ///< opened: area id
  std::int64_t value = 0;  ///< opened: urgency; rated: stars; colour; breach kind; step
  std::string detail;      ///< opened: assisting unit ids, comma-separated; merged: primary id
  friend bool operator==(const event& a, const event& b) {
    return a.seq == b.seq && a.at == b.at && a.kind == b.kind && a.case_id == b.case_id &&
           a.unit == b.unit && a.category == b.category && a.area == b.area && a.value == b.value &&
           a.detail == b.detail;
  }
};

/// Where events go. append() must be atomic and durable (per the implementation's guarantee)
/// when it returns; replay() delivers every appended event in seq order.
class journal {
 public:
  virtual ~journal() = default;
  virtual void append(const std::vector<event>& batch) = 0;
  virtual void replay(const std::function<void(const event&)>& sink) const = 0;
  /// Highest seq stored (0 when empty).
  virtual std::int64_t last_seq() const = 0;
};

/// SQLite's durability levels in WAL mode.
enum class durability : std::uint8_t {
  /// synchronous=FULL: a batch is on stable storage when append() returns; survives power loss.
  full,
  /// synchronous=NORMAL: survives a crash of the process (kill -9); the last batches may be lost
  /// on power failure or an OS crash. Faster.
  normal,
};

/// The embedded default journal: one SQLite database in WAL mode.
class sqlite_journal final : public journal {
 public:
  /// Opens (creating if needed) the database. Throws error(errc::io) when it cannot, and
  /// error(errc::io) naming the problem when an existing file is not a valid journal
  /// (corrupt, truncated, another schema): a journal is never half-loaded silently.
  explicit sqlite_journal(const std::string& path, durability d = durability::full);
  ~sqlite_journal() override;
  sqlite_journal(const sqlite_journal&) = delete;
  sqlite_journal& operator=(const sqlite_journal&) = delete;

  void append(const std::vector<event>& batch) override;
  void replay(const std::function<void(const event&)>& sink) const override;
  std::int64_t last_seq() const override;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// An in-memory journal (tests, hosts that persist elsewhere).
class memory_journal final : public journal {
 public:
  void append(const std::vector<event>& batch) override {
    events_.insert(events_.end(), batch.begin(), batch.end());
  }
  void replay(const std::function<void(const event&)>& sink) const override {
    for (const auto& e : events_) sink(e);
  }
  std::int64_t last_seq() const override { return events_.empty() ? 0 : events_.back().seq; }
  const std::vector<event>& events() const noexcept { return events_; }

 private:
  std::vector<event> events_;
};

}  // namespace minhu
