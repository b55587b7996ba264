package org.minhu.examples.hotline;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.minhu.CaseEvent;
import org.minhu.CaseInfo;
import org.minhu.CaseTracker;
import org.minhu.Decision;
import org.minhu.Engine;
import org.minhu.Metrics;
import org.minhu.MetricsFilter;
import org.minhu.Petition;
import org.minhu.RulesetInfo;

/**
 * The plug-in: the platform calls {@link #handle} for every new work order and gets back the
 * category, the lead unit (主办), the assisting units (协办) and the explanation to show the
 * operator; the work order's case is opened on minhu's SLA clock at the same time, so {@link
 * #caseOf} has its deadlines (签收, first response, 办结). One instance per platform, shared by
 * all request threads.
 *
 * <pre>{@code
 * WorkOrderDispatcher plugin = new WorkOrderDispatcher("/etc/minhu/district.json", "cases.db");
 * Decision d = plugin.handle(new WorkOrder("GD20261124001").setContent("小区楼下饭店油烟直排"));
 * d.getCategory(); d.getLead(); d.getAssisting(); d.getExplanation();
 * plugin.caseOf("GD20261124001").getAcknowledgeDue();        // epoch ms, 0 = no deadline
 * plugin.cases().acknowledge("GD20261124001", plugin.now());  // 签收, start, reply, rate ...
 * }</pre>
 *
 * <p>minhu never reads the clock: the plug-in passes the work order's {@code acceptTime} when
 * it opens a case, and its clock ({@link #now()}, the wall clock unless one is given) for
 * anything without a time of its own.
 */
public final class WorkOrderDispatcher implements AutoCloseable {
  private final Engine engine;
  private final CaseTracker cases;
  private final LongSupplier clock;

  /** Loads the district's ruleset and tracks cases in memory; throws MinhuException if wrong. */
  public WorkOrderDispatcher(String rulesetPath) {
    this(rulesetPath, null, System::currentTimeMillis);
  }

  /**
   * Loads the district's ruleset and journals cases to the SQLite file {@code journalPath}
   * ({@code null}: in memory). A restarted plug-in recovers every case from the journal.
   */
  public WorkOrderDispatcher(String rulesetPath, String journalPath) {
    this(rulesetPath, journalPath, System::currentTimeMillis);
  }

  /** The same with a clock (epoch ms) for times the caller does not give, e.g. in tests. */
  public WorkOrderDispatcher(String rulesetPath, String journalPath, LongSupplier clock) {
    if (clock == null) throw new NullPointerException("clock");
    this.clock = clock;
    this.engine = Engine.load(rulesetPath);
    try {
      this.cases = journalPath == null || journalPath.isEmpty()
          ? new CaseTracker(engine)
          : CaseTracker.withJournal(engine, journalPath);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /**
   * Classifies and routes a new work order and opens its case (case id = order number), with
   * SLA clocks started at its {@code acceptTime} (or now when unknown).
   *
   * @throws org.minhu.MinhuException {@code invalid_state} if the work order has a case already
   */
  public Decision handle(WorkOrder order) {
    final long at = order.getAcceptTime() != 0 ? order.getAcceptTime() : now();
    return cases.submit(toPetition(order), at);
  }

  /**
   * Where a work order would go if the given units returned it (退回): they are left out; after
   * the ruleset's maximum of returns the command centre decides. A what-if: nothing is
   * recorded. To record a return on a tracked case, call {@code cases().returnCase(orderNo,
   * unit, at)}, which re-routes it the same way.
   */
  public Decision handleReturned(WorkOrder order, List<String> returnedBy) {
    return engine.dispatch(toPetition(order),
        returnedBy == null ? Collections.<String>emptyList() : returnedBy);
  }

  /** The case of a work order: state, colour, deadlines, rating. Throws {@code unknown_case}. */
  public CaseInfo caseOf(String orderNo) {
    return cases.get(orderNo);
  }

  /** The case tracker, for the lifecycle commands (acknowledge, start, reply, rate, ...). */
  public CaseTracker cases() {
    return cases;
  }

  /**
   * 一量三率 of the cases led within {@code scopeUnit}'s subtree (a department, street,
   * community or compound sees its own), or of all cases for {@code null} or {@code ""}.
   *
   * @throws org.minhu.MinhuException {@code invalid_argument} for a unit the ruleset does not know
   */
  public Metrics metrics(String scopeUnit) {
    if (scopeUnit == null || scopeUnit.isEmpty()) return cases.measure();
    engine.loadOf(scopeUnit);  // an unknown unit throws invalid_argument instead of measuring 0
    return cases.measure(MetricsFilter.ALL.scopeUnit(scopeUnit));
  }

  /** Moves the SLA clocks to now: colour changes, breaches, escalations (督办). Call it often. */
  public List<CaseEvent> advance() {
    return cases.advance(now());
  }

  /** The plug-in's clock, epoch ms. */
  public long now() {
    return clock.getAsLong();
  }

  /**
   * Tells the router about a unit's open cases handled outside this plug-in, so the least loaded
   * unit is preferred. Cases opened here count by themselves: this sets the unit's load.
   */
  public void updateLoad(String unitId, long openCases) {
    engine.setLoad(unitId, openCases);
  }

  /** Re-reads the ruleset file; on error the current one stays in use. */
  public void reload() {
    engine.reload();
  }

  public RulesetInfo info() {
    return engine.info();
  }

  /** Closes the case tracker (and its journal), then the engine. */
  @Override
  public void close() {
    try {
      cases.close();
    } finally {
      engine.close();
    }
  }

  static Petition toPetition(WorkOrder o) {
    final Petition p = new Petition(o.getOrderNo())
        .title(o.getTitle())
        .text(o.getContent())
        .channel(o.getSource())
        .receivedAt(o.getAcceptTime())
        .area(o.getGridCode())
        .address(o.getAddress())
        .category(o.getReportedCategory());
    if (o.getLatitude() != null && o.getLongitude() != null) {
      p.point(o.getLatitude(), o.getLongitude());
    }
    for (Map.Entry<String, Object> e : o.getExtra().entrySet()) {
      p.attribute(e.getKey(), e.getValue());
    }
    return p;
  }
}
