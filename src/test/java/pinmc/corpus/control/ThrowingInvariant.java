package pinmc.corpus.control;

import pinmc.api.Invariants;

/**
 * An invariant whose own condition throws: it reads a field that is null until a thread sets
 * it. That is a broken model, not a violation of "slot-filled-once".
 */
public class ThrowingInvariant {
  static String slot;
  static int fills;

  public static void main(String[] args) throws InterruptedException {
    Invariants.register("slot-filled-once", () -> slot.length() > 0 && fills <= 1);
    Thread filler = new Thread(() -> {
      slot = "page";
      fills++;
    });
    filler.start();
    filler.join();
  }
}
