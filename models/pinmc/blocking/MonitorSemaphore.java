package pinmc.blocking;

/**
 * A counting semaphore on one monitor with {@code notify}: N threads each acquire and
 * release it once, with P permits. Passes: at most P threads hold a permit at once, and a
 * release always wakes a waiter if there is one (each release adds one permit and wakes one
 * waiter, and every waiter waits for a permit only), so nobody waits forever.
 * Arguments: N, P.
 */
public final class MonitorSemaphore {
  private final Object lock = new Object();
  private int permits;
  private int holders;

  private MonitorSemaphore(int permits) {
    this.permits = permits;
  }

  void acquire() throws InterruptedException {
    synchronized (lock) {
      while (permits == 0) {
        lock.wait();
      }
      permits--;
      holders++;
    }
  }

  void release() {
    synchronized (lock) {
      holders--;
      permits++;
      lock.notify();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[0]);
    int p = Integer.parseInt(args[1]);
    MonitorSemaphore s = new MonitorSemaphore(p);
    Thread[] threads = new Thread[n];
    for (int t = 0; t < n; t++) {
      threads[t] = new Thread(() -> {
        try {
          s.acquire();
          synchronized (s.lock) {
            assert s.holders <= p : "more holders than permits";
          }
          s.release();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, "user" + t);
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
