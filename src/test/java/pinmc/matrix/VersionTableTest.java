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
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The kernel-version table from canned results: which release is exposed, which fixed, and unknowns shown as such. */
class VersionTableTest {
  private static final VersionTable TABLE = VersionTable.parse("""
      # comment
      scenario race | a race | "fix it" (5.1)
      file race-5.0.jpf | race
      file race-5.1.jpf | race
      file race-5.2.jpf | race
      """);

  private static CheckResult result(String target, Verdict verdict, int steps) {
    List<TraceStep> trace = java.util.stream.IntStream.range(0, steps)
        .mapToObj(i -> new TraceStep(i, "t", "op", SourceLocation.UNKNOWN)).toList();
    Property property = verdict == Verdict.VIOLATION ? Property.INVARIANT : null;
    return new CheckResult(target, "stub", verdict, property, verdict == Verdict.VIOLATION ? "inv" : null, "", List.of(), trace, null, Stats.NONE);
  }

  @Test
  void exposedAndFixedReleasesComeFromTheVerdictsAndTheVersionArgument() {
    Engine never = new StubEngine(target -> {
      throw new AssertionError("known results are reused, not checked again: " + target.name());
    });
    Map<String, CheckResult> known = Map.of(
        "race-5.0.jpf", result("race-5.0", Verdict.VIOLATION, 12),
        "race-5.1.jpf", result("race-5.1", Verdict.PASS, 0),
        "race-5.2.jpf", result("race-5.2", Verdict.INCONCLUSIVE, 0));
    Map<String, List<VersionTable.Outcome>> outcomes = TABLE.compute(never, CheckOptions.defaults(), Path.of("props"),
        file -> ModelTarget.of("M", "v", "version=" + file.getFileName().toString().replace("race-", "").replace(".jpf", "")), known);
    assertEquals(List.of("a race", "5.0 (12 steps), ? 5.2 (inconclusive)", "5.1", "\"fix it\" (5.1)"), TABLE.rows(outcomes).get(1));
    assertEquals("""
        | scenario | exposed on (counterexample) | fixed on | closed by |
        | --- | --- | --- | --- |
        | a race | 5.0 (12 steps), ? 5.2 (inconclusive) | 5.1 | "fix it" (5.1) |
        """, TABLE.markdown(outcomes));
    assertTrue(TABLE.text(outcomes).startsWith("a race\n  exposed on: 5.0 (12 steps)"), TABLE.text(outcomes));
  }

  @Test
  void malformedLinesAndUnknownScenariosNameTheLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VersionTable.parse("file x.jpf | nope\n"));
    assertTrue(e.getMessage().startsWith("line 1:"), e.getMessage());
  }

  @Test
  void longTextWrapsWithinOneHundredColumns() {
    StringBuilder sb = new StringBuilder();
    TextBlocks.wrap(sb, "closed by: " + "word ".repeat(60));
    assertTrue(sb.toString().lines().allMatch(l -> l.length() <= TextBlocks.WIDTH), sb.toString());
    assertTrue(sb.toString().lines().count() > 2);
  }
}
