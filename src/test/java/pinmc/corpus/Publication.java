package pinmc.corpus;

/**
 * A writer publishes {@code data} through a flag. Through a volatile flag the reader's read of
 * {@code data} is ordered after the write (no data race); through a plain flag it is not.
 * Argument: {@code volatile} or {@code plain}.
 */
public class Publication {
  static int data;
  static boolean plainReady;
  static volatile boolean volatileReady;

  public static void main(String[] args) throws InterruptedException {
    boolean useVolatile = args.length > 0 && args[0].equals("volatile");
    Thread writer = new Thread(() -> {
      data = 42;
      if (useVolatile) {
        volatileReady = true;
      } else {
        plainReady = true;
      }
    }, "writer");
    Thread reader = new Thread(() -> {
      boolean ready = useVolatile ? volatileReady : plainReady;
      if (ready) {
        assert data == 42;
      }
    }, "reader");
    writer.start();
    reader.start();
    writer.join();
    reader.join();
  }
}
