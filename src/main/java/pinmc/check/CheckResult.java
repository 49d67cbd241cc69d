package pinmc.check;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * What checking one target found.
 *
 * @param target the target's name
 * @param engine the engine that checked it ({@code embedded}, {@code jpf})
 * @param verdict the outcome
 * @param property the property violated, for {@link Verdict#VIOLATION} and {@link Verdict#DEADLOCK}
 * @param invariant the invariant's name when {@code property} is {@link Property#INVARIANT}
 * @param message what went wrong, in one or a few lines (for an error: what to fix)
 * @param details more lines worth reading: for a deadlock, what each thread waits for and
 *     who holds it; for an inconclusive search, where a spinning thread loops
 * @param trace the counterexample, step by step; empty when there is none
 * @param schedule the counterexample's schedule, for replay; null when there is none
 * @param stats what the search did
 * @param minimized for a counterexample the embedded engine's search found: whether it is known to
 *     be the shortest; null otherwise
 */
public record CheckResult(
    String target,
    String engine,
    Verdict verdict,
    Property property,
    String invariant,
    String message,
    List<String> details,
    List<TraceStep> trace,
    Schedule schedule,
    Stats stats,
    Minimization minimized) {

  public CheckResult {
    details = ImmutableList.copyOf(details);
    trace = ImmutableList.copyOf(trace);
    stats = stats == null ? Stats.NONE : stats;
  }

  /** A result that says nothing about how short its counterexample is. */
  public CheckResult(String target, String engine, Verdict verdict, Property property, String invariant, String message,
      List<String> details, List<TraceStep> trace, Schedule schedule, Stats stats) {
    this(target, engine, verdict, property, invariant, message, details, trace, schedule, stats, null);
  }

  /** An {@link Verdict#ERROR} result: the check could not be carried out. */
  public static CheckResult error(String target, String engine, String message) {
    return new CheckResult(target, engine, Verdict.ERROR, null, null, message, List.of(), List.of(), null, Stats.NONE);
  }

  /** True for a violation or a deadlock: something the model does wrong, with a counterexample. */
  public boolean foundBug() {
    return verdict == Verdict.VIOLATION || verdict == Verdict.DEADLOCK;
  }

  /**
   * The outcome in the vocabulary of a properties file's {@code pinmc.expect}:
   * {@code pass}, {@code deadlock}, {@code violation:<invariant>}, {@code violation:assertion},
   * {@code violation:exception}, {@code violation:race}, {@code inconclusive}, {@code error}.
   */
  public String outcome() {
    if (verdict != Verdict.VIOLATION) {
      return verdict.word();
    }
    if (property == null) {
      return "violation";
    }
    return switch (property) {
      case INVARIANT -> "violation:" + invariant;
      case ASSERTION -> "violation:assertion";
      case UNCAUGHT_EXCEPTION -> "violation:exception";
      case DATA_RACE -> "violation:race";
      case DEADLOCK -> "deadlock";
    };
  }

  public CheckResult withStats(Stats newStats) {
    return new CheckResult(target, engine, verdict, property, invariant, message, details, trace, schedule, newStats,
        minimized);
  }

  public CheckResult withTarget(String newTarget) {
    return new CheckResult(newTarget, engine, verdict, property, invariant, message, details, trace, schedule, stats,
        minimized);
  }
}
