package pinmc.blocking;

/**
 * A reusable barrier on one monitor (a generation counter, {@code wait}/{@code notifyAll}):
 * N threads meet R times. Passes: no thread starts round k+1 before every thread has
 * finished round k. Arguments: N, R.
 */
public final class MonitorBarrier {
  private final Object lock = new Object();
  private final int parties;
  private int waiting;
  private int generation;
  private final int[] round;

  private MonitorBarrier(int parties) {
    this.parties = parties;
    this.round = new int[parties];
  }

  void await() throws InterruptedException {
    synchronized (lock) {
      int arrivedIn = generation;
      waiting++;
      if (waiting == parties) {
        waiting = 0;
        generation++;
        lock.notifyAll();
        return;
      }
      while (generation == arrivedIn) {
        lock.wait();
      }
    }
  }

  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    MonitorBarrier b = new MonitorBarrier(n);
    Thread[] threads = new Thread[n];
    for (int t = 0; t < n; t++) {
      int me = t;
      threads[t] = new Thread(() -> {
        try {
          for (int r = 0; r < rounds; r++) {
            synchronized (b.lock) {
              for (int other = 0; other < n; other++) {
                assert b.round[other] >= r : "a thread is a round behind";
              }
              b.round[me] = r + 1;
            }
            b.await();
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, "party" + t);
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
