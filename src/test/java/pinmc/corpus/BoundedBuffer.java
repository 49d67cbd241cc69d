package pinmc.corpus;

/**
 * A one-slot buffer with two producers and two consumers, all waiting on the same monitor.
 * With {@code notify} a producer can wake the other producer instead of a consumer, and
 * every thread ends up waiting (the classic lost wake-up); {@code notifyAll} is correct.
 * Argument: {@code notify} or {@code notifyAll}.
 */
public class BoundedBuffer {
  private Integer slot;
  private final boolean notifyAll;

  BoundedBuffer(boolean notifyAll) {
    this.notifyAll = notifyAll;
  }

  synchronized void put(int v) throws InterruptedException {
    while (slot != null) {
      wait();
    }
    slot = v;
    wake();
  }

  synchronized int take() throws InterruptedException {
    while (slot == null) {
      wait();
    }
    int v = slot;
    slot = null;
    wake();
    return v;
  }

  private void wake() {
    if (notifyAll) {
      notifyAll();
    } else {
      notify();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    BoundedBuffer buffer = new BoundedBuffer(args.length > 0 && args[0].equals("notifyAll"));
    Thread[] threads = new Thread[4];
    for (int i = 0; i < 2; i++) {
      int v = i;
      threads[i] = new Thread(() -> {
        try {
          buffer.put(v);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, "producer" + i);
      threads[i + 2] = new Thread(() -> {
        try {
          buffer.take();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, "consumer" + i);
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
