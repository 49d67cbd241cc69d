package pinmc.corpus;

/** The counter behind synchronized methods (static and instance). */
public class SynchronizedMethodCounter {
  private int value;
  static int staticValue;

  synchronized void increment() {
    value++;
  }

  static synchronized void incrementStatic() {
    staticValue++;
  }

  public static void main(String[] args) throws InterruptedException {
    SynchronizedMethodCounter c = new SynchronizedMethodCounter();
    Thread a = new Thread(() -> {
      c.increment();
      incrementStatic();
    });
    Thread b = new Thread(() -> {
      c.increment();
      incrementStatic();
    });
    a.start();
    b.start();
    a.join();
    b.join();
    assert c.value == 2 && staticValue == 2 : "lost update";
  }
}
