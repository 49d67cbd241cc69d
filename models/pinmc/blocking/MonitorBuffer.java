package pinmc.blocking;

/**
 * A one-slot buffer on one monitor with {@code wait}/{@code notifyAll}: P producers put I
 * items each, C consumers take P*I/C items each. Passes: every item is taken exactly once and
 * nobody waits forever. Arguments: P, C, I.
 */
public final class MonitorBuffer {
  private final Object lock = new Object();
  private int slot;
  private boolean full;
  private int taken;
  private int sum;

  private MonitorBuffer() {}

  void put(int item) throws InterruptedException {
    synchronized (lock) {
      while (full) {
        lock.wait();
      }
      slot = item;
      full = true;
      lock.notifyAll();
    }
  }

  int take() throws InterruptedException {
    synchronized (lock) {
      while (!full) {
        lock.wait();
      }
      full = false;
      lock.notifyAll();
      return slot;
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
    MonitorBuffer b = new MonitorBuffer();
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
            int item = b.take();
            synchronized (b.lock) {
              b.taken++;
              b.sum += item;
            }
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
