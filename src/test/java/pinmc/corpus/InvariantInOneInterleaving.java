package pinmc.corpus;

import pinmc.api.Atomic;
import pinmc.api.Invariants;

/**
 * A transfer between two accounts done in two atomic steps: the total is wrong only while
 * the money is in flight, and only an interleaving that checks in between sees it. The
 * invariant "total-conserved" is checked after every step, so the search finds it.
 */
public class InvariantInOneInterleaving {
  static int a = 10;
  static int b = 0;
  static boolean auditing;

  public static void main(String[] args) throws InterruptedException {
    Invariants.register("total-conserved", () -> !auditing || a + b == 10,
        () -> "audit saw a + b = " + (a + b));
    Thread transfer = new Thread(() -> {
      Atomic.run(() -> a -= 5);
      Atomic.run(() -> b += 5);
    });
    Thread audit = new Thread(() -> Atomic.run(() -> auditing = true));
    transfer.start();
    audit.start();
    transfer.join();
    audit.join();
  }
}
