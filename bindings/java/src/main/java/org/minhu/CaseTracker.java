package org.minhu;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.StampedLock;
import org.minhu.internal.ApiCaseTracker;
import org.minhu.internal.ApiDecision;
import org.minhu.internal.ApiMetricsFilter;
import org.minhu.internal.ApiPetition;

/**
 * Case lifecycle and SLA clocks over an {@link Engine}'s ruleset: every case from dispatch to
 * closing, its deadlines (签收, first response, 办结) in working or calendar time, the three
 * colours, breaches and escalation (督办), and 一量三率 over any scoped view. Optionally
 * journaled to SQLite, so that a restarted host recovers every case, timer and colour.
 *
 * <pre>{@code
 * try (Engine engine = Engine.load("rulesets/demo-city.json");
 *      CaseTracker cases = CaseTracker.withJournal(engine, "/var/lib/hotline/cases.db")) {
 *   Decision d = cases.submit(new Petition("GD001").text("楼下饭店油烟直排").area("grid-a-01-1"), now);
 *   cases.get("GD001").getAcknowledgeDue();           // deadlines, epoch ms
 *   cases.acknowledge("GD001", now + 600_000);         // 签收; start, reply, rate, closeCase ...
 *   for (CaseEvent e : cases.advance(later)) { ... }  // colour changes, breaches, 督办
 *   Metrics m = cases.measure(MetricsFilter.ALL.scopeUnit("street-a"));  // a street's 一量三率
 * }
 * }</pre>
 *
 * <p><b>Time</b> is always passed in, as epoch milliseconds (the core never reads the clock):
 * replays and tests are deterministic, and the host decides what "now" is.
 *
 * <p><b>Commands</b> return the events they caused, the command's own event first (e.g. {@code
 * [acknowledged, colour_changed]}). An invalid transition throws {@link MinhuException} {@code
 * invalid_state} and changes nothing; an unknown case id throws {@code unknown_case}; an unknown
 * unit, a rating outside 1-5 or a decision without a lead throws {@code invalid_argument}; a
 * journal that cannot be written or read throws {@code io}.
 *
 * <p><b>Names.</b> {@link #close()} is {@link AutoCloseable}'s: it releases the tracker (and
 * closes the journal). Closing a <em>case</em> is {@link #closeCase}.
 *
 * <p><b>Loads.</b> Open cases count as load of their lead in the engine's least-loaded routing
 * (by unit id, across reloads). The tracker keeps the ruleset it was created with (categories,
 * SLA policies, organisation) and shares the engine's core: it keeps working when the Engine is
 * closed first.
 *
 * <p><b>Threads.</b> Share one tracker between all threads; calls are serialised inside. {@link
 * #close()} waits for calls in flight; later calls throw {@link IllegalStateException}.
 */
public final class CaseTracker implements AutoCloseable {
  /** How hard the journal syncs each event. */
  public enum Durability {
    /** Every event survives power loss (SQLite synchronous=FULL). The default. */
    FULL,
    /** Every event survives a crash of the process, not necessarily of the machine; faster. */
    NORMAL
  }

  private final ApiCaseTracker tracker;
  // Guards only close() against calls in flight, as in Engine; the tracker locks inside.
  private final StampedLock lock = new StampedLock();
  private boolean closed;

  /** An in-memory tracker: nothing survives the process. */
  public CaseTracker(Engine engine) {
    this(requireNonNull(engine, "engine").newTracker("", "full"));
  }

  private CaseTracker(ApiCaseTracker tracker) {
    this.tracker = tracker;
  }

  /**
   * A tracker journaled to the SQLite file {@code journalPath} (created if missing) with {@link
   * Durability#FULL}. An existing journal is replayed: every case, timer and colour comes back.
   *
   * @throws MinhuException {@code io} if the file cannot be opened, or is corrupt, truncated or
   *     diverging from the ruleset (nothing is half-loaded)
   */
  public static CaseTracker withJournal(Engine engine, String journalPath) {
    return withJournal(engine, journalPath, Durability.FULL);
  }

  /** Like {@link #withJournal(Engine, String)}, with the given durability. */
  public static CaseTracker withJournal(Engine engine, String journalPath,
      Durability durability) {
    requireNonNull(engine, "engine");
    if (requireNonNull(journalPath, "journalPath").isEmpty()) {
      throw new IllegalArgumentException("journalPath is empty (use new CaseTracker(engine))");
    }
    final String level = requireNonNull(durability, "durability").name().toLowerCase(Locale.ROOT);
    return new CaseTracker(engine.newTracker(journalPath, level));
  }

  // ---- opening -------------------------------------------------------------------------------

  /**
   * Opens case {@code caseId} from a decision of {@link Engine#dispatch}: assigned to its lead
   * with its assisting units, SLA clocks started at {@code now}. Returns {@code [opened]}.
   *
   * @throws MinhuException {@code invalid_argument} for a decision without a lead (from {@code
   *     classify}), {@code invalid_state} if the case exists already
   */
  public List<CaseEvent> open(String caseId, Decision decision, long now) {
    requireNonNull(caseId, "caseId");
    final ApiDecision d = Convert.toNative(decision);
    try {
      final long stamp = enter();
      try {
        return Convert.events(tracker.open(caseId, d, now));
      } finally {
        lock.unlockRead(stamp);
      }
    } finally {
      d.delete();
    }
  }

  /**
   * Dispatches {@code petition} with the tracker's engine and opens case {@code petition.getId()}
   * from the decision, which it returns.
   */
  public Decision submit(Petition petition, long now) {
    final ApiPetition p = Convert.toNative(petition);
    try {
      final long stamp = enter();
      try {
        final ApiDecision d = tracker.submit(p, now);
        try {
          return Convert.fromNative(d, petition);
        } finally {
          d.delete();
        }
      } finally {
        lock.unlockRead(stamp);
      }
    } finally {
      p.delete();
    }
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /** 签收: the lead acknowledges the case. */
  public List<CaseEvent> acknowledge(String caseId, long now) {
    requireNonNull(caseId, "caseId");
    final long stamp = enter();
    try {
      return Convert.events(tracker.acknowledge(caseId, now));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** The first response: work on the case has started. */
  public List<CaseEvent> start(String caseId, long now) {
    requireNonNull(caseId, "caseId");
    final long stamp = enter();
    try {
      return Convert.events(tracker.start(caseId, now));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** 办结: the lead replies to the resident; the resolve clock stops. */
  public List<CaseEvent> reply(String caseId, long now) {
    requireNonNull(caseId, "caseId");
    final long stamp = enter();
    try {
      return Convert.events(tracker.reply(caseId, now));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * The resident rates the reply, 1 to 5 stars; 1-2 reopen the case for redo (重办) with a new
   * resolve deadline ({@code [rated, reopened]}).
   *
   * @throws MinhuException {@code invalid_argument} for stars outside 1-5
   */
  public List<CaseEvent> rate(String caseId, int stars, long now) {
    requireNonNull(caseId, "caseId");
    final long stamp = enter();
    try {
      return Convert.events(tracker.rate(caseId, stars, now));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * Closes the <em>case</em> (its merged duplicates follow). Not to be confused with {@link
   * #close()}, which releases the tracker.
   */
  public List<CaseEvent> closeCase(String caseId, long now) {
    requireNonNull(caseId, "caseId");
    final long stamp = enter();
    try {
      return Convert.events(tracker.close(caseId, now));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  // ---- routing and supervision ---------------------------------------------------------------

  /**
   * 退回: the lead {@code unit} returns the case; it is re-routed without every unit that
   * returned it ({@code [returned, assigned]}); after the ruleset's maximum of returns the
   * command centre decides.
   */
  public List<CaseEvent> returnCase(String caseId, String unit, long now) {
    requireNonNull(caseId, "caseId");
    requireNonNull(unit, "unit");
    final long stamp = enter();
    try {
      return Convert.events(tracker.returnCase(caseId, unit, now));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** The command centre moves the case to {@code unit}. */
  public List<CaseEvent> reassign(String caseId, String unit, long now) {
    requireNonNull(caseId, "caseId");
    requireNonNull(unit, "unit");
    final long stamp = enter();
    try {
      return Convert.events(tracker.reassign(caseId, unit, now));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** 督办 by hand: supervision by the lead's parent unit. */
  public List<CaseEvent> escalate(String caseId, long now) {
    return escalate(caseId, now, "");
  }

  /** 督办 by hand: supervision by {@code unit} ({@code ""}: the lead's parent). */
  public List<CaseEvent> escalate(String caseId, long now, String unit) {
    requireNonNull(caseId, "caseId");
    requireNonNull(unit, "unit");
    final long stamp = enter();
    try {
      return Convert.events(tracker.escalate(caseId, now, unit));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Marks the case as supervised (督办) without naming a supervising unit. */
  public List<CaseEvent> supervise(String caseId, long now) {
    requireNonNull(caseId, "caseId");
    final long stamp = enter();
    try {
      return Convert.events(tracker.supervise(caseId, now));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** 挂起: stops the clocks while waiting on the resident. */
  public List<CaseEvent> pause(String caseId, long now) {
    requireNonNull(caseId, "caseId");
    final long stamp = enter();
    try {
      return Convert.events(tracker.pause(caseId, now));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Restarts the clocks of a paused case; its deadlines move on by the time it was paused. */
  public List<CaseEvent> resume(String caseId, long now) {
    requireNonNull(caseId, "caseId");
    final long stamp = enter();
    try {
      return Convert.events(tracker.resume(caseId, now));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** 并单: {@code duplicate} follows {@code primary} from now on (and closes with it). */
  public List<CaseEvent> merge(String duplicate, String primary, long now) {
    requireNonNull(duplicate, "duplicate");
    requireNonNull(primary, "primary");
    final long stamp = enter();
    try {
      return Convert.events(tracker.merge(duplicate, primary, now));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * Moves the clocks to {@code now}: the colour changes, breaches and escalation steps that fell
   * due, in time order. Time never goes back: an earlier {@code now} reports nothing. Call it
   * from a timer (e.g. every minute) or before reading colours.
   */
  public List<CaseEvent> advance(long now) {
    final long stamp = enter();
    try {
      return Convert.events(tracker.advance(now));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  // ---- queries -------------------------------------------------------------------------------

  /** Whether the tracker knows the case (open or not). */
  public boolean contains(String caseId) {
    requireNonNull(caseId, "caseId");
    final long stamp = enter();
    try {
      return tracker.contains(caseId);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * A snapshot of the case.
   *
   * @throws MinhuException {@code unknown_case}
   */
  public CaseInfo get(String caseId) {
    requireNonNull(caseId, "caseId");
    final long stamp = enter();
    try {
      final org.minhu.internal.ApiCaseInfo c = tracker.get(caseId);
      try {
        return Convert.fromNative(c);
      } finally {
        c.delete();
      }
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Every case, in the order they were opened. */
  public List<CaseInfo> cases() {
    return cases(MetricsFilter.ALL);
  }

  /** The cases the filter selects, in the order they were opened. */
  public List<CaseInfo> cases(MetricsFilter filter) {
    final ApiMetricsFilter f = Convert.toNative(filter);
    try {
      final long stamp = enter();
      try {
        return Convert.cases(tracker.cases(f));
      } finally {
        lock.unlockRead(stamp);
      }
    } finally {
      f.delete();
    }
  }

  /** 一量三率 over every case. */
  public Metrics measure() {
    return measure(MetricsFilter.ALL);
  }

  /** 一量三率 over the cases the filter selects. */
  public Metrics measure(MetricsFilter filter) {
    final ApiMetricsFilter f = Convert.toNative(filter);
    try {
      final long stamp = enter();
      try {
        return Convert.fromNative(tracker.measure(f));
      } finally {
        lock.unlockRead(stamp);
      }
    } finally {
      f.delete();
    }
  }

  /** The number of cases, open or not. */
  public long size() {
    final long stamp = enter();
    try {
      return tracker.size();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** The time of the last {@link #advance}, epoch ms. */
  public long now() {
    final long stamp = enter();
    try {
      return tracker.now();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Pending SLA timers. */
  public long timers() {
    final long stamp = enter();
    try {
      return tracker.timers();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** The seq of the last event (0 before the first). */
  public long lastSeq() {
    final long stamp = enter();
    try {
      return tracker.lastSeq();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * Releases the tracker after the calls in flight and closes its journal; idempotent. The
   * cases stay in the journal (a new tracker on the same file recovers them); an in-memory
   * tracker's cases are gone. To close a <em>case</em>, use {@link #closeCase}.
   */
  @Override
  public void close() {
    final long stamp = lock.writeLock();
    try {
      if (!closed) {
        closed = true;
        tracker.delete();
      }
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  private long enter() {
    final long stamp = lock.readLock();
    if (closed) {
      lock.unlockRead(stamp);
      throw new IllegalStateException("minhu: the CaseTracker is closed");
    }
    return stamp;
  }

  private static <T> T requireNonNull(T value, String what) {
    if (value == null) throw new NullPointerException(what);
    return value;
  }
}
