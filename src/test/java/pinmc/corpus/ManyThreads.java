package pinmc.corpus;

/**
 * More than 64 threads. Main starts workers 1..63 one at a time (each joined before the
 * next starts, so they add no interleavings), then workers 64 and 65 together, which
 * increment a shared counter while main can still go on (with thread sets of one
 * {@code long}, thread 64 was thread 0 again), then the rest one at a time. Argument: the
 * number of threads (at least 66), and {@code locked} to increment under a lock (no update
 * is lost then).
 */
public class ManyThreads {
  static int counter;
  static int total;

  static final class Worker implements Runnable {
    private final boolean racing;
    private final boolean locked;

    Worker(boolean racing, boolean locked) {
      this.racing = racing;
      this.locked = locked;
    }

    @Override
    public void run() {
      if (!racing) {
        total++;
      } else if (locked) {
        synchronized (ManyThreads.class) {
          counter++;
        }
      } else {
        counter++;
      }
    }
  }

  public static void main(String[] args) throws InterruptedException {
    int threads = Integer.parseInt(args[0]);
    boolean locked = args.length > 1 && args[1].equals("locked");
    for (int i = 1; i < 64; i++) {
      runAlone(new Worker(false, locked));
    }
    Thread a = new Thread(new Worker(true, locked));
    Thread b = new Thread(new Worker(true, locked));
    a.start();
    b.start();
    a.join();
    b.join();
    for (int i = 66; i < threads; i++) {
      runAlone(new Worker(false, locked));
    }
    assert total == threads - 3 : "a worker's update was lost: total = " + total;
    assert counter == 2 : "lost update: counter = " + counter;
  }

  private static void runAlone(Worker w) throws InterruptedException {
    Thread t = new Thread(w);
    t.start();
    t.join();
  }
}
