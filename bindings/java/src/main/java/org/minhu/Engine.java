package org.minhu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.StampedLock;
import org.minhu.internal.ApiCaseTracker;
import org.minhu.internal.ApiDispatcher;
import org.minhu.internal.ApiPetition;

/**
 * The minhu engine: classifies petitions and routes them to the unit that owns them.
 *
 * <pre>{@code
 * try (Engine engine = Engine.load("rulesets/demo-city.json")) {
 *   Decision d = engine.dispatch(new Petition("p1").text("楼下饭店油烟直排").area("grid-a-01-1"));
 *   d.getCategory();     // what it is about
 *   d.getLead();         // who owns it (主办)
 *   d.getAssisting();    // who helps (协办)
 *   d.getExplanation();  // why
 * }
 * }</pre>
 *
 * <p>Thread-safe: share one Engine between all threads. {@link #reload} swaps the compiled
 * ruleset atomically while other threads keep dispatching; every result comes from one whole
 * ruleset, the old or the new. The native engine is freed by {@link #close()}, which waits for
 * calls in flight; calls after it throw {@link IllegalStateException} (never a crash).
 *
 * <p>Every method may throw {@link MinhuException} (unchecked) with a stable code.
 */
public final class Engine implements AutoCloseable {
  private final ApiDispatcher dispatcher;
  // Guards only close() against calls in flight (shared for calls, exclusive for close): the
  // engine itself needs no lock, and a read lock of StampedLock is one CAS.
  private final StampedLock lock = new StampedLock();
  private boolean closed;

  private Engine(ApiDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /**
   * Loads and compiles a ruleset file.
   *
   * @throws MinhuException {@code io} if it cannot be read, {@code ruleset_invalid} with every
   *     problem and its JSON pointer if it is wrong
   */
  public static Engine load(String path) {
    return new Engine(ApiDispatcher.load(requireNonNull(path, "path")));
  }

  /** Compiles a ruleset given as JSON text; relative paths inside resolve against ".". */
  public static Engine fromJson(String json) {
    return new Engine(ApiDispatcher.fromJson(requireNonNull(json, "json")));
  }

  /** Compiles a ruleset given as JSON text; relative paths inside resolve against baseDir. */
  public static Engine fromJson(String json, String baseDir) {
    return new Engine(
        ApiDispatcher.fromJson(requireNonNull(json, "json"), requireNonNull(baseDir, "baseDir")));
  }

  /** Classifies only: category, urgency, evidence. No location, no assignment. */
  public Decision classify(Petition petition) {
    final long stamp = enter();
    try {
      return Packed.call(dispatcher, Packed.CLASSIFY, Collections.singletonList(petition),
          Collections.<String>emptyList()).get(0);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Classifies, locates and routes: the decision names the lead unit and assisting units. */
  public Decision dispatch(Petition petition) {
    return dispatch(petition, Collections.<String>emptyList());
  }

  /**
   * Dispatches without the units in {@code exclude}: the ids of units that returned the case
   * (退回). After the ruleset's maximum of returns the command centre decides.
   */
  public Decision dispatch(Petition petition, List<String> exclude) {
    requireNonNull(exclude, "exclude");
    final long stamp = enter();
    try {
      return Packed.call(dispatcher, Packed.DISPATCH, Collections.singletonList(petition),
          exclude).get(0);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Classifies all, in order, from one ruleset snapshot. */
  public List<Decision> classifyBatch(List<Petition> petitions) {
    return batch(petitions, false);
  }

  /** Dispatches all, in order, from one ruleset snapshot. */
  public List<Decision> dispatchBatch(List<Petition> petitions) {
    return batch(petitions, true);
  }

  /** A human-readable trace of classification and routing (multi-line). */
  public String explain(Petition petition) {
    final long stamp = enter();
    try {
      final ApiPetition p = Convert.toNative(petition);
      try {
        return dispatcher.explain(p);
      } finally {
        p.delete();
      }
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * Re-reads the ruleset file. On error the current ruleset stays in use.
   *
   * @throws MinhuException {@code invalid_argument} if the engine was made from JSON text (no
   *     file to re-read), or the load errors ({@code io}, {@code ruleset_invalid})
   */
  public void reload() {
    final long stamp = enter();
    try {
      dispatcher.reload();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Loads the ruleset at {@code path} instead. On error the current ruleset stays in use. */
  public void reload(String path) {
    requireNonNull(path, "path");
    final long stamp = enter();
    try {
      dispatcher.reloadFrom(path);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * Sets the open-case load of a unit, used to pick the least loaded among equal candidates.
   *
   * @throws MinhuException {@code invalid_argument} for an unknown unit id
   */
  public void setLoad(String unitId, long load) {
    requireNonNull(unitId, "unitId");
    final long stamp = enter();
    try {
      dispatcher.setLoad(unitId, load);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Adds {@code delta} (may be negative) to the load of a unit. */
  public void addLoad(String unitId, long delta) {
    requireNonNull(unitId, "unitId");
    final long stamp = enter();
    try {
      dispatcher.addLoad(unitId, delta);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** The current load of a unit. */
  public long loadOf(String unitId) {
    requireNonNull(unitId, "unitId");
    final long stamp = enter();
    try {
      return dispatcher.loadOf(unitId);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Facts about the current ruleset: id, version, sizes, reload generation. */
  public RulesetInfo info() {
    final long stamp = enter();
    try {
      return Convert.fromNative(dispatcher.info());
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** A native case tracker over this engine (for {@link CaseTracker}). */
  ApiCaseTracker newTracker(String journalPath, String durability) {
    final long stamp = enter();
    try {
      return new ApiCaseTracker(dispatcher, journalPath, durability);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Frees the native engine after the calls in flight; idempotent. */
  @Override
  public void close() {
    final long stamp = lock.writeLock();
    try {
      if (!closed) {
        closed = true;
        dispatcher.delete();
      }
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  private List<Decision> batch(List<Petition> list, boolean dispatch) {
    // A copy: the caller's list may change meanwhile.
    final List<Petition> petitions = new ArrayList<Petition>(requireNonNull(list, "petitions"));
    final long stamp = enter();
    try {
      return Packed.call(dispatcher, dispatch ? Packed.DISPATCH_BATCH : Packed.CLASSIFY_BATCH,
          petitions, Collections.<String>emptyList());
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private long enter() {
    final long stamp = lock.readLock();
    if (closed) {
      lock.unlockRead(stamp);
      throw new IllegalStateException("minhu: the Engine is closed");
    }
    return stamp;
  }

  private static <T> T requireNonNull(T value, String what) {
    if (value == null) throw new NullPointerException(what);
    return value;
  }
}
