package pinmc.embedded;

import java.lang.invoke.MethodHandle;
import java.util.List;
import pinmc.check.Schedule;
import pinmc.check.TraceStep;
import pinmc.embedded.instrument.ModelClassLoader;
import pinmc.embedded.runtime.CarrierPool;
import pinmc.embedded.runtime.Execution;
import pinmc.embedded.runtime.ExecutionConfig;
import pinmc.embedded.runtime.Outcome;
import pinmc.embedded.runtime.Sites;
import pinmc.embedded.search.Explorer;

/**
 * Runs one schedule of a check's model again with the trace recorder on, so that every step
 * is written down in words: the trace of a counterexample, or of a schedule the user gave.
 */
final class TraceReplay {
  private final ModelClassLoader loader;
  private final CarrierPool pool;
  private final MethodHandle main;
  private final String[] args;
  private final Sites sites;
  private final ExecutionConfig config;

  TraceReplay(ModelClassLoader loader, CarrierPool pool, MethodHandle main, String[] args, Sites sites,
      ExecutionConfig config) {
    this.loader = loader;
    this.pool = pool;
    this.main = main;
    this.args = args;
    this.sites = sites;
    this.config = config;
  }

  /**
   * A replayed schedule: its steps in words, how it ended, and a note when it did not end as
   * it did in the search.
   */
  record Replayed(Schedule schedule, List<TraceStep> trace, Outcome outcome, String note) {}

  /** Runs {@code schedule}; with {@code signatures} (one per decision), a step that differs from them is a divergence. */
  Replayed run(Schedule schedule, long[] signatures) {
    Explorer explorer = Explorer.following(Failure.scheduleArray(schedule), signatures);
    if (config.detectRaces()) {
      explorer.log().detectRaces();
    }
    explorer.startExecution();
    Execution ex = new Execution(explorer, pool, sites, loader, config, true);
    Outcome o;
    List<TraceStep> steps;
    try (DescribedCalls.Recording described = DescribedCalls.record(loader, explorer.log())) {
      o = ex.run(main, args, () -> {});
      steps = described.applyTo(ex.traceSteps());
    }
    String note = null;
    if (o.kind() == Outcome.Kind.DIVERGED) {
      note = "replaying the counterexample diverged: " + o.message();
    }
    return new Replayed(schedule, steps, o, note);
  }

  /**
   * The replay of a failing execution: cut to the steps its failure depends on, or as found
   * if the cut one does not fail the same way (then its outcome is the one the search saw).
   */
  Replayed ofFailure(Failure failure) {
    Outcome o = failure.outcome();
    if (failure.cut() != null) {
      Replayed cut = run(Failure.toSchedule(failure.cut()), failure.cutSignatures());
      Outcome c = cut.outcome();
      if (c.kind() == Outcome.Kind.VIOLATION && c.property() == o.property()
          && java.util.Objects.equals(c.invariant(), o.invariant())) {
        return cut;
      }
    }
    return run(Failure.toSchedule(failure.schedule()), failure.signatures());
  }
}
