package pinmc.corpus;

/**
 * Main interrupts a thread that asks {@code isInterrupted()}: the assertion that it was not
 * interrupted fails when the interrupt comes first. With the argument {@code spin} the thread
 * first spins with {@code Thread.onSpinWait} until it is interrupted (at most twice).
 */
public class InterruptRacesIsInterrupted {
  public static void main(String[] args) throws InterruptedException {
    boolean spin = args.length > 0 && args[0].equals("spin");
    Thread child = new Thread(() -> {
      if (spin) {
        for (int i = 0; i < 2 && !Thread.currentThread().isInterrupted(); i++) {
          Thread.onSpinWait();
        }
      }
      assert !Thread.currentThread().isInterrupted() : "interrupted";
    });
    child.start();
    child.interrupt();
    child.join();
  }
}
