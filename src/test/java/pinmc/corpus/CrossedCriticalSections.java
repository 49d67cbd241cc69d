package pinmc.corpus;

/**
 * Two critical sections on one lock that end in the same state in either order, and a reader
 * outside the lock that fails only after the second order, between the two sections: it must
 * see {@code y} written and {@code x} not yet. The first order reaches the state after both
 * sections first, with the reader not started; the second reaches it again and stops there
 * under stateful DPOR. The reader's read of {@code x} races with the second order's write of
 * it only after that state, so the failure is found only if the stopped execution takes the
 * summary of that state's future into its race analysis.
 *
 * <p>With the argument {@code lockedReader} the reader reads each variable in a critical
 * section of its own, and fails only if its first one comes between the other two. Its
 * acquisitions race with the last acquisition on the path although the release between them
 * orders them (they could not come between the acquisition and its release), so a summary's
 * acquisition that was raced only with the steps no later conflicting step follows (here the
 * release) missed the failure.
 *
 * <p>With {@code otherLockReader} it reads each variable under another lock: its reads and the
 * sections' writes are each made holding a lock, but not the same one, so nothing orders them
 * and the summary's reads must still race with the path's writes (stateful DPOR drops such a
 * race only when both steps held one lock, see {@code StateSummaries}).
 */
public class CrossedCriticalSections {
  static final Object lock = new Object();
  static final Object other = new Object();
  static int x;
  static int y;

  public static void main(String[] args) throws InterruptedException {
    boolean lockedReader = args.length > 0 && args[0].equals("lockedReader");
    boolean otherLockReader = args.length > 0 && args[0].equals("otherLockReader");
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
      int seenY;
      int seenX;
      if (lockedReader) {
        synchronized (lock) {
          seenY = y;
        }
        synchronized (lock) {
          seenX = x;
        }
      } else if (otherLockReader) {
        synchronized (other) {
          seenY = y;
        }
        synchronized (other) {
          seenX = x;
        }
      } else {
        seenY = y;
        seenX = x;
      }
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
