package pinmc.corpus;

/**
 * main waits for a flag first; then two unsynchronised increments can lose an update:
 * a violation that comes after a wait (see {@code AutoReductionTest}).
 */
public final class WaitThenLoseAnUpdate {
  static final Object LOCK = new Object();
  static boolean ready;
  static int counter;

  public static void main(String[] args) throws InterruptedException {
    Thread setter = new Thread(() -> {
      synchronized (LOCK) {
        ready = true;
        LOCK.notifyAll();
      }
    });
    setter.start();
    synchronized (LOCK) {
      while (!ready) {
        LOCK.wait();
      }
    }
    Thread a = new Thread(() -> counter++);
    Thread b = new Thread(() -> counter++);
    a.start();
    b.start();
    a.join();
    b.join();
    setter.join();
    assert counter == 2 : "lost update: counter = " + counter;
  }
}
