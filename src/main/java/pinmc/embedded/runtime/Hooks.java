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
 * it is not an API.
 */
public final class Hooks {
  private Hooks() {}

  /**
   * The model thread running on the caller's carrier, or null if hooks are off for it.
   * Throws {@link ExecutionAbort} when the execution is being aborted: the thread must
   * unwind without touching the engine's state, which other unwinding threads share.
   */
  private static ModelThread active() {
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
  private static ModelThread activeForRelease() {
    if (Thread.currentThread() instanceof Carrier c) {
      ModelThread m = c.thread;
      if (m != null && m.silent == 0 && !c.execution.isAborting()) {
        return m;
      }
    }
    return null;
  }

  private static Execution execution() {
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
        ex.silentRead(me, obj, index, site);
      }
      return;
    }
    if (ex.isAborting()) {
      throw ExecutionAbort.INSTANCE;
    }
    int loc = index >= 0 ? index : ex.sites.fieldOf(site);
    if (me.atomicDepth > 0) {
      ex.atomicAccess(obj, loc, kind == OpKind.WRITE ? AccessSet.WRITE : AccessSet.READ);
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
    ModelThread me = active();
    if (me != null) {
      execution().lock(me, o, site);
    }
  }

  public static void monitorExit(Object o, int site) {
    ModelThread me = activeForRelease();
    if (me != null) {
      execution().unlock(me, o, site);
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
    execution().await(me, o, o, timed, site);
  }

  public static void objectNotify(Object o, int site) {
    ModelThread me = active();
    if (me != null) {
      execution().notify(me, o, o, false, site);
    }
  }

  public static void objectNotifyAll(Object o, int site) {
    ModelThread me = active();
    if (me != null) {
      execution().notify(me, o, o, true, site);
    }
  }

  // ------------------------------------------------------------ threads

  public static void threadStart(Thread t, int site) {
    ModelThread me = active();
    if (me == null) {
      throw new UnsupportedConstructError("Thread.start outside a model thread", "threads must be started by model code");
    }
    execution().threadStart(me, t, site);
  }

  public static void threadJoin(Thread t, int site) throws InterruptedException {
    ModelThread me = active();
    if (me != null) {
      execution().threadJoin(me, t, false, site);
    }
  }

  public static void threadJoin(Thread t, long millis, int site) throws InterruptedException {
    ModelThread me = active();
    if (me != null) {
      execution().threadJoin(me, t, millis > 0, site);
    }
  }

  public static void threadJoin(Thread t, long millis, int nanos, int site) throws InterruptedException {
    threadJoin(t, millis > 0 || nanos > 0 ? 1 : 0, site);
  }

  public static Thread currentThread() {
    Thread t = Thread.currentThread();
    if (t instanceof Carrier c && c.thread != null) {
      return c.thread.javaThread;
    }
    return t;
  }

  public static void sleep(long millis, int site) throws InterruptedException {
    ModelThread me = active();
    if (me != null) {
      execution().yieldStep(me, OpKind.SLEEP, site);
    }
  }

  public static void sleep(long millis, int nanos, int site) throws InterruptedException {
    sleep(millis, site);
  }

  public static void yield(int site) {
    ModelThread me = active();
    if (me != null) {
      try {
        execution().yieldStep(me, OpKind.YIELD, site);
      } catch (InterruptedException e) {
        throw new AssertionError(e); // a yield is never interrupted
      }
    }
  }

  public static void interrupt(Thread t, int site) {
    ModelThread me = active();
    if (me != null) {
      execution().interrupt(me, t, site);
    }
  }

  public static boolean isInterrupted(Thread t, int site) {
    ModelThread me = active();
    return me != null && execution().queryInterrupted(me, t, false, site);
  }

  public static boolean interrupted(int site) {
    ModelThread me = active();
    return me != null && execution().queryInterrupted(me, me.javaThread, true, site);
  }

  public static boolean isAlive(Thread t, int site) {
    ModelThread me = active();
    return me != null && execution().isAlive(me, t, site);
  }

  /** {@code Thread.getId}: the thread's number in this execution, the same in every execution. */
  public static long threadId(Thread t) {
    if (Thread.currentThread() instanceof Carrier c && c.execution != null) {
      ModelThread m = c.execution.modelThread(t);
      if (m != null) {
        return m.id + 1;
      }
    }
    return t.getId();
  }

  public static void park(int site) {
    ModelThread me = active();
    if (me != null) {
      execution().park(me, false, site);
    }
  }

  public static void park(Object blocker, int site) {
    park(site);
  }

  public static void parkNanos(long nanos, int site) {
    ModelThread me = active();
    if (me != null) {
      execution().park(me, true, site);
    }
  }

  public static void parkNanos(Object blocker, long nanos, int site) {
    parkNanos(nanos, site);
  }

  public static void unpark(Thread t, int site) {
    ModelThread me = active();
    if (me != null) {
      execution().unpark(me, t, site);
    }
  }

  // ------------------------------------------------------------ java.util.concurrent.atomic

  /** Before a call on an atomic variable: one step that reads or writes its value. */
  public static void atomicOpBegin(Object atomic, int index, boolean write, int site) {
    if (Thread.currentThread() instanceof Carrier c && c.thread != null && c.thread.silent > 0) {
      if (c.thread.observing && !write) {
        c.execution.observe(Execution.VALUE);
      }
      if (c.execution.trace != null && !write) {
        c.execution.trace.silentRead(atomic, index >= 0 ? index : Execution.VALUE);
      }
      return;
    }
    ModelThread me = active();
    if (me == null) {
      return;
    }
    Execution ex = execution();
    int loc = index >= 0 ? index : Execution.VALUE;
    if (me.atomicDepth > 0) {
      ex.atomicAccess(atomic, loc, write ? AccessSet.WRITE : AccessSet.READ);
    } else {
      me.announce(OpKind.ATOMIC_OP, atomic, loc, site);
      me.opWrites = write;
      ex.schedulePoint(me);
    }
    me.atomicDepth++; // a function passed to updateAndGet runs inside the step
  }

  public static void atomicOpEnd() {
    ModelThread me = activeForRelease();
    if (me != null) {
      me.atomicDepth--;
    }
  }

  // ------------------------------------------------------------ JDK objects (collections, builders)

  /**
   * Before a call from model code on a JDK object (see {@link JdkObjects}): if the object is
   * one the engine controls, one step that reads or writes the state of the object it stands
   * for, and the call runs inside that step (a function it calls back runs there too). A JDK
   * object that synchronises its calls (Vector, StringBuffer, Collections.synchronizedList)
   * first takes its monitor, as the JDK's code does. Returns what {@link #jdkCallEnd} must
   * do: 0 nothing, 1 end the step, 2 end the step and release the monitor, 3 only note a view
   * (a silent call, such as one in a static initialiser).
   */
  public static int jdkCallBegin(Object receiver, int mode, int site) {
    if (receiver == null || !(Thread.currentThread() instanceof Carrier c) || c.thread == null) {
      return 0;
    }
    if (mode == JdkObjects.HASH && JdkObjects.hasIdentityHash(receiver)) {
      throw new UnsupportedConstructError(receiver.getClass().getName() + ".hashCode()",
          "an identity hash code differs from run to run; give the class its own hashCode (model classes get a "
              + "deterministic one) or do not hash this object");
    }
    JdkObjects.Kind kind = JdkObjects.kind(receiver.getClass());
    if (kind == JdkObjects.Kind.UNCONTROLLED) {
      return 0;
    }
    ModelThread me = c.thread;
    Execution ex = c.execution;
    int state = ex.sites.fieldOf(site);
    boolean write = mode == JdkObjects.WRITE;
    if (me.silent > 0) {
      if (me.observing && !write) {
        ex.observe(state);
      }
      return 3; // no step, but a view made here (in a static initialiser) still stands for its object
    }
    if (ex.isAborting()) {
      throw ExecutionAbort.INSTANCE;
    }
    boolean synchronizedCall = kind == JdkObjects.Kind.SYNCHRONIZED;
    if (synchronizedCall) {
      ex.lock(me, receiver, site);
    }
    jdkAccess(me, ex, receiver, state, write, site);
    me.atomicDepth++; // the call, and model code it calls back, is one step
    return synchronizedCall ? 2 : 1;
  }

  /** An argument of a call begun by {@link #jdkCallBegin}: a JDK object it reads (as addAll reads its argument). */
  public static void jdkArgument(Object argument, int began, int site) {
    if (began == 0 || began == 3 || argument == null || !(Thread.currentThread() instanceof Carrier c) || c.thread == null
        || JdkObjects.kind(argument.getClass()) == JdkObjects.Kind.UNCONTROLLED || c.execution.isAborting()) {
      return;
    }
    Execution ex = c.execution;
    ex.atomicAccess(ex.viewedObject(argument), ex.sites.fieldOf(site), AccessSet.READ);
  }

  /**
   * Before JDK code that reads an object model code hands it (a copy constructor,
   * {@code new ArrayList<>(shared)}; string concatenation, {@code "pages " + shared}): if the
   * object is a JDK object the engine controls, a step that reads it; the JDK code runs in
   * that step.
   */
  public static void jdkObjectRead(Object argument, int site) {
    if (argument == null || !(Thread.currentThread() instanceof Carrier c) || c.thread == null
        || JdkObjects.kind(argument.getClass()) == JdkObjects.Kind.UNCONTROLLED) {
      return;
    }
    ModelThread me = c.thread;
    Execution ex = c.execution;
    int state = ex.sites.fieldOf(site);
    if (me.silent > 0) {
      if (me.observing) {
        ex.observe(state);
      }
      return;
    }
    if (ex.isAborting()) {
      throw ExecutionAbort.INSTANCE;
    }
    jdkAccess(me, ex, argument, state, false, site);
  }

  /** A step (or, inside an atomic one, part of it) that reads or writes the state of the JDK object {@code o} stands for. */
  private static void jdkAccess(ModelThread me, Execution ex, Object o, int state, boolean write, int site) {
    Object root = ex.viewedObject(o);
    if (me.atomicDepth > 0) {
      ex.atomicAccess(root, state, write ? AccessSet.WRITE : AccessSet.READ);
    } else {
      me.announce(write ? OpKind.WRITE : OpKind.READ, root, state, site);
      ex.schedulePoint(me);
    }
  }

  /**
   * After a call begun by {@link #jdkCallBegin} (normally or not): ends its step; a JDK
   * container it returned that the model did not allocate (an iterator, a view, an entry, a
   * stream) stands for the receiver's state from now on.
   */
  public static void jdkCallEnd(Object result, Object receiver, int began, int site) {
    if (began == 0 || !(Thread.currentThread() instanceof Carrier c) || c.thread == null || c.execution.isAborting()) {
      return;
    }
    ModelThread me = c.thread;
    Execution ex = c.execution;
    if (began != 3) {
      me.atomicDepth--;
    }
    if (result != null && result != receiver && JdkObjects.kind(result.getClass()) != JdkObjects.Kind.UNCONTROLLED) {
      ex.viewOf(result, receiver);
    }
    if (began == 2) {
      ex.unlock(me, receiver, site);
    }
  }

  // ------------------------------------------------------------ java.util.concurrent.locks

  /** Lock operations of the engine's replacements for j.u.c locks; the site is found from the stack when tracing. */
  public static void lock(Object lock) {
    ModelThread me = active();
    if (me != null) {
      execution().lock(me, lock, 0);
    }
  }

  public static boolean tryLock(Object lock) {
    ModelThread me = active();
    return me == null || execution().tryLock(me, lock, 0);
  }

  public static boolean tryReadLock(Object lock) {
    ModelThread me = active();
    return me == null || execution().tryReadWriteLock(me, lock, false);
  }

  public static boolean tryWriteLock(Object lock) {
    ModelThread me = active();
    return me == null || execution().tryReadWriteLock(me, lock, true);
  }

  public static void unlock(Object lock) {
    ModelThread me = activeForRelease();
    if (me != null) {
      execution().unlock(me, lock, 0);
    }
  }

  public static void readLock(Object lock) {
    ModelThread me = active();
    if (me != null) {
      execution().readLock(me, lock, 0);
    }
  }

  public static void readUnlock(Object lock) {
    ModelThread me = activeForRelease();
    if (me != null) {
      execution().readUnlock(me, lock, 0);
    }
  }

  public static void writeLock(Object lock) {
    ModelThread me = active();
    if (me != null) {
      execution().writeLock(me, lock, 0);
    }
  }

  public static boolean isHeldByCurrentThread(Object lock) {
    ModelThread me = active();
    return me != null && execution().monitor(lock).owner == me;
  }

  public static int holdCount(Object lock) {
    ModelThread me = active();
    if (me == null) {
      return 0;
    }
    Monitor m = execution().monitor(lock);
    return m.owner == me ? m.depth : 0;
  }

  /** {@code Condition.await}: returns whether the thread was signalled (not timed out). */
  public static boolean await(Object condition, Object lock, boolean timed) throws InterruptedException {
    ModelThread me = active();
    if (me == null) {
      throw new IllegalStateException("Condition.await outside a model thread");
    }
    return execution().await(me, condition, lock, timed, 0);
  }

  public static void signal(Object condition, Object lock, boolean all) {
    ModelThread me = active();
    if (me != null) {
      execution().notify(me, condition, lock, all, 0);
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
                + " times without a scheduling point, at " + modelFrame(Thread.currentThread().getStackTrace()),
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
    if (Thread.currentThread() instanceof Carrier c && c.execution != null) {
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

  /** After model code allocated an object or array: gives it its number (see {@code Execution.objectIds}). */
  public static void allocated(Object o) {
    if (Thread.currentThread() instanceof Carrier c && c.thread != null) {
      ModelThread t = c.thread;
      if (t.initClass >= 0) {
        c.execution.allocated(t, o, t.initClass);
      } else if (t.silent == 0) {
        c.execution.allocated(t, o, -1);
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
      int id = c.execution.objectId(o);
      return id != 0 ? id : 1;
    }
    int h = System.identityHashCode(o);
    return h != 0 ? h : 1;
  }

  /** Replaces a call the engine cannot control; always throws. */
  public static void unsupported(String construct, String why) {
    throw new UnsupportedConstructError(construct, why);
  }

  // ------------------------------------------------------------ stack frames

  /** Whether a stack frame belongs to the model (not the JDK, not pinmc's engine or API). */
  static boolean isModelFrame(StackTraceElement e) {
    // The instrumenter's wrappers around calls on JDK objects and atomics have no line of their own
    // (TraceRecorder reads the called method from their names).
    return !SharedPackages.isShared(e.getClassName())
        && !e.getMethodName().startsWith("__pinmc$jdk$") && !e.getMethodName().startsWith("__pinmc$atomic$");
  }

  /** The innermost model frame of a stack, as {@code Class.method (File.java:42)}. */
  static String modelFrame(StackTraceElement[] stack) {
    for (StackTraceElement e : stack) {
      if (isModelFrame(e)) {
        String c = e.getClassName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName() + " (" + e.getFileName() + ":" + e.getLineNumber() + ")";
      }
    }
    return "an unknown place";
  }
}
