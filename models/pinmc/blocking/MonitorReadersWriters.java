package pinmc.blocking;

/**
 * A readers-writers lock on one monitor ({@code wait}/{@code notifyAll}): R readers and W
 * writers each take it once. Passes: no reader overlaps a writer, no two writers overlap.
 * Arguments: R, W.
 */
public final class MonitorReadersWriters {
  private final Object lock = new Object();
  private int readers;
  private boolean writing;
  private int data;

  private MonitorReadersWriters() {}

  void beginRead() throws InterruptedException {
    synchronized (lock) {
      while (writing) {
        lock.wait();
      }
      readers++;
    }
  }

  void endRead() {
    synchronized (lock) {
      readers--;
      if (readers == 0) {
        lock.notifyAll();
      }
    }
  }

  void beginWrite() throws InterruptedException {
    synchronized (lock) {
      while (writing || readers > 0) {
        lock.wait();
      }
      writing = true;
    }
  }

  void endWrite() {
    synchronized (lock) {
      writing = false;
      lock.notifyAll();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    int readerCount = Integer.parseInt(args[0]);
    int writerCount = Integer.parseInt(args[1]);
    MonitorReadersWriters rw = new MonitorReadersWriters();
    Thread[] threads = new Thread[readerCount + writerCount];
    for (int r = 0; r < readerCount; r++) {
      threads[r] = new Thread(() -> {
        try {
          rw.beginRead();
          int seen = rw.data;
          assert seen % 2 == 0 : "a reader saw a write half done";
          rw.endRead();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, "reader" + r);
    }
    for (int w = 0; w < writerCount; w++) {
      threads[readerCount + w] = new Thread(() -> {
        try {
          rw.beginWrite();
          rw.data++; // odd while the write is under way
          rw.data++;
          rw.endWrite();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, "writer" + w);
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assert rw.data == 2 * writerCount : "a write was lost";
  }
}
