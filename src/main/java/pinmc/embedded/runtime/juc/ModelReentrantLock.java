package pinmc.embedded.runtime.juc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import pinmc.embedded.runtime.ExclusiveLocks;
import pinmc.embedded.runtime.Hooks;

/**
 * What {@code new ReentrantLock()} creates in model code: every operation goes through the
 * engine's scheduler instead of the JDK's queue, whose parking the engine could not see.
 * Timed acquisitions may time out at any point, which covers every timing a real clock gives.
 */
public class ModelReentrantLock extends ReentrantLock {
  private static final long serialVersionUID = 1L;

  public ModelReentrantLock() {}

  public ModelReentrantLock(boolean fair) {
    // Fairness orders real waiting threads; the search explores every order anyway.
  }

  @Override
  public void lock() {
    ExclusiveLocks.lock(this);
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    ExclusiveLocks.lock(this);
  }

  @Override
  public boolean tryLock() {
    return ExclusiveLocks.tryLock(this);
  }

  @Override
  public boolean tryLock(long timeout, TimeUnit unit) {
    return ExclusiveLocks.tryLock(this);
  }

  @Override
  public void unlock() {
    ExclusiveLocks.unlock(this);
  }

  @Override
  public Condition newCondition() {
    ModelCondition c = new ModelCondition(this);
    Hooks.allocated(c);
    return c;
  }

  @Override
  public boolean isHeldByCurrentThread() {
    return ExclusiveLocks.isHeldByCurrentThread(this);
  }

  @Override
  public int getHoldCount() {
    return ExclusiveLocks.holdCount(this);
  }

  @Override
  public String toString() {
    return "ReentrantLock";
  }

  /**
   * What {@code o} is if the engine keeps a lock or waiters of it under {@code o} itself, where
   * {@code o}'s monitor and wait set go ({@code ReentrantLock}, {@code ReentrantReadWriteLock},
   * {@code Condition}); null for any other object.
   */
  public static String keptAsMonitor(Object o) {
    if (o instanceof ModelReentrantLock) {
      return "ReentrantLock";
    }
    if (o instanceof ModelReentrantReadWriteLock) {
      return "ReentrantReadWriteLock";
    }
    return o instanceof ModelCondition ? "Condition" : null;
  }
}
