package pinmc.corpus;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two workers and a {@link CountDownLatch}. Variants (the first argument):
 * {@code results}, main waits for both workers on a latch of 2 (no join) and then reads what
 * each wrote and the latch's count (passes: a count-down happens before the await's return);
 * {@code startGate}, the workers wait on a latch of 1 that main counts down after publishing a
 * value, which each then reads (passes); {@code lostUpdate}, both workers add one to a
 * counter without a lock before counting down, which the latch does not order (a lost
 * update); {@code short}, a latch of 3 that only the two workers count down, so main waits
 * forever (a deadlock); {@code timed}, main waits with a timeout and reads the results only
 * if the count reached 0 (passes); {@code timedNeverTimesOut}, the same claiming the timed
 * wait never times out (fails: it may time out before the count-downs); {@code interrupted},
 * a worker waits on a latch nobody counts down and main interrupts it (passes: the await
 * throws).
 */
public class CountDownLatchWorkers {
  static int first;
  static int second;
  static int counter;
  static int published;
  static boolean interrupted;

  public static void main(String[] args) throws InterruptedException {
    String variant = args.length > 0 ? args[0] : "results";
    first = 0;
    second = 0;
    counter = 0;
    published = 0;
    interrupted = false;
    if (variant.equals("startGate")) {
      startGate();
      return;
    }
    if (variant.equals("interrupted")) {
      interrupted();
      return;
    }
    CountDownLatch done = new CountDownLatch(variant.equals("short") ? 3 : 2);
    boolean lost = variant.equals("lostUpdate");
    Thread a = new Thread(() -> work(done, lost, true), "first");
    Thread b = new Thread(() -> work(done, lost, false), "second");
    a.start();
    b.start();
    if (variant.startsWith("timed")) {
      boolean counted = done.await(1, TimeUnit.SECONDS);
      assert counted || !variant.equals("timedNeverTimesOut") : "the timed await timed out";
      if (counted) {
        assert first == 1 && second == 2 : "results " + first + ", " + second + " after the latch opened";
      }
      return;
    }
    done.await();
    if (lost) {
      assert counter == 2 : "an addition was lost: counter " + counter;
    } else {
      assert first == 1 && second == 2 && done.getCount() == 0 : "results " + first + ", " + second;
    }
  }

  static void work(CountDownLatch done, boolean lost, boolean isFirst) {
    if (lost) {
      int read = counter;
      counter = read + 1;
    } else if (isFirst) {
      first = 1;
    } else {
      second = 2;
    }
    done.countDown();
  }

  static void startGate() throws InterruptedException {
    CountDownLatch gate = new CountDownLatch(1);
    Thread a = new Thread(() -> readAfter(gate), "first");
    Thread b = new Thread(() -> readAfter(gate), "second");
    a.start();
    b.start();
    published = 42;
    gate.countDown();
    a.join();
    b.join();
  }

  static void readAfter(CountDownLatch gate) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    assert published == 42 : "read " + published + " after the gate opened";
  }

  static void interrupted() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }, "waiter");
    waiter.start();
    waiter.interrupt();
    waiter.join();
    assert interrupted && never.getCount() == 1 : "the await ended without an interrupt";
  }
}
