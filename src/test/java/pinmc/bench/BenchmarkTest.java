package pinmc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.check.ModelTarget;
import pinmc.check.Verdict;
import pinmc.report.Json;

/** The benchmark's bookkeeping on a few small targets; no timing is asserted. */
class BenchmarkTest {
  private final Benchmark bench = new Benchmark(1, CheckOptions.defaults());

  @Test
  void readersExploreOneExecutionPerInterleaving() {
    BenchResult r = bench.measure(new BenchTarget("readers", "4", ModelTarget.of("pinmc.literature.Readers", "4"), 16));
    assertEquals(Verdict.PASS, r.verdict());
    assertEquals(16, r.executions());
    assertEquals(16, r.interleavings());
    assertEquals(1.0, r.redundancy());
    assertTrue(r.steps() > 0 && r.medianMillis() > 0 && r.peakHeapBytes() > 0, r.toString());
  }

  @Test
  void sleepSetBlockedExecutionsAreTheOnlySurplus() {
    BenchResult r = bench.measure(new BenchTarget("lastzero", "3", ModelTarget.of("pinmc.literature.LastZero", "3"), -1));
    assertEquals(r.interleavings() + r.sleepSetBlocked(), r.executions(), r.toString());
  }

  @Test
  void aViolationIsNotCountedAsInterleavings() {
    BenchResult r = bench.measure(new BenchTarget("lost-update", "2", ModelTarget.of("pinmc.corpus.LostUpdate"), -1));
    assertEquals(Verdict.VIOLATION, r.verdict());
    assertEquals(-1, r.interleavings());
    assertTrue(Double.isNaN(r.redundancy()));
  }

  @Test
  void reportsListEveryTarget() {
    List<BenchResult> results = List.of(
        bench.measure(new BenchTarget("filesystem", "14", ModelTarget.of("pinmc.literature.FileSystem", "14"), 2)));
    String md = BenchReport.markdown(results);
    assertTrue(md.contains("| filesystem | 14 | pass | 2 | 0 | 2 | 1.00 |"), md);
    Map<?, ?> json = (Map<?, ?>) Json.parse(BenchReport.json(results));
    Map<?, ?> row = (Map<?, ?>) ((List<?>) json.get("results")).get(0);
    assertEquals("filesystem", row.get("program"));
    assertEquals(2L, row.get("interleavings"));
  }

  @Test
  void atLeastOneRunIsNeeded() {
    assertThrows(IllegalArgumentException.class, () -> new Benchmark(0, CheckOptions.defaults()));
  }
}
