package pinmc.blocking;

/**
 * A one-slot buffer on one monitor with {@code wait}/{@code notifyAll}: P producers put I
 * items each, C consumers take P*I/C items each. Passes: every item is taken exactly once and
 * nobody waits forever. Arguments: P, C, I.
 */
public final class MonitorBuffer extends OneSlotBuffer {
  private final Object lock = new Object();
  private int slot;
  private boolean full;

  private MonitorBuffer() {}

  @Override
  void put(int item) throws InterruptedException {
    synchronized (lock) {
      while (full) {
        lock.wait();
      }
      slot = item;
      full = true;
      lock.notifyAll();
    }
  }

  @Override
  int take() throws InterruptedException {
    synchronized (lock) {
      while (!full) {
        lock.wait();
      }
      full = false;
      lock.notifyAll();
      return slot;
    }
  }

  public static void main(String[] args) throws InterruptedException {
    OneSlotBuffer.run(new MonitorBuffer(), args);
  }
}
