package pinmc.literature;

/**
 * lastzero(N): an array of N+1 zeros; thread 0 scans from the end for the last zero while
 * threads 1..N each set {@code array[j] = array[j-1] + 1}. Many interleavings, few of them
 * distinct. Argument: N.
 */
public final class LastZero {
  static int[] array;

  private LastZero() {}

  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[0]);
    array = new int[n + 1];
    Thread[] threads = new Thread[n + 1];
    threads[0] = new Thread(() -> {
      int i = n;
      while (array[i] != 0) {
        i--;
      }
    }, "scanner");
    for (int j = 1; j <= n; j++) {
      int k = j;
      threads[j] = new Thread(() -> array[k] = array[k - 1] + 1, "setter" + j);
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
