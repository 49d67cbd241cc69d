package pinmc.cli;

import java.time.Duration;
import pinmc.check.CheckOptions;
import pinmc.check.Reduction;
import picocli.CommandLine.Option;

/** How to search: the bounds and switches of {@link CheckOptions}, for the commands that search. */
final class SearchOptions {
  @Option(names = "--max-steps", paramLabel = "N",
      description = "Steps one execution may take before it is taken for a spinning thread (default: "
          + CheckOptions.DEFAULT_MAX_STEPS + ").")
  Integer maxSteps;

  @Option(names = "--preemption-bound", paramLabel = "N",
      description = "Explore only schedules with at most N preemptions, fewest first (default: no bound).")
  Integer preemptionBound;

  @Option(names = "--max-executions", paramLabel = "N", description = "Stop after N executions (default: no limit).")
  Long maxExecutions;

  @Option(names = "--time-limit", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop after this long, e.g. 30s, 5m, 1h30m (default: no limit).")
  Duration timeLimit;

  @Option(names = "--reduction", paramLabel = "auto|dpor|source|none|states|stateful",
      description = "auto (default) is dpor until a thread waits on a monitor or condition or parks, then starts again as stateful; "
          + "dpor (optimal DPOR with wakeup trees) explores one interleaving per equivalence class; "
          + "source (source-set DPOR without wakeup trees) may also start redundant ones that its sleep sets cut short; "
          + "none explores every interleaving; states explores every interleaving but stops where an execution reaches "
          + "a state (heap, threads' frames, locks) reached before; stateful is source-set DPOR that stops where an "
          + "execution reaches a state whose future was explored (best where threads block and wake each other).")
  Reduction reduction;

  @Option(names = "--races", description = "Also report data races (conflicting accesses to a non-volatile field or array element not ordered by synchronisation) as violations.")
  boolean races;

  @Option(names = "--minimize", description = "After a violation, search every schedule for the shortest counterexample "
      + "with the same outcome (fewest steps, then fewest preemptions); by default the search goes on only a little.")
  boolean minimize;

  /**
   * The options as given. A bound out of range (say {@code --max-steps 0}) is bad input:
   * {@link CheckOptions} refuses it and the message says why.
   */
  CheckOptions.Builder toBuilder() throws InputException {
    CheckOptions.Builder b = CheckOptions.builder();
    try {
      if (maxSteps != null) {
        b.maxSteps(maxSteps);
      }
      if (preemptionBound != null) {
        b.preemptionBound(preemptionBound);
      }
      if (maxExecutions != null) {
        b.maxExecutions(maxExecutions);
      }
      if (reduction != null) {
        b.reduction(reduction);
      }
      return b.timeLimit(timeLimit).detectRaces(races).minimize(minimize);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
  }
}
