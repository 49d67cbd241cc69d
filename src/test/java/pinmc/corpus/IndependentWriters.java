package pinmc.corpus;

/** N threads, each writing its own field: every interleaving is equivalent. Argument: N. */
public class IndependentWriters {
  static final int[][] CELLS = new int[8][1];

  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[0]);
    int[][] cells = new int[n][];
    for (int i = 0; i < n; i++) {
      cells[i] = new int[1];
    }
    Thread[] ts = new Thread[n];
    for (int i = 0; i < n; i++) {
      int[] mine = cells[i];
      ts[i] = new Thread(() -> mine[0] = 1);
    }
    for (Thread t : ts) {
      t.start();
    }
    for (Thread t : ts) {
      t.join();
    }
  }
}
