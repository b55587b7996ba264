package org.minhu;

/** A unit of the organisation (lead or assisting): its id and display name. */
public final class UnitRef {
  private final String id;
  private final String name;

  public UnitRef(String id, String name) {
    this.id = id;
    this.name = name;
  }

  public String getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  @Override
  public String toString() {
    return id + " (" + name + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnitRef && id.equals(((UnitRef) o).id) && name.equals(((UnitRef) o).name);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }
}
