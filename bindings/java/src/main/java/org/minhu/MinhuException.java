package org.minhu;

import java.util.Collections;
import java.util.List;

/**
 * Every error of the engine: a stable {@link #getCode() code}, the message, and for rulesets
 * every problem with its JSON pointer.
 *
 * <p>Codes: {@code ruleset_invalid} (the ruleset has problems; see {@link #getProblems()}),
 * {@code io} (a file cannot be read), {@code petition_invalid} (a petition JSON is malformed),
 * {@code invalid_argument} (e.g. an unknown unit id), {@code not_loaded} (reload without a file),
 * from {@link CaseTracker} also {@code unknown_case} (no such case id) and {@code invalid_state}
 * (the case's state does not allow the command), {@code internal} (a bug: please report).
 *
 * <p>Unchecked on purpose: the calls that fail in normal operation (loading and reloading a
 * ruleset) are few and handled in one place, while {@code classify}/{@code dispatch} are called
 * per work order, from lambdas, streams and executors, where a checked exception would only be
 * wrapped or swallowed. Each method documents what it throws.
 */
public class MinhuException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final List<Problem> problems;

  public MinhuException(String code, String message, List<Problem> problems) {
    super(message);
    this.code = code;
    this.problems = Collections.unmodifiableList(problems);
  }

  /** The stable error code, e.g. {@code ruleset_invalid}. */
  public String getCode() {
    return code;
  }

  /** The JSON pointer of the first problem, or {@code ""} when there is none. */
  public String getPointer() {
    return problems.isEmpty() ? "" : problems.get(0).getPointer();
  }

  /** Every problem (ruleset errors report all of them, not just the first). */
  public List<Problem> getProblems() {
    return problems;
  }

  @Override
  public String toString() {
    return getClass().getName() + " [" + code + "]: " + getMessage();
  }
}
