package pinmc.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.check.ModelTarget;
import pinmc.check.Property;
import pinmc.check.SourceLocation;
import pinmc.check.Stats;
import pinmc.check.TraceStep;
import pinmc.check.Verdict;

class DesignMatrixTest {
  private static final MatrixLayout LAYOUT = MatrixLayout.parse("""
      proposal old | the old way
      proposal new | the new way
      file old-a.jpf | old | inv-a, no-deadlock
      file old-b.jpf | old | inv-a, inv-b
      file new-a.jpf | new | inv-a
      """);

  private static CheckResult result(String target, Verdict verdict, String invariant, int steps) {
    List<TraceStep> trace = java.util.stream.IntStream.range(0, steps)
        .mapToObj(i -> new TraceStep(i, "t", "op", SourceLocation.UNKNOWN)).toList();
    Property property = verdict == Verdict.DEADLOCK ? Property.DEADLOCK : invariant != null ? Property.INVARIANT : null;
    return new CheckResult(target, "stub", verdict, property, invariant, "", List.of(), trace, null, Stats.NONE);
  }

  @Test
  void aViolationAnywhereInTheRowWinsWithTheShortestCounterexample() {
    DesignMatrix m = DesignMatrix.of(LAYOUT, Map.of(
        "old-a.jpf", result("old-a", Verdict.VIOLATION, "inv-a", 9),
        "old-b.jpf", result("old-b", Verdict.VIOLATION, "inv-a", 4),
        "new-a.jpf", result("new-a", Verdict.PASS, null, 0)));
    assertEquals("violated (4 steps)", m.cell("old", "inv-a").text());
    assertEquals("?", m.cell("old", "inv-b").text(), "old-b stopped at inv-a: inv-b is not known");
    assertEquals(Cell.State.UNKNOWN, m.cell("old", "no-deadlock").state(), "old-a stopped at inv-a before any deadlock");
    assertEquals("holds", m.cell("new", "inv-a").text());
    assertEquals("n/a", m.cell("new", "inv-b").text());
  }

  @Test
  void aDeadlockViolatesNoDeadlockAndABoundHitIsUnknown() {
    DesignMatrix m = DesignMatrix.of(LAYOUT, Map.of(
        "old-a.jpf", result("old-a", Verdict.DEADLOCK, null, 7),
        "old-b.jpf", result("old-b", Verdict.PASS, null, 0),
        "new-a.jpf", result("new-a", Verdict.INCONCLUSIVE, null, 0)));
    assertEquals("violated (7 steps)", m.cell("old", "no-deadlock").text());
    assertEquals("holds", m.cell("old", "inv-b").text());
    assertTrue(m.cell("new", "inv-a").note().contains("inconclusive"), m.cell("new", "inv-a").note());
  }

  @Test
  void rendersMarkdownAndAlignedText() {
    DesignMatrix m = DesignMatrix.of(LAYOUT, Map.of(
        "old-a.jpf", result("old-a", Verdict.VIOLATION, "inv-a", 3),
        "old-b.jpf", result("old-b", Verdict.VIOLATION, "inv-a", 5),
        "new-a.jpf", result("new-a", Verdict.PASS, null, 0)));
    assertEquals("""
        | proposal | inv-a | no-deadlock | inv-b |
        | --- | --- | --- | --- |
        | the old way | violated (3 steps) | ? | ? |
        | the new way | holds | n/a | n/a |
        """, m.markdown());
    assertEquals("""
        the old way
          violated: inv-a (3 steps)
          unknown (?): no-deadlock, inv-b
        the new way
          holds: inv-a
        """, m.text());
  }

  @Test
  void computeChecksEachFileOnceAndAnUnreadableFileIsAnError() {
    List<String> checked = new java.util.ArrayList<>();
    Engine stub = new StubEngine(target -> {
      checked.add(target.name());
      return result(target.name(), Verdict.PASS, null, 0);
    });
    DesignMatrix m = DesignMatrix.compute(LAYOUT, stub, CheckOptions.defaults(), Path.of("props"), file -> {
      if (file.endsWith("new-a.jpf")) {
        throw new java.io.IOException("no such file");
      }
      return ModelTarget.of("Model").withName(file.getFileName().toString());
    });
    assertEquals(List.of("old-a.jpf", "old-b.jpf"), checked);
    assertEquals(Verdict.ERROR, m.results().get("new-a.jpf").verdict());
    assertEquals("holds", m.cell("old", "inv-a").text());
    assertEquals(Cell.State.UNKNOWN, m.cell("new", "inv-a").state());
  }
}
