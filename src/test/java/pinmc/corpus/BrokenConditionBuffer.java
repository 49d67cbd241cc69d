package pinmc.corpus;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-slot buffer on a {@code ReentrantLock} with two conditions, broken in one of two ways
 * (the argument), each a boundary of the stateful-DPOR rule that steps ordered through a lock
 * do not race: {@code readAfterUnlock} takes the item out of the slot after releasing the lock,
 * so a producer's write of the slot, made under the lock, races with that read, made under none
 * (an item is lost: assertion); {@code wrongCondition} signals {@code notEmpty} where it should
 * signal {@code notFull}, so the second producer waits for good (deadlock). Two producers put
 * one item each, one consumer takes both.
 */
public class BrokenConditionBuffer {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition notEmpty = lock.newCondition();
  private final boolean readAfterUnlock;
  private int slot;
  private boolean full;

  BrokenConditionBuffer(boolean readAfterUnlock) {
    this.readAfterUnlock = readAfterUnlock;
  }

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
    int item = 0;
    lock.lock();
    try {
      while (!full) {
        notEmpty.await();
      }
      full = false;
      if (readAfterUnlock) {
        notFull.signal();
      } else {
        notEmpty.signal();
        item = slot;
      }
    } finally {
      lock.unlock();
    }
    return readAfterUnlock ? slot : item;
  }

  public static void main(String[] args) throws InterruptedException {
    BrokenConditionBuffer b = new BrokenConditionBuffer(args[0].equals("readAfterUnlock"));
    Thread[] producers = new Thread[2];
    for (int p = 0; p < 2; p++) {
      int item = p + 1;
      producers[p] = new Thread(() -> {
        try {
          b.put(item);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
    }
    int[] sum = new int[1];
    Thread consumer = new Thread(() -> {
      try {
        sum[0] = b.take() + b.take();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    producers[0].start();
    producers[1].start();
    consumer.start();
    producers[0].join();
    producers[1].join();
    consumer.join();
    assert sum[0] == 3 : "an item was lost or taken twice";
  }
}
