package pinmc.corpus;

/**
 * A thread joins another that main starts later: a join on a thread not yet started returns at
 * once, so the joiner can read the field before the other thread writes it, and the assertion
 * that it read the write fails.
 */
public class JoinBeforeStart {
  static int written;

  public static void main(String[] args) throws InterruptedException {
    Thread writer = new Thread(() -> written = 1);
    Thread joiner = new Thread(() -> {
      try {
        writer.join();
      } catch (InterruptedException e) {
        return;
      }
      assert written == 1 : "joined before the writer started";
    });
    joiner.start();
    writer.start();
    joiner.join();
    writer.join();
  }
}
