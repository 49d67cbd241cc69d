package pinmc.blocking;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-slot buffer on a {@link ReentrantLock} with two {@link Condition}s (not full, not
 * empty) and {@code signal}: P producers put I items each, C consumers take P*I/C items each.
 * Passes. Arguments: P, C, I.
 */
public final class ConditionBuffer {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition notEmpty = lock.newCondition();
  private int slot;
  private boolean full;
  private int taken;
  private int sum;

  private ConditionBuffer() {}

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

  int take() throws InterruptedException {
    lock.lock();
    try {
      while (!full) {
        notEmpty.await();
      }
      full = false;
      notFull.signal();
      taken++;
      sum += slot;
      return slot;
    } finally {
      lock.unlock();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    int producers = Integer.parseInt(args[0]);
    int consumers = Integer.parseInt(args[1]);
    int items = Integer.parseInt(args[2]);
    int each = producers * items / consumers;
    if (each * consumers != producers * items) {
      throw new IllegalArgumentException("consumers must divide producers x items");
    }
    ConditionBuffer b = new ConditionBuffer();
    Thread[] threads = new Thread[producers + consumers];
    for (int p = 0; p < producers; p++) {
      int base = p * items;
      threads[p] = new Thread(() -> {
        try {
          for (int i = 1; i <= items; i++) {
            b.put(base + i);
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, "producer" + p);
    }
    for (int c = 0; c < consumers; c++) {
      threads[producers + c] = new Thread(() -> {
        try {
          for (int i = 0; i < each; i++) {
            b.take();
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, "consumer" + c);
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    int n = producers * items;
    assert b.taken == n && b.sum == n * (n + 1) / 2 : "items lost or taken twice";
  }
}
