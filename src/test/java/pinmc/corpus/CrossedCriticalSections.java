package pinmc.corpus;

/**
 * Two critical sections on one lock that end in the same state in either order, and a reader
 * outside the lock that fails only after the second order, between the two sections: it must
 * see {@code y} written and {@code x} not yet. The first order reaches the state after both
 * sections first, with the reader not started; the second reaches it again and stops there
 * under stateful DPOR. The reader's read of {@code x} races with the second order's write of
 * it only after that state, so the failure is found only if the stopped execution takes the
 * summary of that state's future into its race analysis.
 */
public class CrossedCriticalSections {
  static final Object lock = new Object();
  static int x;
  static int y;

  public static void main(String[] args) throws InterruptedException {
    Thread first = new Thread(() -> {
      synchronized (lock) {
        x = 1;
      }
    });
    Thread second = new Thread(() -> {
      synchronized (lock) {
        y = 1;
      }
    });
    Thread reader = new Thread(() -> {
      int seenY = y;
      int seenX = x;
      assert !(seenY == 1 && seenX == 0) : "the reader saw the second section but not the first";
    });
    first.start();
    second.start();
    reader.start();
    first.join();
    second.join();
    reader.join();
  }
}
