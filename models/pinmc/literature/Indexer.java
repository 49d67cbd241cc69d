package pinmc.literature;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * indexer(N): N threads each insert 4 values into a shared hash table of 128 slots with
 * compare-and-set and linear probing. Threads touch disjoint slots until N reaches 12, when
 * their hashes start to collide. Argument: N.
 */
public final class Indexer {
  static final int SIZE = 128;
  static final int MAX = 4;
  static AtomicIntegerArray table;

  private Indexer() {}

  static int hash(int w) {
    return (w * 7) % SIZE;
  }

  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[0]);
    table = new AtomicIntegerArray(SIZE);
    Thread[] threads = new Thread[n];
    for (int t = 0; t < n; t++) {
      int tid = t;
      threads[t] = new Thread(() -> {
        for (int m = 1; m <= MAX; m++) {
          int w = m * 11 + tid;
          int h = hash(w);
          while (!table.compareAndSet(h, 0, w)) {
            h = (h + 1) % SIZE;
          }
        }
      }, "indexer" + t);
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
