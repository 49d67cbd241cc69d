package e2e.models;

import pinmc.api.Choice;
import pinmc.api.Invariants;

/**
 * A pool of two buffers that must never run dry, drained one of two ways: the slow way books
 * six entries first and then takes the buffers one at a time, the quick way takes both in one
 * write. The search tries the slow way first, so its first counterexample is long, and a
 * shorter one (the quick way) exists with the same outcome.
 *
 * <p>Arguments: {@code choice} (default), one worker that chooses its way; {@code threads}, a
 * slow worker started before a quick one, which has not run yet when the slow one fails;
 * {@code crowded}, as {@code choice} with three more threads adding to a counter without a
 * lock, so that the search has many more schedules to go through after its first counterexample.
 */
public final class TwoWaysToDrain {
  static int free = 2;
  static final int[] BOOKED = new int[6];
  static int visits;

  private TwoWaysToDrain() {}

  public static void main(String[] args) throws InterruptedException {
    String variant = args.length > 0 ? args[0] : "choice";
    Invariants.register("a-buffer-stays-free", () -> free > 0, () -> "free = " + free);
    if (variant.equals("threads")) {
      Thread slow = new Thread(TwoWaysToDrain::slowly, "slow");
      Thread quick = new Thread(TwoWaysToDrain::quickly, "quick");
      slow.start();
      quick.start();
      slow.join();
      quick.join();
      return;
    }
    Thread worker = new Thread(TwoWaysToDrain::drain, "worker");
    if (variant.equals("crowded")) {
      // Visitors first, so that their races come before the worker fails and the search
      // has their orders to go through.
      Thread[] visitors = new Thread[3];
      for (int i = 0; i < visitors.length; i++) {
        visitors[i] = new Thread(TwoWaysToDrain::visit, "visitor" + i);
        visitors[i].start();
      }
      worker.start();
      for (Thread v : visitors) {
        v.join();
      }
    } else {
      worker.start();
    }
    worker.join();
  }

  static void visit() {
    visits = visits + 1;
    visits = visits + 1;
  }

  static void drain() {
    if (Choice.nextInt(2) == 0) {
      slowly();
    } else {
      quickly();
    }
  }

  static void slowly() {
    for (int i = 0; i < BOOKED.length; i++) {
      BOOKED[i] = i + 1;
    }
    free--;
    free--;
  }

  static void quickly() {
    free -= 2;
  }
}
