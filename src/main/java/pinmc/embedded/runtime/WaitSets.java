package pinmc.embedded.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import pinmc.embedded.search.AccessSet;

/**
 * {@code Object.wait}/{@code notify} and {@code Condition.await}/{@code signal}: the threads
 * waiting on an object (a monitor's own object or a condition), each waiting for a notify,
 * a time-out or an interrupt and then for the lock. A wait is two steps: release the lock
 * and join the wait set ({@link OpKind#WAIT}), then wake and take the lock back
 * ({@link OpKind#REACQUIRE}). The wait set is a location of its own, {@link #WAIT_SET}:
 * joining it and notifying write it, so a notify is ordered with every wait it could wake;
 * a wake-up reads it, so it happens after the notify that woke it.
 *
 * <p>A waiting thread carries the lock its wait released ({@link ModelThread#waitLock}); there
 * is no table from condition to lock, which the state fingerprint would have had to include:
 * a table that remembers every condition awaited so far made a state in which a condition had
 * once been awaited differ from the same state in which it had not, and stateful DPOR explored
 * both ({@code ConditionBuffer 2 2 2}: 10,330 executions with it, 5,341 without). Who waits
 * where, in which order, and what each waiter must take back are all the future depends on.
 *
 * <p>A wait set is kept in the order of thread numbers, not of arrival: {@code notify} wakes an
 * arbitrary waiter (JLS 17.2.2; {@code Condition.signal} likewise names no order), and every
 * waiter is one of its choices, so the order only numbers the choices. Kept in arrival order,
 * the same waiters reached in two orders were two states.
 *
 * <p>Public for the entry points at the end of this file (they take no site: a trace finds it
 * from the stack), which the engine's stand-in
 * {@code juc.ModelCondition} calls ({@code Object.wait}/{@code notify} come through
 * {@link Hooks}); not an API.
 */
public final class WaitSets implements Primitive {
  /** The engine's per-object location of a wait set. */
  static final int WAIT_SET = -2;

  private final Execution ex;
  private final ExclusiveLocks locks;
  private final IdentityHashMap<Object, ArrayList<ModelThread>> waitSets = new IdentityHashMap<>();

  WaitSets(Execution ex, ExclusiveLocks locks) {
    this.ex = ex;
    this.locks = locks;
  }

  @Override
  public OpKind[] operations() {
    return new OpKind[] {OpKind.WAIT, OpKind.REACQUIRE, OpKind.NOTIFY, OpKind.NOTIFY_ALL};
  }

  /** Its part of a state fingerprint: each non-empty wait set in order (each waiter's lock is in its thread's state). */
  @Override
  public void hashState(StateFingerprint f) {
    java.util.IdentityHashMap<Object, ArrayList<ModelThread>> waiting = new java.util.IdentityHashMap<>();
    waitSets.forEach((o, ws) -> {
      if (!ws.isEmpty()) {
        waiting.put(o, ws);
      }
    });
    f.table(waiting, ws -> ws.stream().mapToLong(t -> t.id).toArray());
  }

  /** The lock a thread waiting on {@code t.opObject} released and takes back: the object itself, or a condition's lock. */
  Object lockOf(ModelThread t) {
    return t.waitLock;
  }

  @Override
  public boolean isEnabled(ModelThread t) {
    return t.op != OpKind.REACQUIRE || (t.notified || t.opTimed || t.interrupted) && locks.monitor(lockOf(t)).freeFor(t);
  }

  @Override
  public void recordAccesses(ModelThread t, Dependence out) {
    if (t.op == OpKind.WAIT) {
      out.access(lockOf(t), ExclusiveLocks.MONITOR, AccessSet.RELEASE);
      out.access(t.opObject, WAIT_SET, AccessSet.WRITE);
    } else if (t.op == OpKind.REACQUIRE) {
      out.access(t.opObject, WAIT_SET, (byte) (AccessSet.READ | AccessSet.SYNC_ONLY));
      out.access(lockOf(t), ExclusiveLocks.MONITOR, AccessSet.ACQUIRE);
      out.access(t.javaThread, ThreadLifeCycle.INTERRUPT, AccessSet.READ);
    } else if (t.op.in(OpKind.NOTIFY, OpKind.NOTIFY_ALL)) {
      out.access(t.opObject, WAIT_SET, AccessSet.WRITE);
    } else {
      throw new IllegalStateException("not a wait-set operation: " + t.op);
    }
  }

  @Override
  public String blockedReason(ModelThread t) {
    if (t.op != OpKind.REACQUIRE) {
      return Primitive.super.blockedReason(t);
    }
    return !t.notified ? "waits on " + ex.describe(t.opObject) + " (no notify will come)" : locks.waitingFor(lockOf(t));
  }

  /** A notify wakes one waiter not notified yet: which one is part of the schedule. */
  @Override
  public int choiceCount(ModelThread t) {
    if (t.op != OpKind.NOTIFY) {
      return 1;
    }
    ArrayList<ModelThread> ws = waitSets.get(t.opObject);
    int waiting = 0;
    if (ws != null) {
      for (ModelThread w : ws) {
        if (!w.notified) {
          waiting++;
        }
      }
    }
    return Math.max(1, waiting);
  }

  /**
   * {@code Object.wait} and {@code Condition.await}: release the lock fully and join the
   * wait set (one step), then wait to be notified (or to time out, or be interrupted) and
   * take the lock back (a second step).
   */
  boolean await(ModelThread me, Object waitObject, Object lock, boolean timed, int site) throws InterruptedException {
    Monitor m = locks.monitor(lock);
    if (m.owner != me) {
      throw new IllegalMonitorStateException(me + " waits on " + ex.describe(waitObject) + " without holding its lock");
    }
    if (me.interrupted) {
      me.interrupted = false;
      throw new InterruptedException();
    }
    ex.waited = true;
    me.waitLock = lock;
    me.announce(OpKind.WAIT, waitObject, 0, site);
    ex.schedulePoint(me);
    int saved = m.depth;
    m.owner = null;
    m.depth = 0;
    me.gaveUp(lock);
    me.notified = false;
    joinInThreadOrder(waitSets.computeIfAbsent(waitObject, k -> new ArrayList<>()), me);
    me.announce(OpKind.REACQUIRE, waitObject, 0, site);
    me.opTimed = timed;
    ex.schedulePoint(me);
    ArrayList<ModelThread> ws = waitSets.get(waitObject);
    ws.remove(me);
    boolean wasNotified = me.notified;
    me.notified = false;
    me.waitLock = null;
    m.owner = me;
    m.depth = saved;
    me.took(lock);
    if (me.interrupted && !wasNotified) {
      me.interrupted = false;
      throw new InterruptedException();
    }
    return wasNotified;
  }

  /** Adds {@code me} to {@code ws}, which is in the order of thread numbers (see the class comment). */
  private static void joinInThreadOrder(ArrayList<ModelThread> ws, ModelThread me) {
    int i = ws.size();
    while (i > 0 && ws.get(i - 1).id > me.id) {
      i--;
    }
    ws.add(i, me);
  }

  void notify(ModelThread me, Object waitObject, Object lock, boolean all, int site) {
    if (locks.monitor(lock).owner != me) {
      throw new IllegalMonitorStateException(me + " notifies " + ex.describe(waitObject) + " without holding its lock");
    }
    me.announce(all ? OpKind.NOTIFY_ALL : OpKind.NOTIFY, waitObject, 0, site);
    ex.schedulePoint(me);
    ArrayList<ModelThread> ws = waitSets.get(waitObject);
    if (ws == null) {
      return;
    }
    int k = 0;
    for (ModelThread w : ws) {
      if (w.notified) {
        continue;
      }
      // notify wakes an arbitrary waiter (JLS 17.2.2): the choice is part of the schedule.
      if (all || k == me.choiceValue) {
        w.notified = true;
        if (!all) {
          return;
        }
      }
      k++;
    }
  }

  // ------------------------------------------------------------ entry points of juc.ModelCondition

  /** {@code Condition.await}: returns whether the thread was signalled (not timed out). */
  public static boolean await(Object condition, Object lock, boolean timed) throws InterruptedException {
    ModelThread me = Hooks.active();
    if (me == null) {
      throw new IllegalStateException("Condition.await outside a model thread");
    }
    return Hooks.execution().waitSets.await(me, condition, lock, timed, 0);
  }

  public static void signal(Object condition, Object lock, boolean all) {
    ModelThread me = Hooks.active();
    if (me != null) {
      Hooks.execution().waitSets.notify(me, condition, lock, all, 0);
    }
  }
}
