package pinmc.embedded.runtime;

import pinmc.embedded.search.AccessSet;

/**
 * {@code java.util.concurrent.Semaphore} (model code gets {@code juc.ModelSemaphore}, which
 * calls the entry points at the end of this file): the permits of each semaphore in one
 * execution, taken by {@code acquire} and {@code tryAcquire} and given back by
 * {@code release}.
 *
 * <p>Dependence: every operation on a semaphore reads and writes its location
 * {@link #PERMITS}, so all operations on one semaphore are dependent and run in one order,
 * each ordered after the one before it. A blocking acquisition also takes {@link #ACQUISITIONS}
 * as a lock is taken: it races with the acquisition before it, which is what puts it first
 * when the release it raced with cannot be passed (the acquisition would be blocked there).
 *
 * <p>Interrupts: {@code acquire} throws {@link InterruptedException} when its thread is
 * interrupted before or while it waits, as the JDK's does; {@code acquireUninterruptibly}
 * waits on. A timed {@code tryAcquire} is an untimed one: the search tries it at every point,
 * before and after every release, which is every outcome a clock could give.
 */
public final class Semaphores implements Primitive {
  /** The engine's per-semaphore location of its permits. */
  static final int PERMITS = -11;
  /** The engine's per-semaphore location its blocking acquisitions take as a lock. */
  static final int ACQUISITIONS = -12;

  static final OpKind ACQUIRE = OpKind.declare("SEMAPHORE_ACQUIRE", "acquire");
  static final OpKind ACQUIRE_UNINTERRUPTIBLY = OpKind.declare("SEMAPHORE_ACQUIRE_UNINTERRUPTIBLY", "acquireUninterruptibly");
  static final OpKind TRY_ACQUIRE = OpKind.declare("SEMAPHORE_TRY_ACQUIRE", "tryAcquire");
  static final OpKind RELEASE = OpKind.declare("SEMAPHORE_RELEASE", "release");
  static final OpKind AVAILABLE = OpKind.declare("SEMAPHORE_AVAILABLE", "availablePermits");
  static final OpKind DRAIN = OpKind.declare("SEMAPHORE_DRAIN", "drainPermits");

  private final Execution ex;
  /** Permits of each semaphore used in this execution, made from its initial permits at first use. */
  private final CountPerObject permits;

  Semaphores(Execution ex) {
    this.ex = ex;
    this.permits = new CountPerObject(ex, "permits");
  }

  @Override
  public OpKind[] operations() {
    return new OpKind[] {ACQUIRE, ACQUIRE_UNINTERRUPTIBLY, TRY_ACQUIRE, RELEASE, AVAILABLE, DRAIN};
  }

  /** Its part of a state fingerprint: the permits of each semaphore used so far. */
  @Override
  public void hashState(StateFingerprint f) {
    permits.hashState(f);
  }

  /** The pending operation's semaphore's permits now; the pending operation's object is the semaphore. */
  int available(Object semaphore) {
    return permits.now(semaphore);
  }

  /** The permits of {@code semaphore}, which starts with {@code initialPermits} at its first use in the execution. */
  int[] state(Object semaphore, int initialPermits) {
    return permits.of(semaphore, initialPermits);
  }

  /** A blocking acquisition can go on once there are enough permits, or (interruptibly) when its thread is interrupted. */
  @Override
  public boolean isEnabled(ModelThread t) {
    if (t.op != ACQUIRE && t.op != ACQUIRE_UNINTERRUPTIBLY) {
      return true;
    }
    return available(t.opObject) >= t.opArg || t.op == ACQUIRE && t.interrupted;
  }

  @Override
  public void recordAccesses(ModelThread t, Dependence out) {
    out.access(t.opObject, PERMITS, AccessSet.READ);
    out.access(t.opObject, PERMITS, AccessSet.WRITE);
    if (t.op == ACQUIRE || t.op == ACQUIRE_UNINTERRUPTIBLY) {
      out.access(t.opObject, ACQUISITIONS, AccessSet.ACQUIRE);
    } else if (t.op == TRY_ACQUIRE) {
      out.access(t.opObject, ACQUISITIONS, (byte) (AccessSet.ACQUIRE | AccessSet.GUARD));
    }
    if (t.op == ACQUIRE) {
      out.access(t.javaThread, ThreadLifeCycle.INTERRUPT, AccessSet.READ);
    }
  }

  @Override
  public String blockedReason(ModelThread t) {
    int n = t.opArg;
    return "waits for " + (n == 1 ? "a permit" : n + " permits") + " of " + ex.describe(t.opObject) + ", "
        + available(t.opObject) + " available";
  }

  private void acquire(ModelThread me, Object semaphore, int initialPermits, int n, boolean interruptibly)
      throws InterruptedException {
    checkPermits(n);
    int[] p = state(semaphore, initialPermits);
    // The interrupt flag is looked at in the acquisition's own step, which records reading it:
    // looked at before announcing, it would be read in the step before, which records no such
    // read, and the search could skip the order where the interrupt comes before that step.
    if (me.atomicDepth > 0) {
      if (interruptibly) {
        ex.steps.access(me.javaThread, ThreadLifeCycle.INTERRUPT, AccessSet.READ);
        throwIfInterrupted(me);
      }
      if (p[0] < n) {
        throw new UnsupportedConstructError("blocking inside an atomic block",
            ex.describe(semaphore) + " has " + p[0] + " permits; an atomic block must not block");
      }
      accessInAtomicBlock(semaphore);
    } else {
      me.announce(interruptibly ? ACQUIRE : ACQUIRE_UNINTERRUPTIBLY, semaphore, n, 0);
      ex.schedulePoint(me);
      if (interruptibly) {
        throwIfInterrupted(me); // as the JDK's acquire does, even with permits free
      }
    }
    p[0] -= n;
  }

  private static void throwIfInterrupted(ModelThread me) throws InterruptedException {
    if (me.interrupted) {
      me.interrupted = false;
      throw new InterruptedException();
    }
  }

  /** One step that looks at the permits: {@code tryAcquire}, {@code availablePermits}, {@code drainPermits}. */
  private int[] look(ModelThread me, OpKind op, Object semaphore, int initialPermits, int n) {
    int[] p = state(semaphore, initialPermits);
    if (me.atomicDepth > 0) {
      accessInAtomicBlock(semaphore);
    } else {
      me.announce(op, semaphore, n, 0);
      ex.schedulePoint(me);
    }
    return p;
  }

  /** Inside an atomic block an operation is no step of its own: the block's step reads and writes the permits. */
  private void accessInAtomicBlock(Object semaphore) {
    ex.steps.access(semaphore, PERMITS, AccessSet.READ);
    ex.steps.access(semaphore, PERMITS, AccessSet.WRITE);
  }

  private static void checkPermits(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative number of permits: " + n);
    }
  }

  // ------------------------------------------------------------ entry points of juc.ModelSemaphore

  /**
   * The execution's semaphores for the calling model thread, or null when hooks are off for it.
   * An operation on a semaphore while an invariant or a guard is evaluated is refused: the
   * search does not know such a read, so it could skip the orders that change its result.
   */
  private static Semaphores of(ModelThread me) {
    return me == null ? null : Hooks.execution().primitive(Semaphores.class);
  }

  private static ModelThread caller() {
    Hooks.refuseInInvariantOrGuard("a Semaphore in an invariant or a guard",
        "its permits are not state the search tracks there; keep a counter in a field next to it");
    return Hooks.active();
  }

  public static void acquire(Object semaphore, int initialPermits, int n, boolean interruptibly)
      throws InterruptedException {
    ModelThread me = caller();
    if (me != null) {
      of(me).acquire(me, semaphore, initialPermits, n, interruptibly);
    }
  }

  public static boolean tryAcquire(Object semaphore, int initialPermits, int n) {
    checkPermits(n);
    ModelThread me = caller();
    if (me == null) {
      return true;
    }
    int[] p = of(me).look(me, TRY_ACQUIRE, semaphore, initialPermits, n);
    if (p[0] < n) {
      return false;
    }
    p[0] -= n;
    return true;
  }

  public static void release(Object semaphore, int initialPermits, int n) {
    checkPermits(n);
    ModelThread me = Hooks.activeForRelease();
    if (me != null) {
      of(me).look(me, RELEASE, semaphore, initialPermits, n)[0] += n;
    }
  }

  public static int availablePermits(Object semaphore, int initialPermits) {
    ModelThread me = caller();
    return me == null ? initialPermits : of(me).look(me, AVAILABLE, semaphore, initialPermits, 0)[0];
  }

  public static int drainPermits(Object semaphore, int initialPermits) {
    ModelThread me = caller();
    if (me == null) {
      return 0;
    }
    int[] p = of(me).look(me, DRAIN, semaphore, initialPermits, 0);
    int drained = p[0]; // negative permits are drained to 0 too, as the JDK does
    p[0] = 0;
    return drained;
  }
}
