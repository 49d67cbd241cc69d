package pinmc.embedded.runtime;

import java.util.concurrent.locks.LockSupport;
import pinmc.api.spi.Backend;
import pinmc.api.spi.BackendThread;

/**
 * A platform thread that runs model threads, one at a time, for many executions. Creating a
 * thread per model thread per execution would cost more than the execution itself; carriers
 * are pooled instead. A carrier is also how hooks find their execution: the running
 * thread is a carrier, and the carrier knows the model thread it runs.
 */
final class Carrier extends Thread implements BackendThread {
  private static final long STACK_SIZE = 8L << 20;

  private final CarrierPool pool;
  volatile Execution execution;
  volatile ModelThread thread;
  /** The search loop this carrier runs, which drives its executions' threads here (see {@link CarrierLoop}), or null. */
  volatile CarrierLoop loop;
  private volatile Runnable task;

  Carrier(CarrierPool pool, int number) {
    super(null, null, "pinmc-carrier-" + number, STACK_SIZE);
    this.pool = pool;
    // Threads the model creates inherit the daemon flag of the thread that constructs them,
    // which is this carrier: it must be a user thread so that model threads are too, as
    // they would be in a plain run. Carriers leave when their pool closes.
    setDaemon(false);
  }

  /** The carrier running the caller, or null if the caller is not a carrier. */
  static Carrier current() {
    return Thread.currentThread() instanceof Carrier c ? c : null;
  }

  @Override
  public Backend pinmcBackend() {
    Execution ex = execution;
    return ex != null ? ex.backend() : EmbeddedBackend.IDLE;
  }

  void assign(Runnable work) {
    task = work;
    LockSupport.unpark(this);
  }

  @Override
  public void run() {
    while (!pool.isClosed()) {
      Runnable work = task;
      if (work == null) {
        LockSupport.park(pool);
        continue;
      }
      task = null;
      try {
        work.run();
      } finally {
        execution = null;
        thread = null;
        pool.release(this);
      }
    }
  }
}
