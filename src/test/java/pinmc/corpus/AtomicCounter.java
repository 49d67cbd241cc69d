package pinmc.corpus;

import java.util.concurrent.atomic.AtomicInteger;

/** The counter as an AtomicInteger: increments are indivisible. */
public class AtomicCounter {
  public static void main(String[] args) throws InterruptedException {
    AtomicInteger counter = new AtomicInteger();
    Thread a = new Thread(counter::incrementAndGet);
    Thread b = new Thread(counter::incrementAndGet);
    a.start();
    b.start();
    a.join();
    b.join();
    assert counter.get() == 2 : "lost update: counter = " + counter.get();
  }
}
