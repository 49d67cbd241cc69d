package pinmc.embedded.runtime;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import pinmc.embedded.search.AccessSet;

/**
 * A thread's life: {@code start}, its first step ({@link OpKind#BEGIN}) and its end, and the
 * operations other threads apply to it: {@code join}, {@code isAlive}, {@code interrupt},
 * {@code isInterrupted} and {@code Thread.interrupted}. Each thread has three locations of
 * the engine's: {@link #STARTED} (written by start, read by the thread's first step and by
 * whatever answers differently before the start), {@link #ALIVE} (written by its end, read
 * by join and isAlive) and {@link #INTERRUPT} (its interrupt flag, read by every operation
 * an interrupt ends early).
 */
final class ThreadLifeCycle implements Primitive {
  static final int ALIVE = -3;
  static final int STARTED = -4;
  static final int INTERRUPT = -5;

  private final Execution ex;
  /** Interrupts of threads not started yet: Java keeps the flag, and the thread starts interrupted. */
  private final Set<Thread> interruptedBeforeStart = Collections.newSetFromMap(new IdentityHashMap<>());

  ThreadLifeCycle(Execution ex) {
    this.ex = ex;
  }

  @Override
  public OpKind[] operations() {
    return new OpKind[] {OpKind.BEGIN, OpKind.END, OpKind.START, OpKind.JOIN, OpKind.INTERRUPT, OpKind.THREAD_QUERY};
  }

  @Override
  public boolean isEnabled(ModelThread t) {
    return t.op != OpKind.JOIN || t.opTimed || t.interrupted || joinTargetGone(t);
  }

  /** Whether the thread {@code t} joins has ended, or was not started (then join returns at once). */
  private boolean joinTargetGone(ModelThread t) {
    ModelThread target = t.joinTarget;
    if (target == null) {
      target = ex.threads.of((Thread) t.opObject);
      if (target == null) {
        return true;
      }
      t.joinTarget = target;
    }
    return target.terminated;
  }

  @Override
  public void recordAccesses(ModelThread t, Dependence out) {
    if (t.op == OpKind.BEGIN) {
      out.access(t.javaThread, STARTED, (byte) (AccessSet.READ | AccessSet.SYNC_ONLY));
    } else if (t.op == OpKind.END) {
      out.access(t.javaThread, ALIVE, AccessSet.WRITE);
    } else if (t.op == OpKind.START) {
      // Whether a thread was started yet decides what join and isAlive do: they race with start.
      out.access(t.opObject, STARTED, AccessSet.WRITE);
    } else if (t.op == OpKind.JOIN) {
      out.access(t.opObject, STARTED, AccessSet.READ);
      // An untimed join of a started thread waits for its end and cannot be reordered before it.
      boolean waitsForEnd = !t.opTimed && ex.threads.of((Thread) t.opObject) != null;
      out.access(t.opObject, ALIVE, (byte) (AccessSet.READ | (waitsForEnd ? AccessSet.SYNC_ONLY : 0)));
      out.access(t.javaThread, INTERRUPT, AccessSet.READ);
    } else if (t.op == OpKind.INTERRUPT) {
      out.access(t.opObject, INTERRUPT, AccessSet.WRITE);
    } else if (t.op == OpKind.THREAD_QUERY) {
      out.access(t.opObject, t.opArg, AccessSet.READ);
      if (t.opArg == ALIVE) {
        out.access(t.opObject, STARTED, AccessSet.READ);
      }
    } else {
      throw new IllegalStateException("not a thread operation: " + t.op);
    }
  }

  @Override
  public String blockedReason(ModelThread t) {
    return t.op == OpKind.JOIN ? "joins " + ((Thread) t.opObject).getName() + ", which has not ended" : Primitive.super.blockedReason(t);
  }

  void start(ModelThread me, Thread child, int site) {
    if (ex.threads.of(child) != null) {
      me.announce(OpKind.START, child, 0, site);
      ex.schedulePoint(me);
      throw new IllegalThreadStateException("thread " + child.getName() + " was already started");
    }
    if (isJvmThreadName(child.getName())) {
      // The JVM numbers unnamed threads globally; number them per execution so that names
      // (and anything the model derives from them) are the same in every execution.
      child.setName("Thread-" + (ex.threads.count() - 1));
    }
    me.announce(OpKind.START, child, 0, site);
    ex.schedulePoint(me);
    ModelThread mt = ex.threads.add(child, false);
    mt.interrupted = interruptedBeforeStart.remove(child);
    if (ex.trace != null) {
      ex.trace.started(mt, ex.sites.location(site));
    }
  }

  /** Its part of a state fingerprint: threads interrupted before they were started. */
  @Override
  public void hashState(StateFingerprint f) {
    if (interruptedBeforeStart.isEmpty()) {
      f.table(java.util.Map.of(), v -> new long[0]);
      return;
    }
    java.util.IdentityHashMap<Object, Boolean> table = new java.util.IdentityHashMap<>();
    for (Thread t : interruptedBeforeStart) {
      table.put(t, Boolean.TRUE);
    }
    f.table(table, v -> new long[0]);
  }

  /**
   * {@code Thread.join}: one step, enabled once the target has ended, or at once if it was
   * not started yet (as in Java, where join waits only while the thread is alive).
   */
  void join(ModelThread me, Thread target, boolean timed, int site) throws InterruptedException {
    me.announce(OpKind.JOIN, target, 0, site);
    me.opTimed = timed;
    ex.schedulePoint(me);
    if (me.interrupted) {
      me.interrupted = false;
      throw new InterruptedException();
    }
  }

  void interrupt(ModelThread me, Thread target, int site) {
    me.announce(OpKind.INTERRUPT, target, 0, site);
    ex.schedulePoint(me);
    ModelThread t = ex.threads.of(target);
    if (t != null) {
      t.interrupted = true;
    } else {
      interruptedBeforeStart.add(target);
    }
  }

  /**
   * {@code isInterrupted}, a read of the flag; or {@code Thread.interrupted} ({@code clear}),
   * which reads and clears it in one step, as an atomic-cell operation on the flag does.
   */
  boolean queryInterrupted(ModelThread me, Thread target, boolean clear, int site) {
    me.announce(clear ? OpKind.ATOMIC_OP : OpKind.THREAD_QUERY, target, INTERRUPT, site);
    me.opWrites = clear;
    ex.schedulePoint(me);
    ModelThread t = ex.threads.of(target);
    boolean was = t != null ? t.interrupted : interruptedBeforeStart.contains(target);
    if (clear && t != null) {
      t.interrupted = false;
    }
    return was;
  }

  boolean isAlive(ModelThread me, Thread target, int site) {
    me.announce(OpKind.THREAD_QUERY, target, ALIVE, site);
    ex.schedulePoint(me);
    ModelThread t = ex.threads.of(target);
    return t != null && !t.terminated;
  }

  /**
   * Whether a thread has the name the JVM gives unnamed threads, "Thread-" and a number.
   * Checked by hand: {@code String.matches} compiles its pattern on every call, which cost a
   * fifth of a search that starts many threads.
   */
  static boolean isJvmThreadName(String name) {
    String prefix = "Thread-";
    if (name.length() == prefix.length() || !name.startsWith(prefix)) {
      return false;
    }
    for (int i = prefix.length(); i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') { // as the pattern's \d: ASCII digits only
        return false;
      }
    }
    return true;
  }
}
