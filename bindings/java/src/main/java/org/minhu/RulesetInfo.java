package org.minhu;

/** Facts about the ruleset an engine currently runs, for status pages and health checks. */
public final class RulesetInfo {
  private final String id;
  private final String version;
  private final String name;
  private final long categories;
  private final long rules;
  private final long keywords;
  private final long units;
  private final long areas;
  private final long generation;

  RulesetInfo(String id, String version, String name, long categories, long rules, long keywords,
      long units, long areas, long generation) {
    this.id = id;
    this.version = version;
    this.name = name;
    this.categories = categories;
    this.rules = rules;
    this.keywords = keywords;
    this.units = units;
    this.areas = areas;
    this.generation = generation;
  }

  public String getId() {
    return id;
  }

  public String getVersion() {
    return version;
  }

  public String getName() {
    return name;
  }

  public long getCategories() {
    return categories;
  }

  public long getRules() {
    return rules;
  }

  public long getKeywords() {
    return keywords;
  }

  public long getUnits() {
    return units;
  }

  public long getAreas() {
    return areas;
  }

  /** 1 after loading, +1 for every successful reload. */
  public long getGeneration() {
    return generation;
  }

  @Override
  public String toString() {
    return id + "@" + version + " (generation " + generation + ", " + rules + " rules, " + units
        + " units)";
  }
}
