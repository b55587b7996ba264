package org.minhu;

/** One problem found in a ruleset (or a petition): where, as a JSON pointer, and what. */
public final class Problem {
  private final String pointer;
  private final String message;

  public Problem(String pointer, String message) {
    this.pointer = pointer;
    this.message = message;
  }

  /** JSON pointer into the document, e.g. {@code /rules/0/when/regex}. */
  public String getPointer() {
    return pointer;
  }

  public String getMessage() {
    return message;
  }

  @Override
  public String toString() {
    return pointer + ": " + message;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Problem)) return false;
    final Problem p = (Problem) o;
    return pointer.equals(p.pointer) && message.equals(p.message);
  }

  @Override
  public int hashCode() {
    return pointer.hashCode() * 31 + message.hashCode();
  }
}
