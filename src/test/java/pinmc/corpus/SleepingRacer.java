package pinmc.corpus;

/**
 * The shape of Java PathFinder's Racer example (written anew): the child sleeps and then zeroes
 * a field, main sleeps and then divides by it. An {@code ArithmeticException} when the child's
 * write comes first.
 */
public class SleepingRacer implements Runnable {
  private int divisor = 42;

  @Override
  public void run() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      return;
    }
    divisor = 0;
  }

  public static void main(String[] args) throws InterruptedException {
    SleepingRacer racer = new SleepingRacer();
    Thread child = new Thread(racer);
    child.start();
    Thread.sleep(10);
    int quotient = 420 / racer.divisor;
    child.join();
    assert quotient == 10;
  }
}
