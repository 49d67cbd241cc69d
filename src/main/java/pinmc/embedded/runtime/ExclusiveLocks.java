package pinmc.embedded.runtime;

import java.util.IdentityHashMap;
import pinmc.embedded.search.AccessSet;

/**
 * Java monitors ({@code synchronized}, and the monitor a synchronised JDK object takes) and
 * {@code ReentrantLock}: one owner at a time, reentrant. The state of each lock is a
 * {@link Monitor}, which read-write locks and wait sets share. A lock is a location of its
 * own, {@link #MONITOR}: every acquisition and release accesses it, so two steps on one lock
 * are dependent and all their orders are explored; a release happens before the next
 * acquisition.
 *
 * <p>A write-lock request of a read-write lock is announced as {@link OpKind#LOCK} with
 * {@code opThread} set to the requester: it also waits for the readers.
 *
 * <p>Public for the entry points at the end of this file (they take no site: a trace finds it
 * from the stack), which the engine's stand-in
 * {@code juc.ModelReentrantLock} (and the write lock of {@code juc.ModelReentrantReadWriteLock})
 * calls; not an API.
 */
public final class ExclusiveLocks implements Primitive {
  /** The engine's per-object location of a lock. */
  static final int MONITOR = -1;

  private final Execution ex;
  private final IdentityHashMap<Object, Monitor> monitors = new IdentityHashMap<>();

  ExclusiveLocks(Execution ex) {
    this.ex = ex;
  }

  @Override
  public OpKind[] operations() {
    return new OpKind[] {OpKind.LOCK, OpKind.UNLOCK, OpKind.TRY_LOCK};
  }

  Monitor monitor(Object o) {
    Monitor m = monitors.get(o);
    if (m == null) {
      m = new Monitor();
      monitors.put(o, m);
    }
    return m;
  }

  /**
   * Its part of a state fingerprint: the owner and depth of each lock held, and its
   * readers (read-write locks). A free lock is as if never used.
   */
  @Override
  public void hashState(StateFingerprint f) {
    java.util.IdentityHashMap<Object, Monitor> held = new java.util.IdentityHashMap<>();
    monitors.forEach((o, m) -> {
      if (m.owner != null || !m.readers.isEmpty()) {
        held.put(o, m);
      }
    });
    f.table(held, m -> {
      long[] row = new long[2 + 2 * m.readers.size()];
      row[0] = m.owner == null ? -1 : m.owner.id;
      row[1] = m.depth;
      for (int i = 0; i < m.readers.size(); i++) {
        row[2 + 2 * i] = m.readers.get(i).id;
        row[3 + 2 * i] = m.readDepths.get(i);
      }
      return row;
    });
  }

  @Override
  public boolean isEnabled(ModelThread t) {
    if (t.op != OpKind.LOCK) {
      return true;
    }
    Monitor m = monitor(t.opObject);
    return t.opThread == t ? m.writeFreeFor(t) : m.freeFor(t);
  }

  @Override
  public void recordAccesses(ModelThread t, Dependence out) {
    if (t.op == OpKind.LOCK) {
      out.access(t.opObject, MONITOR, AccessSet.ACQUIRE);
    } else if (t.op == OpKind.UNLOCK) {
      out.access(t.opObject, MONITOR, AccessSet.RELEASE);
    } else if (t.op == OpKind.TRY_LOCK) {
      // Always enabled; it depends on every acquisition and on the last release.
      out.access(t.opObject, MONITOR, (byte) (AccessSet.ACQUIRE | AccessSet.GUARD));
    } else {
      throw new IllegalStateException("not a lock operation: " + t.op);
    }
  }

  @Override
  public String blockedReason(ModelThread t) {
    return t.op == OpKind.LOCK ? waitingFor(t.opObject) : Primitive.super.blockedReason(t);
  }

  /** "waits for the lock of X, held by T": shared by every primitive whose threads wait for a lock. */
  String waitingFor(Object lock) {
    Monitor m = monitor(lock);
    String holder = m.owner != null ? "held by " + m.owner.name()
        : m.readers.isEmpty() ? "not notified" : "read-held by " + m.readers;
    return "waits for the lock of " + ex.describe(lock) + ", " + holder;
  }

  void lock(ModelThread me, Object o, int site) {
    Monitor m = monitor(o);
    if (m.owner == me) {
      m.depth++; // reentry: not a visible step
      return;
    }
    if (me.atomicDepth > 0) {
      if (!m.freeFor(me)) {
        throw new UnsupportedConstructError("blocking inside an atomic block",
            "lock of " + ex.describe(o) + " is held by " + m.owner + "; an atomic block must not block");
      }
      ex.steps.access(o, MONITOR, AccessSet.ACQUIRE);
    } else {
      me.announce(OpKind.LOCK, o, 0, site);
      ex.schedulePoint(me);
    }
    m.owner = me;
    m.depth = 1;
    me.took(o);
  }

  boolean tryLock(ModelThread me, Object o, int site) {
    Monitor m = monitor(o);
    if (m.owner == me) {
      m.depth++;
      return true;
    }
    if (me.atomicDepth > 0) {
      ex.steps.access(o, MONITOR, AccessSet.ACQUIRE);
    } else {
      me.announce(OpKind.TRY_LOCK, o, 0, site);
      ex.schedulePoint(me);
    }
    if (!m.freeFor(me)) {
      return false;
    }
    m.owner = me;
    m.depth = 1;
    me.took(o);
    return true;
  }

  void unlock(ModelThread me, Object o, int site) {
    Monitor m = monitor(o);
    if (m.owner != me) {
      throw new IllegalMonitorStateException("unlock of " + ex.describe(o) + " by " + me + ", which does not hold it");
    }
    if (--m.depth > 0) {
      return;
    }
    if (me.atomicDepth > 0) {
      ex.steps.access(o, MONITOR, AccessSet.RELEASE);
    } else {
      me.announce(OpKind.UNLOCK, o, 0, site);
      ex.schedulePoint(me);
    }
    m.owner = null;
    me.gaveUp(o);
  }

  boolean isHeldBy(Object lock, ModelThread me) {
    return monitor(lock).owner == me;
  }

  int holdCount(Object lock, ModelThread me) {
    Monitor m = monitor(lock);
    return m.owner == me ? m.depth : 0;
  }

  // ------------------------------------------------------------ entry points of juc.ModelReentrantLock

  public static void lock(Object lock) {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().locks.lock(me, lock, 0);
    }
  }

  public static boolean tryLock(Object lock) {
    ModelThread me = Hooks.active();
    return me == null || Hooks.execution().locks.tryLock(me, lock, 0);
  }

  public static void unlock(Object lock) {
    ModelThread me = Hooks.activeForRelease();
    if (me != null) {
      Hooks.execution().locks.unlock(me, lock, 0);
    }
  }

  public static boolean isHeldByCurrentThread(Object lock) {
    ModelThread me = Hooks.active();
    return me != null && Hooks.execution().locks.isHeldBy(lock, me);
  }

  public static int holdCount(Object lock) {
    ModelThread me = Hooks.active();
    if (me == null) {
      return 0;
    }
    return Hooks.execution().locks.holdCount(lock, me);
  }
}
