package e2e.models;

/** Waits for a flag nobody sets: the search can only end at the step bound. */
public final class Spinner {
  static volatile boolean go;

  private Spinner() {}

  public static void main(String[] args) throws InterruptedException {
    Thread waiter = new Thread(() -> {
      while (!go) {
        Thread.onSpinWait();
      }
    }, "waiter");
    waiter.start();
    waiter.join();
  }
}
