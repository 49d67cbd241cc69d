package pinmc.corpus;

/** A child thread throws an exception nobody catches. */
public class ChildThrows {
  static int state;

  public static void main(String[] args) throws InterruptedException {
    Thread t = new Thread(() -> {
      if (state == 0) {
        throw new IllegalStateException("child failed");
      }
    });
    t.start();
    t.join();
  }
}
