package pinmc.corpus;

import pinmc.api.Atomic;

/**
 * A thread blocked in {@code Atomic.when} by one write and released by a later one: the
 * violating order needs the guarded step before the first write, which races with a write
 * that is no longer the last by the time the step runs. (Reported by the models work: DPOR
 * once missed it.)
 */
public class GuardBlockedByEarlierWrite {
  static boolean locked;
  static int y;
  static int seenY;

  public static void main(String[] args) throws InterruptedException {
    Thread t1 = new Thread(() -> {
      Atomic.run(() -> locked = true);
      Atomic.run(() -> {
        seenY = y;
        locked = false;
      });
    }, "t1");
    Thread t2 = new Thread(() -> Atomic.when(() -> !locked, () -> y = 1), "t2");
    t1.start();
    t2.start();
    t1.join();
    t2.join();
    assert seenY == 0 : "t2 wrote before t1 locked";
  }
}
