// SLA policies: for a category and an urgency, how long acknowledging (签收), first responding
// and resolving (办结) may take, in working time of a business calendar or in calendar time;
// when the clock turns yellow; and whom to escalate to (督办) once it is red.
//
//   const minhu::sla_policy* pol = ruleset->sla_for(category);           // inherited via taxonomy
//   minhu::sla_clock clock = pol->clock(minhu::urgency::urgent);
//   minhu::sla_deadlines d = clock.schedule(received_at);                 // absolute instants
//   d.resolve_due; d.resolve_warn;                                        // red / yellow from here
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "minhu/calendar.hpp"
#include "minhu/fwd.hpp"

namespace minhu {

/// Absolute deadlines of one case (epoch ms); 0 = no such target.
struct sla_deadlines {
  std::int64_t acknowledge_warn = 0, acknowledge_due = 0;
  std::int64_t respond_warn = 0, respond_due = 0;
  std::int64_t resolve_warn = 0, resolve_due = 0;
};

/// One escalation step: `after` ms past the resolve deadline (in the policy's time basis).
struct escalation_step {
  std::int64_t after = 0;
  std::string to;  ///< "parent", "command_center" or a unit id
};

/// The resolved targets of a policy for one urgency: budgets in ms of its time basis.
struct sla_clock {
  const business_calendar* calendar = nullptr;             ///< nullptr = calendar time
  std::int64_t acknowledge = 0, respond = 0, resolve = 0;  ///< budgets (0 = none)
  double warning = 0.8;
  const std::vector<escalation_step>* escalation = nullptr;

  /// Instant when `budget` of this clock's time has elapsed after `start` (saturating: never
  /// past the largest int64, see business_calendar::add_working for working time).
  std::int64_t after(std::int64_t start, std::int64_t budget) const noexcept {
    if (budget <= 0) return start;
    if (calendar) return calendar->add_working(start, budget);
    std::int64_t t;
    return __builtin_add_overflow(start, budget, &t) ? INT64_MAX : t;
  }
  /// Time of this clock's basis elapsed in [t1, t2) (saturating).
  std::int64_t elapsed(std::int64_t t1, std::int64_t t2) const noexcept {
    if (calendar) return calendar->working_between(t1, t2);
    std::int64_t d;
    return __builtin_sub_overflow(t2, t1, &d) ? (t2 > t1 ? INT64_MAX : INT64_MIN) : d;
  }
  /// Deadlines for a clock started at `start`, with `used` of each budget already consumed
  /// (after a pause or a redo the remaining budget continues from `start`; a negative `used`
  /// counts as none).
  sla_deadlines schedule(std::int64_t start, std::int64_t used = 0) const noexcept {
    sla_deadlines d;
    const std::int64_t u = std::max<std::int64_t>(0, used);
    auto set = [&](std::int64_t budget, std::int64_t& warn, std::int64_t& due) {
      if (budget <= 0) return;
      // Never past the budget (rounding to double can overshoot a large budget), and no
      // out-of-range conversion (a NaN warning counts as 1).
      const double w = double(budget) * warning;
      const std::int64_t warn_budget = w < double(budget) ? static_cast<std::int64_t>(w) : budget;
      warn = after(start, std::max<std::int64_t>(0, warn_budget - u));
      due = after(start, std::max<std::int64_t>(0, budget - u));
    };
    set(acknowledge, d.acknowledge_warn, d.acknowledge_due);
    set(respond, d.respond_warn, d.respond_due);
    set(resolve, d.resolve_warn, d.resolve_due);
    return d;
  }
};

/// A compiled SLA policy.
class sla_policy {
 public:
  std::string id;
  /// Clock for an urgency (falls back to the policy's base targets for unset ones).
  const sla_clock& clock(urgency u) const noexcept { return clocks_[std::size_t(u)]; }

 private:
  friend class ruleset_compiler;
  std::array<sla_clock, 3> clocks_;
  std::array<std::vector<escalation_step>, 3> escalation_;  // per urgency
};

}  // namespace minhu
