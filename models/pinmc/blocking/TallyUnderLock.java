package pinmc.blocking;

/**
 * N threads each add to a shared tally R times, each addition under one monitor. Passes: the
 * tally ends at N x R. Every two additions conflict (both write the tally), so each order of
 * them is a Mazurkiewicz trace of its own, (N x R)! / (R!)^N of them; yet the additions
 * commute, and the states are only the combinations of how far each thread got. The case
 * state caching ({@code --reduction states}) is for. Arguments: N, R.
 */
public final class TallyUnderLock {
  private final Object lock = new Object();
  private int tally;

  private TallyUnderLock() {}

  public static void main(String[] args) throws InterruptedException {
    int threads = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    TallyUnderLock t = new TallyUnderLock();
    Thread[] adders = new Thread[threads];
    for (int k = 0; k < threads; k++) {
      adders[k] = new Thread(() -> {
        for (int i = 0; i < rounds; i++) {
          synchronized (t.lock) {
            t.tally++;
          }
        }
      }, "adder" + k);
    }
    for (Thread a : adders) {
      a.start();
    }
    for (Thread a : adders) {
      a.join();
    }
    assert t.tally == threads * rounds : "lost an addition: tally = " + t.tally;
  }
}
