package pinmc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.check.Reduction;
import pinmc.check.Verdict;
import pinmc.embedded.EmbeddedEngine;

/**
 * Runs benchmark series on one or more engines. For each target every engine runs once to
 * warm up, then the measured runs alternate between the engines, so that a slow moment of
 * the machine falls on both; each figure is the median. An engine stops going up a series
 * once its median exceeds the budget. The embedded engine runs each series under the
 * series' reduction, with the other options as given.
 */
public final class Benchmark {
  private final List<Engine> engines;
  private final int runs;
  /** Engines measured more or fewer times than {@link #runs}, by name. */
  private final java.util.Map<String, Integer> runsByEngine;
  private final CheckOptions options;
  private final double budgetMillis;
  private final EmbeddedEngine embedded = new EmbeddedEngine();

  public Benchmark(List<Engine> engines, int runs, CheckOptions options, java.time.Duration budget) {
    this(engines, runs, java.util.Map.of(), options, budget.toMillis());
  }

  private Benchmark(List<Engine> engines, int runs, java.util.Map<String, Integer> runsByEngine, CheckOptions options,
      double budgetMillis) {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1: " + runs);
    }
    if (engines.isEmpty()) {
      throw new IllegalArgumentException("no engine to benchmark");
    }
    this.engines = List.copyOf(engines);
    this.runs = runs;
    this.runsByEngine = java.util.Map.copyOf(runsByEngine);
    this.options = options;
    this.budgetMillis = budgetMillis;
  }

  /**
   * The same benchmark with {@code n} measured runs of engine {@code engine}: JPF's runs take
   * minutes where the embedded engine's take seconds, and vary less in proportion, so the
   * embedded engine's median can come from more runs than JPF's.
   */
  public Benchmark withRuns(String engine, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("runs must be at least 1: " + n);
    }
    java.util.Map<String, Integer> byEngine = new java.util.HashMap<>(runsByEngine);
    byEngine.put(engine, n);
    return new Benchmark(engines, runs, byEngine, options, budgetMillis);
  }

  /** Runs every series; {@code each} hears of every result as it comes. */
  public List<BenchResult> run(List<BenchSeries> series, Consumer<BenchResult> each) {
    List<BenchResult> out = new ArrayList<>();
    for (BenchSeries s : series) {
      Set<String> overBudget = new HashSet<>();
      for (BenchTarget t : s.sizes()) {
        List<Engine> active = engines.stream().filter(e -> !overBudget.contains(e.name())).toList();
        if (active.isEmpty()) {
          break;
        }
        BenchResult r = measure(t, s.reduction(), active);
        for (BenchResult.EngineFigures f : r.engines()) {
          if (f.medianMillis() > budgetMillis) {
            overBudget.add(f.engine());
          }
        }
        each.accept(r);
        out.add(r);
      }
    }
    return out;
  }

  BenchResult measure(BenchTarget t, Reduction reduction, List<Engine> active) {
    CheckOptions options = this.options.toBuilder().reduction(reduction).build();
    CheckResult[] first = new CheckResult[active.size()];
    for (int i = 0; i < active.size(); i++) {
      first[i] = active.get(i).check(t.target(), options); // warm-up: class loading, JIT, JPF's start
    }
    int[] runsOf = new int[active.size()];
    double[][] millis = new double[active.size()][];
    for (int i = 0; i < active.size(); i++) {
      runsOf[i] = runsByEngine.getOrDefault(active.get(i).name(), runs);
      millis[i] = new double[runsOf[i]];
    }
    long[] peak = new long[active.size()];
    for (int r = 0; r < Arrays.stream(runsOf).max().orElseThrow(); r++) {
      for (int i = 0; i < active.size(); i++) {
        if (r >= runsOf[i]) {
          continue;
        }
        resetPeaks();
        long start = System.nanoTime();
        CheckResult result = active.get(i).check(t.target(), options);
        millis[i][r] = (System.nanoTime() - start) / 1e6;
        peak[i] = Math.max(peak[i], heapPeak());
        if (!result.outcome().equals(first[i].outcome())) {
          if (!timedOut(result) && !timedOut(first[i])) {
            throw new IllegalStateException(t.target().name() + " on " + active.get(i).name() + " gave " + result.outcome()
                + " after " + first[i].outcome() + ": the engine is not deterministic");
          }
          // A run near the time limit can finish once and not the next time: that target is
          // reported as cut by the time limit, which also ends the series for this engine.
          if (timedOut(result)) {
            first[i] = result;
          }
        }
      }
    }
    List<BenchResult.EngineFigures> figures = new ArrayList<>();
    long interleavings = -1;
    for (int i = 0; i < active.size(); i++) {
      CheckResult f = first[i];
      boolean isEmbedded = active.get(i).name().equals("embedded");
      figures.add(new BenchResult.EngineFigures(active.get(i).name(), f.verdict(), isEmbedded ? f.stats().executions() : -1,
          isEmbedded ? f.stats().sleepSetBlocked() : -1, isEmbedded ? f.stats().steps() : -1, f.stats().statesNew(),
          median(millis[i]), runsOf[i], peak[i], f.verdict() == Verdict.ERROR ? f.message() : null));
      if (isEmbedded && countsTraces(reduction) && !f.foundBug() && f.stats().boundHit() == null) {
        interleavings = embedded.countInterleavings(t.target(), options);
      }
    }
    return new BenchResult(t, reduction, figures, interleavings);
  }

  /**
   * Whether the search runs every execution to its end, so that its executions' traces can be
   * counted; state caching cuts an execution where it reaches a state seen before, which
   * {@code auto} may turn to.
   */
  static boolean countsTraces(Reduction r) {
    return r == Reduction.DPOR || r == Reduction.SOURCE || r == Reduction.NONE;
  }

  private static boolean timedOut(CheckResult r) {
    return r.stats().boundHit() == pinmc.check.Bound.TIME;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long heapPeak() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
