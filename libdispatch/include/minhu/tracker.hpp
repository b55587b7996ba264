// The case tracker: lifecycle, SLA clocks (three colours), escalation, loads and the journal.
//
//   minhu::tracker t(engine.snapshot(), engine.loads(), &journal);
//   auto d = engine.dispatch(p);
//   t.open("C-2026-0001", p, d, now);                 // assigned; deadlines from the SLA policy
//   t.acknowledge("C-2026-0001", now + 10 * 60'000);   // 签收
//   for (const minhu::event& e : t.advance(now + 86'400'000))  // colour changes, breaches,
//     handle(e);                                                // escalations, in time order
//   t.reply(...); t.rate("C-2026-0001", 5, later);     // ≤ 2 stars reopens for redo (重办)
//
// Lifecycle: received → assigned → acknowledged → in_progress → replied → rated → closed, plus
// return (退回: re-routed without the unit), reassign, escalate / supervise (督办), pause /
// resume (挂起: the clock stops), reopen and merge (并单). An invalid transition returns a
// status with a clear message and changes nothing.
//
// Clocks: acknowledge is met by acknowledge(), respond by start(), resolve by reply(). Each
// runs in the policy's time basis (working time of its calendar, or calendar time), turns
// yellow at the policy's warning fraction and red at the deadline; once the resolve deadline
// is red the escalation steps supervise the case up the organisation (督办). One timer per case
// in a hierarchical timing wheel holds its next instant.
//
// Threads: a tracker is a single-writer object (one thread, or the caller's lock); loads it
// writes are atomics that dispatching threads read concurrently. Time is always passed in.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "minhu/detail/timer_wheel.hpp"
#include "minhu/engine.hpp"
#include "minhu/journal.hpp"
#include "minhu/ruleset.hpp"

namespace minhu {

enum class case_state : std::uint8_t {
  received,
  assigned,
  acknowledged,
  in_progress,
  replied,
  rated,
  closed
};
enum class colour : std::uint8_t { blue, yellow, red };

/// Result of a tracker call: ok, or why nothing changed.
inline std::string_view to_string(case_state s) noexcept {
  switch (s) {
    case case_state::received:
      return "received";
    case case_state::assigned:
      return "assigned";
    case case_state::acknowledged:
      return "acknowledged";
    case case_state::in_progress:
      return "in_progress";
    case case_state::replied:
      return "replied";
    case case_state::rated:
      return "rated";
    case case_state::closed:
      return "closed";
  }
  return "?";
}
inline std::string_view to_string(colour c) noexcept {
  switch (c) {
    case colour::blue:
      return "blue";
    case colour::yellow:
      return "yellow";
    case colour::red:
      return "red";
  }
  return "?";
}

class status {
 public:
  status() = default;
  static status fail(std::string message) {
    status s;
    s.message_ = std::move(message);
    s.ok_ = false;
    return s;
  }
  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  const std::string& message() const noexcept { return message_; }

 private:
  bool ok_ = true;
  std::string message_;
};

/// One case. Times are epoch ms, 0 = not (yet).
struct case_record {
  std::string id;
  std::int32_t category = -1;
  minhu::urgency urgency = urgency::normal;
  std::int32_t area = -1;
  std::int32_t lead = -1;
  std::vector<std::uint32_t> assisting;
  std::vector<std::string> returned_by;  ///< units that returned it (excluded from routing)
  case_state state = case_state::received;
  std::int64_t received_at = 0, assigned_at = 0, acknowledged_at = 0, started_at = 0;
  std::int64_t replied_at = 0, rated_at = 0, closed_at = 0;
  std::int32_t rating = 0;
  std::int32_t reopened = 0;
  bool supervised = false;
  std::int32_t escalation_level = 0;  ///< steps reached (auto) + manual escalations
  std::int32_t supervisor = -1;       ///< unit supervising (督办), -1 none
  bool paused = false;
  std::string merged_into;  ///< primary case id when merged (并单)
  std::vector<std::string> duplicates;
  // SLA
  const sla_clock* clock = nullptr;  ///< nullptr: no SLA for this category
  std::int64_t segment_start = 0;    ///< the clock runs from here ...
  std::int64_t consumed = 0;         ///< ... with this much of each budget already used
  sla_deadlines due;
  bool met[3] = {false, false, false};       ///< acknowledge / respond / resolve met
  bool on_time[3] = {false, false, false};   ///< met before its deadline
  bool breached[3] = {false, false, false};  ///< deadline passed while unmet
  minhu::colour colour = colour::blue;
  std::int32_t next_step = 0;  ///< next escalation step to fire
  std::uint32_t timer = detail::timer_wheel::none;
  bool open() const noexcept { return state != case_state::closed && merged_into.empty(); }
};

/// 一量三率 and friends for a set of cases. A case without an SLA clock (e.g. manual triage
/// with no category) has no deadline and therefore counts as on time.
struct metrics {
  std::int64_t volume = 0;    ///< cases received in the period
  std::int64_t resolved = 0;  ///< replied (办结), including those later rated/closed
  std::int64_t resolved_on_time = 0;
  std::int64_t rated = 0, satisfied = 0;  ///< satisfied: 3 stars or more
  std::int64_t acknowledged = 0, acknowledged_on_time = 0;
  std::int64_t closed = 0;
  std::int64_t open = 0, blue = 0, yellow = 0, red = 0;  ///< live, among open cases
  double completion_rate() const noexcept { return volume ? double(resolved) / double(volume) : 0; }
  double timeliness_rate() const noexcept {
    return resolved ? double(resolved_on_time) / double(resolved) : 0;
  }
  double satisfaction_rate() const noexcept {
    return rated ? double(satisfied) / double(rated) : 0;
  }
  double response_rate() const noexcept {
    return volume ? double(acknowledged_on_time) / double(volume) : 0;
  }
};

/// Which cases a metrics query covers. Empty fields do not filter.
struct metrics_filter {
  std::string scope_unit;  ///< only cases led by this unit or any unit below it (scoped view)
  std::string unit;        ///< only cases led by exactly this unit
  std::string street;      ///< only cases located in this street/town area (or below)
  std::string category;    ///< only this category or its descendants
  std::int64_t from = 0, to = 0;  ///< received_at in [from, to) when to > 0
};

class tracker {
 public:
  /// `loads` (optional) receives open-case counts per lead unit; `j` (optional) gets every
  /// event before the call returns.
  explicit tracker(std::shared_ptr<const ruleset> rs, std::shared_ptr<load_view> loads = nullptr,
                   journal* j = nullptr)
      : rs_(std::move(rs)), loads_(std::move(loads)), journal_(j) {}

  /// Also reports every change of a unit's open-case count by unit id — for hosts whose
  /// engine reloads (the load view above is tied to one ruleset's unit numbering, ids are not):
  ///   t.on_load_change([&](const std::string& u, std::int64_t d) { engine.add_load(u, d); });
  void on_load_change(std::function<void(const std::string& unit, std::int64_t delta)> sink) {
    load_sink_ = std::move(sink);
  }

  // ---- commands ---------------------------------------------------------------------------
  /// Opens a case for a dispatched petition: assigned to the lead, SLA clock started at `now`.
  status open(const std::string& case_id, const dispatch_result& d, std::int64_t now) {
    std::string assisting;
    const auto& org = rs_->organisation();
    for (auto u : d.assignment.assisting) assisting += (assisting.empty() ? "" : ",") + org[u].id;
    const auto cat = d.classification.category;
    return open(
        case_id, cat >= 0 ? rs_->categories()[std::size_t(cat)].id : std::string(),
        d.classification.urgency,
        d.assignment.lead >= 0 ? org[std::uint32_t(d.assignment.lead)].id : std::string(),
        assisting,
        d.location.area >= 0 ? rs_->areas()[std::size_t(d.location.area)].id : std::string(), now);
  }
  /// Opens a case from plain ids (what the journal stores). `category` may be "" (triage).
  status open(const std::string& case_id, const std::string& category, minhu::urgency u,
              const std::string& lead, const std::string& assisting_csv, const std::string& area,
              std::int64_t now) {
    if (case_id.empty()) return status::fail("a case needs an id");
    if (std::uint8_t(u) > std::uint8_t(urgency::critical))
      return status::fail("unknown urgency " + std::to_string(int(u)));
    if (index_.count(case_id)) return status::fail("case \"" + case_id + "\" is already open");
    const auto& org = rs_->organisation();
    const std::int32_t lead_ix = org.find(lead);
    if (lead_ix < 0) return status::fail("unknown lead unit \"" + lead + "\"");
    const std::int32_t cat = category.empty() ? -1 : rs_->find_category(category);
    if (!category.empty() && cat < 0) return status::fail("unknown category \"" + category + "\"");
    std::vector<std::uint32_t> assisting;
    for (std::size_t b = 0; b < assisting_csv.size();) {
      auto e = assisting_csv.find(',', b);
      if (e == std::string::npos) e = assisting_csv.size();
      const auto u = org.find(assisting_csv.substr(b, e - b));
      if (u < 0)
        return status::fail("unknown assisting unit \"" + assisting_csv.substr(b, e - b) + "\"");
      assisting.push_back(std::uint32_t(u));
      b = e + 1;
    }
    const std::int32_t area_ix = area.empty() ? -1 : rs_->find_area(area);
    if (!area.empty() && area_ix < 0) return status::fail("unknown area \"" + area + "\"");
    begin(now);
    case_record c;
    c.id = case_id;
    c.category = cat;
    c.urgency = u;
    c.area = area_ix;
    c.lead = lead_ix;
    c.assisting = std::move(assisting);
    c.state = case_state::assigned;
    c.received_at = c.assigned_at = now;
    const sla_policy* pol = cat >= 0 ? rs_->sla_for(std::uint32_t(cat)) : nullptr;
    c.clock = pol ? &pol->clock(u) : nullptr;
    c.segment_start = now;
    if (c.clock) c.due = c.clock->schedule(now, 0);
    const auto ix = std::uint32_t(cases_.size());
    index_.emplace(case_id, ix);
    cases_.push_back(std::move(c));
    add_load(lead_ix, +1);
    record(event_kind::opened, cases_[ix], lead, category, area, std::int64_t(u), assisting_csv);
    schedule(ix);
    return commit();
  }

  status acknowledge(const std::string& id, std::int64_t now) {
    return step(id, now, event_kind::acknowledged, {case_state::assigned}, case_state::acknowledged,
                [&](case_record& c) {
                  c.acknowledged_at = now;
                  meet(c, 0, now);
                });
  }
  status start(const std::string& id, std::int64_t now) {
    return step(id, now, event_kind::started, {case_state::acknowledged}, case_state::in_progress,
                [&](case_record& c) {
                  c.started_at = now;
                  meet(c, 1, now);
                });
  }
  status reply(const std::string& id, std::int64_t now) {
    return step(id, now, event_kind::replied, {case_state::in_progress}, case_state::replied,
                [&](case_record& c) {
                  c.replied_at = now;
                  meet(c, 2, now);
                });
  }
  /// 1-5 stars; 1-2 reopen the case for redo (重办) with a new resolve deadline.
  status rate(const std::string& id, int stars, std::int64_t now) {
    if (stars < 1 || stars > 5)
      return status::fail("a rating is 1 to 5 stars, not " + std::to_string(stars));
    return step(
        id, now, event_kind::rated, {case_state::replied}, case_state::rated,
        [&](case_record& c) {
          c.rating = stars;
          c.rated_at = now;
          if (stars <= 2) reopen(c, now);
        },
        stars);
  }
  status close(const std::string& id, std::int64_t now) {
    return step(id, now, event_kind::closed, {case_state::replied, case_state::rated},
                case_state::closed, [&](case_record& c) {
                  c.closed_at = now;
                  add_load(c.lead, -1);
                  cancel_timer(c);
                  for (const auto& d : c.duplicates) follow(d, now);
                });
  }
  /// 退回: `unit` (the lead) returns the case; it is re-routed without every unit that returned
  /// it, and after routing.max_returns the command centre decides.
  status return_case(const std::string& id, const std::string& unit, std::int64_t now) {
    auto* c = find_mutable(id);
    if (!c) return unknown(id);
    if (!c->open()) return status::fail("case \"" + id + "\" is not open");
    if (c->state != case_state::assigned && c->state != case_state::acknowledged)
      return status::fail("case \"" + id + "\" can only be returned before work starts (it is " +
                          std::string(to_string(c->state)) + ")");
    const auto& org = rs_->organisation();
    if (c->lead < 0 || org[std::uint32_t(c->lead)].id != unit)
      return status::fail("only the lead unit can return case \"" + id + "\"");
    begin(now);
    c->returned_by.push_back(unit);
    record(event_kind::returned, *c, unit);
    // Re-route with the stored classification and location.
    classification cl;
    cl.decided_by = c->category >= 0 ? decided_by::rule : decided_by::triage;
    cl.category = c->category;
    cl.urgency = c->urgency;
    location loc;
    loc.area = c->area;
    dispatch_options opts;
    opts.exclude = c->returned_by;
    assignment as;
    static const load_view no_loads;
    route(*rs_, cl, loc, opts, loads_ ? *loads_ : no_loads, as);
    set_lead(*c, as.lead, now);
    c->assisting = as.assisting;
    c->state = case_state::assigned;
    c->acknowledged_at = 0;
    c->met[0] = false;  // the new lead must acknowledge; the clock keeps running
    c->on_time[0] = false;
    reschedule(*c);
    return commit();
  }
  /// The command centre moves the case to `unit`.
  status reassign(const std::string& id, const std::string& unit, std::int64_t now) {
    auto* c = find_mutable(id);
    if (!c) return unknown(id);
    if (!c->open()) return status::fail("case \"" + id + "\" is not open");
    const auto u = rs_->organisation().find(unit);
    if (u < 0) return status::fail("unknown unit \"" + unit + "\"");
    if (u == c->lead) return status::fail("case \"" + id + "\" is already led by \"" + unit + "\"");
    begin(now);
    record(event_kind::reassigned, *c, unit);
    set_lead(*c, u, now);
    if (c->state == case_state::acknowledged || c->state == case_state::in_progress) {
      // Work restarts with the new unit; acknowledgement is due again.
      c->state = case_state::assigned;
      c->acknowledged_at = 0;
      c->met[0] = false;
      c->on_time[0] = false;
    }
    reschedule(*c);
    return commit();
  }
  /// 督办 by hand: supervision by the lead's parent (or `unit` when given).
  status escalate(const std::string& id, std::int64_t now, const std::string& unit = "") {
    auto* c = find_mutable(id);
    if (!c) return unknown(id);
    if (!c->open()) return status::fail("case \"" + id + "\" is not open");
    std::int32_t to = -1;
    if (!unit.empty()) {
      to = rs_->organisation().find(unit);
      if (to < 0) return status::fail("unknown unit \"" + unit + "\"");
    } else {
      to = escalation_target(*c, "parent");
    }
    begin(now);
    c->supervised = true;
    c->supervisor = to;
    ++c->escalation_level;
    record(event_kind::escalated, *c, to >= 0 ? rs_->organisation()[std::uint32_t(to)].id : "");
    return commit();
  }
  status supervise(const std::string& id, std::int64_t now) {
    auto* c = find_mutable(id);
    if (!c) return unknown(id);
    if (!c->open()) return status::fail("case \"" + id + "\" is not open");
    if (c->supervised) return status::fail("case \"" + id + "\" is already supervised");
    begin(now);
    c->supervised = true;
    record(event_kind::supervised, *c);
    return commit();
  }
  /// 挂起: waiting on the resident; the SLA clock stops until resume().
  status pause(const std::string& id, std::int64_t now) {
    auto* c = find_mutable(id);
    if (!c) return unknown(id);
    if (!c->open() || c->state == case_state::replied || c->state == case_state::rated)
      return status::fail("case \"" + id + "\" cannot be paused while " +
                          std::string(to_string(c->state)));
    if (c->paused) return status::fail("case \"" + id + "\" is already paused");
    begin(now);
    if (c->clock) {  // saturating: the caller's times may be anything
      const std::int64_t e = c->clock->elapsed(c->segment_start, now);
      if (__builtin_add_overflow(c->consumed, e, &c->consumed))
        c->consumed = e > 0 ? INT64_MAX : INT64_MIN;
    }
    c->paused = true;
    cancel_timer(*c);
    record(event_kind::paused, *c);
    return commit();
  }
  status resume(const std::string& id, std::int64_t now) {
    auto* c = find_mutable(id);
    if (!c) return unknown(id);
    if (!c->paused) return status::fail("case \"" + id + "\" is not paused");
    begin(now);
    c->paused = false;
    c->segment_start = now;
    if (c->clock) c->due = c->clock->schedule(now, c->consumed);
    record(event_kind::resumed, *c);
    reschedule(*c);
    return commit();
  }
  /// 并单: `duplicate` follows `primary` from now on (closed when the primary closes).
  status merge(const std::string& duplicate, const std::string& primary, std::int64_t now) {
    auto* d = find_mutable(duplicate);
    if (!d) return unknown(duplicate);
    auto* p = find_mutable(primary);
    if (!p) return unknown(primary);
    if (duplicate == primary) return status::fail("a case cannot be merged into itself");
    if (!d->open()) return status::fail("case \"" + duplicate + "\" is not open");
    if (!p->open()) return status::fail("primary case \"" + primary + "\" is not open");
    begin(now);
    d->merged_into = primary;
    p->duplicates.push_back(duplicate);
    cancel_timer(*d);
    add_load(d->lead, -1);
    record(event_kind::merged, *d, "", "", "", 0, primary);
    return commit();
  }

  /// Moves time to `now` and returns the consequences that fell due, in time order: colour
  /// changes, breaches, escalation steps.
  std::vector<event> advance(std::int64_t now) {
    begin(now);
    std::vector<event> out;
    record(event_kind::tick, dummy_);
    const std::size_t tick_at = pending_.size() - 1;
    wheel_.advance(now, [&](std::int64_t due, std::uint32_t ix) {
      case_record& c = cases_[ix];
      c.timer = detail::timer_wheel::none;
      on_time(c, due);
      schedule(ix);
    });
    if (pending_.size() == tick_at + 1) {  // nothing happened: no journal record
      pending_.clear();
      --seq_;
      return out;
    }
    // Time order; at one instant, cases in id order (the wheel's order among equal due times
    // depends on its history, which recovery does not reproduce), each case's own events in
    // the order they happened.
    std::stable_sort(pending_.begin() + std::ptrdiff_t(tick_at) + 1, pending_.end(),
                     [](const event& a, const event& b) {
                       return a.at != b.at ? a.at < b.at : a.case_id < b.case_id;
                     });
    // Renumber after sorting so seq order is time order.
    for (std::size_t i = tick_at + 1; i < pending_.size(); ++i)
      pending_[i].seq = pending_[tick_at].seq + std::int64_t(i - tick_at);
    out.assign(pending_.begin() + std::ptrdiff_t(tick_at) + 1, pending_.end());
    commit();
    return out;
  }

  // ---- queries -----------------------------------------------------------------------------
  const case_record* find(const std::string& id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &cases_[it->second];
  }
  const std::vector<case_record>& cases() const noexcept { return cases_; }
  std::int64_t now() const noexcept { return wheel_.now(); }
  std::size_t timers() const noexcept { return wheel_.size(); }
  std::int64_t last_seq() const noexcept { return seq_; }
  /// The events of the last successful call (command first, then its consequences).
  const std::vector<event>& last_events() const noexcept { return last_batch_; }
  const ruleset& rules() const noexcept { return *rs_; }

  /// The colour of a case at `at` (blue when it has no SLA or everything is met).
  minhu::colour colour_at(const case_record& c, std::int64_t at) const noexcept {
    if (!c.clock || !c.open() || c.paused) return c.colour;
    minhu::colour worst = colour::blue;
    const std::int64_t warn[3] = {c.due.acknowledge_warn, c.due.respond_warn, c.due.resolve_warn};
    const std::int64_t due[3] = {c.due.acknowledge_due, c.due.respond_due, c.due.resolve_due};
    for (int k = 0; k < 3; ++k) {
      if (c.met[k] || due[k] == 0) continue;
      if (at >= due[k]) return colour::red;
      if (at >= warn[k]) worst = colour::yellow;
    }
    return worst;
  }

  /// The cases a filter selects (an unknown unit, street or category selects nothing), in
  /// the order they were opened.
  std::vector<const case_record*> select(const metrics_filter& f = {}) const {
    std::vector<const case_record*> out;
    const auto& org = rs_->organisation();
    const std::int32_t scope = f.scope_unit.empty() ? -1 : org.find(f.scope_unit);
    const std::int32_t unit = f.unit.empty() ? -1 : org.find(f.unit);
    const std::int32_t street = f.street.empty() ? -1 : rs_->find_area(f.street);
    const std::int32_t cat = f.category.empty() ? -1 : rs_->find_category(f.category);
    if ((!f.scope_unit.empty() && scope < 0) || (!f.unit.empty() && unit < 0) ||
        (!f.street.empty() && street < 0) || (!f.category.empty() && cat < 0))
      return out;
    for (const auto& c : cases_) {
      if (scope >= 0 &&
          (c.lead < 0 || !org.in_subtree(std::uint32_t(c.lead), std::uint32_t(scope))))
        continue;
      if (unit >= 0 && c.lead != unit) continue;
      if (street >= 0 &&
          (c.area < 0 || !rs_->area_tree().within(std::uint32_t(c.area), std::uint32_t(street))))
        continue;
      if (cat >= 0 && !category_within(c.category, cat)) continue;
      if (f.to > 0 && (c.received_at < f.from || c.received_at >= f.to)) continue;
      out.push_back(&c);
    }
    return out;
  }

  /// 一量三率 over the cases the filter selects.
  metrics measure(const metrics_filter& f = {}) const {
    metrics m;
    for (const case_record* cp : select(f)) {
      const case_record& c = *cp;
      ++m.volume;
      // A merged duplicate (并单) is resolved when its primary is.
      const case_record* r = &c;
      if (!c.merged_into.empty())
        if (const case_record* p = find(c.merged_into)) r = p;
      if (r->replied_at) {
        ++m.resolved;
        m.resolved_on_time += r->on_time[2];
      }
      if (c.rated_at) {
        ++m.rated;
        m.satisfied += c.rating >= 3;
      }
      if (c.acknowledged_at || c.met[0]) {
        ++m.acknowledged;
        m.acknowledged_on_time += c.on_time[0];
      }
      if (c.state == case_state::closed || !c.merged_into.empty()) ++m.closed;
      if (c.open()) {
        ++m.open;
        switch (c.colour) {
          case colour::blue:
            ++m.blue;
            break;
          case colour::yellow:
            ++m.yellow;
            break;
          case colour::red:
            ++m.red;
            break;
        }
      }
    }
    return m;
  }

  /// Cases visible to `unit` (itself and every unit below it): the scoped case list.
  std::vector<const case_record*> visible_to(const std::string& unit) const {
    std::vector<const case_record*> out;
    const auto& org = rs_->organisation();
    const auto u = org.find(unit);
    if (u < 0) return out;
    for (const auto& c : cases_)
      if (c.lead >= 0 && org.in_subtree(std::uint32_t(c.lead), std::uint32_t(u))) out.push_back(&c);
    return out;
  }

  /// Rebuilds the state from the journal: replays every command (consequences are derived
  /// again and checked against what was journaled). The tracker must be empty.
  void recover() {
    if (!journal_) throw error(errc::invalid_argument, "recover() needs a journal");
    if (!cases_.empty() || seq_ != 0)
      throw error(errc::invalid_argument, "recover() needs an empty tracker");
    journal* j = journal_;
    journal_ = nullptr;  // replaying must not append
    std::vector<event> stored;
    j->replay([&](const event& e) { stored.push_back(e); });
    std::size_t i = 0;
    try {
      while (i < stored.size()) {
        const event& e = stored[i];
        if (!is_command(e.kind))
          throw error(errc::io,
                      "journal: consequence " + std::to_string(e.seq) + " without its command");
        const std::int64_t before = seq_;
        const status s = apply(e);
        if (!s)
          throw error(errc::io, "journal: event " + std::to_string(e.seq) + " (" +
                                    std::string(to_string(e.kind)) + " " + e.case_id +
                                    ") does not replay: " + s.message());
        // The command and its consequences must match what was journaled, one for one.
        const std::int64_t produced = seq_ - before;
        if (produced == 0)  // a tick whose consequences no longer fall due at its time
          throw error(errc::io, "journal: event " + std::to_string(e.seq) + " (" +
                                    std::string(to_string(e.kind)) +
                                    ") does not replay: nothing falls due at its time");
        for (std::int64_t k = 0; k < produced; ++k) {
          if (i + std::size_t(k) >= stored.size() ||
              stored[i + std::size_t(k)].seq != before + 1 + k ||
              stored[i + std::size_t(k)].kind != last_batch_[std::size_t(k)].kind)
            throw error(errc::io,
                        "journal: replay diverges at seq " + std::to_string(before + 1 + k));
        }
        i += std::size_t(produced);
      }
    } catch (...) {
      journal_ = j;
      throw;
    }
    journal_ = j;
  }

 private:
  // ---- helpers ----------------------------------------------------------------------------
  status unknown(const std::string& id) const {
    return status::fail("unknown case \"" + id + "\"");
  }
  case_record* find_mutable(const std::string& id) {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &cases_[it->second];
  }
  bool category_within(std::int32_t c, std::int32_t root) const noexcept {
    for (std::int32_t x = c; x >= 0; x = rs_->categories()[std::size_t(x)].parent)
      if (x == root) return true;
    return false;
  }

  template <class F>
  status step(const std::string& id, std::int64_t now, event_kind kind,
              std::initializer_list<case_state> from, case_state to, F&& apply_fn,
              std::int64_t value = 0) {
    auto* c = find_mutable(id);
    if (!c) return unknown(id);
    if (!c->merged_into.empty())
      return status::fail("case \"" + id + "\" was merged into \"" + c->merged_into + "\"");
    if (std::find(from.begin(), from.end(), c->state) == from.end())
      return status::fail("case \"" + id + "\" cannot be " + std::string(to_string(kind)) +
                          " while " + std::string(to_string(c->state)));
    if (c->paused && kind != event_kind::closed)
      return status::fail("case \"" + id + "\" is paused (挂起); resume it first");
    begin(now);
    record(kind, *c, "", "", "", value);
    c->state = to;
    apply_fn(*c);
    if (c->open()) reschedule(*c);
    return commit();
  }

  void meet(case_record& c, int k, std::int64_t now) {
    c.met[k] = true;
    const std::int64_t due[3] = {c.due.acknowledge_due, c.due.respond_due, c.due.resolve_due};
    c.on_time[k] = due[k] == 0 || now <= due[k];
    refresh_colour(c, now);
  }

  void reopen(case_record& c, std::int64_t now) {
    ++c.reopened;
    c.state = case_state::in_progress;
    c.replied_at = 0;
    c.met[2] = false;
    c.breached[2] = false;
    c.on_time[2] = false;
    c.next_step = 0;
    c.segment_start = now;
    c.consumed = 0;
    if (c.clock) {
      const sla_deadlines fresh = c.clock->schedule(now, 0);
      c.due.resolve_warn = fresh.resolve_warn;
      c.due.resolve_due = fresh.resolve_due;
    }
    record(event_kind::reopened, c);
    refresh_colour(c, now);
  }

  void set_lead(case_record& c, std::int32_t lead, std::int64_t now) {
    if (lead == c.lead) return;
    add_load(c.lead, -1);
    c.lead = lead;
    add_load(c.lead, +1);
    c.assigned_at = now;
    record(event_kind::assigned, c, lead >= 0 ? rs_->organisation()[std::uint32_t(lead)].id : "");
  }

  void follow(const std::string& dup, std::int64_t now) {
    auto* d = find_mutable(dup);
    if (!d || d->state == case_state::closed) return;
    d->state = case_state::closed;
    d->closed_at = now;
    record(event_kind::followed, *d, "", "", "", 0, d->merged_into);
  }

  void add_load(std::int32_t unit, std::int64_t delta) {
    if (unit < 0) return;
    if (loads_) loads_->add(std::uint32_t(unit), delta);
    if (load_sink_) load_sink_(rs_->organisation()[std::uint32_t(unit)].id, delta);
  }

  std::int32_t escalation_target(const case_record& c, const std::string& to) const {
    const auto& org = rs_->organisation();
    if (to == "command_center") return rs_->command_center();
    if (to == "parent") {
      // Each further "parent" step goes one level higher than the current supervisor.
      const std::int32_t from = c.supervisor >= 0 ? c.supervisor : c.lead;
      const std::int32_t p = from >= 0 ? org[std::uint32_t(from)].parent : -1;
      return p >= 0 ? p : rs_->command_center();
    }
    return org.find(to);
  }

  // Instants of a case, in order: warnings, deadlines, escalation steps.
  std::int64_t next_instant(const case_record& c) const noexcept {
    if (!c.clock || !c.open() || c.paused) return 0;
    std::int64_t best = 0;
    const std::int64_t warn[3] = {c.due.acknowledge_warn, c.due.respond_warn, c.due.resolve_warn};
    const std::int64_t due[3] = {c.due.acknowledge_due, c.due.respond_due, c.due.resolve_due};
    auto take = [&](std::int64_t t) {
      if (t != 0 && (best == 0 || t < best)) best = t;
    };
    for (int k = 0; k < 3; ++k) {
      if (c.met[k] || due[k] == 0) continue;
      if (c.colour == colour::blue) take(warn[k]);
      if (!c.breached[k]) take(due[k]);
    }
    if (c.breached[2] && !c.met[2] && c.clock->escalation &&
        std::size_t(c.next_step) < c.clock->escalation->size())
      take(c.clock->after(c.due.resolve_due,
                          (*c.clock->escalation)[std::size_t(c.next_step)].after));
    return best;
  }

  void schedule(std::uint32_t ix) {
    case_record& c = cases_[ix];
    if (c.timer != detail::timer_wheel::none) return;
    const std::int64_t t = next_instant(c);
    if (t > 0) c.timer = wheel_.schedule(t, ix);
  }
  void cancel_timer(case_record& c) {
    if (c.timer != detail::timer_wheel::none) wheel_.cancel(c.timer);
    c.timer = detail::timer_wheel::none;
  }
  void reschedule(case_record& c) {
    cancel_timer(c);
    schedule(std::uint32_t(&c - cases_.data()));
  }

  // The case's timer fired at `t`: emit what became true at t.
  void on_time(case_record& c, std::int64_t t) {
    const std::int64_t due[3] = {c.due.acknowledge_due, c.due.respond_due, c.due.resolve_due};
    for (int k = 0; k < 3; ++k) {
      if (!c.met[k] && due[k] != 0 && !c.breached[k] && t >= due[k]) {
        c.breached[k] = true;
        record_at(t, event_kind::breached, c, "", k);
      }
    }
    refresh_colour(c, t, true);
    while (c.breached[2] && !c.met[2] && c.clock->escalation &&
           std::size_t(c.next_step) < c.clock->escalation->size()) {
      const auto& st = (*c.clock->escalation)[std::size_t(c.next_step)];
      const std::int64_t at = c.clock->after(c.due.resolve_due, st.after);
      if (at > t) break;
      const std::int32_t to = escalation_target(c, st.to);
      c.supervised = true;
      c.supervisor = to;
      ++c.escalation_level;
      record_at(at, event_kind::auto_escalated, c,
                to >= 0 ? rs_->organisation()[std::uint32_t(to)].id : "", c.next_step);
      ++c.next_step;
    }
  }

  void refresh_colour(case_record& c, std::int64_t t, bool timed = false) {
    const minhu::colour now_colour = colour_at(c, t);
    if (now_colour == c.colour) return;
    c.colour = now_colour;
    if (timed)
      record_at(t, event_kind::colour_changed, c, "", std::int64_t(now_colour));
    else
      record(event_kind::colour_changed, c, "", "", "", std::int64_t(now_colour));
  }

  // ---- events ------------------------------------------------------------------------------
  // Starts a call's batch of events. Commands never move the wheel: consequences that fell
  // due before `now` are reported by the next advance().
  void begin(std::int64_t now) {
    pending_.clear();
    now_ = now;
  }
  void record(event_kind k, const case_record& c, const std::string& unit = "",
              const std::string& category = "", const std::string& area = "",
              std::int64_t value = 0, const std::string& detail = "") {
    event e;
    e.seq = ++seq_;
    e.at = now_;
    e.kind = k;
    e.case_id = c.id;
    e.unit = unit;
    e.category = category;
    e.area = area;
    e.value = value;
    e.detail = detail;
    pending_.push_back(std::move(e));
  }
  void record_at(std::int64_t at, event_kind k, const case_record& c, const std::string& unit,
                 std::int64_t value) {
    record(k, c, unit, "", "", value);
    pending_.back().at = at;
  }
  status commit() {
    if (journal_ && !pending_.empty()) journal_->append(pending_);
    last_batch_ = pending_;
    return {};
  }

  // Replays one journaled command.
  status apply(const event& e) {
    switch (e.kind) {
      case event_kind::opened:
        if (e.value < 0 || e.value > std::int64_t(urgency::critical))
          return status::fail("unknown urgency " + std::to_string(e.value));
        return open(e.case_id, e.category, minhu::urgency(e.value), e.unit, e.detail, e.area, e.at);
      case event_kind::acknowledged:
        return acknowledge(e.case_id, e.at);
      case event_kind::started:
        return start(e.case_id, e.at);
      case event_kind::replied:
        return reply(e.case_id, e.at);
      case event_kind::rated:
        return rate(e.case_id, int(e.value), e.at);
      case event_kind::closed:
        return close(e.case_id, e.at);
      case event_kind::returned:
        return return_case(e.case_id, e.unit, e.at);
      case event_kind::reassigned:
        return reassign(e.case_id, e.unit, e.at);
      case event_kind::escalated:
        return escalate(e.case_id, e.at, e.unit);
      case event_kind::supervised:
        return supervise(e.case_id, e.at);
      case event_kind::paused:
        return pause(e.case_id, e.at);
      case event_kind::resumed:
        return resume(e.case_id, e.at);
      case event_kind::merged:
        return merge(e.case_id, e.detail, e.at);
      case event_kind::tick:
        advance(e.at);
        return {};
      default:
        return status::fail("not a command");
    }
  }

  std::shared_ptr<const ruleset> rs_;
  std::shared_ptr<load_view> loads_;
  std::function<void(const std::string&, std::int64_t)> load_sink_;
  journal* journal_ = nullptr;
  std::vector<case_record> cases_;
  std::unordered_map<std::string, std::uint32_t> index_;
  detail::timer_wheel wheel_;
  std::vector<event> pending_, last_batch_;
  std::int64_t seq_ = 0, now_ = 0;
  case_record dummy_;  // the "case" of a tick record
};

}  // namespace minhu
