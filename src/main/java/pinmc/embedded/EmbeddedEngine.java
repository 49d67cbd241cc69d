package pinmc.embedded;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import pinmc.check.Bound;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Minimization;
import pinmc.check.Engine;
import pinmc.check.ModelTarget;
import pinmc.check.Reduction;
import pinmc.check.Schedule;
import pinmc.check.Stats;
import pinmc.check.Verdict;
import pinmc.embedded.instrument.ModelClassLoader;
import pinmc.embedded.runtime.CarrierPool;
import pinmc.embedded.runtime.Execution;
import pinmc.embedded.runtime.ExecutionConfig;
import pinmc.embedded.runtime.Outcome;
import pinmc.embedded.runtime.Sites;
import pinmc.embedded.search.Explorer;
import pinmc.embedded.search.StateCache;

/**
 * pinmc's own stateless model checker for Java models: instruments the model's classes,
 * then runs the model once per schedule under {@link Explorer}'s depth-first search with
 * dynamic partial-order reduction, until every schedule is covered, a property fails, or a
 * bound cuts the search.
 */
public final class EmbeddedEngine implements Engine {
  /** After the first counterexample, how many more executions the search runs looking for a shorter one without --minimize. */
  static final int CHEAP_EXTRA_EXECUTIONS = 20;

  /** Loop iterations one thread may run without a scheduling point before it is taken for a spin. */
  static final long MAX_LOCAL_BACK_EDGES = 50_000_000L;

  @Override
  public String name() {
    return "embedded";
  }

  @Override
  public CheckResult check(ModelTarget target, CheckOptions options) {
    return new Check(target, options).run(null);
  }

  /**
   * The number of distinct interleavings (Mazurkiewicz traces) among the complete executions
   * a search explores, for a model without violations: with {@code Reduction.NONE} (plain
   * enumeration, exponential) the model's true number; with DPOR, which explores at least one
   * execution per trace, the same number if DPOR is sound, so that executions divided by it
   * measures how far the reduction is from optimal. Returns -1 if a bound cut the search or
   * an execution did not complete. For benchmarks and tests.
   */
  public long countInterleavings(ModelTarget target, CheckOptions options) {
    return new Check(target, options.toBuilder().noPreemptionBound().build()).countTraces();
  }

  @Override
  public CheckResult replay(ModelTarget target, CheckOptions options, Schedule schedule) {
    return new Check(target, options).run(schedule);
  }

  /** One check of one target: its class loader, carriers and search state. */
  private final class Check {
    private final ModelTarget target;
    private final CheckOptions options;
    private final Sites sites = new Sites();
    private final ExecutionConfig config;
    private long steps;
    private long maxDepth;
    private long executions;
    private long sleepBlocked;
    /** Under state caching, the states of the search (of its last pass, if it had to start again); else null. */
    private StateCache states;
    private final long startNanos = System.nanoTime();
    private long lastProgress = startNanos;

    Check(ModelTarget target, CheckOptions options) {
      this.target = target;
      this.options = options;
      this.config = new ExecutionConfig(options.maxSteps(), options.localProgressTimeout(), options.enumerateRandom(),
          MAX_LOCAL_BACK_EDGES, options.detectRaces());
    }

    CheckResult run(Schedule replay) {
      ModelClassLoader loader = new ModelClassLoader(target.classpath(), EmbeddedEngine.class.getClassLoader(), sites);
      try (CarrierPool pool = new CarrierPool()) {
        MethodHandle main;
        try {
          main = ModelMain.find(target, loader);
        } catch (ModelMain.BadTarget e) {
          return CheckResult.error(target.name(), name(), e.getMessage());
        }
        String[] args = target.args().toArray(String[]::new);
        if (replay != null) {
          return replaySchedule(loader, pool, main, args, replay);
        }
        return search(loader, pool, main, args);
      } finally {
        try {
          loader.close();
        } catch (IOException e) {
          // nothing to do: the check is over
        }
      }
    }

    long countTraces() {
      ModelClassLoader loader = new ModelClassLoader(target.classpath(), EmbeddedEngine.class.getClassLoader(), sites);
      try (CarrierPool pool = new CarrierPool()) {
        MethodHandle main = ModelMain.find(target, loader);
        String[] args = target.args().toArray(String[]::new);
        Explorer explorer = new Explorer(options.reduction(), -1);
        explorer.countTraces();
        while (true) {
          if (outOfBudget() != null) {
            return -1;
          }
          Outcome o = runOne(explorer, loader, pool, main, args);
          if (o == null) {
            explorer = new Explorer(options.reduction(), -1);
            explorer.countTraces();
            continue;
          }
          if (o.kind() == Outcome.Kind.COMPLETE) {
            explorer.countTrace();
          } else if (o.kind() != Outcome.Kind.SLEEP_BLOCKED) {
            return -1;
          }
          if (!explorer.finishExecution()) {
            return explorer.distinctTraces();
          }
        }
      } catch (ModelMain.BadTarget e) {
        return -1;
      } finally {
        try {
          loader.close();
        } catch (IOException e) {
          // nothing to do
        }
      }
    }

    private CheckResult search(ModelClassLoader loader, CarrierPool pool, MethodHandle main, String[] args) {
      Reduction reduction = options.reduction();
      int maxBound = options.preemptionBound().orElse(-1);
      if (reduction == Reduction.STATES || reduction == Reduction.STATEFUL) {
        String refused = pinmc.embedded.runtime.StateCaching.refusal(options);
        if (refused != null) {
          return CheckResult.error(target.name(), name(), refused);
        }
      }
      Bound boundHit = null;
      String boundDetail = null;
      // After the first counterexample the search goes on for a shorter one with the same
      // outcome; the verdict is decided by then and nothing later changes it.
      Shortest shortest = null;
      // With a preemption bound, search with 0, 1, ... preemptions so that the first
      // counterexample found is one with the fewest preemptions.
      for (int bound = maxBound < 0 ? -1 : 0; bound <= maxBound; bound++) {
        Explorer explorer = newExplorer(reduction, bound);
        boundHit = null;
        boundDetail = null;
        while (true) {
          Bound limit = outOfBudget();
          if (limit != null) {
            if (shortest != null) {
              return shortest.report("the search's " + limit.optionName() + " stopped it", false, loader, pool, main, args);
            }
            return inconclusive(limit, "the search stopped at its " + limit.optionName() + " after " + executions
                + " executions");
          }
          if (shortest != null && shortest.cheapPartSpent()) {
            return shortest.report("the search stopped " + CHEAP_EXTRA_EXECUTIONS
                + " executions after the first counterexample; --minimize searches on", false, loader, pool, main, args);
          }
          Outcome o = runOne(explorer, loader, pool, main, args);
          if (o == null) {
            explorer = newExplorer(reduction, bound);
            continue;
          }
          switch (o.kind()) {
            case VIOLATION -> {
              explorer.lastStepFailed();
              if (shortest == null) {
                shortest = new Shortest(Failure.of(explorer, o), executions);
              } else {
                shortest.consider(explorer, o);
              }
            }
            case ERROR, DIVERGED -> {
              if (shortest != null) {
                return shortest.report("a later execution ended in an error: " + o.message(), false, loader, pool, main,
                    args);
              }
              return CheckResult.error(target.name(), name(), o.message()).withStats(stats(null));
            }
            case BOUND -> {
              boundHit = o.bound();
              boundDetail = o.message();
              if (o.bound() == Bound.LOCAL_PROGRESS) {
                if (shortest != null) {
                  return shortest.report("a later execution stopped making progress", false, loader, pool, main, args);
                }
                return inconclusive(boundHit, boundDetail);
              }
            }
            default -> {
              // complete, sleep-set blocked or cut by the preemption bound: go on
            }
          }
          progress();
          if (!explorer.finishExecution()) {
            break;
          }
        }
        if (shortest != null) {
          if (boundHit != null && boundHit != Bound.PREEMPTIONS) {
            return shortest.report("the search ran to its end, but " + boundHit.optionName() + " cut some executions short",
                false, loader, pool, main, args);
          }
          boolean bounded = bound >= 0 && explorer.preemptionBoundHit();
          return shortest.report(bounded ? "among schedules with at most " + bound + " preemptions" : "the search ran to its end",
              true, loader, pool, main, args);
        }
        if (boundHit == null && explorer.preemptionBoundHit()) {
          boundHit = Bound.PREEMPTIONS;
          boundDetail = "schedules with more than " + bound + " preemptions were not explored";
        }
        if (boundHit != Bound.PREEMPTIONS) {
          break; // complete at this bound (or cut by another bound): more preemptions add nothing
        }
      }
      if (boundHit != null) {
        return inconclusive(boundHit, boundDetail);
      }
      return new CheckResult(target.name(), name(), Verdict.PASS, null, null,
          "no violation in " + executions + " executions", List.of(), List.of(), null, stats(null));
    }

    /**
     * The shortest counterexample found so far, and whether the search has spent what it
     * may spend on looking for a shorter one.
     */
    private final class Shortest {
      private Failure best;
      private final long firstFoundAt;
      private long failing = 1;

      Shortest(Failure first, long firstFoundAt) {
        this.best = first;
        this.firstFoundAt = firstFoundAt;
      }

      /** A failing execution just run: kept if it has the same outcome and is shorter. */
      void consider(Explorer explorer, Outcome o) {
        Outcome first = best.outcome();
        if (o.property() != first.property() || !java.util.Objects.equals(o.invariant(), first.invariant())) {
          return; // another outcome would change the verdict the first counterexample decided
        }
        failing++;
        Failure f = Failure.of(explorer, o);
        if (f.shorterThan(best)) {
          best = f;
        }
      }

      boolean cheapPartSpent() {
        return !options.minimize() && executions - firstFoundAt >= CHEAP_EXTRA_EXECUTIONS;
      }

      CheckResult report(String why, boolean complete, ModelClassLoader loader, CarrierPool pool, MethodHandle main,
          String[] args) {
        Outcome o = best.outcome();
        Verdict verdict = o.property() == pinmc.check.Property.DEADLOCK ? Verdict.DEADLOCK : Verdict.VIOLATION;
        Minimization m = new Minimization(complete, failing, failing + (failing == 1 ? " failing execution, " : " failing executions, ")
            + why);
        return finishFailure(verdict, best, m, loader, pool, main, args);
      }
    }

    /**
     * Runs one execution under {@code explorer} and counts it. Returns its outcome, or null
     * if the search has to start again: executions so far were reduced without knowing what
     * the invariants read, or held threads back in a loop that turned out not to be a spin
     * loop. (Not after a violation: the verdict is decided by then.) The one loop body of
     * the search and of trace counting.
     */
    private Outcome runOne(Explorer explorer, ModelClassLoader loader, CarrierPool pool, MethodHandle main, String[] args) {
      explorer.startExecution();
      Execution ex = new Execution(explorer, pool, sites, loader, config, false);
      Outcome o = ex.run(main, args, () -> {});
      account(ex, o);
      states = explorer.stateCache();
      // Dependence-based reductions rely on what invariants read; plain enumeration, with or
      // without state caching, does not.
      boolean reduced = options.reduction() == Reduction.DPOR || options.reduction() == Reduction.SOURCE
          || options.reduction() == Reduction.STATEFUL;
      if ((ex.invariantVisibilityGrew() && reduced || ex.fairnessChanged()) && o.kind() != Outcome.Kind.VIOLATION) {
        return null;
      }
      return o;
    }

    private Explorer newExplorer(Reduction reduction, int bound) {
      Explorer e = new Explorer(reduction, bound);
      if (options.detectRaces()) {
        e.log().detectRaces();
      }
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

    private void progress() {
      long now = System.nanoTime();
      if (now - lastProgress > 250_000_000L) {
        lastProgress = now;
        options.progress().progress(executions, steps, (now - startNanos) / 1_000_000);
      }
    }

    private Stats stats(Bound bound) {
      return new Stats(executions, sleepBlocked, steps, maxDepth, (System.nanoTime() - startNanos) / 1_000_000, bound,
          states == null ? -1 : states.distinct(), states == null ? -1 : states.matched());
    }

    /** An inconclusive result: a bound cut the search before it found anything. */
    private CheckResult inconclusive(Bound bound, String message) {
      return new CheckResult(target.name(), name(), Verdict.INCONCLUSIVE, null, null, message, List.of(), List.of(), null,
          stats(bound));
    }

    /**
     * The result for a counterexample: replays it with the recorder on, first cut to the steps
     * its failure depends on, and as found if the cut one does not fail the same way.
     */
    private CheckResult finishFailure(Verdict verdict, Failure failure, Minimization minimized, ModelClassLoader loader,
        CarrierPool pool, MethodHandle main, String[] args) {
      TraceReplay.Replayed r = new TraceReplay(loader, pool, main, args, sites, config).ofFailure(failure);
      // A cut schedule (always shorter than the one found) is replayed only if it fails the same way.
      boolean cut = r.schedule().decisions().size() < failure.schedule().length;
      Outcome o = cut ? r.outcome() : failure.outcome();
      // The replay names what each thread of a deadlock waits for and who changed it last.
      List<String> allDetails = new ArrayList<>(verdict == Verdict.DEADLOCK && r.outcome().property() == o.property()
          ? r.outcome().details() : o.details());
      if (r.note() != null) {
        allDetails.add(r.note());
      }
      return new CheckResult(target.name(), name(), verdict, o.property(), o.invariant(), o.message(), allDetails,
          r.trace(), r.schedule(), stats(null), minimized);
    }

    private CheckResult replaySchedule(ModelClassLoader loader, CarrierPool pool, MethodHandle main, String[] args, Schedule schedule) {
      TraceReplay.Replayed r = new TraceReplay(loader, pool, main, args, sites, config).run(schedule, null);
      executions = 1;
      steps = r.trace().size();
      Outcome o = r.outcome();
      Verdict verdict = switch (o.kind()) {
        case VIOLATION -> o.property() == pinmc.check.Property.DEADLOCK ? Verdict.DEADLOCK : Verdict.VIOLATION;
        case COMPLETE -> Verdict.PASS;
        case BOUND -> Verdict.INCONCLUSIVE;
        default -> Verdict.ERROR;
      };
      String message = o.message() != null ? o.message()
          : verdict == Verdict.PASS ? "the schedule ran to completion without a violation" : o.kind().toString();
      return new CheckResult(target.name(), name(), verdict, o.property(), o.invariant(), message, o.details(),
          r.trace(), schedule, stats(o.bound()));
    }
  }
}
