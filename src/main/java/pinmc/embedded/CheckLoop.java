package pinmc.embedded;

import java.lang.invoke.MethodHandle;
import pinmc.check.Bound;
import pinmc.check.CheckOptions;
import pinmc.check.Reduction;
import pinmc.check.Stats;
import pinmc.embedded.instrument.ModelClassLoader;
import pinmc.embedded.runtime.CarrierLoop;
import pinmc.embedded.runtime.CarrierPool;
import pinmc.embedded.runtime.Execution;
import pinmc.embedded.runtime.ExecutionConfig;
import pinmc.embedded.runtime.Outcome;
import pinmc.embedded.runtime.Sites;
import pinmc.embedded.runtime.StateCaching;
import pinmc.embedded.search.Explorer;
import pinmc.embedded.search.StateCache;

/**
 * The one loop of a check, shared by the search and by trace counting: the passes of a
 * preemption bound (0, 1, 2, ... preemptions, so that the first counterexample has the
 * fewest), the executions of each pass under one {@link Explorer}, a fresh explorer whenever
 * an execution shows that the search must start again, the budgets ({@code --max-executions},
 * {@code --time-limit}), progress reports, and the counts the statistics give. What an
 * execution's outcome means is the caller's: a {@link Passes}.
 */
final class CheckLoop {
  /** A model loaded for checking: its class loader, carriers, {@code main} and arguments. */
  record Model(ModelClassLoader loader, CarrierPool pool, MethodHandle main, String[] args) {}

  /**
   * What one use of the loop does with what the loop runs. Each method returns the result to
   * end the loop with, or null to go on.
   */
  interface Passes<R> {
    /** The budget {@code limit} ran out before the next execution. Must return a result. */
    R outOfBudget(Bound limit);

    /** A new explorer begins: a pass, or the search starting again. */
    default void explorerStarted(Explorer explorer) {}

    /** Before each execution, once the budget allows it. */
    default R beforeExecution() {
      return null;
    }

    /** An execution under {@code explorer} ended with {@code outcome}. */
    R executed(Explorer explorer, Outcome outcome);

    /**
     * The pass under preemption bound {@code bound} (-1: none) has explored all it can; null
     * searches again with one more preemption, which is only allowed while {@code bound} is
     * below the most the check allows.
     */
    R passEnded(Explorer explorer, int bound);
  }

  private final CheckOptions options;
  private final Sites sites;
  private final ExecutionConfig config;
  private final Model model;
  /** The reduction the search runs under: the options', or for {@code auto} dpor, then stateful once a thread waits. */
  private Reduction reduction;
  /** Whether this is {@code --reduction auto} under options stateful DPOR accepts, so that a wait turns it stateful. */
  private final boolean statefulOnWait;
  /** Whether an execution violated a property: the verdict is decided, and the reduction no longer changes. */
  private boolean violated;
  private long steps;
  private long maxDepth;
  private long executions;
  private long sleepBlocked;
  /** Under state caching, the states of the search (of its last pass, if it had to start again); else null. */
  private StateCache states;
  private final long startNanos;
  private long lastProgress;

  /** {@code startNanos}: when the check began ({@link System#nanoTime}), which the time limit counts from. */
  CheckLoop(CheckOptions options, Sites sites, ExecutionConfig config, Model model, long startNanos) {
    this.options = options;
    this.sites = sites;
    this.config = config;
    this.model = model;
    this.startNanos = startNanos;
    boolean auto = options.reduction() == Reduction.AUTO;
    this.reduction = auto ? Reduction.DPOR : options.reduction();
    this.statefulOnWait = auto && StateCaching.refusal(options.toBuilder().reduction(Reduction.STATEFUL).build()) == null;
    this.lastProgress = startNanos;
  }

  /**
   * Runs passes up to preemption bound {@code maxBound} (-1: one pass without a bound) until
   * {@code passes} has a result. Where model threads run as continuations, the loop runs on
   * the carrier that drives them, and the calling thread watches it (see {@link CarrierLoop}).
   */
  <R> R run(int maxBound, Passes<R> passes) {
    return CarrierLoop.run(model.pool(), config.localProgressTimeout(), new CarrierLoop.Body<R>() {
      private final Pass pass = new Pass(maxBound, passes);

      @Override
      public R run() {
        return loop(pass, passes, null, null);
      }

      @Override
      public R resume(Execution ex, Outcome outcome) {
        return loop(pass, passes, ex, outcome);
      }
    });
  }

  /** Where the loop is: the preemption bound of the pass under way and its explorer. */
  private final class Pass {
    final int maxBound;
    int bound;
    Explorer explorer;

    Pass(int maxBound, Passes<?> passes) {
      this.maxBound = maxBound;
      this.bound = maxBound < 0 ? -1 : 0;
      this.explorer = newExplorer(bound, passes);
    }
  }

  /**
   * The loop from where {@code at} is; if {@code ended} is not null, first takes in that it
   * ended with {@code endedWith} (see {@link CarrierLoop.Body#resume}).
   */
  private <R> R loop(Pass at, Passes<R> passes, Execution ended, Outcome endedWith) {
    while (true) {
      while (true) {
        Outcome o;
        if (ended != null) {
          o = afterRun(at.explorer, ended, endedWith);
          ended = null;
        } else {
          Bound limit = outOfBudget();
          if (limit != null) {
            return passes.outOfBudget(limit);
          }
          R result = passes.beforeExecution();
          if (result != null) {
            return result;
          }
          o = runOne(at.explorer);
        }
        if (o == null) {
          at.explorer = newExplorer(at.bound, passes);
          continue;
        }
        R result = passes.executed(at.explorer, o);
        if (result != null) {
          return result;
        }
        progress();
        if (!at.explorer.finishExecution()) {
          break;
        }
      }
      R result = passes.passEnded(at.explorer, at.bound);
      if (result != null) {
        return result;
      }
      if (at.bound >= at.maxBound) {
        throw new IllegalStateException("no result after the last pass, bound " + at.bound);
      }
      at.bound++;
      at.explorer = newExplorer(at.bound, passes);
    }
  }

  /**
   * Runs one execution under {@code explorer} and counts it. Returns its outcome, or null
   * if the search has to start again (see {@link #afterRun}).
   */
  private Outcome runOne(Explorer explorer) {
    explorer.startExecution();
    Execution ex = new Execution(explorer, model.pool(), sites, model.loader(), config, false);
    return afterRun(explorer, ex, ex.run(model.main(), model.args(), () -> {}));
  }

  /**
   * Counts execution {@code ex}, which ended with {@code o}, and returns {@code o}, or null
   * if the search has to start again: executions so far were reduced without knowing what
   * the invariants read, held threads back in a loop that turned out not to be a spin loop,
   * or (under {@code --reduction auto}) had a thread wait or park, which turns the search stateful.
   * (Not after a violation: the verdict is decided by then.)
   */
  private Outcome afterRun(Explorer explorer, Execution ex, Outcome o) {
    account(ex, o);
    states = explorer.stateCache();
    if (o.kind() == Outcome.Kind.VIOLATION) {
      violated = true;
      return o;
    }
    if (statefulOnWait && !violated && reduction == Reduction.DPOR && ex.waited()) {
      reduction = Reduction.STATEFUL;
      return null;
    }
    // Dependence-based reductions rely on what invariants read; plain enumeration, with or
    // without state caching, does not.
    boolean reduced = reduction == Reduction.DPOR || reduction == Reduction.SOURCE || reduction == Reduction.STATEFUL;
    if (ex.invariantVisibilityGrew() && reduced || ex.fairnessChanged()) {
      return null;
    }
    return o;
  }

  private Explorer newExplorer(int bound, Passes<?> passes) {
    Explorer e = new Explorer(reduction, bound);
    if (options.detectRaces()) {
      e.log().detectRaces();
    }
    passes.explorerStarted(e);
    return e;
  }

  private Bound outOfBudget() {
    if (options.maxExecutions() > 0 && executions >= options.maxExecutions()) {
      return Bound.EXECUTIONS;
    }
    if (options.timeLimit() != null && System.nanoTime() - startNanos > options.timeLimit().toNanos()) {
      return Bound.TIME;
    }
    return null;
  }

  private void account(Execution ex, Outcome o) {
    executions++;
    if (o.kind() == Outcome.Kind.SLEEP_BLOCKED) {
      sleepBlocked++;
    }
    steps += ex.stepCount();
    maxDepth = Math.max(maxDepth, ex.stepCount());
  }

  /** Counts a schedule replayed outside the loop: one execution of {@code replayedSteps} steps. */
  void countReplay(long replayedSteps) {
    executions = 1;
    steps = replayedSteps;
  }

  private void progress() {
    long now = System.nanoTime();
    if (now - lastProgress > 250_000_000L) {
      lastProgress = now;
      options.progress().progress(executions, steps, (now - startNanos) / 1_000_000);
    }
  }

  long executions() {
    return executions;
  }

  Stats stats(Bound bound) {
    return new Stats(executions, sleepBlocked, steps, maxDepth, (System.nanoTime() - startNanos) / 1_000_000, bound,
        states == null ? -1 : states.distinct(), states == null ? -1 : states.matched(), reduction);
  }
}
