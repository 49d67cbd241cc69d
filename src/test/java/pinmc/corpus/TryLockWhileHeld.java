package pinmc.corpus;

import java.util.concurrent.locks.ReentrantLock;

/** tryLock fails only if it comes while the other thread holds the lock: between its lock and unlock. */
public class TryLockWhileHeld {
  static final ReentrantLock LOCK = new ReentrantLock();
  static int x;
  static boolean failed;

  public static void main(String[] args) throws InterruptedException {
    Thread holder = new Thread(() -> {
      LOCK.lock();
      try {
        x = 1;
      } finally {
        LOCK.unlock();
      }
    }, "holder");
    Thread trier = new Thread(() -> {
      if (LOCK.tryLock()) {
        LOCK.unlock();
      } else {
        failed = true;
      }
    }, "trier");
    holder.start();
    trier.start();
    holder.join();
    trier.join();
    assert !failed : "tryLock failed while the holder held the lock";
  }
}
