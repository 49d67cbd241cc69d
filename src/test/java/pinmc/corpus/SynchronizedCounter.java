package pinmc.corpus;

/** The lost-update counter with both increments under one monitor: no update is lost. */
public class SynchronizedCounter {
  static int counter;
  static final Object LOCK = new Object();

  public static void main(String[] args) throws InterruptedException {
    Runnable inc = () -> {
      synchronized (LOCK) {
        counter++;
      }
    };
    Thread a = new Thread(inc);
    Thread b = new Thread(inc);
    a.start();
    b.start();
    a.join();
    b.join();
    assert counter == 2 : "lost update: counter = " + counter;
  }
}
