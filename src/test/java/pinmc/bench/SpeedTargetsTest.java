package pinmc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import pinmc.check.ModelTarget;
import pinmc.check.Reduction;
import pinmc.check.Verdict;

/** The speed targets (issue 13) judged on made-up rows (the figures are given, nothing runs): the ratio column and the line per program. */
class SpeedTargetsTest {
  private static BenchResult.EngineFigures figures(String engine, Verdict verdict, double millis) {
    return new BenchResult.EngineFigures(engine, verdict, 10, 0, 100, 5, millis, 1, 1 << 20,
        verdict == Verdict.ERROR ? "it broke" : null);
  }

  private static BenchResult row(String size, KnownDisagreement known, Verdict embedded, double embeddedMillis, Verdict jpf,
      double jpfMillis) {
    BenchTarget t = new BenchTarget("p", size, ModelTarget.of("p.P", size), -1, known);
    return new BenchResult(t, Reduction.STATEFUL,
        List.of(figures("embedded", embedded, embeddedMillis), figures("jpf", jpf, jpfMillis)), -1);
  }

  private static String ratioCell(BenchResult r) {
    String md = BenchReport.markdown(List.of(r), List.of("embedded", "jpf"));
    String line = md.lines().filter(l -> l.startsWith("| " + r.target().size() + " |")).findFirst().orElseThrow();
    return line.substring(line.lastIndexOf(" | ", line.length() - 3) + 3, line.length() - 2);
  }

  @Test
  void rowsAreJudgedByVerdictTimeAndRatio() {
    KnownDisagreement four = BenchSeries.NOTIFY_WAKES_NOBODY;
    assertEquals(SpeedTargets.Row.MET, SpeedTargets.judge(row("a", null, Verdict.PASS, 100, Verdict.PASS, 1000)));
    assertEquals(SpeedTargets.Row.MISSED, SpeedTargets.judge(row("b", null, Verdict.PASS, 200, Verdict.PASS, 1000)));
    assertEquals(SpeedTargets.Row.JPF_UNDER_A_SECOND, SpeedTargets.judge(row("c", null, Verdict.PASS, 1, Verdict.PASS, 999)));
    assertEquals(SpeedTargets.Row.MET_BY_BOUND, SpeedTargets.judge(row("d", null, Verdict.PASS, 100, Verdict.INCONCLUSIVE, 20000)));
    assertEquals(SpeedTargets.Row.UNKNOWN, SpeedTargets.judge(row("e", null, Verdict.PASS, 5000, Verdict.INCONCLUSIVE, 20000)));
    assertEquals(SpeedTargets.Row.MISSED, SpeedTargets.judge(row("f", null, Verdict.INCONCLUSIVE, 20000, Verdict.PASS, 9000)));
    assertEquals(SpeedTargets.Row.JPF_WRONG_DECIDED, SpeedTargets.judge(row("g", four, Verdict.PASS, 3000, Verdict.DEADLOCK, 500)));
    assertEquals(SpeedTargets.Row.JPF_WRONG_UNDECIDED, SpeedTargets.judge(row("h", four, Verdict.PASS, 3001, Verdict.DEADLOCK, 500)));
    assertEquals(SpeedTargets.Row.UNEXPLAINED_DISAGREEMENT, SpeedTargets.judge(row("i", null, Verdict.PASS, 1, Verdict.DEADLOCK, 500)));
    // Known disagreement 4 is a wrong deadlock: JPF cut by the time limit there is no disagreement.
    assertEquals(SpeedTargets.Row.MET_BY_BOUND, SpeedTargets.judge(row("j", four, Verdict.PASS, 10, Verdict.INCONCLUSIVE, 20000)));
    assertEquals(SpeedTargets.Row.ERROR, SpeedTargets.judge(row("k", null, Verdict.PASS, 10, Verdict.ERROR, 200)));
    // Known disagreement 1 includes JPF getting no verdict at all.
    assertEquals(SpeedTargets.Row.JPF_WRONG_DECIDED,
        SpeedTargets.judge(row("l", BenchSeries.CONDITION_AWAIT, Verdict.PASS, 10, Verdict.INCONCLUSIVE, 20000)));
  }

  @Test
  void theRatioColumnPointsAtTheKnownDisagreementWhereJpfIsWrong() {
    assertEquals("10.0×", ratioCell(row("a", null, Verdict.PASS, 100, Verdict.PASS, 1000)));
    assertEquals("≥ 200.0×", ratioCell(row("d", null, Verdict.PASS, 100, Verdict.INCONCLUSIVE, 20000)));
    assertEquals("jpf wrong: [known disagreement 4](README.md#known-disagreements-with-jpf)",
        ratioCell(row("g", BenchSeries.NOTIFY_WAKES_NOBODY, Verdict.PASS, 30, Verdict.DEADLOCK, 500)));
    assertEquals("verdicts differ", ratioCell(row("i", null, Verdict.PASS, 1, Verdict.DEADLOCK, 500)));
    assertEquals("error", ratioCell(row("k", null, Verdict.PASS, 10, Verdict.ERROR, 200)));
    String md = BenchReport.markdown(List.of(row("k", null, Verdict.PASS, 10, Verdict.ERROR, 200)), List.of("embedded", "jpf"));
    assertTrue(md.contains("- jpf on p.P: it broke"), md);
  }

  @Test
  void theLinePerProgramSaysWhetherEveryRowMeetsTheTargets() {
    KnownDisagreement four = BenchSeries.NOTIFY_WAKES_NOBODY;
    String met = SpeedTargets.summary(List.of(
        row("1", null, Verdict.PASS, 1, Verdict.PASS, 500),
        row("2", null, Verdict.PASS, 100, Verdict.PASS, 1500),
        row("3", four, Verdict.PASS, 800, Verdict.DEADLOCK, 4000)));
    assertEquals("Speed targets (issue 13): at least 10× on every row where JPF is right and needs at least 1 s (1 row, lowest 15.0×): "
        + "met; where JPF is wrong ([known disagreement 4](README.md#known-disagreements-with-jpf)), decisive within 3 s: "
        + "met (1 row, slowest 800 ms).", met);
    String missed = SpeedTargets.summary(List.of(
        row("1", null, Verdict.PASS, 100, Verdict.PASS, 2000),
        row("2", null, Verdict.PASS, 1000, Verdict.PASS, 4700),
        row("3", four, Verdict.PASS, 5000, Verdict.DEADLOCK, 4000)));
    assertTrue(missed.contains("not met on 1 of 2 rows (2 4.7×)"), missed);
    assertTrue(missed.contains("decisive within 3 s: not met on 1 of 1 row (3 5.00 s)"), missed);
    String none = SpeedTargets.summary(List.of(row("1", null, Verdict.PASS, 1, Verdict.PASS, 500)));
    assertTrue(none.startsWith("Speed targets (issue 13): no row where JPF is right and needs at least 1 s"), none);
  }
}
