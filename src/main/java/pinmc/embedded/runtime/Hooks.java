package pinmc.embedded.runtime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Random;
import pinmc.embedded.search.AccessSet;

/**
 * The entry points instrumented model code calls. Every method is static, takes the site
 * number the instrumenter gave the call, and does nothing at all when the caller is not a
 * model thread of a running execution (class initialisation outside a check, invariants
 * and guards being evaluated).
 *
 * <p>This class is public because instrumented classes in another class loader call it;
 * it is not an API. Thread operations go through {@link ThreadHooks}, calls on JDK objects
 * through {@link JdkObjectHooks}; the engine's stand-ins for {@code java.util.concurrent}
 * classes ({@code juc/}) call the entry points of the primitive each serves ({@link
 * ExclusiveLocks}, {@link ReadWriteLocks}, {@link WaitSets}, {@link Semaphores}). The
 * instrumenter names every hook it calls in one table ({@code instrument.HookCall}).
 */
public final class Hooks {
  private Hooks() {}

  /**
   * The model thread running on the caller's carrier, or null if hooks are off for it.
   * Throws {@link ExecutionAbort} when the execution is being aborted: the thread must
   * unwind without touching the engine's state, which other unwinding threads share.
   */
  static ModelThread active() {
    if (Thread.currentThread() instanceof Carrier c) {
      ModelThread m = c.thread;
      if (m != null && m.silent == 0) {
        if (c.execution.isAborting()) {
          throw ExecutionAbort.INSTANCE;
        }
        return m;
      }
    }
    return null;
  }

  /**
   * As {@link #active()}, but null instead of throwing while aborting: for releases, which
   * run in exception handlers that javac makes cover themselves (a release that threw would
   * be retried forever).
   */
  static ModelThread activeForRelease() {
    if (Thread.currentThread() instanceof Carrier c) {
      ModelThread m = c.thread;
      if (m != null && m.silent == 0 && !c.execution.isAborting()) {
        return m;
      }
    }
    return null;
  }

  /**
   * Refuses, with {@code construct} and {@code why} as the error, an operation made while an
   * invariant or a guard is evaluated: for operations on state the search does not know such
   * a read of, so it could skip the orders that change its result.
   */
  static void refuseInInvariantOrGuard(String construct, String why) {
    if (Thread.currentThread() instanceof Carrier c && c.thread != null && c.thread.silent > 0) {
      throw new UnsupportedConstructError(construct, why);
    }
  }

  static Execution execution() {
    return ((Carrier) Thread.currentThread()).execution;
  }

  // ------------------------------------------------------------ fields and arrays

  public static void getField(Object obj, int site) {
    access(obj, -1, site, OpKind.READ);
  }

  public static void putField(Object obj, int site) {
    access(obj, -1, site, OpKind.WRITE);
  }

  public static void getStatic(int site) {
    access(null, -1, site, OpKind.READ);
  }

  public static void putStatic(int site) {
    access(null, -1, site, OpKind.WRITE);
  }

  public static void arrayLoad(Object array, int index, int site) {
    access(array, index, site, OpKind.READ);
  }

  public static void arrayStore(Object array, int index, int site) {
    access(array, index, site, OpKind.WRITE);
  }

  private static void access(Object obj, int index, int site, OpKind kind) {
    if (!(Thread.currentThread() instanceof Carrier c) || c.thread == null) {
      return;
    }
    ModelThread me = c.thread;
    Execution ex = c.execution;
    if (me.silent > 0) {
      if (kind == OpKind.READ) {
        ex.invariants.silentRead(me, obj, index, site);
      }
      return;
    }
    if (ex.isAborting()) {
      throw ExecutionAbort.INSTANCE;
    }
    int loc = index >= 0 ? index : ex.sites.fieldOf(site);
    if (me.atomicDepth > 0) {
      ex.memory.atomicAccess(me, obj, loc, kind == OpKind.WRITE ? AccessSet.WRITE : AccessSet.READ);
      return;
    }
    me.announce(kind, obj, loc, site);
    ex.schedulePoint(me);
  }

  // ------------------------------------------------------------ monitors

  public static void monitorEnter(Object o, int site) {
    if (o == null) {
      throw new NullPointerException("synchronized on null");
    }
    String kept = pinmc.embedded.runtime.juc.ModelReentrantLock.keptAsMonitor(o);
    if (kept != null) {
      // The engine keeps a ReentrantLock's (write) lock, and a Condition's waiters, under the
      // object itself, where its monitor and wait set would go: in Java they are independent,
      // here they would exclude each other, and a race between them would be missed.
      throw new UnsupportedConstructError("synchronized on a " + kept,
          "pinmc keeps its lock and its monitor as one; synchronize on another object");
    }
    ModelThread me = active();
    if (me != null) {
      execution().locks.lock(me, o, site);
    }
  }

  public static void monitorExit(Object o, int site) {
    ModelThread me = activeForRelease();
    if (me != null) {
      execution().locks.unlock(me, o, site);
    }
  }

  public static void objectWait(Object o, int site) throws InterruptedException {
    waitOn(o, false, site);
  }

  public static void objectWait(Object o, long millis, int site) throws InterruptedException {
    if (millis < 0) {
      throw new IllegalArgumentException("timeout value is negative");
    }
    waitOn(o, millis > 0, site);
  }

  public static void objectWait(Object o, long millis, int nanos, int site) throws InterruptedException {
    waitOn(o, millis > 0 || nanos > 0, site);
  }

  private static void waitOn(Object o, boolean timed, int site) throws InterruptedException {
    ModelThread me = active();
    if (me == null) {
      throw new IllegalStateException("Object.wait outside a model thread");
    }
    execution().waitSets.await(me, o, o, timed, site);
  }

  public static void objectNotify(Object o, int site) {
    ModelThread me = active();
    if (me != null) {
      execution().waitSets.notify(me, o, o, false, site);
    }
  }

  public static void objectNotifyAll(Object o, int site) {
    ModelThread me = active();
    if (me != null) {
      execution().waitSets.notify(me, o, o, true, site);
    }
  }

  // ------------------------------------------------------------ java.util.concurrent.atomic

  /** Before a call on an atomic variable: one step that reads or writes its value. */
  public static void atomicOpBegin(Object atomic, int index, boolean write, int site) {
    if (Thread.currentThread() instanceof Carrier c && c.thread != null && c.thread.silent > 0) {
      c.execution.atomicCells.silentCall(c.thread, atomic, index, write);
      return;
    }
    ModelThread me = active();
    if (me != null) {
      execution().atomicCells.begin(me, atomic, index, write, site);
    }
  }

  public static void atomicOpEnd() {
    ModelThread me = activeForRelease();
    if (me != null) {
      me.atomicDepth--;
    }
  }

  // ------------------------------------------------------------ randomness and output

  public static int randomNextInt(Random r, int bound, int site) {
    if (Thread.currentThread() instanceof Carrier c && c.execution != null && c.execution.config.enumerateRandom()) {
      if (bound <= 0) {
        throw new IllegalArgumentException("bound must be positive");
      }
      return pinmc.api.Choice.nextInt(bound);
    }
    return r.nextInt(bound);
  }

  public static boolean randomNextBoolean(Random r, int site) {
    if (Thread.currentThread() instanceof Carrier c && c.execution != null && c.execution.config.enumerateRandom()) {
      return pinmc.api.Choice.nextBoolean();
    }
    return r.nextBoolean();
  }

  private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

  /** {@code System.out} and {@code System.err} as model code sees them: quiet during the search. */
  public static PrintStream modelOut() {
    if (Thread.currentThread() instanceof Carrier c && c.execution != null) {
      return c.execution.modelOut();
    }
    return System.out;
  }

  // ------------------------------------------------------------ loops, class init, unsupported

  /** On every loop back-edge: ends an execution that is being aborted and stops endless local loops. */
  public static void backEdge() {
    if (Thread.currentThread() instanceof Carrier c) {
      ModelThread m = c.thread;
      if (m == null || m.silent > 0) {
        return;
      }
      Execution ex = c.execution;
      if (ex.isAborting()) {
        throw ExecutionAbort.INSTANCE;
      }
      if (++m.localBackEdges > ex.config.maxLocalBackEdges()) {
        ex.finish(new Outcome(Outcome.Kind.BOUND, null, null,
            "thread " + m.name() + " looped " + ex.config.maxLocalBackEdges()
                + " times without a scheduling point, at " + ModelFrames.modelFrame(Thread.currentThread().getStackTrace()),
            java.util.List.of(), pinmc.check.Bound.LOCAL_PROGRESS));
        throw ExecutionAbort.INSTANCE;
      }
    }
  }

  /**
   * The current execution's number, which a class compares with the one it was last
   * initialised in; {@link Integer#MIN_VALUE} outside an execution, where classes keep
   * whatever state they have.
   */
  public static int classEpoch() {
    if (Thread.currentThread() instanceof Carrier c && c.execution != null
        && (c.execution.stateCaching == null || !c.execution.stateCaching.fingerprinting())) {
      return c.execution.epoch();
    }
    return Integer.MIN_VALUE;
  }

  /**
   * Around a class's static initialiser: it runs silently, as part of the step that first
   * used the class. Returns the previous initialiser context, which {@link #classInitEnd}
   * restores (initialisers nest).
   */
  public static long classInitBegin(String className) {
    if (Thread.currentThread() instanceof Carrier c && c.thread != null) {
      ModelThread t = c.thread;
      t.silent++;
      long outer = ((long) t.initClass << 32) | (t.initAllocations & 0xffffffffL);
      t.initClass = c.execution.sites.classNumber(className);
      t.initAllocations = 0;
      return outer;
    }
    return -1L << 32;
  }

  public static void classInitEnd(long outer) {
    if (Thread.currentThread() instanceof Carrier c && c.thread != null) {
      c.thread.silent--;
      c.thread.initClass = (int) (outer >> 32);
      c.thread.initAllocations = (int) outer;
    }
  }

  /** After model code allocated an object or array: gives it its number (see {@link ObjectNumbers}). */
  public static void allocated(Object o) {
    if (Thread.currentThread() instanceof Carrier c && c.thread != null) {
      ModelThread t = c.thread;
      if (t.initClass >= 0) {
        c.execution.objects.allocated(t, o, t.initClass);
      } else if (t.silent == 0) {
        c.execution.objects.allocated(t, o, -1);
      }
    }
  }

  /**
   * The identity hash code of a model object that has no {@code hashCode} of its own: in an
   * execution, never 0 and the same in every execution that allocated it at the same point of
   * the schedule (its object number), so hash-based collections of model objects iterate in
   * an order the schedule determines. Outside an execution, the JVM's.
   */
  public static int identityHash(Object o) {
    if (Thread.currentThread() instanceof Carrier c && c.execution != null) {
      int id = c.execution.objects.objectId(o);
      return id != 0 ? id : 1;
    }
    int h = System.identityHashCode(o);
    return h != 0 ? h : 1;
  }

  /** Replaces a call the engine cannot control; always throws. */
  public static void unsupported(String construct, String why) {
    throw new UnsupportedConstructError(construct, why);
  }


}
