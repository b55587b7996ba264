package org.minhu;

/**
 * 一量三率 and friends over the cases a {@link MetricsFilter} selects: volume, completion rate
 * (办结率), timeliness rate (及时率), satisfaction rate (满意率), response rate, and the live
 * colours of the open cases. Immutable; from {@link CaseTracker#measure}.
 *
 * <p>A rate whose denominator is 0 is 0.
 */
public final class Metrics {
  private final long volume;
  private final long resolved;
  private final long resolvedOnTime;
  private final long acknowledged;
  private final long acknowledgedOnTime;
  private final long rated;
  private final long satisfied;
  private final long closed;
  private final long open;
  private final long blue;
  private final long yellow;
  private final long red;
  private final double completionRate;
  private final double timelinessRate;
  private final double satisfactionRate;
  private final double responseRate;

  Metrics(long volume, long resolved, long resolvedOnTime, long acknowledged,
      long acknowledgedOnTime, long rated, long satisfied, long closed, long open, long blue,
      long yellow, long red, double completionRate, double timelinessRate,
      double satisfactionRate, double responseRate) {
    this.volume = volume;
    this.resolved = resolved;
    this.resolvedOnTime = resolvedOnTime;
    this.acknowledged = acknowledged;
    this.acknowledgedOnTime = acknowledgedOnTime;
    this.rated = rated;
    this.satisfied = satisfied;
    this.closed = closed;
    this.open = open;
    this.blue = blue;
    this.yellow = yellow;
    this.red = red;
    this.completionRate = completionRate;
    this.timelinessRate = timelinessRate;
    this.satisfactionRate = satisfactionRate;
    this.responseRate = responseRate;
  }

  /** 量: cases received. */
  public long getVolume() {
    return volume;
  }

  /** Replied (办结), including those later rated or closed. */
  public long getResolved() {
    return resolved;
  }

  /** Replied before the resolve deadline. */
  public long getResolvedOnTime() {
    return resolvedOnTime;
  }

  public long getAcknowledged() {
    return acknowledged;
  }

  /** Acknowledged (签收) before the acknowledge deadline. */
  public long getAcknowledgedOnTime() {
    return acknowledgedOnTime;
  }

  public long getRated() {
    return rated;
  }

  /** Rated 3 stars or more. */
  public long getSatisfied() {
    return satisfied;
  }

  public long getClosed() {
    return closed;
  }

  /** Cases still open; {@link #getBlue()} + {@link #getYellow()} + {@link #getRed()}. */
  public long getOpen() {
    return open;
  }

  /** Open cases on track. */
  public long getBlue() {
    return blue;
  }

  /** Open cases past the warning fraction of a deadline. */
  public long getYellow() {
    return yellow;
  }

  /** Open cases overdue. */
  public long getRed() {
    return red;
  }

  /** 办结率: resolved / volume. */
  public double getCompletionRate() {
    return completionRate;
  }

  /** 及时率: resolved on time / resolved. */
  public double getTimelinessRate() {
    return timelinessRate;
  }

  /** 满意率: satisfied / rated. */
  public double getSatisfactionRate() {
    return satisfactionRate;
  }

  /** Acknowledged on time / volume. */
  public double getResponseRate() {
    return responseRate;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof Metrics)) return false;
    final Metrics m = (Metrics) o;
    return volume == m.volume && resolved == m.resolved && resolvedOnTime == m.resolvedOnTime
        && acknowledged == m.acknowledged && acknowledgedOnTime == m.acknowledgedOnTime
        && rated == m.rated && satisfied == m.satisfied && closed == m.closed && open == m.open
        && blue == m.blue && yellow == m.yellow && red == m.red
        && Double.compare(completionRate, m.completionRate) == 0
        && Double.compare(timelinessRate, m.timelinessRate) == 0
        && Double.compare(satisfactionRate, m.satisfactionRate) == 0
        && Double.compare(responseRate, m.responseRate) == 0;
  }

  @Override
  public int hashCode() {
    return (int) (volume * 31 + resolved * 17 + open);
  }

  @Override
  public String toString() {
    return "Metrics{volume=" + volume + ", resolved=" + resolved + " (on time " + resolvedOnTime
        + "), acknowledged=" + acknowledged + " (on time " + acknowledgedOnTime + "), rated="
        + rated + " (satisfied " + satisfied + "), closed=" + closed + ", open=" + open
        + " (blue " + blue + ", yellow " + yellow + ", red " + red + "), completionRate="
        + completionRate + ", timelinessRate=" + timelinessRate + ", satisfactionRate="
        + satisfactionRate + ", responseRate=" + responseRate + "}";
  }
}
