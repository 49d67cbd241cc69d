package pinmc.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Property;
import pinmc.corpus.SemaphoreCounter;

/**
 * {@code java.util.concurrent.Semaphore} under the embedded engine (its verdicts per variant
 * are in the corpus): what a deadlock in it says, and that the reduction loses no
 * interleaving of it.
 */
class SemaphoreTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  @Test
  void anAcquireOnAnEmptySemaphoreIsADeadlockThatSaysWhatItWaitsFor() {
    CheckResult r = engine.check(ModelTarget.of(SemaphoreCounter.class, "empty"), CheckOptions.defaults());
    assertEquals(Property.DEADLOCK, r.property(), r.message());
    String details = String.join("\n", r.details());
    assertTrue(details.contains("first waits for a permit of Semaphore#1, 0 available at SemaphoreCounter.java:"), details);
    assertTrue(details.contains("second waits for a permit of Semaphore#1, 0 available at SemaphoreCounter.java:"), details);
    assertTrue(r.trace().stream().anyMatch(s -> s.op().equals("blocked: acquire Semaphore#1")), r.trace().toString());
  }

  @Test
  void aLostUpdateUnderTwoPermitsShowsBothThreadsAcquiring() {
    CheckResult r = engine.check(ModelTarget.of(SemaphoreCounter.class, "two"), CheckOptions.defaults());
    assertEquals("violation:assertion", r.outcome(), r.message());
    long acquires = r.trace().stream().filter(s -> s.op().equals("acquire Semaphore#1")).count();
    assertEquals(2, acquires, r.trace().toString());
  }

  @Test
  void whatTheStandInCannotAnswerIsRefused() {
    CheckResult r = engine.check(ModelTarget.of(SemaphoreCounter.class, "queued"), CheckOptions.defaults());
    assertEquals("error", r.outcome(), r.message());
    assertTrue(r.message().contains("hasQueuedThreads is final in java.util.concurrent.Semaphore"), r.message());
  }

  /** With every reduction, as many distinct interleavings as plain enumeration finds. */
  @ParameterizedTest
  @ValueSource(strings = {"mutex", "try"})
  void reductionKeepsEveryInterleaving(String variant) {
    Reductions.keepEveryInterleaving(engine, ModelTarget.of(SemaphoreCounter.class, variant));
  }
}
