package org.minhu;

/**
 * One event of a {@link CaseTracker}, as journaled: a command the caller gave or a consequence
 * the tracker derived from it. Immutable.
 *
 * <p>{@link #getKind() Kinds}: {@code opened}, {@code acknowledged}, {@code started}, {@code
 * replied}, {@code rated}, {@code closed}, {@code returned}, {@code reassigned}, {@code
 * escalated}, {@code supervised}, {@code paused}, {@code resumed}, {@code merged}, {@code tick}
 * (commands); {@code assigned}, {@code reopened}, {@code colour_changed}, {@code breached},
 * {@code auto_escalated}, {@code followed} (consequences).
 */
public final class CaseEvent {
  private final long seq;
  private final long at;
  private final String kind;
  private final String caseId;
  private final String unit;
  private final String category;
  private final String area;
  private final long value;
  private final String detail;

  CaseEvent(long seq, long at, String kind, String caseId, String unit, String category,
      String area, long value, String detail) {
    this.seq = seq;
    this.at = at;
    this.kind = kind;
    this.caseId = caseId;
    this.unit = unit;
    this.category = category;
    this.area = area;
    this.value = value;
    this.detail = detail;
  }

  /** 1, 2, 3, ... per tracker (and journal), without gaps. */
  public long getSeq() {
    return seq;
  }

  /** When, in epoch milliseconds. */
  public long getAt() {
    return at;
  }

  /** What happened, e.g. {@code acknowledged} or {@code colour_changed} (see the class doc). */
  public String getKind() {
    return kind;
  }

  public String getCaseId() {
    return caseId;
  }

  /** The acting unit, the new lead or the supervising unit; {@code ""} when none. */
  public String getUnit() {
    return unit;
  }

  /** For {@code opened}: the category id. */
  public String getCategory() {
    return category;
  }

  /** For {@code opened}: the area id. */
  public String getArea() {
    return area;
  }

  /**
   * A number whose meaning depends on the kind: {@code opened} urgency (0 normal, 1 urgent, 2
   * critical); {@code rated} stars; {@code colour_changed} the new colour (0 blue, 1 yellow, 2
   * red); {@code breached} the clock (0 acknowledge, 1 respond, 2 resolve); {@code
   * auto_escalated} the escalation step.
   */
  public long getValue() {
    return value;
  }

  /** For {@code opened}: the assisting unit ids, comma-separated; {@code merged}: the primary. */
  public String getDetail() {
    return detail;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof CaseEvent)) return false;
    final CaseEvent e = (CaseEvent) o;
    return seq == e.seq && at == e.at && value == e.value && kind.equals(e.kind)
        && caseId.equals(e.caseId) && unit.equals(e.unit) && category.equals(e.category)
        && area.equals(e.area) && detail.equals(e.detail);
  }

  @Override
  public int hashCode() {
    return (int) (seq ^ (seq >>> 32)) * 31 + kind.hashCode();
  }

  @Override
  public String toString() {
    return "#" + seq + " " + kind + " " + caseId + " at " + at
        + (unit.isEmpty() ? "" : " unit=" + unit)
        + (category.isEmpty() ? "" : " category=" + category)
        + (area.isEmpty() ? "" : " area=" + area)
        + (value == 0 ? "" : " value=" + value)
        + (detail.isEmpty() ? "" : " detail=" + detail);
  }
}
