package org.minhu;

/**
 * Evidence for a decision: a range of the petition's title or text that a rule matched.
 *
 * <p>{@link #getBegin()}/{@link #getEnd()} are UTF-8 byte offsets, as in the core and every
 * other binding; {@link #getCharBegin()}/{@link #getCharEnd()} are the same range as Java
 * {@code String} indices, so {@code petition.getText().substring(s.getCharBegin(),
 * s.getCharEnd())} equals {@link #getText()}.
 */
public final class Span {
  private final String field;
  private final long begin;
  private final long end;
  private final int charBegin;
  private final int charEnd;
  private final String text;
  private final String keyword;
  private final String regex;
  private final String rule;

  Span(String field, long begin, long end, int charBegin, int charEnd, String text,
      String keyword, String regex, String rule) {
    this.field = field;
    this.begin = begin;
    this.end = end;
    this.charBegin = charBegin;
    this.charEnd = charEnd;
    this.text = text;
    this.keyword = keyword;
    this.regex = regex;
    this.rule = rule;
  }

  /** {@code "title"} or {@code "text"}. */
  public String getField() {
    return field;
  }

  /** UTF-8 byte offset of the start in the field. */
  public long getBegin() {
    return begin;
  }

  /** UTF-8 byte offset one past the end in the field. */
  public long getEnd() {
    return end;
  }

  /** UTF-16 index of the start in the field's Java string. */
  public int getCharBegin() {
    return charBegin;
  }

  /** UTF-16 index one past the end in the field's Java string. */
  public int getCharEnd() {
    return charEnd;
  }

  /** The matched original text. */
  public String getText() {
    return text;
  }

  /** The normalised keyword that matched, or {@code ""} for a regex match. */
  public String getKeyword() {
    return keyword;
  }

  /** The pattern of a regex match, else {@code ""}. */
  public String getRegex() {
    return regex;
  }

  /** The id of the fired rule this span supports. */
  public String getRule() {
    return rule;
  }

  @Override
  public String toString() {
    return field + "[" + begin + "," + end + ")=" + text + " (" + rule + ")";
  }
}
