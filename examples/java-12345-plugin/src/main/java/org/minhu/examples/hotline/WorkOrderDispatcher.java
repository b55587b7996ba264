package org.minhu.examples.hotline;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.minhu.Decision;
import org.minhu.Engine;
import org.minhu.Petition;
import org.minhu.RulesetInfo;

/**
 * The plug-in: the platform calls {@link #handle} for every new work order and gets back the
 * category, the lead unit (主办), the assisting units (协办) and the explanation to show the
 * operator. One instance per platform, shared by all request threads.
 *
 * <pre>{@code
 * WorkOrderDispatcher plugin = new WorkOrderDispatcher("/etc/minhu/district.json");
 * Decision d = plugin.handle(new WorkOrder("GD20261124001").setContent("小区楼下饭店油烟直排"));
 * d.getCategory(); d.getLead(); d.getAssisting(); d.getExplanation();
 * }</pre>
 *
 * <p>Deadlines (签收/办结时限) are not part of the decision yet: they come with minhu's SLA
 * tracker.
 */
public final class WorkOrderDispatcher implements AutoCloseable {
  private final Engine engine;

  /** Loads the district's ruleset; throws org.minhu.MinhuException if it is wrong. */
  public WorkOrderDispatcher(String rulesetPath) {
    this.engine = Engine.load(rulesetPath);
  }

  /** Classifies and routes a new work order. */
  public Decision handle(WorkOrder order) {
    return engine.dispatch(toPetition(order));
  }

  /**
   * Routes a work order again after units returned it (退回): they are left out; after the
   * ruleset's maximum of returns the command centre decides.
   */
  public Decision handleReturned(WorkOrder order, List<String> returnedBy) {
    return engine.dispatch(toPetition(order),
        returnedBy == null ? Collections.<String>emptyList() : returnedBy);
  }

  /** Tells the router about a unit's open cases, so the least loaded one is preferred. */
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

  @Override
  public void close() {
    engine.close();
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
