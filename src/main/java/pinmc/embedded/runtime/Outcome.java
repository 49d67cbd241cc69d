package pinmc.embedded.runtime;

import java.util.List;
import pinmc.api.InvariantViolation;
import pinmc.check.Bound;
import pinmc.check.Property;
import pinmc.embedded.search.Decision;

/** How one execution ended. */
public record Outcome(Kind kind, Property property, String invariant, String message, List<String> details, Bound bound) {
  /** The ways an execution ends. */
  public enum Kind {
    /** Every thread ended (or only daemon threads were left). */
    COMPLETE,
    /** A property was violated (including deadlock). */
    VIOLATION,
    /** Every enabled thread was asleep: the rest is covered by another execution. */
    SLEEP_BLOCKED,
    /** State caching: the state reached was explored before, so its future is covered. */
    STATE_MATCHED,
    /** Continuing needed a preemption beyond the bound. */
    PREEMPTION_CUT,
    /** A bound cut this execution (steps, local progress, time). */
    BOUND,
    /** The model behaved differently on replay. */
    DIVERGED,
    /** The model is broken or uses what the engine cannot control. */
    ERROR
  }

  static Outcome of(Kind kind) {
    return new Outcome(kind, null, null, null, List.of(), null);
  }

  /**
   * How an exception that left a model thread ends the execution: a violation (an assertion,
   * an invariant the model checked itself, an uncaught exception), or an error of the model
   * (an unsupported construct, a failure before any thread started: {@code onlyMain}).
   */
  /**
   * The outcome of a decision that ends the execution at step {@code depth}; {@code noThread}
   * says whether the end is a deadlock.
   */
  static Outcome ofEndingDecision(Decision.End end, int depth, String divergence, java.util.function.Supplier<Outcome> noThread) {
    switch (end) {
      case NO_THREAD:
        return noThread.get();
      case SLEEP_BLOCKED:
        return of(Kind.SLEEP_BLOCKED);
      case PREEMPTION_CUT:
        return of(Kind.PREEMPTION_CUT);
      case DIVERGED:
        break;
    }
    return new Outcome(Kind.DIVERGED, null, null,
        "the model did not behave the same way when re-run with the same schedule: at step " + depth + ", "
            + divergence + "; models must be deterministic (no clocks, identity hash codes, "
            + "unordered iteration over identity-hashed objects, or state kept outside the model)",
        List.of(), null);
  }

  static Outcome uncaught(Throwable t, String thread, boolean onlyMain) {
    String where = ModelFrames.modelFrame(t.getStackTrace());
    if (t instanceof UnsupportedConstructError u) {
      return new Outcome(Outcome.Kind.ERROR, null, null,
          "unsupported construct " + u.construct() + " at " + where + ": " + u.why(), List.of(), null);
    }
    if (t instanceof InvariantViolation iv) {
      return new Outcome(Outcome.Kind.VIOLATION, Property.INVARIANT, iv.invariant(), iv.detail(),
          List.of("in thread " + thread + " at " + where), null);
    }
    String text = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    if (t instanceof AssertionError) {
      return new Outcome(Outcome.Kind.VIOLATION, Property.ASSERTION, null,
          "assertion failed in thread " + thread + " at " + where + (t.getMessage() == null ? "" : ": " + t.getMessage()),
          List.of(), null);
    }
    if (onlyMain) {
      return new Outcome(Outcome.Kind.ERROR, null, null,
          "the model failed before starting any thread: " + text + " at " + where, List.of(), null);
    }
    return new Outcome(Outcome.Kind.VIOLATION, Property.UNCAUGHT_EXCEPTION, null,
        "uncaught " + text + " in thread " + thread + " at " + where, List.of(), null);
  }

  public boolean isViolation() {
    return kind == Kind.VIOLATION;
  }
}
