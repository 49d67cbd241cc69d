package pinmc.embedded;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import pinmc.check.Bound;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Minimization;
import pinmc.check.Engine;
import pinmc.check.ModelTarget;
import pinmc.check.ProgressListener;
import pinmc.check.Reduction;
import pinmc.check.Schedule;
import pinmc.check.Verdict;
import pinmc.embedded.instrument.ModelClassLoader;
import pinmc.embedded.runtime.CarrierPool;
import pinmc.embedded.runtime.ExecutionConfig;
import pinmc.embedded.runtime.Outcome;
import pinmc.embedded.runtime.Sites;
import pinmc.embedded.search.Explorer;

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
    // Counting looks for no races and reports no progress: its executions are a check's again.
    // Counting needs every execution run to its end, which a stateful search does not do.
    Reduction reduction = options.reduction() == Reduction.AUTO ? Reduction.DPOR : options.reduction();
    CheckOptions counting = options.toBuilder().noPreemptionBound().detectRaces(false).progress(ProgressListener.NONE)
        .reduction(reduction).build();
    return new Check(target, counting).countTraces();
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
    private final long startNanos = System.nanoTime();
    /** The loop of this check, once the model is loaded. */
    private CheckLoop loop;

    Check(ModelTarget target, CheckOptions options) {
      this.target = target;
      this.options = options;
      this.config = new ExecutionConfig(options.maxSteps(), options.localProgressTimeout(), options.enumerateRandom(),
          MAX_LOCAL_BACK_EDGES, options.detectRaces());
    }

    CheckResult run(Schedule replay) {
      return withModel(m -> replay != null ? replaySchedule(m, replay) : search(m),
          bad -> CheckResult.error(target.name(), name(), bad.getMessage()));
    }

    long countTraces() {
      return withModel(m -> loop.run(-1, new TraceCount()), bad -> -1L);
    }

    /** Loads the model, runs {@code check} on it, and closes its class loader and carriers. */
    private <R> R withModel(Function<CheckLoop.Model, R> check, Function<ModelMain.BadTarget, R> badTarget) {
      ModelClassLoader loader = new ModelClassLoader(target.classpath(), EmbeddedEngine.class.getClassLoader(), sites);
      try (CarrierPool pool = new CarrierPool()) {
        MethodHandle main;
        try {
          main = ModelMain.find(target, loader);
        } catch (ModelMain.BadTarget e) {
          return badTarget.apply(e);
        }
        CheckLoop.Model m = new CheckLoop.Model(loader, pool, main, target.args().toArray(String[]::new));
        loop = new CheckLoop(options, sites, config, m, startNanos);
        return check.apply(m);
      } finally {
        try {
          loader.close();
        } catch (IOException e) {
          // nothing to do: the check is over
        }
      }
    }

    /** Trace counting's use of the loop: the distinct traces, or -1 if an execution did not complete. */
    private final class TraceCount implements CheckLoop.Passes<Long> {
      @Override
      public void explorerStarted(Explorer explorer) {
        explorer.countTraces();
      }

      @Override
      public Long outOfBudget(Bound limit) {
        return -1L;
      }

      @Override
      public Long executed(Explorer explorer, Outcome o) {
        if (o.kind() == Outcome.Kind.COMPLETE) {
          explorer.countTrace();
        } else if (o.kind() != Outcome.Kind.SLEEP_BLOCKED) {
          return -1L;
        }
        return null;
      }

      @Override
      public Long passEnded(Explorer explorer, int bound) {
        return explorer.distinctTraces();
      }
    }

    private CheckResult search(CheckLoop.Model m) {
      if (options.reduction() == Reduction.STATES || options.reduction() == Reduction.STATEFUL) {
        String refused = pinmc.embedded.runtime.StateCaching.refusal(options);
        if (refused != null) {
          return CheckResult.error(target.name(), name(), refused);
        }
      }
      return loop.run(options.preemptionBound().orElse(-1), new Search(m));
    }

    /** The search's use of the loop: the verdict, and after a counterexample the hunt for a shorter one. */
    private final class Search implements CheckLoop.Passes<CheckResult> {
      private final CheckLoop.Model m;
      private final int maxBound = options.preemptionBound().orElse(-1);
      /** A bound that cut an execution of this pass short, and how. */
      private Bound boundHit;
      private String boundDetail;
      // After the first counterexample the search goes on for a shorter one with the same
      // outcome; the verdict is decided by then and nothing later changes it.
      private Shortest shortest;

      Search(CheckLoop.Model m) {
        this.m = m;
      }

      @Override
      public CheckResult outOfBudget(Bound limit) {
        if (shortest != null) {
          return shortest.report("the search's " + limit.optionName() + " stopped it", false, m);
        }
        return inconclusive(limit, "the search stopped at its " + limit.optionName() + " after " + loop.executions()
            + " executions");
      }

      @Override
      public CheckResult beforeExecution() {
        if (shortest != null && shortest.cheapPartSpent()) {
          return shortest.report("the search stopped " + CHEAP_EXTRA_EXECUTIONS
              + " executions after the first counterexample; --minimize searches on", false, m);
        }
        return null;
      }

      @Override
      public CheckResult executed(Explorer explorer, Outcome o) {
        switch (o.kind()) {
          case VIOLATION -> {
            explorer.lastStepFailed();
            if (shortest == null) {
              shortest = new Shortest(Failure.of(explorer, o), loop.executions());
            } else {
              shortest.consider(explorer, o);
            }
          }
          case ERROR, DIVERGED -> {
            if (shortest != null) {
              return shortest.report("a later execution ended in an error: " + o.message(), false, m);
            }
            return CheckResult.error(target.name(), name(), o.message()).withStats(loop.stats(null));
          }
          case BOUND -> {
            boundHit = o.bound();
            boundDetail = o.message();
            if (o.bound() == Bound.LOCAL_PROGRESS) {
              if (shortest != null) {
                return shortest.report("a later execution stopped making progress", false, m);
              }
              return inconclusive(boundHit, boundDetail);
            }
          }
          default -> {
            // complete, sleep-set blocked or cut by the preemption bound: go on
          }
        }
        return null;
      }

      @Override
      public CheckResult passEnded(Explorer explorer, int bound) {
        if (shortest != null) {
          if (boundHit != null && boundHit != Bound.PREEMPTIONS) {
            return shortest.report("the search ran to its end, but " + boundHit.optionName() + " cut some executions short",
                false, m);
          }
          boolean bounded = bound >= 0 && explorer.preemptionBoundHit();
          return shortest.report(bounded ? "among schedules with at most " + bound + " preemptions" : "the search ran to its end",
              true, m);
        }
        if (boundHit == null && explorer.preemptionBoundHit()) {
          boundHit = Bound.PREEMPTIONS;
          boundDetail = "schedules with more than " + bound + " preemptions were not explored";
        }
        if (boundHit == Bound.PREEMPTIONS && bound < maxBound) {
          // the next pass allows one more preemption; what cut this one does not cut it
          boundHit = null;
          boundDetail = null;
          return null;
        }
        if (boundHit != null) {
          return inconclusive(boundHit, boundDetail);
        }
        return new CheckResult(target.name(), name(), Verdict.PASS, null, null,
            "no violation in " + loop.executions() + " executions", List.of(), List.of(), null, loop.stats(null));
      }
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
        return !options.minimize() && loop.executions() - firstFoundAt >= CHEAP_EXTRA_EXECUTIONS;
      }

      CheckResult report(String why, boolean complete, CheckLoop.Model m) {
        Outcome o = best.outcome();
        Verdict verdict = o.property() == pinmc.check.Property.DEADLOCK ? Verdict.DEADLOCK : Verdict.VIOLATION;
        Minimization minimization = new Minimization(complete, failing, failing + (failing == 1 ? " failing execution, " : " failing executions, ")
            + why);
        return finishFailure(verdict, best, minimization, m);
      }
    }

    /** An inconclusive result: a bound cut the search before it found anything. */
    private CheckResult inconclusive(Bound bound, String message) {
      return new CheckResult(target.name(), name(), Verdict.INCONCLUSIVE, null, null, message, List.of(), List.of(), null,
          loop.stats(bound));
    }

    /**
     * The result for a counterexample: replays it with the recorder on, first cut to the steps
     * its failure depends on, and as found if the cut one does not fail the same way.
     */
    private CheckResult finishFailure(Verdict verdict, Failure failure, Minimization minimized, CheckLoop.Model m) {
      TraceReplay.Replayed r = new TraceReplay(m.loader(), m.pool(), m.main(), m.args(), sites, config).ofFailure(failure);
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
          r.trace(), r.schedule(), loop.stats(null), minimized);
    }

    private CheckResult replaySchedule(CheckLoop.Model m, Schedule schedule) {
      TraceReplay.Replayed r = new TraceReplay(m.loader(), m.pool(), m.main(), m.args(), sites, config).run(schedule, null);
      loop.countReplay(r.trace().size());
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
          r.trace(), schedule, loop.stats(o.bound()));
    }
  }
}
