package e2e.models;

/** Two threads take two locks in opposite orders: a deadlock in some interleavings. */
public final class OppositeLocks {
  static final Object A = new Object();
  static final Object B = new Object();

  private OppositeLocks() {}

  public static void main(String[] args) throws InterruptedException {
    Thread ab = new Thread(() -> {
      synchronized (A) {
        synchronized (B) {
          Thread.yield();
        }
      }
    }, "ab");
    Thread ba = new Thread(() -> {
      synchronized (B) {
        synchronized (A) {
          Thread.yield();
        }
      }
    }, "ba");
    ab.start();
    ba.start();
    ab.join();
    ba.join();
  }
}
