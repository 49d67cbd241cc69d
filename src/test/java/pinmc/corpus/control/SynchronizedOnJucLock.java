package pinmc.corpus.control;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One thread increments under {@code synchronized (x)}, the other under {@code x}'s own lock: in
 * Java the monitor and the lock are independent, so the update can be lost. Variants name x:
 * {@code reentrantLock}, {@code readWriteLock} (its write lock), {@code condition} (a
 * Condition's monitor against its lock's lock; no race, but its wait set is where the
 * engine keeps the condition's waiters).
 */
public final class SynchronizedOnJucLock {
  static int counter;

  public static void main(String[] args) throws InterruptedException {
    ReentrantLock lock = new ReentrantLock();
    ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    Condition condition = lock.newCondition();
    Object monitor = switch (args[0]) {
      case "reentrantLock" -> lock;
      case "readWriteLock" -> rw;
      default -> condition;
    };
    Thread a = new Thread(() -> {
      synchronized (monitor) {
        counter++;
      }
    });
    Thread b = new Thread(() -> {
      if (monitor == rw) {
        rw.writeLock().lock();
      } else {
        lock.lock();
      }
      try {
        counter++;
      } finally {
        if (monitor == rw) {
          rw.writeLock().unlock();
        } else {
          lock.unlock();
        }
      }
    });
    a.start();
    b.start();
    a.join();
    b.join();
    assert monitor == condition || counter == 2 : "lost update: counter = " + counter;
  }
}
