package pinmc.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Reduction;
import pinmc.check.Verdict;
import pinmc.corpus.LocalOnlyDifference;
import pinmc.corpus.LostUpdate;

/**
 * Stateful DPOR ({@link Reduction#STATEFUL}): source-set DPOR that stops at states whose future
 * was explored, with summaries of those futures for race analysis. It finds what plain
 * enumeration finds; the differential tester compares it with plain enumeration on random
 * programs, verdicts and final states.
 */
class StatefulDporTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private CheckResult check(ModelTarget target, CheckOptions.Builder options) {
    return engine.check(target, options.maxSteps(2_000).build());
  }

  private CheckResult check(ModelTarget target, Reduction reduction) {
    return check(target, CheckOptions.builder().reduction(reduction));
  }

  /** Each corpus program, with the outcome plain enumeration and DPOR give it (see {@link pinmc.corpus.Corpus}). */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("pinmc.corpus.Corpus#programs")
  void theCorpusGetsItsExpectedOutcome(Class<?> program, String[] args, String expected, boolean crossCheck) {
    CheckResult r = check(ModelTarget.of(program, args), Reduction.STATEFUL);
    assertEquals(expected, r.outcome(), r.message());
  }

  @Test
  void statesThatDifferOnlyInALocalVariableAreKeptApart() {
    CheckResult r = check(ModelTarget.of(LocalOnlyDifference.class), Reduction.STATEFUL);
    assertEquals(Verdict.VIOLATION, r.verdict(), r.message());
    assertTrue(r.message().contains("saw the writer's value"), r.message());
  }

  /**
   * Additions to one tally under one monitor: every two critical sections conflict, so DPOR
   * runs one execution per order of them, but orders meet in the same states, where stateful
   * DPOR stops. Same verdict, fewer executions than either DPOR or plain state caching.
   */
  @Test
  void ordersThatMeetInOneStateAreExploredOnce() {
    ModelTarget target = ModelTarget.of("pinmc.blocking.TallyUnderLock", "2", "4");
    CheckResult dpor = check(target, Reduction.DPOR);
    CheckResult states = check(target, Reduction.STATES);
    CheckResult stateful = check(target, Reduction.STATEFUL);
    assertEquals(Verdict.PASS, dpor.verdict(), dpor.message());
    assertEquals(Verdict.PASS, stateful.verdict(), stateful.message());
    assertTrue(stateful.stats().executions() < dpor.stats().executions(),
        stateful.stats().executions() + " vs " + dpor.stats().executions());
    assertTrue(stateful.stats().executions() < states.stats().executions(),
        stateful.stats().executions() + " vs " + states.stats().executions());
    assertTrue(stateful.stats().statesVisited() > 0, "no state was reached twice");
  }

  @Test
  void theBoundsStateCachingRefusesAreRefusedByName() {
    CheckResult bounded = check(ModelTarget.of(LostUpdate.class),
        CheckOptions.builder().reduction(Reduction.STATEFUL).preemptionBound(2));
    assertEquals(Verdict.ERROR, bounded.verdict());
    assertTrue(bounded.message().startsWith("--reduction stateful explores without a preemption bound"), bounded.message());
    CheckResult races = check(ModelTarget.of(LostUpdate.class), CheckOptions.builder().reduction(Reduction.STATEFUL).detectRaces(true));
    assertEquals(Verdict.ERROR, races.verdict());
    assertTrue(races.message().startsWith("--reduction stateful cannot report data races"), races.message());
  }
}
