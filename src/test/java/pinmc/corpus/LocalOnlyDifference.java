package pinmc.corpus;

/**
 * Two interleavings reach the same heap with the same threads at the same places, and differ
 * only in a local variable of the reader: whether it read the writer's value. Only the second
 * fails. State caching that left threads' locals out of a state would take the second for the
 * first, explored already, and miss the failure.
 */
public class LocalOnlyDifference {
  static int x;
  static int done;

  public static void main(String[] args) throws InterruptedException {
    Thread reader = new Thread(() -> {
      int seen = x;
      done = 1; // the same write whatever it saw
      assert seen == 0 : "the reader saw the writer's value";
    });
    Thread writer = new Thread(() -> x = 1);
    reader.start();
    writer.start();
    reader.join();
    writer.join();
  }
}
