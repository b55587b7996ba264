package org.minhu;

import java.util.Arrays;
import java.util.List;

/**
 * One case as a {@link CaseTracker} sees it: state, lead, SLA deadlines, colour, supervision,
 * rating. An immutable snapshot taken by {@link CaseTracker#get} or {@link CaseTracker#cases}.
 *
 * <p>Times are epoch milliseconds, {@code 0} = not (yet); deadlines {@code 0} = none (the
 * ruleset sets no SLA for the case's category).
 */
public final class CaseInfo {
  private final String id;
  private final String category;
  private final String urgency;
  private final String area;
  private final String lead;
  private final String leadName;
  private final List<String> assisting;
  private final List<String> returnedBy;
  private final String state;
  private final String colour;
  private final boolean open;
  private final boolean paused;
  private final boolean supervised;
  private final String supervisor;
  private final int escalationLevel;
  private final int rating;
  private final int reopened;
  private final String mergedInto;
  private final List<String> duplicates;
  private final long receivedAt;
  private final long assignedAt;
  private final long acknowledgedAt;
  private final long startedAt;
  private final long repliedAt;
  private final long ratedAt;
  private final long closedAt;
  private final long acknowledgeDue;
  private final long respondDue;
  private final long resolveDue;
  private final List<String> breached;

  CaseInfo(String id, String category, String urgency, String area, String lead,
      String leadName, List<String> assisting, List<String> returnedBy, String state,
      String colour, boolean open, boolean paused, boolean supervised, String supervisor,
      int escalationLevel, int rating, int reopened, String mergedInto, List<String> duplicates,
      long receivedAt, long assignedAt, long acknowledgedAt, long startedAt, long repliedAt,
      long ratedAt, long closedAt, long acknowledgeDue, long respondDue, long resolveDue,
      List<String> breached) {
    this.id = id;
    this.category = category;
    this.urgency = urgency;
    this.area = area;
    this.lead = lead;
    this.leadName = leadName;
    this.assisting = assisting;
    this.returnedBy = returnedBy;
    this.state = state;
    this.colour = colour;
    this.open = open;
    this.paused = paused;
    this.supervised = supervised;
    this.supervisor = supervisor;
    this.escalationLevel = escalationLevel;
    this.rating = rating;
    this.reopened = reopened;
    this.mergedInto = mergedInto;
    this.duplicates = duplicates;
    this.receivedAt = receivedAt;
    this.assignedAt = assignedAt;
    this.acknowledgedAt = acknowledgedAt;
    this.startedAt = startedAt;
    this.repliedAt = repliedAt;
    this.ratedAt = ratedAt;
    this.closedAt = closedAt;
    this.acknowledgeDue = acknowledgeDue;
    this.respondDue = respondDue;
    this.resolveDue = resolveDue;
    this.breached = breached;
  }

  /** The case id (the petition's id when opened by {@link CaseTracker#submit}). */
  public String getId() {
    return id;
  }

  /** The category id; {@code ""} for a case opened from manual triage. */
  public String getCategory() {
    return category;
  }

  /** {@code "normal"}, {@code "urgent"} or {@code "critical"}. */
  public String getUrgency() {
    return urgency;
  }

  /** The area id, {@code ""} when the location is unknown. */
  public String getArea() {
    return area;
  }

  /** The unit that owns the case now (主办). */
  public String getLead() {
    return lead;
  }

  public String getLeadName() {
    return leadName;
  }

  /** Ids of the assisting units (协办). */
  public List<String> getAssisting() {
    return assisting;
  }

  /** Ids of the units that returned it (退回), in order. */
  public List<String> getReturnedBy() {
    return returnedBy;
  }

  /**
   * {@code received}, {@code assigned}, {@code acknowledged}, {@code in_progress}, {@code
   * replied}, {@code rated} or {@code closed}.
   */
  public String getState() {
    return state;
  }

  /** {@code blue}, {@code yellow} or {@code red}, as of the tracker's last advance. */
  public String getColour() {
    return colour;
  }

  /** Neither closed nor merged into another case (并单). */
  public boolean isOpen() {
    return open;
  }

  /** 挂起: the clocks are stopped while waiting on the resident. */
  public boolean isPaused() {
    return paused;
  }

  /** 督办: under supervision. */
  public boolean isSupervised() {
    return supervised;
  }

  /** The unit supervising it, {@code ""} when none. */
  public String getSupervisor() {
    return supervisor;
  }

  public int getEscalationLevel() {
    return escalationLevel;
  }

  /** 1-5 stars, 0 = not rated. */
  public int getRating() {
    return rating;
  }

  /** How often an unsatisfied rating reopened it for redo (重办). */
  public int getReopened() {
    return reopened;
  }

  /** The primary case when it was merged into one (并单), else {@code ""}. */
  public String getMergedInto() {
    return mergedInto;
  }

  /** The cases merged into this one. */
  public List<String> getDuplicates() {
    return duplicates;
  }

  public long getReceivedAt() {
    return receivedAt;
  }

  public long getAssignedAt() {
    return assignedAt;
  }

  public long getAcknowledgedAt() {
    return acknowledgedAt;
  }

  public long getStartedAt() {
    return startedAt;
  }

  public long getRepliedAt() {
    return repliedAt;
  }

  public long getRatedAt() {
    return ratedAt;
  }

  public long getClosedAt() {
    return closedAt;
  }

  /** Deadline to acknowledge (签收), epoch ms; 0 = none. */
  public long getAcknowledgeDue() {
    return acknowledgeDue;
  }

  /** Deadline of the first response, epoch ms; 0 = none. */
  public long getRespondDue() {
    return respondDue;
  }

  /** Deadline to resolve (办结), epoch ms; 0 = none. */
  public long getResolveDue() {
    return resolveDue;
  }

  /** The clocks that ran out: {@code acknowledge}, {@code respond}, {@code resolve}. */
  public List<String> getBreached() {
    return breached;
  }

  private Object[] fields() {
    return new Object[] {id, category, urgency, area, lead, leadName, assisting, returnedBy,
        state, colour, open, paused, supervised, supervisor, escalationLevel, rating, reopened,
        mergedInto, duplicates, receivedAt, assignedAt, acknowledgedAt, startedAt, repliedAt,
        ratedAt, closedAt, acknowledgeDue, respondDue, resolveDue, breached};
  }

  /** Equal when every field is. */
  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof CaseInfo && Arrays.equals(fields(), ((CaseInfo) o).fields()));
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + state.hashCode();
  }

  @Override
  public String toString() {
    final StringBuilder s = new StringBuilder("CaseInfo{id=").append(id)
        .append(", state=").append(state)
        .append(", colour=").append(colour)
        .append(", lead=").append(lead);
    if (!category.isEmpty()) s.append(", category=").append(category);
    if (!urgency.equals("normal")) s.append(", urgency=").append(urgency);
    if (acknowledgeDue != 0) s.append(", acknowledgeDue=").append(acknowledgeDue);
    if (respondDue != 0) s.append(", respondDue=").append(respondDue);
    if (resolveDue != 0) s.append(", resolveDue=").append(resolveDue);
    if (paused) s.append(", paused");
    if (supervised) s.append(", supervisor=").append(supervisor);
    if (rating != 0) s.append(", rating=").append(rating);
    if (reopened != 0) s.append(", reopened=").append(reopened);
    if (!mergedInto.isEmpty()) s.append(", mergedInto=").append(mergedInto);
    if (!breached.isEmpty()) s.append(", breached=").append(breached);
    return s.append('}').toString();
  }
}
