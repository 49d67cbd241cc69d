package pinmc.embedded.runtime;

import pinmc.embedded.search.AccessSet;

/**
 * {@code ReentrantReadWriteLock}: many readers or one writer. Its state is the lock's
 * {@link Monitor} (readers and their depths, and the writer as owner). A read acquisition
 * or release is a shared access of the lock's location {@link ExclusiveLocks#MONITOR}: two
 * readers are independent, a reader and a writer are not. The write lock is an exclusive
 * lock that also waits for the readers (see {@link ExclusiveLocks}).
 *
 * <p>Public for the entry points at the end of this file (they take no site: a trace finds it
 * from the stack), which the engine's stand-in
 * {@code juc.ModelReentrantReadWriteLock} calls (its write lock's release, hold queries and
 * conditions are those of {@link ExclusiveLocks} and {@link WaitSets}); not an API.
 */
public final class ReadWriteLocks implements Primitive {
  private final Execution ex;
  private final ExclusiveLocks locks;

  ReadWriteLocks(Execution ex, ExclusiveLocks locks) {
    this.ex = ex;
    this.locks = locks;
  }

  @Override
  public void hashState(StateFingerprint f) {
    // nothing of its own: a read-write lock's holders are in ExclusiveLocks' monitors
  }

  @Override
  public OpKind[] operations() {
    return new OpKind[] {OpKind.READ_LOCK, OpKind.READ_UNLOCK};
  }

  @Override
  public boolean isEnabled(ModelThread t) {
    return t.op != OpKind.READ_LOCK || locks.monitor(t.opObject).freeFor(t);
  }

  @Override
  public void recordAccesses(ModelThread t, Dependence out) {
    if (t.op == OpKind.READ_LOCK) {
      out.access(t.opObject, ExclusiveLocks.MONITOR, AccessSet.ACQUIRE_SHARED);
    } else if (t.op == OpKind.READ_UNLOCK) {
      out.access(t.opObject, ExclusiveLocks.MONITOR, AccessSet.RELEASE_SHARED);
    } else {
      throw new IllegalStateException("not a read-lock operation: " + t.op);
    }
  }

  @Override
  public String blockedReason(ModelThread t) {
    return t.op == OpKind.READ_LOCK ? locks.waitingFor(t.opObject) : Primitive.super.blockedReason(t);
  }

  /**
   * {@code tryLock} of the read ({@code write == false}) or write lock: one step that takes
   * the lock if it is free for this thread, and returns whether it did.
   */
  boolean tryLock(ModelThread me, Object lock, boolean write) {
    Monitor m = locks.monitor(lock);
    boolean reentry = write ? m.owner == me : m.readDepth(me) > 0 || m.owner == me;
    if (!reentry) {
      me.announce(OpKind.TRY_LOCK, lock, 0, 0);
      ex.schedulePoint(me);
      if (write ? !m.writeFreeFor(me) : !m.freeFor(me)) {
        return false;
      }
    }
    if (!write) {
      m.addReader(me);
    } else if (reentry) {
      m.depth++;
    } else {
      m.owner = me;
      m.depth = 1;
      me.took(lock);
    }
    return true;
  }

  void readLock(ModelThread me, Object lock, int site) {
    Monitor m = locks.monitor(lock);
    if (m.readDepth(me) > 0 || m.owner == me) {
      m.addReader(me);
      return;
    }
    me.announce(OpKind.READ_LOCK, lock, 0, site);
    ex.schedulePoint(me);
    m.addReader(me);
  }

  void readUnlock(ModelThread me, Object lock, int site) {
    Monitor m = locks.monitor(lock);
    if (m.readDepth(me) == 0) {
      throw new IllegalMonitorStateException("read unlock by " + me + ", which holds no read lock");
    }
    if (m.readDepth(me) > 1 || m.owner == me) {
      m.removeReader(me);
      return;
    }
    me.announce(OpKind.READ_UNLOCK, lock, 0, site);
    ex.schedulePoint(me);
    m.removeReader(me);
  }

  void writeLock(ModelThread me, Object lock, int site) {
    Monitor m = locks.monitor(lock);
    if (m.owner == me) {
      m.depth++;
      return;
    }
    me.announce(OpKind.LOCK, lock, 0, site);
    me.opThread = me; // marks a write-lock request: also waits for readers
    ex.schedulePoint(me);
    m.owner = me;
    m.depth = 1;
    me.took(lock);
  }

  // ------------------------------------------------------------ entry points of juc.ModelReentrantReadWriteLock

  public static void readLock(Object lock) {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().readWriteLocks.readLock(me, lock, 0);
    }
  }

  public static void readUnlock(Object lock) {
    ModelThread me = Hooks.activeForRelease();
    if (me != null) {
      Hooks.execution().readWriteLocks.readUnlock(me, lock, 0);
    }
  }

  public static void writeLock(Object lock) {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().readWriteLocks.writeLock(me, lock, 0);
    }
  }

  public static boolean tryReadLock(Object lock) {
    ModelThread me = Hooks.active();
    return me == null || Hooks.execution().readWriteLocks.tryLock(me, lock, false);
  }

  public static boolean tryWriteLock(Object lock) {
    ModelThread me = Hooks.active();
    return me == null || Hooks.execution().readWriteLocks.tryLock(me, lock, true);
  }
}
