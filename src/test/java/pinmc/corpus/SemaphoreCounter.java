package pinmc.corpus;

import java.util.concurrent.Semaphore;

/**
 * Two threads add one to a counter, each between an acquire and a release of one semaphore.
 * Variants (the first argument): {@code mutex}, one permit, which makes the additions
 * exclusive (passes); {@code two}, two permits, which lets both read the counter before
 * either writes (a lost update); {@code empty}, no permits and no release to come (a
 * deadlock); {@code try}, one permit taken with {@code tryAcquire}, a thread that fails
 * counting itself as skipped (passes); {@code tryNeverFails}, the same claiming that no
 * {@code tryAcquire} fails (fails: one does while the other thread holds the permit);
 * {@code handOff}, no permits, the second thread acquiring what the first releases after its
 * addition (passes); {@code queued}, which asks {@code hasQueuedThreads}, final in the JDK class
 * and so refused; {@code interrupted}, where the second thread interrupts the first, which
 * adds and then acquires, claiming the acquire is never interrupted (fails: the interrupt can
 * come before the acquire, which then throws, as the JDK's does, even with a permit free).
 */
public class SemaphoreCounter {
  static int counter;
  static int skipped;

  public static void main(String[] args) throws InterruptedException {
    String variant = args.length > 0 ? args[0] : "mutex";
    boolean tries = variant.startsWith("try");
    int permits = variant.equals("two") ? 2 : variant.equals("mutex") || variant.equals("interrupted") || tries ? 1 : 0;
    Semaphore semaphore = new Semaphore(permits);
    if (variant.equals("queued") && semaphore.hasQueuedThreads()) {
      return;
    }
    if (variant.equals("interrupted")) {
      interruptedAcquire(semaphore);
      return;
    }
    counter = 0;
    skipped = 0;
    Thread first = new Thread(() -> add(semaphore, variant, true), "first");
    Thread second = new Thread(() -> add(semaphore, variant, false), "second");
    first.start();
    second.start();
    first.join();
    second.join();
    if (tries) {
      assert counter + skipped == 2 && semaphore.availablePermits() == 1 : "counter " + counter + ", skipped " + skipped;
      assert !variant.equals("tryNeverFails") || skipped == 0 : "a tryAcquire failed";
    } else {
      assert counter == 2 : "an addition was lost: counter " + counter;
    }
  }

  static void interruptedAcquire(Semaphore semaphore) throws InterruptedException {
    skipped = 0;
    Thread first = new Thread(() -> {
      counter = 1; // the interrupt may come before or after this step; only the acquire looks
      try {
        semaphore.acquire();
      } catch (InterruptedException e) {
        skipped = 1;
      }
    }, "first");
    Thread second = new Thread(first::interrupt, "second");
    first.start();
    second.start();
    first.join();
    second.join();
    assert skipped == 0 : "the acquire was interrupted";
  }

  static void add(Semaphore semaphore, String variant, boolean first) {
    try {
      if (variant.startsWith("try")) {
        if (semaphore.tryAcquire()) {
          int read = counter;
          counter = read + 1;
          semaphore.release();
        } else {
          skipped = skipped + 1;
        }
        return;
      }
      if (variant.equals("handOff")) {
        if (first) {
          counter = counter + 1;
          semaphore.release();
        } else {
          semaphore.acquire();
          counter = counter + 1;
        }
        return;
      }
      semaphore.acquire();
      int read = counter;
      counter = read + 1;
      semaphore.release();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
