package pinmc.embedded.runtime;

/**
 * The entry points of the engine's replacements for {@code java.util.concurrent.locks}
 * ({@code juc.ModelReentrantLock}, {@code ModelReentrantReadWriteLock}, {@code ModelCondition}):
 * each hands the operation to its primitive ({@link ExclusiveLocks}, {@link ReadWriteLocks},
 * {@link WaitSets}). They take no site: when tracing, the site is found from the stack.
 *
 * <p>Public because the replacements live in another package; not an API.
 */
public final class LockHooks {
  private LockHooks() {}

  /** Lock operations of the engine's replacements for j.u.c locks; the site is found from the stack when tracing. */
  public static void lock(Object lock) {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().locks.lock(me, lock, 0);
    }
  }

  public static boolean tryLock(Object lock) {
    ModelThread me = Hooks.active();
    return me == null || Hooks.execution().locks.tryLock(me, lock, 0);
  }

  public static boolean tryReadLock(Object lock) {
    ModelThread me = Hooks.active();
    return me == null || Hooks.execution().readWriteLocks.tryLock(me, lock, false);
  }

  public static boolean tryWriteLock(Object lock) {
    ModelThread me = Hooks.active();
    return me == null || Hooks.execution().readWriteLocks.tryLock(me, lock, true);
  }

  public static void unlock(Object lock) {
    ModelThread me = Hooks.activeForRelease();
    if (me != null) {
      Hooks.execution().locks.unlock(me, lock, 0);
    }
  }

  public static void readLock(Object lock) {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().readWriteLocks.readLock(me, lock, 0);
    }
  }

  public static void readUnlock(Object lock) {
    ModelThread me = Hooks.activeForRelease();
    if (me != null) {
      Hooks.execution().readWriteLocks.readUnlock(me, lock, 0);
    }
  }

  public static void writeLock(Object lock) {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().readWriteLocks.writeLock(me, lock, 0);
    }
  }

  public static boolean isHeldByCurrentThread(Object lock) {
    ModelThread me = Hooks.active();
    return me != null && Hooks.execution().locks.isHeldBy(lock, me);
  }

  public static int holdCount(Object lock) {
    ModelThread me = Hooks.active();
    if (me == null) {
      return 0;
    }
    return Hooks.execution().locks.holdCount(lock, me);
  }

  /** {@code Condition.await}: returns whether the thread was signalled (not timed out). */
  public static boolean await(Object condition, Object lock, boolean timed) throws InterruptedException {
    ModelThread me = Hooks.active();
    if (me == null) {
      throw new IllegalStateException("Condition.await outside a model thread");
    }
    return Hooks.execution().waitSets.await(me, condition, lock, timed, 0);
  }

  public static void signal(Object condition, Object lock, boolean all) {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().waitSets.notify(me, condition, lock, all, 0);
    }
  }
}
