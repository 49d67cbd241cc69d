package pinmc.corpus;

/**
 * A model that is not deterministic: it keeps a counter in the JVM's system properties,
 * which outlive an execution, and lets its parity decide which field a thread writes.
 * Its first run fails; replaying that counterexample does something else, which the
 * engine must report rather than show a trace that is not the one that failed.
 */
public class RemembersAcrossRuns {
  static int x;
  static int y;

  public static void main(String[] args) throws InterruptedException {
    int runs = Integer.getInteger("pinmc.test.remembers", 0);
    System.setProperty("pinmc.test.remembers", Integer.toString(runs + 1));
    Thread t = new Thread(() -> {
      if (runs % 2 == 0) {
        x = 1;
      } else {
        y = 1;
      }
    });
    t.start();
    t.join();
    assert x == 0 : "the thread wrote x (run " + runs + ")";
  }
}
