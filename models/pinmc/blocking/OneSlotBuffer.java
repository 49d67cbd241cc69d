package pinmc.blocking;

/**
 * A buffer of one slot, and the run the buffer programs share: P producers put I items each
 * (numbered 1 to P*I), C consumers take P*I/C items each and add them up. Passes: every item
 * is taken exactly once (the count and the sum), and nobody waits forever.
 */
abstract class OneSlotBuffer {
  private final Object tally = new Object();
  private int taken;
  private int sum;

  abstract void put(int item) throws InterruptedException;

  abstract int take() throws InterruptedException;

  /** Arguments: P, C, I. */
  static void run(OneSlotBuffer b, String[] args) throws InterruptedException {
    int producers = Integer.parseInt(args[0]);
    int consumers = Integer.parseInt(args[1]);
    int items = Integer.parseInt(args[2]);
    int each = producers * items / consumers;
    if (each * consumers != producers * items) {
      throw new IllegalArgumentException("consumers must divide producers x items");
    }
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
            synchronized (b.tally) {
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
