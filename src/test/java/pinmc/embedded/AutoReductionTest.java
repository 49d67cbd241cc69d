package pinmc.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Reduction;
import pinmc.corpus.LostUpdate;
import pinmc.corpus.WaitThenLoseAnUpdate;

/**
 * {@link Reduction#AUTO}, the default: DPOR until a thread waits on a monitor or a condition,
 * then stateful DPOR from the start.
 */
class AutoReductionTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private CheckResult check(ModelTarget target, CheckOptions.Builder options) {
    return engine.check(target, options.maxSteps(2_000).build());
  }

  private CheckResult check(ModelTarget target, Reduction reduction) {
    return check(target, CheckOptions.builder().reduction(reduction));
  }

  @Test
  void autoIsTheDefault() {
    assertEquals(Reduction.AUTO, CheckOptions.builder().build().reduction());
  }

  @Test
  void aProgramWhoseThreadsWaitIsSearchedStatefully() {
    ModelTarget buffer = ModelTarget.of("pinmc.blocking.MonitorBuffer", "2", "2", "1");
    CheckResult auto = check(buffer, Reduction.AUTO);
    CheckResult stateful = check(buffer, Reduction.STATEFUL);
    CheckResult dpor = check(buffer, Reduction.DPOR);
    assertEquals("pass", auto.outcome(), auto.message());
    assertEquals(Reduction.STATEFUL, auto.stats().reduction());
    assertEquals(Reduction.DPOR, dpor.stats().reduction());
    // The executions before the first wait count too; the search after them is stateful DPOR's.
    long before = auto.stats().executions() - stateful.stats().executions();
    assertTrue(before >= 1 && before < dpor.stats().executions(), auto.stats() + " vs " + stateful.stats());
    assertTrue(auto.stats().statesNew() > 0, "no states were fingerprinted");
  }

  @Test
  void aViolationAfterTheSwitchIsFound() {
    CheckResult auto = check(ModelTarget.of(WaitThenLoseAnUpdate.class, new String[0]), Reduction.AUTO);
    assertEquals("violation:assertion", auto.outcome(), auto.message());
    assertTrue(auto.message().contains("lost update: counter = 1"), auto.message());
    assertEquals(Reduction.STATEFUL, auto.stats().reduction());
  }

  @Test
  void aProgramThatNeverWaitsIsSearchedByDpor() {
    CheckResult auto = check(ModelTarget.of(LostUpdate.class, new String[0]), Reduction.AUTO);
    CheckResult dpor = check(ModelTarget.of(LostUpdate.class, new String[0]), Reduction.DPOR);
    assertEquals(dpor.outcome(), auto.outcome());
    assertEquals(Reduction.DPOR, auto.stats().reduction());
    assertEquals(dpor.stats().executions(), auto.stats().executions());
  }

  /** Stateful DPOR refuses a preemption bound and data races; auto then stays DPOR rather than refuse. */
  @Test
  void underOptionsStatefulDporRefusesAutoStaysDpor() {
    ModelTarget buffer = ModelTarget.of("pinmc.blocking.MonitorBuffer", "1", "1", "2");
    CheckResult bounded = check(buffer, CheckOptions.builder().reduction(Reduction.AUTO).preemptionBound(1));
    assertEquals(Reduction.DPOR, bounded.stats().reduction(), bounded.message());
    assertEquals(pinmc.check.Verdict.INCONCLUSIVE, bounded.verdict(), bounded.message()); // not an error
    CheckResult races = check(buffer, CheckOptions.builder().reduction(Reduction.AUTO).detectRaces(true));
    assertEquals(Reduction.DPOR, races.stats().reduction(), races.message());
    assertEquals("pass", races.outcome(), races.message());
  }
}
