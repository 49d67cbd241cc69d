package pinmc.corpus;

/** N threads each writing one shared field once: N! orders of the writes. Argument: N. */
public class SharedWriters {
  static int x;

  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[0]);
    Thread[] ts = new Thread[n];
    for (int i = 0; i < n; i++) {
      int v = i + 1;
      ts[i] = new Thread(() -> x = v);
    }
    for (Thread t : ts) {
      t.start();
    }
    for (Thread t : ts) {
      t.join();
    }
  }
}
