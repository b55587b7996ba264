package org.minhu;

/**
 * Which cases {@link CaseTracker#measure} and {@link CaseTracker#cases} cover. Immutable: every
 * method returns a new filter; empty fields do not filter.
 *
 * <pre>{@code
 * MetricsFilter.ALL                                        // every case
 * MetricsFilter.ALL.scopeUnit("street-a")                  // a street's view of its subtree
 * MetricsFilter.ALL.street("st-a").category("env")         // located there, about that
 * MetricsFilter.ALL.received(fromMs, toMs)                 // received in [from, to)
 * }</pre>
 *
 * <p>An id that the ruleset does not know selects no case.
 */
public final class MetricsFilter {
  /** Every case. */
  public static final MetricsFilter ALL = new MetricsFilter("", "", "", "", 0, 0);

  private final String scopeUnit;
  private final String unit;
  private final String street;
  private final String category;
  private final long from;
  private final long to;

  /** Every case, like {@link #ALL}. */
  public MetricsFilter() {
    this("", "", "", "", 0, 0);
  }

  private MetricsFilter(String scopeUnit, String unit, String street, String category, long from,
      long to) {
    this.scopeUnit = scopeUnit;
    this.unit = unit;
    this.street = street;
    this.category = category;
    this.from = from;
    this.to = to;
  }

  /**
   * The scoped view (四级): cases led by this unit or any unit below it, as a department,
   * street, community or compound sees them.
   */
  public MetricsFilter scopeUnit(String unitId) {
    return new MetricsFilter(orEmpty(unitId), unit, street, category, from, to);
  }

  /** Cases led by exactly this unit. */
  public MetricsFilter unit(String unitId) {
    return new MetricsFilter(scopeUnit, orEmpty(unitId), street, category, from, to);
  }

  /** Cases located in this area (a street, community, grid ...) or below it. */
  public MetricsFilter street(String areaId) {
    return new MetricsFilter(scopeUnit, unit, orEmpty(areaId), category, from, to);
  }

  /** Cases of this category or its descendants. */
  public MetricsFilter category(String categoryId) {
    return new MetricsFilter(scopeUnit, unit, street, orEmpty(categoryId), from, to);
  }

  /** Cases received in [from, to), epoch ms; {@code to == 0}: no time filter. */
  public MetricsFilter received(long from, long to) {
    return new MetricsFilter(scopeUnit, unit, street, category, from, to);
  }

  public String getScopeUnit() {
    return scopeUnit;
  }

  public String getUnit() {
    return unit;
  }

  public String getStreet() {
    return street;
  }

  public String getCategory() {
    return category;
  }

  public long getFrom() {
    return from;
  }

  public long getTo() {
    return to;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof MetricsFilter)) return false;
    final MetricsFilter f = (MetricsFilter) o;
    return from == f.from && to == f.to && scopeUnit.equals(f.scopeUnit) && unit.equals(f.unit)
        && street.equals(f.street) && category.equals(f.category);
  }

  @Override
  public int hashCode() {
    return ((scopeUnit.hashCode() * 31 + unit.hashCode()) * 31 + street.hashCode()) * 31
        + category.hashCode() + (int) (from ^ to);
  }

  @Override
  public String toString() {
    final StringBuilder s = new StringBuilder("MetricsFilter{");
    if (!scopeUnit.isEmpty()) s.append("scopeUnit=").append(scopeUnit).append(", ");
    if (!unit.isEmpty()) s.append("unit=").append(unit).append(", ");
    if (!street.isEmpty()) s.append("street=").append(street).append(", ");
    if (!category.isEmpty()) s.append("category=").append(category).append(", ");
    if (to > 0) s.append("received=[").append(from).append(", ").append(to).append("), ");
    if (s.charAt(s.length() - 1) == ' ') {
      s.setLength(s.length() - 2);
    } else {
      s.append("all");
    }
    return s.append('}').toString();
  }
}
