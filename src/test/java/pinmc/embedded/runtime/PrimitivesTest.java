package pinmc.embedded.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import pinmc.check.Reduction;
import pinmc.embedded.search.AccessSet;
import pinmc.embedded.search.Explorer;

/**
 * Each primitive on its own, without running a model: threads are given a pending operation
 * and the primitive's state is set by hand, then the test asks what the scheduler asks,
 * whether the operation is enabled and what it reads and writes.
 */
class PrimitivesTest {
  private final Execution ex = new Execution(new Explorer(Reduction.DPOR, -1), null, new Sites(),
      getClass().getClassLoader(), new ExecutionConfig(1000, Duration.ofSeconds(5), false, 1000, false), false);
  private final ModelThread a = ex.threads.add(new Thread("a"), false);
  private final ModelThread b = ex.threads.add(new Thread("b"), false);
  private final Object lock = new Object();

  /** The accesses of {@code t}'s pending operation, as "object field mode" with object a, b, lock or other. */
  private List<String> accesses(Primitive p, ModelThread t) {
    List<String> out = new ArrayList<>();
    p.recordAccesses(t, new Dependence() {
      @Override
      public void access(Object o, int field, byte mode) {
        String name = o == lock ? "lock" : o == a.javaThread ? "a" : o == b.javaThread ? "b" : o == null ? "null" : "other";
        out.add(name + " " + field + " " + mode);
      }

      @Override
      public void markAtomic() {
        out.add("atomic");
      }
    });
    return out;
  }

  private static String access(String object, int field, int mode) {
    return object + " " + field + " " + mode;
  }

  @Test
  void everyOperationHasExactlyOnePrimitive() {
    for (OpKind op : OpKind.all()) {
      a.announce(op, null, 0, 0);
      assertTrue(ex.threads.choiceCount(a.id) >= 0, "the execution's table answers for " + op);
    }
    assertThrows(IllegalStateException.class, () -> Primitive.byOperation(ex.locks, ex.locks),
        "an operation claimed twice");
    assertThrows(IllegalStateException.class, () -> Primitive.byOperation(ex.locks), "operations without a primitive");
  }

  @Test
  void theEnginesLocationsAreDistinct() {
    int[] fields = {ExclusiveLocks.MONITOR, WaitSets.WAIT_SET, ThreadLifeCycle.ALIVE, ThreadLifeCycle.STARTED,
        ThreadLifeCycle.INTERRUPT, Parking.PERMIT, AtomicCells.VALUE, Invariants.INVARIANT_STATE, FairYield.FAIR,
        FairYield.ANY_RELEASE, Invariants.ARRAY_ELEMENTS, Semaphores.PERMITS, Semaphores.ACQUISITIONS,
        CountDownLatches.COUNT};
    HashSet<Integer> seen = new HashSet<>();
    for (int f : fields) {
      assertTrue(f < 0, "engine locations are negative, below the model's field ids: " + f);
      assertTrue(seen.add(f), "used twice: " + f);
    }
  }

  @Test
  void aLockIsEnabledWhenFreeOrOwnAndAcquiresItsLocation() {
    a.announce(OpKind.LOCK, lock, 0, 0);
    assertTrue(ex.locks.isEnabled(a));
    ex.locks.monitor(lock).owner = b;
    assertFalse(ex.locks.isEnabled(a));
    assertEquals("waits for the lock of Object#1, held by b", ex.locks.blockedReason(a));
    ex.locks.monitor(lock).owner = a;
    assertTrue(ex.locks.isEnabled(a), "reentry");
    assertEquals(List.of(access("lock", ExclusiveLocks.MONITOR, AccessSet.ACQUIRE)), accesses(ex.locks, a));
    a.announce(OpKind.TRY_LOCK, lock, 0, 0);
    ex.locks.monitor(lock).owner = b;
    assertTrue(ex.locks.isEnabled(a), "tryLock never blocks");
    assertEquals(List.of(access("lock", ExclusiveLocks.MONITOR, AccessSet.ACQUIRE | AccessSet.GUARD)), accesses(ex.locks, a));
    a.announce(OpKind.UNLOCK, lock, 0, 0);
    assertEquals(List.of(access("lock", ExclusiveLocks.MONITOR, AccessSet.RELEASE)), accesses(ex.locks, a));
  }

  @Test
  void aSemaphoreAcquisitionWaitsForItsPermitsOrAnInterruptAndEveryOperationWritesThePermits() {
    Semaphores semaphores = ex.primitive(Semaphores.class);
    int[] permits = semaphores.state(lock, 1);
    a.announce(Semaphores.ACQUIRE, lock, 2, 0);
    assertFalse(semaphores.isEnabled(a), "two permits wanted, one there");
    assertEquals("waits for 2 permits of Object#1, 1 available", semaphores.blockedReason(a));
    permits[0] = 2;
    assertTrue(semaphores.isEnabled(a));
    assertEquals(List.of(access("lock", Semaphores.PERMITS, AccessSet.READ), access("lock", Semaphores.PERMITS, AccessSet.WRITE),
        access("lock", Semaphores.ACQUISITIONS, AccessSet.ACQUIRE), access("a", ThreadLifeCycle.INTERRUPT, AccessSet.READ)),
        accesses(semaphores, a));
    permits[0] = 0;
    a.interrupted = true;
    assertTrue(semaphores.isEnabled(a), "an interrupt ends an interruptible acquisition");
    a.announce(Semaphores.ACQUIRE_UNINTERRUPTIBLY, lock, 1, 0);
    assertFalse(semaphores.isEnabled(a), "but not an uninterruptible one");
    assertEquals(List.of(access("lock", Semaphores.PERMITS, AccessSet.READ), access("lock", Semaphores.PERMITS, AccessSet.WRITE),
        access("lock", Semaphores.ACQUISITIONS, AccessSet.ACQUIRE)), accesses(semaphores, a));
    // tryAcquire also races with every acquisition, as tryLock does (tester seed 47805).
    a.announce(Semaphores.TRY_ACQUIRE, lock, 1, 0);
    assertTrue(semaphores.isEnabled(a), "tryAcquire never blocks");
    assertEquals(List.of(access("lock", Semaphores.PERMITS, AccessSet.READ), access("lock", Semaphores.PERMITS, AccessSet.WRITE),
        access("lock", Semaphores.ACQUISITIONS, (byte) (AccessSet.ACQUIRE | AccessSet.GUARD))), accesses(semaphores, a));
    for (OpKind op : List.of(Semaphores.RELEASE, Semaphores.AVAILABLE, Semaphores.DRAIN)) {
      a.announce(op, lock, 1, 0);
      assertTrue(semaphores.isEnabled(a), op + " never blocks");
      assertEquals(List.of(access("lock", Semaphores.PERMITS, AccessSet.READ),
          access("lock", Semaphores.PERMITS, AccessSet.WRITE)), accesses(semaphores, a), op.toString());
    }
  }

  @Test
  void aLatchAwaitWaitsForCountZeroOrAnInterruptAndOnlyALoweringCountDownWritesTheCount() {
    CountDownLatches latches = ex.primitive(CountDownLatches.class);
    int[] count = latches.state(lock, 2);
    a.announce(CountDownLatches.AWAIT, lock, 0, 0);
    assertFalse(latches.isEnabled(a), "count 2");
    assertEquals("waits for Object#1 to count down (count 2)", latches.blockedReason(a));
    assertEquals(List.of(access("lock", CountDownLatches.COUNT, AccessSet.READ | AccessSet.SYNC_ONLY),
        access("a", ThreadLifeCycle.INTERRUPT, AccessSet.READ)), accesses(latches, a),
        "an await runs after every count-down, so it never races with one");
    a.interrupted = true;
    assertTrue(latches.isEnabled(a), "an interrupt ends the await");
    assertEquals(List.of(access("a", ThreadLifeCycle.INTERRUPT, AccessSet.READ)), accesses(latches, a),
        "an interrupted await throws whatever the count");
    a.interrupted = false;
    count[0] = 0;
    assertTrue(latches.isEnabled(a), "count 0");
    a.announce(CountDownLatches.TIMED_AWAIT, lock, 0, 0);
    count[0] = 1;
    assertTrue(latches.isEnabled(a), "a timed await may time out at any point");
    assertEquals(List.of(access("lock", CountDownLatches.COUNT, AccessSet.READ), access("a", ThreadLifeCycle.INTERRUPT,
        AccessSet.READ)), accesses(latches, a), "its result depends on the count: it races with the count-downs");
    a.announce(CountDownLatches.COUNT_DOWN, lock, 0, 0);
    assertTrue(latches.isEnabled(a));
    assertEquals(List.of(access("lock", CountDownLatches.COUNT, AccessSet.READ), access("lock", CountDownLatches.COUNT,
        AccessSet.WRITE)), accesses(latches, a));
    count[0] = 0;
    assertEquals(List.of(access("lock", CountDownLatches.COUNT, AccessSet.READ)), accesses(latches, a),
        "a count-down at 0 changes nothing");
    a.announce(CountDownLatches.GET_COUNT, lock, 0, 0);
    assertEquals(List.of(access("lock", CountDownLatches.COUNT, AccessSet.READ)), accesses(latches, a));
  }

  @Test
  void readersShareTheLockAndAWriterWaitsForThemAll() {
    Monitor m = ex.locks.monitor(lock);
    m.addReader(b);
    a.announce(OpKind.READ_LOCK, lock, 0, 0);
    assertTrue(ex.readWriteLocks.isEnabled(a), "two readers");
    assertEquals(List.of(access("lock", ExclusiveLocks.MONITOR, AccessSet.ACQUIRE_SHARED)), accesses(ex.readWriteLocks, a));
    a.announce(OpKind.LOCK, lock, 0, 0);
    a.opThread = a; // a write-lock request
    assertFalse(ex.locks.isEnabled(a), "a writer waits for the reader");
    m.removeReader(b);
    assertTrue(ex.locks.isEnabled(a));
    m.owner = b;
    a.announce(OpKind.READ_LOCK, lock, 0, 0);
    assertFalse(ex.readWriteLocks.isEnabled(a), "a reader waits for the writer");
    a.announce(OpKind.READ_UNLOCK, lock, 0, 0);
    assertEquals(List.of(access("lock", ExclusiveLocks.MONITOR, AccessSet.RELEASE_SHARED)), accesses(ex.readWriteLocks, a));
  }

  @Test
  void aWaiterWakesWhenNotifiedTimedOrInterruptedAndTheLockIsFree() {
    a.announce(OpKind.REACQUIRE, lock, 0, 0);
    a.waitLock = lock; // as Object.wait leaves it
    assertFalse(ex.waitSets.isEnabled(a), "no notify yet");
    assertTrue(ex.waitSets.blockedReason(a).contains("no notify will come"));
    a.notified = true;
    assertTrue(ex.waitSets.isEnabled(a));
    ex.locks.monitor(lock).owner = b;
    assertFalse(ex.waitSets.isEnabled(a), "notified, but the notifier still holds the lock");
    ex.locks.monitor(lock).owner = null;
    a.notified = false;
    a.interrupted = true;
    assertTrue(ex.waitSets.isEnabled(a));
    a.interrupted = false;
    a.opTimed = true;
    assertTrue(ex.waitSets.isEnabled(a));
    assertEquals(List.of(access("lock", WaitSets.WAIT_SET, AccessSet.READ | AccessSet.SYNC_ONLY),
        access("lock", ExclusiveLocks.MONITOR, AccessSet.ACQUIRE), access("a", ThreadLifeCycle.INTERRUPT, AccessSet.READ)),
        accesses(ex.waitSets, a));
    a.announce(OpKind.WAIT, lock, 0, 0);
    assertEquals(List.of(access("lock", ExclusiveLocks.MONITOR, AccessSet.RELEASE),
        access("lock", WaitSets.WAIT_SET, AccessSet.WRITE)), accesses(ex.waitSets, a));
    a.announce(OpKind.NOTIFY, lock, 0, 0);
    assertEquals(1, ex.waitSets.choiceCount(a), "no waiter: one way to go");
  }

  @Test
  void joinWaitsForAStartedThreadsEndAndSynchronisesWithIt() {
    a.announce(OpKind.JOIN, b.javaThread, 0, 0);
    assertFalse(ex.lifeCycle.isEnabled(a), "b is alive");
    assertEquals("joins b, which has not ended", ex.lifeCycle.blockedReason(a));
    assertEquals(List.of(access("b", ThreadLifeCycle.STARTED, AccessSet.READ),
        access("b", ThreadLifeCycle.ALIVE, AccessSet.READ | AccessSet.SYNC_ONLY),
        access("a", ThreadLifeCycle.INTERRUPT, AccessSet.READ)), accesses(ex.lifeCycle, a));
    b.terminated = true;
    assertTrue(ex.lifeCycle.isEnabled(a));
    Thread notStarted = new Thread("c");
    a.announce(OpKind.JOIN, notStarted, 0, 0);
    assertTrue(ex.lifeCycle.isEnabled(a), "join of a thread not started returns at once");
    assertEquals(access("other", ThreadLifeCycle.ALIVE, AccessSet.READ), accesses(ex.lifeCycle, a).get(1),
        "and is not a synchronisation");
  }

  @Test
  void startAndEndWriteWhatBeginAndIsAliveRead() {
    a.announce(OpKind.START, b.javaThread, 0, 0);
    assertEquals(List.of(access("b", ThreadLifeCycle.STARTED, AccessSet.WRITE)), accesses(ex.lifeCycle, a));
    b.announce(OpKind.BEGIN, null, 0, 0);
    assertEquals(List.of(access("b", ThreadLifeCycle.STARTED, AccessSet.READ | AccessSet.SYNC_ONLY)), accesses(ex.lifeCycle, b));
    b.announce(OpKind.END, null, 0, 0);
    assertEquals(List.of(access("b", ThreadLifeCycle.ALIVE, AccessSet.WRITE)), accesses(ex.lifeCycle, b));
    a.announce(OpKind.THREAD_QUERY, b.javaThread, ThreadLifeCycle.ALIVE, 0);
    assertEquals(List.of(access("b", ThreadLifeCycle.ALIVE, AccessSet.READ), access("b", ThreadLifeCycle.STARTED, AccessSet.READ)),
        accesses(ex.lifeCycle, a));
    a.announce(OpKind.INTERRUPT, b.javaThread, 0, 0);
    assertEquals(List.of(access("b", ThreadLifeCycle.INTERRUPT, AccessSet.WRITE)), accesses(ex.lifeCycle, a));
  }

  @Test
  void parkEndsWithAPermitAnInterruptOrATimeOut() {
    a.announce(OpKind.PARK, null, 0, 0);
    assertFalse(ex.parking.isEnabled(a));
    assertEquals("is parked with no unpark to come", ex.parking.blockedReason(a));
    a.parkPermit = true;
    assertTrue(ex.parking.isEnabled(a));
    a.parkPermit = false;
    a.interrupted = true;
    assertTrue(ex.parking.isEnabled(a));
    assertEquals(List.of(access("a", Parking.PERMIT, AccessSet.WRITE), access("a", ThreadLifeCycle.INTERRUPT, AccessSet.READ)),
        accesses(ex.parking, a));
    a.announce(OpKind.UNPARK, b.javaThread, 0, 0);
    assertEquals(List.of(access("b", Parking.PERMIT, AccessSet.WRITE), access("b", ThreadLifeCycle.STARTED, AccessSet.READ)),
        accesses(ex.parking, a));
  }

  @Test
  void aGuardedBlockIsEnabledWhenItsGuardHoldsOrThrows() {
    boolean[] guard = {false};
    a.announce(OpKind.GUARDED, null, 0, 0);
    a.opGuard = () -> guard[0];
    assertFalse(ex.atomicBlocks.isEnabled(a));
    guard[0] = true;
    assertTrue(ex.atomicBlocks.isEnabled(a));
    a.opGuard = () -> {
      throw new IllegalStateException("broken guard");
    };
    assertTrue(ex.atomicBlocks.isEnabled(a), "the thread runs it and fails where a person sees it");
    assertEquals(List.of(), accesses(ex.atomicBlocks, a), "a block's accesses are recorded as it runs");
    a.announce(OpKind.CHOICE, null, 4, 0);
    assertEquals(4, ex.atomicBlocks.choiceCount(a));
  }

  @Test
  void anAtomicCellWriteIsAWriteOfItsValue() {
    Object cell = new Object();
    a.announce(OpKind.ATOMIC_OP, cell, AtomicCells.VALUE, 0);
    a.opWrites = true;
    assertEquals(List.of(access("other", AtomicCells.VALUE, AccessSet.WRITE)), accesses(ex.atomicCells, a));
    ex.sites.markInvariantVisible(AtomicCells.VALUE);
    assertEquals(List.of(access("other", AtomicCells.VALUE, AccessSet.WRITE),
        access("null", Invariants.INVARIANT_STATE, AccessSet.WRITE)), accesses(ex.atomicCells, a),
        "once an invariant read an atomic value, every write of one is ordered with the others");
    a.opWrites = false;
    assertEquals(List.of(access("other", AtomicCells.VALUE, AccessSet.READ)), accesses(ex.atomicCells, a));
  }
}
