package pinmc.corpus;

/**
 * The DPOR literature's readers(N): N readers and one writer of one shared field. Each
 * reader sees the value before or after the write: 2^N classes of interleavings.
 */
public class Readers {
  static int x;

  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[0]);
    Thread[] ts = new Thread[n + 1];
    ts[0] = new Thread(() -> x = 1);
    for (int i = 1; i <= n; i++) {
      ts[i] = new Thread(() -> {
        int seen = x;
        assert seen == 0 || seen == 1;
      });
    }
    for (Thread t : ts) {
      t.start();
    }
    for (Thread t : ts) {
      t.join();
    }
  }
}
