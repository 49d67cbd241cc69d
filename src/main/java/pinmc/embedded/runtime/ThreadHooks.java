package pinmc.embedded.runtime;

/**
 * The entry points instrumented model code calls for {@link Thread} and
 * {@code java.util.concurrent.locks.LockSupport}: start, join, sleep, yield, interrupt,
 * park and unpark, handed to {@link ThreadLifeCycle}, {@link FairYield} and {@link Parking}.
 * As in {@link Hooks}, every method takes the call's site number and does nothing when the
 * caller is not a model thread of a running execution.
 *
 * <p>Public because instrumented classes in another class loader call it; not an API.
 */
public final class ThreadHooks {
  private ThreadHooks() {}

  public static void threadStart(Thread t, int site) {
    ModelThread me = Hooks.active();
    if (me == null) {
      throw new UnsupportedConstructError("Thread.start outside a model thread", "threads must be started by model code");
    }
    Hooks.execution().lifeCycle.start(me, t, site);
  }

  public static void threadJoin(Thread t, int site) throws InterruptedException {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().lifeCycle.join(me, t, false, site);
    }
  }

  public static void threadJoin(Thread t, long millis, int site) throws InterruptedException {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().lifeCycle.join(me, t, millis > 0, site);
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
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().fair.yield(me, OpKind.SLEEP, site);
    }
  }

  public static void sleep(long millis, int nanos, int site) throws InterruptedException {
    sleep(millis, site);
  }

  public static void yield(int site) {
    ModelThread me = Hooks.active();
    if (me != null) {
      try {
        Hooks.execution().fair.yield(me, OpKind.YIELD, site);
      } catch (InterruptedException e) {
        throw new AssertionError(e); // a yield is never interrupted
      }
    }
  }

  public static void interrupt(Thread t, int site) {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().lifeCycle.interrupt(me, t, site);
    }
  }

  public static boolean isInterrupted(Thread t, int site) {
    ModelThread me = Hooks.active();
    return me != null && Hooks.execution().lifeCycle.queryInterrupted(me, t, false, site);
  }

  public static boolean interrupted(int site) {
    ModelThread me = Hooks.active();
    return me != null && Hooks.execution().lifeCycle.queryInterrupted(me, me.javaThread, true, site);
  }

  public static boolean isAlive(Thread t, int site) {
    ModelThread me = Hooks.active();
    return me != null && Hooks.execution().lifeCycle.isAlive(me, t, site);
  }

  /** {@code Thread.getId}: the thread's number in this execution, the same in every execution. */
  public static long threadId(Thread t) {
    if (Thread.currentThread() instanceof Carrier c && c.execution != null) {
      ModelThread m = c.execution.threads.of(t);
      if (m != null) {
        return m.id + 1;
      }
    }
    return t.getId();
  }

  public static void park(int site) {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().parking.park(me, false, site);
    }
  }

  public static void park(Object blocker, int site) {
    park(site);
  }

  public static void parkNanos(long nanos, int site) {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().parking.park(me, true, site);
    }
  }

  public static void parkNanos(Object blocker, long nanos, int site) {
    parkNanos(nanos, site);
  }

  public static void unpark(Thread t, int site) {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().parking.unpark(me, t, site);
    }
  }
}
