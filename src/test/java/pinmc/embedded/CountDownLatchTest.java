package pinmc.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Property;
import pinmc.check.Reduction;
import pinmc.corpus.CountDownLatchWorkers;

/**
 * {@code java.util.concurrent.CountDownLatch} under the embedded engine (its verdicts per
 * variant are in the corpus, under every reduction): what a deadlock on it says, what a trace
 * shows of it, and that the reductions lose no interleaving of it.
 */
class CountDownLatchTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private CheckResult check(String variant, Reduction reduction) {
    return engine.check(ModelTarget.of(CountDownLatchWorkers.class, variant),
        CheckOptions.builder().reduction(reduction).build());
  }

  @Test
  void anAwaitThatNeverReachesZeroIsADeadlockNamingTheLatchAndItsCount() {
    CheckResult r = check("short", Reduction.DPOR);
    assertEquals(Property.DEADLOCK, r.property(), r.message());
    String details = String.join("\n", r.details());
    assertTrue(details.contains("main waits for CountDownLatch#1 to count down (count 1) at CountDownLatchWorkers.java:"),
        details);
    assertTrue(r.trace().stream().anyMatch(s -> s.op().equals("blocked: await CountDownLatch#1")), r.trace().toString());
    assertEquals(2, r.trace().stream().filter(s -> s.op().equals("countDown CountDownLatch#1")).count(), r.trace().toString());
  }

  @Test
  void aLostUpdateBeforeTheCountDownsIsFoundAndItsTraceShowsTheLatch() {
    CheckResult r = check("lostUpdate", Reduction.DPOR);
    assertEquals("violation:assertion", r.outcome(), r.message());
    assertTrue(r.message().contains("an addition was lost"), r.message());
    assertTrue(r.trace().stream().anyMatch(s -> s.op().equals("await CountDownLatch#1")), r.trace().toString());
  }

  @Test
  void aTimedAwaitMayTimeOutBeforeTheCountDowns() {
    CheckResult r = check("timedNeverTimesOut", Reduction.DPOR);
    assertEquals("violation:assertion", r.outcome(), r.message());
    assertTrue(r.message().contains("the timed await timed out"), r.message());
  }

  /** With every reduction, as many distinct interleavings as plain enumeration finds. */
  @ParameterizedTest
  @ValueSource(strings = {"results", "timed"})
  void reductionKeepsEveryInterleaving(String variant) {
    Reductions.keepEveryInterleaving(engine, ModelTarget.of(CountDownLatchWorkers.class, variant));
  }

  /** State caching gives plain enumeration's verdicts (the corpus checks each variant) and meets states again. */
  @Test
  void stateCachingPassesWithFewerExecutionsThanPlainEnumeration() {
    String variant = "startGate";
    CheckResult none = check(variant, Reduction.NONE);
    CheckResult states = check(variant, Reduction.STATES);
    assertEquals("pass", none.outcome(), none.message());
    assertEquals("pass", states.outcome(), states.message());
    assertTrue(states.stats().statesVisited() > 0, variant + ": no state was reached twice");
    assertTrue(states.stats().executions() < none.stats().executions(),
        variant + ": " + states.stats().executions() + " vs " + none.stats().executions());
  }
}
