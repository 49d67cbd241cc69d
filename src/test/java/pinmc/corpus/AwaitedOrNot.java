package pinmc.corpus;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A waiter either waits for a flag (the setter's signal wakes it) or finds it set already; the
 * two orders meet in one state once the waiter is gone, and main goes on after that. With
 * argument {@code monitor} the waiter uses {@code Object.wait} on a monitor, otherwise
 * {@code Condition.await}: the two must have the same states (a condition once awaited is not
 * part of the state). Passes.
 */
public class AwaitedOrNot {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition set = lock.newCondition();
  private final Object monitor = new Object();
  private final boolean useMonitor;
  private boolean ready;
  private int after;

  AwaitedOrNot(boolean useMonitor) {
    this.useMonitor = useMonitor;
  }

  void awaitReady() throws InterruptedException {
    if (useMonitor) {
      synchronized (monitor) {
        while (!ready) {
          monitor.wait();
        }
      }
      return;
    }
    lock.lock();
    try {
      while (!ready) {
        set.await();
      }
    } finally {
      lock.unlock();
    }
  }

  void makeReady() {
    if (useMonitor) {
      synchronized (monitor) {
        ready = true;
        monitor.notify();
      }
      return;
    }
    lock.lock();
    try {
      ready = true;
      set.signal();
    } finally {
      lock.unlock();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    AwaitedOrNot a = new AwaitedOrNot(args.length > 0 && args[0].equals("monitor"));
    Thread waiter = new Thread(() -> {
      try {
        a.awaitReady();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    waiter.start();
    a.makeReady();
    waiter.join();
    a.after = 1;
    a.after = 2;
    if (a.after != 2 || !a.ready) {
      throw new AssertionError("lost a write");
    }
  }
}
