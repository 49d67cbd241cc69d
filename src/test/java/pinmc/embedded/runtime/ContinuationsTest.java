package pinmc.embedded.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Reduction;
import pinmc.corpus.BoundedBuffer;
import pinmc.corpus.ChildThrows;
import pinmc.corpus.LocalOnlyDifference;
import pinmc.corpus.LockConditionQueue;
import pinmc.corpus.LongJdkCall;
import pinmc.corpus.LongSoloRun;
import pinmc.corpus.LostUpdate;
import pinmc.corpus.OppositeLockOrder;
import pinmc.corpus.Peterson;
import pinmc.corpus.SemaphoreCounter;
import pinmc.embedded.EmbeddedEngine;

/**
 * Model threads as continuations (JDK 21 and later) and the fallback for a continuation that
 * cannot yield: the search must be the same, execution for execution, whichever way threads
 * hand over the turn.
 */
class ContinuationsTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  @AfterEach
  void yieldAgain() {
    Continuations.refuseEvery = 0;
    Continuations.offForTests = false;
  }

  @Test
  void availableExactlyWhereTheJdkHasThem() {
    if (Runtime.version().feature() >= 21) {
      // The build exports jdk.internal.vm to the tests as the jar's manifest does to pinmc.
      assertTrue(Continuations.AVAILABLE, "JDK " + Runtime.version() + ": " + Continuations.UNAVAILABLE_BECAUSE);
    } else {
      assertFalse(Continuations.AVAILABLE, "JDK " + Runtime.version() + " has no continuations");
      assertTrue(Continuations.UNAVAILABLE_BECAUSE.contains("ClassNotFoundException"), Continuations.UNAVAILABLE_BECAUSE);
    }
  }

  @Test
  void aThreadStuckInAJdkCallIsStoppedByTheLocalProgressTimeoutOnEitherPath() {
    CheckResult r = engine.check(ModelTarget.of(LongJdkCall.class),
        CheckOptions.builder().localProgressTimeout(java.time.Duration.ofMillis(300)).build());
    assertEquals(pinmc.check.Verdict.INCONCLUSIVE, r.verdict(), r.message());
    assertEquals(pinmc.check.Bound.LOCAL_PROGRESS, r.stats().boundHit(), r.message());
    assertTrue(r.message().contains("LongJdkCall"), "names the model frame it is stuck in: " + r.message());
  }

  @Test
  void aThreadThatStepsAloneForLongerThanTheTimeoutIsNotTakenForStuck() {
    java.time.Duration timeout = java.time.Duration.ofMillis(400);
    CheckResult r = engine.check(ModelTarget.of(LongSoloRun.class, "1500", "300000"),
        CheckOptions.builder().localProgressTimeout(timeout).maxSteps(10_000).build());
    assertEquals(pinmc.check.Verdict.PASS, r.verdict(), r.message());
    // Only a run that outlasts the timeout tests anything (1,500 scheduling points a millisecond or two apart, no garbage for a pause of the collector).
    assertTrue(r.stats().timeMillis() > timeout.toMillis(), "the run outlasted the timeout: " + r.stats().timeMillis() + " ms");
  }

  /** What a check found, in the terms that must not depend on how threads hand over. */
  private List<String> searches() {
    List<String> out = new ArrayList<>();
    for (ModelTarget t : List.of(ModelTarget.of(LostUpdate.class), ModelTarget.of(OppositeLockOrder.class),
        ModelTarget.of(BoundedBuffer.class, "notify"), ModelTarget.of(BoundedBuffer.class, "notifyAll"),
        ModelTarget.of(Peterson.class, "broken"), ModelTarget.of(LockConditionQueue.class), ModelTarget.of(ChildThrows.class),
        ModelTarget.of(SemaphoreCounter.class, "handOff"))) {
      CheckResult r = engine.check(t, CheckOptions.defaults());
      out.add(t.name() + ": " + r.outcome() + (r.verdict() == pinmc.check.Verdict.ERROR ? " " + r.message() : "") + ", " + r.stats().executions() + " executions, " + r.stats().steps()
          + " steps, trace of " + r.trace().size());
    }
    return out;
  }

  @Test
  void threadsPinnedToTheirCarrierSearchTheSameAsThreadsThatYield() {
    assumeTrue(Continuations.AVAILABLE, "no continuations on this JDK: " + Continuations.UNAVAILABLE_BECAUSE);
    List<String> yielding = searches();
    assertEquals("violation:assertion", yielding.get(0).split(": ")[1].split(",")[0], yielding.get(0));
    // Every yield refused: each thread waits on a carrier of its own; every second or third:
    // drivers hand over to pinned threads and back.
    for (int every : new int[] {1, 2, 3}) {
      Continuations.refuseEvery = every;
      for (int run = 0; run < 2; run++) { // the hand-overs race if they can: more than once
        assertEquals(yielding, searches(), "refusing every " + every + ". yield");
      }
    }
  }

  /**
   * State caching takes each thread's frames from the thread itself at its scheduling points;
   * in a continuation that walk must see the same frames, locals and operand stacks as on a
   * carrier of its own, or fingerprints (and so the states told apart and the executions cut)
   * would differ.
   */
  private List<String> cachedStates() {
    List<String> out = new ArrayList<>();
    record Search(Reduction reduction, ModelTarget target) {}
    for (Search s : List.of(new Search(Reduction.STATES, ModelTarget.of(LocalOnlyDifference.class)),
        new Search(Reduction.STATES, ModelTarget.of(LockConditionQueue.class)),
        new Search(Reduction.STATEFUL, ModelTarget.of(BoundedBuffer.class, "notifyAll")),
        new Search(Reduction.STATEFUL, ModelTarget.of("pinmc.blocking.ConditionBuffer", "1", "1", "2")))) {
      CheckResult r = engine.check(s.target(), CheckOptions.builder().reduction(s.reduction()).maxSteps(2_000).build());
      out.add(s.reduction() + " " + s.target().name() + ": " + r.outcome() + ", " + r.stats().executions() + " executions, "
          + r.stats().statesNew() + " states, " + r.stats().statesVisited() + " visited");
    }
    return out;
  }

  @Test
  void stateCachingSeesTheSameStatesInContinuationsAsOnCarriers() {
    assumeTrue(Continuations.AVAILABLE, "no continuations on this JDK: " + Continuations.UNAVAILABLE_BECAUSE);
    List<String> inContinuations = cachedStates();
    Continuations.offForTests = true;
    List<String> onCarriers = cachedStates();
    assertEquals(onCarriers, inContinuations);
    assertTrue(onCarriers.stream().allMatch(line -> !line.contains(" -1 states")), "every search cached states: " + onCarriers);
  }
}
