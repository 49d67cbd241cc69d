package pinmc.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Reduction;
import pinmc.corpus.ManyThreads;

/** A model with 70 threads, under every reduction and a preemption bound (there was a limit of 64). */
class ManyThreadsTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private CheckResult check(Reduction reduction, int bound, String... args) {
    CheckOptions.Builder options = CheckOptions.builder().reduction(reduction).maxSteps(5_000);
    if (bound >= 0) {
      options.preemptionBound(bound);
    }
    return engine.check(ModelTarget.of(ManyThreads.class, args), options.build());
  }

  @Test
  void seventyThreadsWithAnUnsynchronisedPairLoseAnUpdateUnderEveryReduction() {
    for (Reduction reduction : Reduction.values()) {
      CheckResult r = check(reduction, -1, "70");
      assertEquals("violation:assertion", r.outcome(), reduction + ": " + r.message());
      assertTrue(r.message().contains("lost update: counter = 1"), r.message());
      assertTrue(r.trace().stream().anyMatch(s -> s.thread().equals("Thread-64")), "thread 64 is in the counterexample");
    }
  }

  @Test
  void seventyThreadsWithALockedPairPassAndTheReductionsAgree() {
    CheckResult none = check(Reduction.NONE, -1, "70", "locked");
    CheckResult source = check(Reduction.SOURCE, -1, "70", "locked");
    CheckResult optimal = check(Reduction.DPOR, -1, "70", "locked");
    for (CheckResult r : new CheckResult[] {none, source, optimal}) {
      assertEquals("pass", r.outcome(), r.message());
    }
    assertEquals(2, optimal.stats().executions(), "one execution per order of the two lock acquisitions");
    assertEquals(optimal.stats().executions(), source.stats().executions() - source.stats().sleepSetBlocked());
    assertTrue(none.stats().executions() > optimal.stats().executions(), "plain enumeration: " + none.stats().executions());
  }

  @Test
  void underAPreemptionBoundTheLostUpdateNeedsOnePreemption() {
    for (Reduction reduction : Reduction.values()) {
      if (reduction == Reduction.STATES || reduction == Reduction.STATEFUL) {
        // State caching refuses a bound (StateCachingTest): it would have to be part of the state.
        assertEquals(pinmc.check.Verdict.ERROR, check(reduction, 0, "70").verdict());
        continue;
      }
      CheckResult zero = check(reduction, 0, "70");
      assertEquals(pinmc.check.Verdict.INCONCLUSIVE, zero.verdict(), reduction + ": " + zero.message());
      CheckResult one = check(reduction, 1, "70");
      assertEquals("violation:assertion", one.outcome(), reduction + ": " + one.message());
    }
    CheckResult none = check(Reduction.NONE, 2, "70", "locked");
    CheckResult source = check(Reduction.SOURCE, 2, "70", "locked");
    CheckResult optimal = check(Reduction.DPOR, 2, "70", "locked");
    for (CheckResult r : new CheckResult[] {none, source, optimal}) {
      assertEquals(pinmc.check.Verdict.INCONCLUSIVE, r.verdict(), "no pass where the bound cut schedules: " + r.message());
    }
    assertEquals(source.stats().executions(), optimal.stats().executions(), "both are bounded source sets");
    assertTrue(none.stats().executions() > source.stats().executions(), "plain enumeration: " + none.stats().executions());
  }
}
