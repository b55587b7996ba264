package org.minhu;

import java.util.List;

/**
 * Everything decided about one petition: how it was classified, with evidence, and (from
 * {@link Engine#dispatch}) where it is located and who owns it. Immutable.
 *
 * <p>Classification fields are always set; location and assignment fields only by {@code
 * dispatch} ({@code ""} or empty after {@code classify}).
 */
public final class Decision {
  private final String id;
  private final String decidedBy;
  private final String category;
  private final String categoryName;
  private final List<String> categoryPath;
  private final String urgency;
  private final double confidence;
  private final List<String> rules;
  private final List<String> tags;
  private final List<Span> spans;
  private final List<String> flags;
  private final String area;
  private final String areaName;
  private final String locationMethod;
  private final List<String> areaCandidates;
  private final String lead;
  private final String leadName;
  private final String tier;
  private final List<UnitRef> assisting;
  private final List<String> explanation;

  Decision(String id, String decidedBy, String category, String categoryName,
      List<String> categoryPath, String urgency, double confidence, List<String> rules,
      List<String> tags, List<Span> spans, List<String> flags, String area, String areaName,
      String locationMethod, List<String> areaCandidates, String lead, String leadName,
      String tier, List<UnitRef> assisting, List<String> explanation) {
    this.id = id;
    this.decidedBy = decidedBy;
    this.category = category;
    this.categoryName = categoryName;
    this.categoryPath = categoryPath;
    this.urgency = urgency;
    this.confidence = confidence;
    this.rules = rules;
    this.tags = tags;
    this.spans = spans;
    this.flags = flags;
    this.area = area;
    this.areaName = areaName;
    this.locationMethod = locationMethod;
    this.areaCandidates = areaCandidates;
    this.lead = lead;
    this.leadName = leadName;
    this.tier = tier;
    this.assisting = assisting;
    this.explanation = explanation;
  }

  /** The petition's id. */
  public String getId() {
    return id;
  }

  /** {@code "rule"}, {@code "model"} or {@code "triage"} (manual triage, 人工转派). */
  public String getDecidedBy() {
    return decidedBy;
  }

  /** True when no rule or model decided: a person must classify it. */
  public boolean isTriage() {
    return "triage".equals(decidedBy);
  }

  /** The category id, or {@code ""} for triage. */
  public String getCategory() {
    return category;
  }

  public String getCategoryName() {
    return categoryName;
  }

  /** Category ids from the root of the taxonomy down to {@link #getCategory()}. */
  public List<String> getCategoryPath() {
    return categoryPath;
  }

  /** {@code "normal"}, {@code "urgent"} or {@code "critical"}. */
  public String getUrgency() {
    return urgency;
  }

  /** In [0, 1]; 0 for triage. */
  public double getConfidence() {
    return confidence;
  }

  /** Ids of the rules that fired, deciding one first. */
  public List<String> getRules() {
    return rules;
  }

  public List<String> getTags() {
    return tags;
  }

  /** The evidence: matched ranges of the title and text. */
  public List<Span> getSpans() {
    return spans;
  }

  /** {@code "invalid_utf8"}, {@code "spans_truncated"}, {@code "internal_error"}. */
  public List<String> getFlags() {
    return flags;
  }

  /** The resolved area id (dispatch only). */
  public String getArea() {
    return area;
  }

  public String getAreaName() {
    return areaName;
  }

  /** {@code explicit_id}, {@code gps}, {@code gazetteer}, {@code ambiguous} or {@code unknown}. */
  public String getLocationMethod() {
    return locationMethod;
  }

  /** For an ambiguous location, the candidate areas. */
  public List<String> getAreaCandidates() {
    return areaCandidates;
  }

  /** The id of the unit that owns the case (主办); never empty after dispatch. */
  public String getLead() {
    return lead;
  }

  public String getLeadName() {
    return leadName;
  }

  /** The loop of the lead: {@code "small"}, {@code "medium"} or {@code "big"}. */
  public String getTier() {
    return tier;
  }

  /** Units summoned to assist (协办), in order. */
  public List<UnitRef> getAssisting() {
    return assisting;
  }

  /** Why: one line per step of classification and routing. */
  public List<String> getExplanation() {
    return explanation;
  }

  @Override
  public String toString() {
    return "Decision{id=" + id + ", decidedBy=" + decidedBy + ", category=" + category
        + (lead.isEmpty() ? "" : ", lead=" + lead + ", tier=" + tier + ", assisting=" + assisting)
        + "}";
  }
}
