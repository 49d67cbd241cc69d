package pinmc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.check.ModelTarget;
import pinmc.check.Reduction;
import pinmc.check.Verdict;
import pinmc.embedded.EmbeddedEngine;
import pinmc.report.Json;

/** The benchmark's bookkeeping on a few small targets; no timing is asserted. */
class BenchmarkTest {
  private final Engine embedded = new EmbeddedEngine();
  private final Benchmark bench = new Benchmark(List.of(embedded), 1, CheckOptions.defaults(), Duration.ofSeconds(60));

  private BenchResult measure(String program, String mainClass, String... args) {
    return bench.measure(new BenchTarget(program, String.join(" ", args), ModelTarget.of(mainClass, args), -1), Reduction.DPOR,
        List.of(embedded));
  }

  @Test
  void readersExploreOneExecutionPerInterleaving() {
    BenchResult r = measure("readers", "pinmc.literature.Readers", "4");
    BenchResult.EngineFigures f = r.engine("embedded").orElseThrow();
    assertEquals(Verdict.PASS, f.verdict());
    assertEquals(16, f.executions());
    assertEquals(16, r.interleavings());
    assertEquals(1.0, r.redundancy());
    assertTrue(f.steps() > 0 && f.medianMillis() > 0 && f.peakHeapBytes() > 0, r.toString());
  }

  @Test
  void theBlockingProgramsPassAtTheirSmallestSizesUnderTheirOwnReductionAndUnderDpor() {
    // Each program of the blocking series is correct as written (a hand proof in its
    // comment). Under stateful DPOR, the series' own reduction, executions stop at states seen
    // before, so their traces are not counted but their distinct states are; under DPOR every
    // execution is one trace or sleep-set blocked.
    for (BenchSeries s : BenchSeries.blocking(true)) {
      assertEquals(Reduction.STATEFUL, s.reduction(), s.program());
      BenchTarget smallest = s.sizes().get(0);
      BenchResult stateful = bench.measure(smallest, s.reduction(), List.of(embedded));
      BenchResult.EngineFigures f = stateful.engine("embedded").orElseThrow();
      assertEquals(Verdict.PASS, f.verdict(), smallest.target().name());
      assertEquals(Reduction.STATEFUL, stateful.reduction());
      assertEquals(-1, stateful.interleavings(), stateful.toString());
      assertTrue(f.statesNew() > 0, stateful.toString());
      BenchResult dpor = bench.measure(smallest, Reduction.DPOR, List.of(embedded));
      BenchResult.EngineFigures d = dpor.engine("embedded").orElseThrow();
      assertEquals(Verdict.PASS, d.verdict(), smallest.target().name());
      assertEquals(-1, d.statesNew(), dpor.toString());
      assertEquals(dpor.interleavings() + d.sleepSetBlocked(), d.executions(), dpor.toString());
    }
  }

  @Test
  void eachSeriesHasItsReductionAndJpfsKnownDisagreements() {
    assertTrue(BenchSeries.defaults(true).stream().allMatch(s -> s.reduction() == Reduction.DPOR), "the literature stays on dpor");
    Map<String, Integer> disagreements = new java.util.TreeMap<>();
    for (BenchSeries s : BenchSeries.blocking(false)) {
      for (BenchTarget t : s.sizes()) {
        if (t.jpfWrong() != null) {
          disagreements.put(t.program(), t.jpfWrong().number());
        }
      }
      BenchSeries dpor = s.withReduction(Reduction.DPOR);
      assertEquals(Reduction.DPOR, dpor.reduction());
      assertEquals(s.sizes(), dpor.sizes());
    }
    assertEquals(Map.of("buffer-conditions", 1, "semaphore-notify", 4), disagreements);
  }

  @Test
  void eachRowSaysWhichReductionItUsed() {
    BenchTarget barrier = BenchSeries.blocking(true).get(2).sizes().get(0);
    BenchTarget readers = new BenchTarget("readers", "3", ModelTarget.of("pinmc.literature.Readers", "3"), 8);
    List<BenchResult> results = bench.run(List.of(
        new BenchSeries("readers", "test", List.of(readers), Reduction.DPOR),
        new BenchSeries(barrier.program(), "test", List.of(barrier), Reduction.STATEFUL)), r -> {});
    String md = BenchReport.markdown(results, List.of("embedded"));
    assertTrue(md.contains("| size | reduction | verdict | executions | sleep-set blocked | distinct interleavings | distinct states |"), md);
    assertTrue(md.contains("| 3 | dpor | pass | 8 | 0 | 8 (expected 8) | - |"), md);
    long states = results.get(1).engine("embedded").orElseThrow().statesNew();
    assertTrue(md.contains("| " + barrier.size() + " | stateful | pass | "), md);
    assertTrue(md.contains(" | - | " + states + " | "), "the stateful row counts states, not traces: " + md);
    assertEquals("stateful", ((Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(BenchReport.json(results, null)))
        .get("results")).get(1)).get("reduction"));
  }

  @Test
  void sleepSetBlockedExecutionsAreTheOnlySurplus() {
    BenchResult r = measure("lastzero", "pinmc.literature.LastZero", "3");
    BenchResult.EngineFigures f = r.engine("embedded").orElseThrow();
    assertEquals(r.interleavings() + f.sleepSetBlocked(), f.executions(), r.toString());
  }

  @Test
  void aViolationIsNotCountedAsInterleavings() {
    BenchResult r = measure("lost-update", "pinmc.corpus.LostUpdate");
    assertEquals(Verdict.VIOLATION, r.engine("embedded").orElseThrow().verdict());
    assertEquals(-1, r.interleavings());
    assertTrue(Double.isNaN(r.redundancy()));
  }

  /** A second engine that takes a fixed verdict, slowly: the ratio and the budget work on it. */
  private static final class SlowEngine implements Engine {
    private final Verdict verdict;

    SlowEngine() {
      this(Verdict.PASS);
    }

    SlowEngine(Verdict verdict) {
      this.verdict = verdict;
    }

    @Override
    public String name() {
      return "jpf";
    }

    @Override
    public CheckResult check(ModelTarget target, CheckOptions options) {
      try {
        Thread.sleep(400);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new CheckResult(target.name(), name(), verdict, null, null, "", List.of(), List.of(), null,
          new pinmc.check.Stats(0, 0, 0, 0, 30, null, 7, 3));
    }
  }

  @Test
  void anEngineOverBudgetStopsGoingUpTheSeriesAndTheOtherGoesOn() {
    // The budget is far above what filesystem(13-14) takes even on a loaded machine, and far below the slow engine's 400 ms.
    Benchmark twoEngines = new Benchmark(List.of(embedded, new SlowEngine()), 1, CheckOptions.defaults(), Duration.ofMillis(200));
    BenchSeries series = new BenchSeries("filesystem", "test", List.of(
        new BenchTarget("filesystem", "13", ModelTarget.of("pinmc.literature.FileSystem", "13"), -1),
        new BenchTarget("filesystem", "14", ModelTarget.of("pinmc.literature.FileSystem", "14"), -1)), Reduction.DPOR);
    List<BenchResult> results = twoEngines.run(List.of(series), r -> {});
    assertEquals(2, results.size());
    assertTrue(results.get(0).engine("jpf").isPresent());
    assertTrue(results.get(0).ratio("jpf") > 0, results.get(0).toString());
    assertTrue(results.get(1).engine("jpf").isEmpty(), "the slow engine went over budget at the first size");
    String md = BenchReport.markdown(results, List.of("embedded", "jpf"));
    assertTrue(md.contains("| 14 | dpor | pass | 2 | 0 | 2 | - |") && md.contains("over budget"), md);
  }

  @Test
  void aRatioIsGivenOnlyWhereItComparesLikeWithLike() {
    BenchTarget fs = new BenchTarget("filesystem", "14", ModelTarget.of("pinmc.literature.FileSystem", "14"), -1);
    Map<Verdict, String> cells = new java.util.EnumMap<>(Verdict.class);
    for (Verdict jpf : List.of(Verdict.PASS, Verdict.DEADLOCK, Verdict.INCONCLUSIVE)) {
      Engine other = new SlowEngine(jpf);
      BenchResult r = new Benchmark(List.of(embedded, other), 1, CheckOptions.defaults(), Duration.ofSeconds(60))
          .measure(fs, Reduction.DPOR, List.of(embedded, other));
      assertEquals(jpf == Verdict.DEADLOCK, r.verdictsDiffer("jpf"), r.toString());
      String md = BenchReport.markdown(List.of(r), List.of("embedded", "jpf"));
      assertEquals(jpf == Verdict.DEADLOCK, md.contains("no known disagreement explains it"), md);
      String row = md.lines()
          .filter(l -> l.startsWith("| 14 |")).findFirst().orElseThrow();
      cells.put(jpf, row.substring(row.lastIndexOf(" | ", row.length() - 3) + 3, row.length() - 2));
    }
    assertTrue(cells.get(Verdict.PASS).matches("\\d+\\.\\d×"), cells.toString());
    assertEquals("verdicts differ", cells.get(Verdict.DEADLOCK), "a wrong verdict is not a speed-up");
    assertTrue(cells.get(Verdict.INCONCLUSIVE).matches("≥ \\d+\\.\\d×"), "a cut run gives a lower bound: " + cells);
  }

  @Test
  void jpfCanBeMeasuredFewerTimesThanTheEmbeddedEngine() {
    BenchTarget fs = new BenchTarget("filesystem", "13", ModelTarget.of("pinmc.literature.FileSystem", "13"), -1);
    Engine jpf = new SlowEngine();
    BenchResult r = new Benchmark(List.of(embedded, jpf), 3, CheckOptions.defaults(), Duration.ofSeconds(60))
        .withRuns("jpf", 1).measure(fs, Reduction.DPOR, List.of(embedded, jpf));
    assertEquals(3, r.engine("embedded").orElseThrow().runs(), r.toString());
    assertEquals(1, r.engine("jpf").orElseThrow().runs(), r.toString());
    assertThrows(IllegalArgumentException.class, () -> bench.withRuns("jpf", 0));
  }

  @Test
  void jsonCarriesEveryEngine() {
    List<BenchResult> results = List.of(measure("filesystem", "pinmc.literature.FileSystem", "14"));
    Map<?, ?> json = (Map<?, ?>) Json.parse(BenchReport.json(results, null));
    Map<?, ?> row = (Map<?, ?>) ((List<?>) json.get("results")).get(0);
    assertEquals("filesystem", row.get("program"));
    assertEquals(2L, row.get("interleavings"));
    Map<?, ?> e = (Map<?, ?>) ((List<?>) row.get("engines")).get(0);
    assertEquals("embedded", e.get("engine"));
    assertEquals(2L, e.get("executions"));
  }

  @Test
  void atLeastOneRunIsNeeded() {
    assertThrows(IllegalArgumentException.class,
        () -> new Benchmark(List.of(embedded), 0, CheckOptions.defaults(), Duration.ofSeconds(1)));
  }
}
