package pinmc.embedded.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** The carriers of one check, reused across its executions. */
public final class CarrierPool implements AutoCloseable {
  private final ArrayDeque<Carrier> idle = new ArrayDeque<>();
  private final List<Carrier> all = new ArrayList<>();
  private volatile boolean closed;

  synchronized Carrier acquire() {
    Carrier c = idle.pollFirst();
    if (c == null) {
      c = new Carrier(this, all.size());
      all.add(c);
      c.start();
    }
    return c;
  }

  synchronized void release(Carrier c) {
    if (!closed) {
      idle.addFirst(c);
    }
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    List<Carrier> carriers;
    synchronized (this) {
      closed = true;
      carriers = new ArrayList<>(all);
    }
    for (Carrier c : carriers) {
      LockSupport.unpark(c);
    }
  }
}
