package pinmc.corpus;

/** Two threads take two locks in opposite orders: each can hold one and wait for the other. */
public class OppositeLockOrder {
  static final Object A = new Object();
  static final Object B = new Object();

  public static void main(String[] args) throws InterruptedException {
    Thread t1 = new Thread(() -> {
      synchronized (A) {
        synchronized (B) {
          assert true;
        }
      }
    }, "ab");
    Thread t2 = new Thread(() -> {
      synchronized (B) {
        synchronized (A) {
          assert true;
        }
      }
    }, "ba");
    t1.start();
    t2.start();
    t1.join();
    t2.join();
  }
}
