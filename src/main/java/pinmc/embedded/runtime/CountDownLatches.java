package pinmc.embedded.runtime;

import pinmc.embedded.search.AccessSet;

/**
 * {@code java.util.concurrent.CountDownLatch} (model code gets {@code juc.ModelCountDownLatch},
 * which calls the entry points at the end of this file): the count of each latch in one
 * execution. {@code countDown} lowers it and never blocks (at 0 it does nothing); {@code
 * await} can go on once it is 0, and the count never rises again, so that releases every
 * waiter at once; {@code getCount} reads it.
 *
 * <p>Dependence, on the latch's location {@link #COUNT}: a {@code countDown} that lowers the
 * count reads and writes it, one at 0 only reads it (it changes nothing, and the JDK's orders
 * nothing: only count-downs before the count reaches 0 happen before a return from {@code
 * await}). {@code getCount} and a timed {@code await}, whose results depend on the count,
 * read it. An untimed {@code await} reads it only to be ordered after the count-downs (a
 * sync-only read): it cannot run before any of them, since it runs at 0 and every one of
 * them lowered the count. Every {@code await} reads its thread's interrupt flag; one that
 * will throw because its thread is interrupted does not look at the count at all, so it
 * reads nothing else.
 *
 * <p>Interrupts, as the JDK's: {@code await} throws {@link InterruptedException} when its
 * thread is interrupted, before or while it waits, even if the count is 0 (the JDK checks
 * the flag first). Unlike {@code Semaphores}' acquire, the flag is checked in the await's
 * own step, which records that it reads it. A timed {@code await} is one step that returns
 * whether the count is 0 then, as a timed {@code tryAcquire} of a semaphore is: the search
 * tries it before and after every count-down, which is every outcome a clock could give.
 */
public final class CountDownLatches implements Primitive {
  /** The engine's per-latch location of its count. */
  static final int COUNT = -13;

  static final OpKind COUNT_DOWN = OpKind.declare("LATCH_COUNT_DOWN", "countDown");
  static final OpKind AWAIT = OpKind.declare("LATCH_AWAIT", "await");
  static final OpKind TIMED_AWAIT = OpKind.declare("LATCH_TIMED_AWAIT", "await (timed)");
  static final OpKind GET_COUNT = OpKind.declare("LATCH_GET_COUNT", "getCount");

  private final Execution ex;
  /** The count of each latch used in this execution, made from its initial count at first use. */
  private final CountPerObject counts;

  CountDownLatches(Execution ex) {
    this.ex = ex;
    this.counts = new CountPerObject(ex, "count");
  }

  @Override
  public OpKind[] operations() {
    return new OpKind[] {COUNT_DOWN, AWAIT, TIMED_AWAIT, GET_COUNT};
  }

  /** Its part of a state fingerprint: the count of each latch used so far. */
  @Override
  public void hashState(StateFingerprint f) {
    counts.hashState(f);
  }

  /** The count of {@code latch} now; it must have been used in this execution. */
  int count(Object latch) {
    return counts.now(latch);
  }

  /** The count of {@code latch}, which starts at {@code initialCount} at its first use in the execution. */
  int[] state(Object latch, int initialCount) {
    return counts.of(latch, initialCount);
  }

  /** An untimed await can go on once the count is 0, or when its thread is interrupted. */
  @Override
  public boolean isEnabled(ModelThread t) {
    return t.op != AWAIT || t.interrupted || count(t.opObject) == 0;
  }

  @Override
  public void recordAccesses(ModelThread t, Dependence out) {
    if (t.op == COUNT_DOWN) {
      out.access(t.opObject, COUNT, AccessSet.READ);
      if (count(t.opObject) > 0) {
        out.access(t.opObject, COUNT, AccessSet.WRITE);
      }
    } else if (t.op == GET_COUNT) {
      out.access(t.opObject, COUNT, AccessSet.READ);
    } else if (t.op == AWAIT || t.op == TIMED_AWAIT) {
      if (!t.interrupted) {
        out.access(t.opObject, COUNT, t.op == AWAIT ? (byte) (AccessSet.READ | AccessSet.SYNC_ONLY) : AccessSet.READ);
      }
      out.access(t.javaThread, ThreadLifeCycle.INTERRUPT, AccessSet.READ);
    } else {
      throw new IllegalStateException("not a latch operation: " + t.op);
    }
  }

  @Override
  public String blockedReason(ModelThread t) {
    return t.op == AWAIT ? "waits for " + ex.describe(t.opObject) + " to count down (count " + count(t.opObject) + ")"
        : Primitive.super.blockedReason(t);
  }

  private void countDown(ModelThread me, Object latch, int initialCount) {
    int[] c = state(latch, initialCount);
    if (me.atomicDepth > 0) {
      ex.steps.access(latch, COUNT, AccessSet.READ);
      if (c[0] > 0) {
        ex.steps.access(latch, COUNT, AccessSet.WRITE);
      }
    } else {
      me.announce(COUNT_DOWN, latch, 0, 0);
      ex.schedulePoint(me);
    }
    if (c[0] > 0) {
      c[0]--;
    }
  }

  /** {@code await}, untimed or timed: whether the count was 0 (a timed one that returns false timed out). */
  private boolean await(ModelThread me, Object latch, int initialCount, boolean timed) throws InterruptedException {
    int[] c = state(latch, initialCount);
    if (me.atomicDepth > 0) {
      ex.steps.access(me.javaThread, ThreadLifeCycle.INTERRUPT, AccessSet.READ);
      if (!me.interrupted) {
        ex.steps.access(latch, COUNT, AccessSet.READ);
        if (!timed && c[0] > 0) {
          throw new UnsupportedConstructError("blocking inside an atomic block",
              ex.describe(latch) + " has count " + c[0] + "; an atomic block must not block");
        }
      }
    } else {
      me.announce(timed ? TIMED_AWAIT : AWAIT, latch, 0, 0);
      ex.schedulePoint(me);
    }
    if (me.interrupted) {
      me.interrupted = false;
      throw new InterruptedException();
    }
    return c[0] == 0;
  }

  private long getCount(ModelThread me, Object latch, int initialCount) {
    int[] c = state(latch, initialCount);
    if (me.atomicDepth > 0) {
      ex.steps.access(latch, COUNT, AccessSet.READ);
    } else {
      me.announce(GET_COUNT, latch, 0, 0);
      ex.schedulePoint(me);
    }
    return c[0];
  }

  // ------------------------------------------------------------ entry points of juc.ModelCountDownLatch

  /**
   * The execution's latches for the calling model thread (null when hooks are off for it),
   * refusing an operation on a latch while an invariant or a guard is evaluated.
   */
  private static ModelThread caller(boolean release) {
    Hooks.refuseInInvariantOrGuard("a CountDownLatch in an invariant or a guard",
        "its count is not state the search tracks there; keep a counter in a field next to it");
    return release ? Hooks.activeForRelease() : Hooks.active();
  }

  private static CountDownLatches latches() {
    return Hooks.execution().primitive(CountDownLatches.class);
  }

  /** A count-down usually runs in a {@code finally} block: like a lock's release, it does nothing while aborting. */
  public static void countDown(Object latch, int initialCount) {
    ModelThread me = caller(true);
    if (me != null) {
      latches().countDown(me, latch, initialCount);
    }
  }

  public static void await(Object latch, int initialCount) throws InterruptedException {
    ModelThread me = caller(false);
    if (me != null) {
      latches().await(me, latch, initialCount, false);
    }
  }

  /** {@code await(timeout, unit)}: whether the count reached 0 (outside a model thread, true at once). */
  public static boolean timedAwait(Object latch, int initialCount) throws InterruptedException {
    ModelThread me = caller(false);
    return me == null || latches().await(me, latch, initialCount, true);
  }

  public static long getCount(Object latch, int initialCount) {
    ModelThread me = caller(false);
    return me == null ? initialCount : latches().getCount(me, latch, initialCount);
  }
}
