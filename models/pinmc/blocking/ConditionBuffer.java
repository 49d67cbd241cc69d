package pinmc.blocking;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-slot buffer on a {@link ReentrantLock} with two {@link Condition}s (not full, not
 * empty) and {@code signal}: P producers put I items each, C consumers take P*I/C items each.
 * Passes. Arguments: P, C, I.
 */
public final class ConditionBuffer extends OneSlotBuffer {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition notEmpty = lock.newCondition();
  private int slot;
  private boolean full;

  private ConditionBuffer() {}

  @Override
  void put(int item) throws InterruptedException {
    lock.lock();
    try {
      while (full) {
        notFull.await();
      }
      slot = item;
      full = true;
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  int take() throws InterruptedException {
    lock.lock();
    try {
      while (!full) {
        notEmpty.await();
      }
      full = false;
      notFull.signal();
      return slot;
    } finally {
      lock.unlock();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    OneSlotBuffer.run(new ConditionBuffer(), args);
  }
}
