package pinmc.corpus;

/** A thread that spins forever on a flag nobody sets. */
public class Spinner {
  static volatile boolean go;

  public static void main(String[] args) throws InterruptedException {
    Thread t = new Thread(() -> {
      while (!go) {
        Thread.onSpinWait();
      }
    });
    t.start();
    t.join();
  }
}
