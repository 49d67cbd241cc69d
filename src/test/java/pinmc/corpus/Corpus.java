package pinmc.corpus;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The engine corpus: small programs whose outcomes are known, shared by the tests of every
 * engine (the embedded engine's, and the jpf engine's agreement with it).
 */
public final class Corpus {
  private Corpus() {}

  /** Program, arguments, expected outcome, and whether plain enumeration is small enough to cross-check. */
  public static Stream<Arguments> programs() {
    return Stream.of(
        Arguments.of(LostUpdate.class, new String[0], "violation:assertion", true),
        Arguments.of(SynchronizedCounter.class, new String[0], "pass", true),
        Arguments.of(SynchronizedMethodCounter.class, new String[0], "pass", false),
        Arguments.of(AtomicCounter.class, new String[0], "pass", true),
        Arguments.of(OppositeLockOrder.class, new String[0], "deadlock", true),
        Arguments.of(BoundedBuffer.class, new String[] {"notify"}, "deadlock", false),
        Arguments.of(BoundedBuffer.class, new String[] {"notifyAll"}, "pass", false),
        Arguments.of(Peterson.class, new String[0], "pass", false),
        Arguments.of(Peterson.class, new String[] {"broken"}, "violation:assertion", false),
        Arguments.of(ChoiceBranch.class, new String[0], "violation:assertion", true),
        Arguments.of(LockConditionQueue.class, new String[0], "pass", true),
        Arguments.of(ChildThrows.class, new String[0], "violation:exception", true),
        Arguments.of(InvariantInOneInterleaving.class, new String[0], "violation:total-conserved", true),
        Arguments.of(GuardBlockedByEarlierWrite.class, new String[0], "violation:assertion", true),
        Arguments.of(TryLockWhileHeld.class, new String[0], "violation:assertion", true),
        Arguments.of(SemaphoreCounter.class, new String[] {"mutex"}, "pass", true),
        Arguments.of(SemaphoreCounter.class, new String[] {"two"}, "violation:assertion", true),
        Arguments.of(SemaphoreCounter.class, new String[] {"empty"}, "deadlock", true),
        Arguments.of(SemaphoreCounter.class, new String[] {"try"}, "pass", true),
        Arguments.of(SemaphoreCounter.class, new String[] {"tryNeverFails"}, "violation:assertion", true),
        Arguments.of(SemaphoreCounter.class, new String[] {"handOff"}, "pass", true),
        Arguments.of(SemaphoreCounter.class, new String[] {"interrupted"}, "violation:assertion", true),
        Arguments.of(CountDownLatchWorkers.class, new String[] {"results"}, "pass", true),
        Arguments.of(CountDownLatchWorkers.class, new String[] {"startGate"}, "pass", true),
        Arguments.of(CountDownLatchWorkers.class, new String[] {"lostUpdate"}, "violation:assertion", true),
        Arguments.of(CountDownLatchWorkers.class, new String[] {"short"}, "deadlock", true),
        Arguments.of(CountDownLatchWorkers.class, new String[] {"timed"}, "pass", true),
        Arguments.of(CountDownLatchWorkers.class, new String[] {"timedNeverTimesOut"}, "violation:assertion", true),
        Arguments.of(CountDownLatchWorkers.class, new String[] {"interrupted"}, "pass", true),
        Arguments.of(CrossedCriticalSections.class, new String[0], "violation:assertion", true),
        Arguments.of(WaitThenLoseAnUpdate.class, new String[0], "violation:assertion", true),
        Arguments.of(CrossedCriticalSections.class, new String[] {"lockedReader"}, "violation:assertion", true),
        // Plain enumeration of four threads' 28 steps reaches this failure only after minutes.
        Arguments.of(CrossedCriticalSections.class, new String[] {"otherLockReader"}, "violation:assertion", false),
        Arguments.of(AwaitedOrNot.class, new String[0], "pass", true),
        Arguments.of(BrokenConditionBuffer.class, new String[] {"readAfterUnlock"}, "violation:assertion", true),
        Arguments.of(BrokenConditionBuffer.class, new String[] {"wrongCondition"}, "deadlock", true),
        Arguments.of(AwaitedOrNot.class, new String[] {"monitor"}, "pass", true),
        Arguments.of(Spinner.class, new String[0], "inconclusive", true));
  }
}
