package pinmc.literature;

/**
 * filesystem(N): N threads each allocate a block for an inode, locking the inode and then
 * the candidate blocks in turn. Threads use disjoint inodes and blocks until N reaches 14,
 * when their first candidate blocks start to coincide. Argument: N.
 */
public final class FileSystem {
  static final int NUMBLOCKS = 26;
  static final int NUMINODE = 32;
  static Object[] inodeLocks;
  static int[] inode;
  static Object[] blockLocks;
  static boolean[] busy;

  private FileSystem() {}

  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[0]);
    inodeLocks = new Object[NUMINODE];
    inode = new int[NUMINODE];
    blockLocks = new Object[NUMBLOCKS];
    busy = new boolean[NUMBLOCKS];
    for (int i = 0; i < NUMINODE; i++) {
      inodeLocks[i] = new Object();
    }
    for (int b = 0; b < NUMBLOCKS; b++) {
      blockLocks[b] = new Object();
    }
    Thread[] threads = new Thread[n];
    for (int t = 0; t < n; t++) {
      int i = t % NUMINODE;
      threads[t] = new Thread(() -> allocate(i), "fs" + t);
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  static void allocate(int i) {
    synchronized (inodeLocks[i]) {
      if (inode[i] == 0) {
        int b = (i * 2) % NUMBLOCKS;
        while (true) {
          synchronized (blockLocks[b]) {
            if (!busy[b]) {
              busy[b] = true;
              inode[i] = b + 1;
              return;
            }
          }
          b = (b + 1) % NUMBLOCKS;
        }
      }
    }
  }
}
