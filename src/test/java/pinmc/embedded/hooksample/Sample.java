package pinmc.embedded.hooksample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Model code that uses most visible operations, for {@code HookCallTest}: instrumented there,
 * never run. In a package of its own, which the model class loader does not share, so that
 * the instrumenter resolves its fields as it does a model's.
 */
public final class Sample {
  int field;
  final int[] array = new int[2];
  final AtomicInteger counter = new AtomicInteger();

  public synchronized void everything(Thread other) throws InterruptedException {
    field = array[0] + field;
    array[1] = 3;
    wait();
    wait(5);
    notify();
    notifyAll();
    other.start();
    other.join();
    other.join(5);
    other.interrupt();
    boolean flags = other.isInterrupted() || other.isAlive() || Thread.interrupted();
    Thread.sleep(1);
    Thread.yield();
    LockSupport.park();
    LockSupport.parkNanos(this, 5);
    LockSupport.unpark(other);
    counter.incrementAndGet();
    List<Integer> list = new ArrayList<>();
    list.add(field);
    System.out.println(flags + " " + new Random(1).nextInt(3) + Thread.currentThread().getId() + list);
    for (int i = 0; i < 2; i++) {
      field++;
    }
  }
}
