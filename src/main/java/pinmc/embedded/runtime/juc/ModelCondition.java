package pinmc.embedded.runtime.juc;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import pinmc.embedded.runtime.WaitSets;

/** A condition of a {@link ModelReentrantLock} or of the write lock of a read-write lock. */
final class ModelCondition implements Condition {
  private final Object lock;

  ModelCondition(Object lock) {
    this.lock = lock;
  }

  @Override
  public void await() throws InterruptedException {
    WaitSets.await(this, lock, false);
  }

  @Override
  public void awaitUninterruptibly() {
    try {
      WaitSets.await(this, lock, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public long awaitNanos(long nanosTimeout) throws InterruptedException {
    return WaitSets.await(this, lock, true) ? 1 : 0;
  }

  @Override
  public boolean await(long time, TimeUnit unit) throws InterruptedException {
    return WaitSets.await(this, lock, true);
  }

  @Override
  public boolean awaitUntil(Date deadline) throws InterruptedException {
    return WaitSets.await(this, lock, true);
  }

  @Override
  public void signal() {
    WaitSets.signal(this, lock, false);
  }

  @Override
  public void signalAll() {
    WaitSets.signal(this, lock, true);
  }

  @Override
  public String toString() {
    return "Condition";
  }
}
