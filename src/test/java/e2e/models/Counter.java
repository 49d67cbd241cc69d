package e2e.models;

import pinmc.api.Invariants;

/**
 * Two threads add one to a shared counter: "buggy" reads and writes without a lock, so an update
 * can be lost and the invariant {@code no-lost-update} fails; "fixed" increments under a lock.
 */
public final class Counter {
  static int count;
  static final Object LOCK = new Object();

  private Counter() {}

  public static void main(String[] args) throws InterruptedException {
    boolean buggy = args.length > 0 && args[0].equals("buggy");
    Runnable add = buggy ? Counter::addRacily : Counter::addLocked;
    Thread first = new Thread(add, "first");
    Thread second = new Thread(add, "second");
    first.start();
    second.start();
    first.join();
    second.join();
    Invariants.check("no-lost-update", count == 2, "count = " + count + " after two increments");
  }

  static void addRacily() {
    int seen = count;
    count = seen + 1;
  }

  static void addLocked() {
    synchronized (LOCK) {
      count++;
    }
  }
}
