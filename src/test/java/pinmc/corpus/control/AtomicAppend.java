package pinmc.corpus.control;

import java.util.ArrayList;
import java.util.List;
import pinmc.api.Atomic;

/** Adds to a JDK list inside atomic blocks; the order of the two blocks decides the first element. */
public class AtomicAppend {
  public static void main(String[] args) throws InterruptedException {
    List<String> log = new ArrayList<>();
    Thread t = new Thread(() -> Atomic.run(() -> log.add("pin")));
    t.start();
    Atomic.run(() -> log.add("unpin"));
    t.join();
    assert log.get(0).equals("unpin") : "pinned first";
  }
}
