package pinmc.bench;

import pinmc.check.Verdict;

/**
 * The figures for one target.
 *
 * @param target what was run
 * @param verdict the verdict (the same in every run, or the benchmark says so)
 * @param executions executions of one search
 * @param sleepSetBlocked of those, executions cut by sleep sets
 * @param interleavings distinct interleavings among the explored executions (one per
 *     Mazurkiewicz trace), or -1 if not counted (a violation or a bound ends the search early)
 * @param steps steps of one search
 * @param medianMillis median wall-clock time to verdict over the measured runs
 * @param runs measured runs (after one warm-up run)
 * @param peakHeapBytes the largest heap use seen during the measured runs
 */
public record BenchResult(
    BenchTarget target,
    Verdict verdict,
    long executions,
    long sleepSetBlocked,
    long interleavings,
    long steps,
    double medianMillis,
    int runs,
    long peakHeapBytes) {

  public double stepsPerSecond() {
    return medianMillis <= 0 ? 0 : steps * 1000.0 / medianMillis;
  }

  public double executionsPerSecond() {
    return medianMillis <= 0 ? 0 : executions * 1000.0 / medianMillis;
  }

  /** Executions per distinct interleaving: 1.0 is what optimal DPOR achieves. */
  public double redundancy() {
    return interleavings <= 0 ? Double.NaN : (double) executions / interleavings;
  }
}
