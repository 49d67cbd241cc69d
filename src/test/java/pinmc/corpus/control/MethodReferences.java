package pinmc.corpus.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread whose whole body is a method reference to a JDK method: the JDK's generated class
 * calls it, yet it must still be a step the search can order. Main reads what the thread
 * changes; reading after the change is the violation. args[0]: {@code atomic} or {@code list}.
 */
public class MethodReferences {
  public static void main(String[] args) throws InterruptedException {
    AtomicInteger hits = new AtomicInteger();
    List<String> log = new ArrayList<>();
    Thread t = args[0].equals("atomic") ? new Thread(hits::incrementAndGet) : new Thread(log::clear);
    log.add("before");
    t.start();
    int seen = args[0].equals("atomic") ? hits.get() : 1 - log.size();
    t.join();
    assert seen == 0 : "the thread ran first";
  }
}
