package pinmc.bench;

import java.util.List;
import java.util.Optional;
import pinmc.check.Reduction;
import pinmc.check.Verdict;

/**
 * The figures for one target, per engine.
 *
 * @param target what was run
 * @param reduction the embedded engine's reduction
 * @param engines one entry per engine that ran it (an engine that went over its budget on a
 *     smaller size of the series is left out)
 * @param interleavings distinct interleavings among the embedded engine's explored
 *     executions (one per Mazurkiewicz trace), or -1 if not counted (a violation, a cut
 *     search, or a reduction with state caching, whose executions stop at states seen before)
 */
public record BenchResult(BenchTarget target, Reduction reduction, List<EngineFigures> engines, long interleavings) {

  /**
   * One engine's figures.
   *
   * @param engine its name
   * @param verdict the verdict (the same in every run, or the benchmark fails)
   * @param executions executions of one search (-1 if the engine does not count them)
   * @param sleepSetBlocked of those, cut by sleep sets (-1 if not counted)
   * @param steps steps of one search (-1 if not counted)
   * @param statesNew new states (JPF), distinct states (the embedded engine with state caching), or -1
   * @param medianMillis median wall-clock time to verdict over the measured runs
   * @param runs measured runs (after one warm-up run)
   * @param peakHeapBytes the largest heap use of this JVM seen during the runs (a child JVM's is not seen)
   * @param error what went wrong where the verdict is {@link Verdict#ERROR}, else null
   */
  public record EngineFigures(String engine, Verdict verdict, long executions, long sleepSetBlocked, long steps,
      long statesNew, double medianMillis, int runs, long peakHeapBytes, String error) {

    public double stepsPerSecond() {
      return medianMillis <= 0 || steps < 0 ? 0 : steps * 1000.0 / medianMillis;
    }

    public double executionsPerSecond() {
      return medianMillis <= 0 || executions < 0 ? 0 : executions * 1000.0 / medianMillis;
    }
  }

  public Optional<EngineFigures> engine(String name) {
    return engines.stream().filter(e -> e.engine().equals(name)).findFirst();
  }

  /** The embedded engine's executions per distinct interleaving: 1.0 is what optimal DPOR achieves. */
  public double redundancy() {
    Optional<EngineFigures> e = engine("embedded");
    return interleavings <= 0 || e.isEmpty() ? Double.NaN : (double) e.get().executions() / interleavings;
  }

  /**
   * Whether both engines reached a verdict (pass, violation or deadlock) and the verdicts
   * differ: then one of them is wrong, and their times are not comparable.
   */
  public boolean verdictsDiffer(String other) {
    Optional<EngineFigures> e = engine("embedded");
    Optional<EngineFigures> o = engine(other);
    return e.isPresent() && o.isPresent() && decisive(e.get().verdict()) && decisive(o.get().verdict())
        && e.get().verdict() != o.get().verdict();
  }

  static boolean decisive(Verdict v) {
    return v == Verdict.PASS || v == Verdict.VIOLATION || v == Verdict.DEADLOCK;
  }

  /** How many times longer {@code other} took than the embedded engine, or NaN. */
  public double ratio(String other) {
    Optional<EngineFigures> e = engine("embedded");
    Optional<EngineFigures> o = engine(other);
    return e.isEmpty() || o.isEmpty() || e.get().medianMillis() <= 0 ? Double.NaN : o.get().medianMillis() / e.get().medianMillis();
  }
}
