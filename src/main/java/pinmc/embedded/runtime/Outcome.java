package pinmc.embedded.runtime;

import java.util.List;
import pinmc.check.Bound;
import pinmc.check.Property;

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

  public boolean isViolation() {
    return kind == Kind.VIOLATION;
  }
}
