package pinmc.corpus;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A one-slot queue with a ReentrantLock and two Conditions; one producer, one consumer. */
public class LockConditionQueue {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private int items;
  private int taken;

  void put() throws InterruptedException {
    lock.lock();
    try {
      while (items == 1) {
        notFull.await();
      }
      items++;
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  void take() throws InterruptedException {
    lock.lock();
    try {
      while (items == 0) {
        notEmpty.await();
      }
      items--;
      taken++;
      notFull.signal();
    } finally {
      lock.unlock();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    LockConditionQueue q = new LockConditionQueue();
    Thread producer = new Thread(() -> {
      try {
        q.put();
        q.put();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread consumer = new Thread(() -> {
      try {
        q.take();
        q.take();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    producer.start();
    consumer.start();
    producer.join();
    consumer.join();
    assert q.taken == 2 && q.items == 0;
  }
}
