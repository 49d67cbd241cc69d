package pinmc.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.models.Counter;
import e2e.models.TwoWaysToDrain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Verdict;

/** After the first counterexample the search goes on for a shorter one, and never changes the verdict. */
class ShortestCounterexampleTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private CheckResult check(Class<?> model, CheckOptions options, String... args) {
    return engine.check(ModelTarget.of(model, args), options);
  }

  @ParameterizedTest
  @ValueSource(strings = {"choice", "threads"})
  void aShorterCounterexampleFoundAfterTheFirstIsTheOneReported(String variant) {
    // One execution: the search stops at the first counterexample (the slow way).
    CheckResult first = check(TwoWaysToDrain.class, CheckOptions.builder().maxExecutions(1).build(), variant);
    // Default: the search goes on while it is cheap, here to its end.
    CheckResult shortest = check(TwoWaysToDrain.class, CheckOptions.defaults(), variant);
    assertEquals("violation:a-buffer-stays-free", first.outcome(), first.message());
    assertEquals(first.outcome(), shortest.outcome(), "the verdict does not change");
    assertTrue(shortest.trace().size() < first.trace().size(),
        "reported " + shortest.trace().size() + " steps, the first found had " + first.trace().size());
    assertTrue(shortest.trace().stream().noneMatch(s -> s.op().contains("BOOKED")), "the quick way: " + shortest.trace());
    assertFalse(first.minimized().shortest(), "cut by --max-executions: " + first.minimized().text());
    assertTrue(shortest.minimized().shortest(), shortest.minimized().text());
    assertTrue(shortest.minimized().failingExecutions() >= 2, shortest.minimized().text());
    // The reported schedule replays to the same outcome.
    CheckResult replayed = engine.replay(ModelTarget.of(TwoWaysToDrain.class, variant), CheckOptions.defaults(),
        shortest.schedule());
    assertEquals(shortest.outcome(), replayed.outcome());
    assertEquals(shortest.trace().size(), replayed.trace().size());
  }

  @Test
  void aFailureIsCutToTheStepsItDependsOn() {
    CheckResult r = check(Counter.class, CheckOptions.defaults(), "buggy");
    assertEquals(Verdict.VIOLATION, r.verdict(), r.message());
    assertNotNull(r.minimized());
    // Every step shown is in the failing check's past: nothing is cut that the failure needs.
    CheckResult replayed = engine.replay(ModelTarget.of(Counter.class, "buggy"), CheckOptions.defaults(), r.schedule());
    assertEquals(r.outcome(), replayed.outcome());
  }

  @Test
  void withoutMinimizeTheSearchStopsSoonAfterTheFirstAndSaysSo() {
    CheckResult cheap = check(TwoWaysToDrain.class, CheckOptions.defaults(), "crowded");
    CheckResult full = check(TwoWaysToDrain.class, CheckOptions.builder().minimize(true).build(), "crowded");
    assertEquals("violation:a-buffer-stays-free", cheap.outcome(), cheap.message());
    assertEquals(cheap.outcome(), full.outcome(), "the verdict does not change");
    assertFalse(cheap.minimized().shortest(), cheap.minimized().text());
    assertTrue(cheap.minimized().why().contains("--minimize"), "says how to search on: " + cheap.minimized().why());
    assertTrue(full.minimized().shortest(), full.minimized().text());
    assertTrue(full.stats().executions() > cheap.stats().executions());
    assertTrue(full.trace().size() <= cheap.trace().size(), full.trace().size() + " > " + cheap.trace().size());
  }
}
