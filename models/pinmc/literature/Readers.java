package pinmc.literature;

/**
 * readers(N): one writer and N readers of one shared variable. Each reader sees the value
 * before or after the write, so there are 2^N distinct interleavings. Argument: N.
 */
public final class Readers {
  static int x;

  private Readers() {}

  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[0]);
    Thread[] threads = new Thread[n + 1];
    threads[0] = new Thread(() -> x = 1, "writer");
    for (int i = 1; i <= n; i++) {
      threads[i] = new Thread(() -> {
        int seen = x;
        assert seen == 0 || seen == 1;
      }, "reader" + i);
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
