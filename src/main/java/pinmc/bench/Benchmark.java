package pinmc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.embedded.EmbeddedEngine;

/** Runs benchmark targets on the embedded engine and collects {@link BenchResult}s. */
public final class Benchmark {
  private final EmbeddedEngine engine = new EmbeddedEngine();
  private final int runs;
  private final CheckOptions options;

  /** {@code runs} measured runs per target, after one warm-up run that is not counted. */
  public Benchmark(int runs, CheckOptions options) {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1: " + runs);
    }
    this.runs = runs;
    this.options = options;
  }

  public List<BenchResult> run(List<BenchTarget> targets, Consumer<BenchResult> each) {
    List<BenchResult> out = new ArrayList<>();
    for (BenchTarget t : targets) {
      BenchResult r = measure(t);
      each.accept(r);
      out.add(r);
    }
    return out;
  }

  BenchResult measure(BenchTarget t) {
    CheckResult first = engine.check(t.target(), options); // warm-up: class loading, JIT
    double[] millis = new double[runs];
    long peak = 0;
    for (int i = 0; i < runs; i++) {
      resetPeaks();
      long start = System.nanoTime();
      CheckResult r = engine.check(t.target(), options);
      millis[i] = (System.nanoTime() - start) / 1e6;
      peak = Math.max(peak, heapPeak());
      if (!r.outcome().equals(first.outcome()) || r.stats().executions() != first.stats().executions()) {
        throw new IllegalStateException(t.target().name() + " gave " + r.outcome() + " in " + r.stats().executions()
            + " executions after " + first.outcome() + " in " + first.stats().executions() + ": the engine is not deterministic");
      }
    }
    Arrays.sort(millis);
    double median = runs % 2 == 1 ? millis[runs / 2] : (millis[runs / 2 - 1] + millis[runs / 2]) / 2;
    long interleavings = first.foundBug() || first.stats().boundHit() != null ? -1 : engine.countInterleavings(t.target(), options);
    return new BenchResult(t, first.verdict(), first.stats().executions(), first.stats().sleepSetBlocked(), interleavings,
        first.stats().steps(), median, runs, peak);
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
