package pinmc.difftest;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import pinmc.check.Bound;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Reduction;
import pinmc.embedded.EmbeddedEngine;

/**
 * Runs a {@link Program} under plain enumeration and under a reduction, and says whether they
 * disagree: on finding a bug at all, on the outcome when neither finds one, and on the set of
 * final states reached.
 *
 * <p>When both find a bug they may find different ones (each search stops at its first, and the
 * reductions explore in another order), so only "found a bug" is compared then.
 */
final class DiffCheck {
  static final Duration NONE_TIME = Duration.ofSeconds(10);
  static final int MAX_STEPS = 1_000;

  private final EmbeddedEngine engine = new EmbeddedEngine();
  /** Executions plain enumeration may run before a program counts as too big and is skipped. */
  private final long noneExecutions;
  /** Each check's time limit: a program cut by it counts as too big too. */
  private final Duration timeLimit;

  DiffCheck(long noneExecutions) {
    this(noneExecutions, NONE_TIME);
  }

  DiffCheck(long noneExecutions, Duration timeLimit) {
    this.noneExecutions = noneExecutions;
    this.timeLimit = timeLimit;
  }

  /** One configuration of the engine: a reduction, and a preemption bound or -1. */
  record Config(Reduction reduction, int preemptionBound) {
    @Override
    public String toString() {
      return reduction.name().toLowerCase(java.util.Locale.ROOT) + (preemptionBound >= 0 ? " --preemption-bound " + preemptionBound : "");
    }

    Config plain() {
      return new Config(Reduction.NONE, preemptionBound);
    }
  }

  /** The outcome of one check and the final states its executions reached. */
  record Run(CheckResult result, Set<String> states) {
    String outcome() {
      return result.outcome() + (result.stats().boundHit() != null ? " (" + result.stats().boundHit().optionName() + ")" : "");
    }

    /** Whether the search was cut by a budget (executions or time) rather than finished. */
    boolean outOfBudget() {
      Bound b = result.stats().boundHit();
      return !result.foundBug() && (b == Bound.EXECUTIONS || b == Bound.TIME);
    }

    String describe() {
      return outcome() + " after " + result.stats().executions() + " executions, " + states.size() + " final states"
          + (result.foundBug() ? ": " + result.message() : "");
    }
  }

  /** What kind of disagreement, for shrinking while keeping the same one. */
  enum Kind { VERDICT, OUTCOME, STATES }

  /** A disagreement between plain enumeration and a reduction on one program. */
  record Disagreement(Kind kind, Config config, Program program, Run none, Run reduced, String detail) {
    String report() {
      return kind + " disagreement, " + config.plain() + " vs " + config + ":\n"
          + "  none:    " + none.describe() + "\n"
          + "  reduced: " + reduced.describe() + "\n"
          + (detail.isEmpty() ? "" : "  " + detail + "\n")
          + program.print()
          + "  program text: " + program.encode() + "\n";
    }
  }

  Run run(Program p, Reduction reduction, int preemptionBound, long maxExecutions) {
    CheckOptions.Builder options = CheckOptions.builder().reduction(reduction).maxSteps(MAX_STEPS)
        .maxExecutions(maxExecutions).timeLimit(timeLimit).enumerateRandom(true);
    if (preemptionBound >= 0) {
      options.preemptionBound(preemptionBound);
    }
    System.clearProperty(DiffProgram.STATES);
    CheckResult r = engine.check(ModelTarget.of(DiffProgram.class, p.encode()), options.build());
    Set<String> states = new TreeSet<>(Arrays.asList(System.getProperty(DiffProgram.STATES, "").split(";")));
    states.remove("");
    System.clearProperty(DiffProgram.STATES);
    return new Run(r, states);
  }

  Run none(Program p, int preemptionBound) {
    return run(p, Reduction.NONE, preemptionBound, noneExecutions);
  }

  /**
   * The disagreement between plain enumeration's run {@code none} and a reduction's run {@code
   * reduced} of {@code p}, or null if they agree; {@code compareStates}: whether the sets of
   * final states must be equal when neither finds a bug.
   */
  static Disagreement compare(Program p, Run none, Run reduced, Config config, boolean compareStates) {
    CheckResult n = none.result();
    CheckResult r = reduced.result();
    if (n.foundBug() != r.foundBug()) {
      return new Disagreement(Kind.VERDICT, config, p, none, reduced, "");
    }
    if (n.foundBug()) {
      return null;
    }
    if (!none.outcome().equals(reduced.outcome())) {
      return new Disagreement(Kind.OUTCOME, config, p, none, reduced, "");
    }
    if (compareStates && !none.states().equals(reduced.states())) {
      Set<String> missing = new TreeSet<>(none.states());
      missing.removeAll(reduced.states());
      Set<String> extra = new TreeSet<>(reduced.states());
      extra.removeAll(none.states());
      return new Disagreement(Kind.STATES, config, p, none, reduced,
          "final states only plain enumeration reaches: " + missing + "; only the reduction reaches: " + extra
              + " (state: plain0,plain1,volatile0,volatile1,array[0],array[1],atomic,reference,atomicArray[0],atomicArray[1]"
              + " / each thread's result, i if interrupted)");
    }
    return null;
  }

  /** The comparison of one program: skipped (too big for plain enumeration), or agreed, or the first disagreement. */
  record Result(boolean skipped, Disagreement disagreement, long noneExecutions) {}

  /**
   * The first disagreement on {@code p} among {@code configs}; skipped when plain enumeration
   * does not finish within its budget (the program is too big to judge). See {@link
   * #compareBounded} for configurations with a preemption bound.
   */
  Result check(Program p, Iterable<Config> configs, boolean compareBoundedStates) {
    Run unbounded = none(p, -1);
    if (unbounded.outOfBudget()) {
      return new Result(true, null, unbounded.result().stats().executions());
    }
    for (Config c : configs) {
      Disagreement d = compare(p, unbounded, c, compareBoundedStates);
      if (d != null) {
        return new Result(false, d, unbounded.result().stats().executions());
      }
    }
    return new Result(false, null, unbounded.result().stats().executions());
  }

  /** The disagreement between plain enumeration and {@code c} on {@code p}, given plain enumeration's unbounded run. */
  private Disagreement compare(Program p, Run unbounded, Config c, boolean compareBoundedStates) {
    Run reduced = run(p, c.reduction(), c.preemptionBound(), noneExecutions * 2);
    if (c.preemptionBound() < 0) {
      return compare(p, unbounded, reduced, c, true);
    }
    return compareBounded(p, unbounded, none(p, c.preemptionBound()), reduced, c, compareBoundedStates);
  }

  /**
   * Under a preemption bound, plain enumeration and DPOR do not cut the same schedules: plain
   * enumeration reports the bound as hit as soon as any interleaving needs more preemptions,
   * DPOR only when a race reversal it needs does, so DPOR may pass where plain enumeration is
   * inconclusive. What must hold: both find a bug or neither does; a DPOR pass claims the whole
   * space, so it must match unbounded plain enumeration (outcome and final states); and the
   * final states DPOR reaches are final states plain enumeration reaches (when that passed, so
   * that it reached them all). The bounded sets are
   * compared for equality only if {@code compareStates}.
   */
  static Disagreement compareBounded(Program p, Run unbounded, Run noneBounded, Run reduced, Config c, boolean compareStates) {
    if (noneBounded.result().foundBug() != reduced.result().foundBug()) {
      return new Disagreement(Kind.VERDICT, c, p, noneBounded, reduced, "");
    }
    if (reduced.result().foundBug()) {
      return null;
    }
    if (reduced.result().verdict() == pinmc.check.Verdict.PASS) {
      Disagreement d = compare(p, unbounded, reduced, c, true);
      if (d != null) {
        return new Disagreement(d.kind(), c, p, unbounded, reduced, "the bounded search passed, so it must match the unbounded plain enumeration. " + d.detail());
      }
      return null;
    }
    // Unbounded plain enumeration stops at its first bug, so only a pass has reached every final state.
    if (unbounded.result().verdict() == pinmc.check.Verdict.PASS && !unbounded.states().containsAll(reduced.states())) {
      Set<String> extra = new TreeSet<>(reduced.states());
      extra.removeAll(unbounded.states());
      return new Disagreement(Kind.STATES, c, p, unbounded, reduced, "final states plain enumeration never reaches: " + extra);
    }
    return compareStates ? compare(p, noneBounded, reduced, c, true) : null;
  }

  /** Whether {@code candidate} still shows a disagreement of {@code d}'s kind under {@code d}'s configuration. */
  boolean stillDisagrees(Disagreement d, Program candidate, boolean compareBoundedStates) {
    Disagreement again = again(d, candidate, compareBoundedStates);
    return again != null && again.kind() == d.kind();
  }

  private Disagreement again(Disagreement d, Program candidate, boolean compareBoundedStates) {
    Run unbounded = none(candidate, -1);
    if (unbounded.outOfBudget()) {
      return null;
    }
    return compare(candidate, unbounded, d.config(), compareBoundedStates);
  }

  /** {@code d} on the smallest program that still shows it. */
  Disagreement shrink(Disagreement d, boolean compareBoundedStates, int maxAttempts) {
    Program small = Shrinker.shrink(d.program(), c -> stillDisagrees(d, c, compareBoundedStates), maxAttempts);
    Disagreement again = again(d, small, compareBoundedStates);
    return again != null ? again : d;
  }
}
