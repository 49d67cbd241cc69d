package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The event log's happens-before clocks and races on hand-built step sequences, so that a
 * lost interleaving can be traced to the piece that lost it.
 */
class EventLogTest {
  private static final long X = 1;
  private static final long Y = 2;
  private static final long LOCK = 3;

  private final EventLog log = new EventLog();

  private int step(int thread, Object... accesses) {
    int e = log.begin(thread);
    for (int i = 0; i < accesses.length; i += 2) {
      log.access((Long) accesses[i], ((Number) accesses[i + 1]).byteValue());
    }
    log.end();
    return e;
  }

  private Set<String> races() {
    Set<String> r = new HashSet<>();
    for (int i = 0; i < log.raceCount(); i++) {
      r.add(log.raceEarlier(i) + "-" + log.raceLater(i));
    }
    return r;
  }

  @Test
  void writesOfOneLocationByTwoThreadsRace() {
    step(0, X, AccessSet.WRITE);
    step(1, X, AccessSet.WRITE);
    assertEquals(Set.of("0-1"), races());
  }

  @Test
  void aReadRacesWithTheWriteBeforeItAndAWriteWithTheReadsBeforeIt() {
    step(0, X, AccessSet.WRITE);
    step(1, X, AccessSet.READ);
    step(2, X, AccessSet.READ);
    step(0, X, AccessSet.WRITE);
    assertEquals(Set.of("0-1", "0-2", "1-3", "2-3"), races());
  }

  @Test
  void independentStepsDoNotRace() {
    step(0, X, AccessSet.WRITE);
    step(1, Y, AccessSet.WRITE);
    step(1, X, AccessSet.READ);
    step(0, Y, AccessSet.READ);
    assertEquals(Set.of("0-2", "1-3"), races());
    step(2, X, AccessSet.READ);
    assertEquals(Set.of("0-2", "1-3", "0-4"), races(), "the new read races with the unordered write, never with the other read");
  }

  @Test
  void accessesInsideCriticalSectionsAreOrderedByTheLockAndOnlyTheAcquisitionsRace() {
    int a0 = step(0, LOCK, AccessSet.ACQUIRE);
    step(0, X, AccessSet.WRITE);
    step(0, LOCK, AccessSet.RELEASE);
    int a1 = step(1, LOCK, AccessSet.ACQUIRE);
    step(1, X, AccessSet.WRITE);
    assertEquals(Set.of(a0 + "-" + a1), races());
    assertTrue(log.clockOf(4, 0) >= 3, "the second write happens after the first thread's release");
  }

  @Test
  void aSyncOnlyAccessOrdersStepsButStartsNoRace() {
    step(0, X, (byte) (AccessSet.WRITE));
    step(1, X, (byte) (AccessSet.READ | AccessSet.SYNC_ONLY));
    assertTrue(races().isEmpty());
    assertEquals(1, log.clockOf(1, 0), "the read still happens after the write");
  }

  @Test
  void aGuardReadRacesWithEveryEarlierWriteNotOnlyTheLast() {
    step(0, X, AccessSet.WRITE);
    step(1, X, AccessSet.WRITE);
    step(2, X, (byte) (AccessSet.READ | AccessSet.GUARD));
    assertEquals(Set.of("0-1", "0-2", "1-2"), races());
  }

  @Test
  void aTryLockRacesWithTheLastReleaseAndAReleaseWithTheTryLocksThatFailedBeforeIt() {
    step(0, LOCK, AccessSet.ACQUIRE);
    int failedTry = step(1, LOCK, (byte) (AccessSet.ACQUIRE | AccessSet.GUARD));
    int release = step(0, LOCK, AccessSet.RELEASE);
    int laterTry = step(2, LOCK, (byte) (AccessSet.ACQUIRE | AccessSet.GUARD));
    Set<String> r = races();
    assertTrue(r.contains(failedTry + "-" + release), "the release decides whether the earlier tryLock fails: " + r);
    assertTrue(r.contains(release + "-" + laterTry), "the release decides whether the later tryLock succeeds: " + r);
  }

  @Test
  void schedulingAccessesOrderStepsForTheSearchButAreNoDataForRaceDetection() {
    log.detectRaces();
    step(0, X, (byte) (AccessSet.WRITE | AccessSet.PLAIN), Y, (byte) (AccessSet.WRITE | AccessSet.SCHEDULING));
    step(1, Y, (byte) (AccessSet.READ | AccessSet.SCHEDULING), X, (byte) (AccessSet.WRITE | AccessSet.PLAIN));
    assertTrue(races().contains("0-1"), "the search still reorders the two steps");
    assertTrue(log.dataRace() != null, "the fairness location is no synchronisation: the plain writes race");
  }

  @Test
  void aStepInsideAnAtomicBlockIsReversedFromTheStepThatBeganTheBlock() {
    step(0, X, AccessSet.WRITE);
    int begin = step(1, Y, AccessSet.READ);
    log.begin(1);
    log.markContinuation();
    log.access(X, AccessSet.READ);
    log.end();
    log.begin(1);
    log.markContinuation();
    log.end();
    assertEquals(begin, log.blockStart(begin + 2));
    assertEquals(begin, log.blockStart(begin + 1));
    assertEquals(begin, log.blockStart(begin));
    assertTrue(log.continues(begin + 1));
    assertFalse(log.continues(begin));
  }

  @Test
  void reversalTakesTheStepsThatDoNotHappenAfterTheEarlierOneThenTheLaterOne() {
    int e = step(0, X, AccessSet.WRITE);
    int after = step(0, Y, AccessSet.WRITE); // program order: after e
    int independent = step(1, LOCK, AccessSet.WRITE);
    int dependentOnAfter = step(2, Y, AccessSet.READ); // happens after e through 'after'
    int later = step(1, X, AccessSet.READ);
    Reversal v = Reversal.of(log, e, later);
    Set<Integer> steps = new HashSet<>();
    for (int k = 0; k < v.length(); k++) {
      steps.add(v.steps[k]);
    }
    assertEquals(Set.of(independent, later), steps, "not " + after + " or " + dependentOnAfter);
    assertEquals(ThreadSet.of(1), v.initials(log), "thread 1 starts the reversal");
  }
}
