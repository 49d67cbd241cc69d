package pinmc.embedded.runtime;

import java.util.ArrayList;
import pinmc.embedded.search.AccessSet;

/**
 * Fair scheduling of spin loops: what {@code Thread.yield}, {@code Thread.onSpinWait} and
 * {@code Thread.sleep} do besides being scheduling points.
 *
 * <p>A yield is a scheduling point like any other: the yielding thread may go on at once,
 * so the steps after a yield are explored in every order with the other threads' steps.
 * Without more, a loop that waits for another thread by yielding ({@code while (!flag)
 * Thread.onSpinWait();}) has executions of every length and the search never ends. So a
 * thread that yields <em>again at the same place without having written anything since
 * its last yield</em> is spinning: its last iteration changed no shared state, and if it
 * changed no local state either (the assumption), running it again before any other
 * thread moves reads the same values and reaches the same state. Such a thread is held
 * back until another thread takes a step (if another thread can), as in CHESS's fair
 * scheduler.
 *
 * <p>The assumption is checked, not trusted: if a held-back thread leaves its loop
 * although no other thread wrote what its last iteration read, the loop was driven by its
 * own state (a counter), holding it back hid executions, and the place is marked as no
 * spin loop in {@link Sites}; the engine then starts the search again without holding
 * back there.
 *
 * <p>For the dependence relation, holding back and releasing are accesses of a location
 * of the held thread: the yield that holds it back and the step that releases it both
 * write it, and the held thread's next step reads it. So the release happens before the
 * held thread goes on. And since <em>any</em> step of another thread releases it, which
 * step that is matters: once a model has yielded, every step reads one common location
 * that a holding yield writes, so partial-order reduction tries each step of the other
 * threads on both sides of the yield (the search starts again when a model's first yield
 * is seen, so that no execution was reduced without it). This costs executions in models
 * that spin, and only there. These accesses order steps for the search only: they are
 * neither data nor synchronisation for data-race detection.
 */
final class FairYield implements Primitive {
  /** The engine's per-thread location for being held back and released. */
  static final int FAIR = -9;
  /** The engine's one location that every step reads once the model has yielded, and a holding yield writes. */
  static final int ANY_RELEASE = -10;
  private static final byte ORDER_WRITE = AccessSet.WRITE | AccessSet.SCHEDULING;
  private static final byte ORDER_READ = AccessSet.READ | AccessSet.SCHEDULING;

  private final Execution ex;
  private final Sites sites;
  /** Threads held back now. */
  private int heldCount;
  /** Threads inside a spin episode: their reads and the others' writes are watched. */
  private int spinningCount;
  /** Whether this execution changed what fair scheduling assumes: a first yield, or a place that is no spin loop. */
  private boolean fairnessChanged;

  FairYield(Execution ex, Sites sites) {
    this.ex = ex;
    this.sites = sites;
  }

  @Override
  public OpKind[] operations() {
    return new OpKind[] {OpKind.YIELD, OpKind.SLEEP};
  }

  /** A yield only orders steps (see {@link #beginStep}); a sleep also ends early when the thread is interrupted. */
  @Override
  public void recordAccesses(ModelThread t, Dependence out) {
    if (t.op == OpKind.SLEEP) {
      out.access(t.javaThread, ThreadLifeCycle.INTERRUPT, AccessSet.READ);
    }
  }

  /** {@code Thread.yield}, {@code onSpinWait} ({@link OpKind#YIELD}) or {@code Thread.sleep} ({@link OpKind#SLEEP}). */
  void yield(ModelThread me, OpKind kind, int site) throws InterruptedException {
    me.announce(kind, null, 0, site);
    ex.schedulePoint(me);
    if (kind == OpKind.SLEEP && me.interrupted) {
      me.interrupted = false;
      throw new InterruptedException("sleep interrupted");
    }
  }

  int heldCount() {
    return heldCount;
  }

  /**
   * Whether the search so far was reduced with the wrong fairness dependences: the model
   * yielded for the first time, or a place was found not to be a spin loop.
   */
  /** Its part of a state fingerprint; the per-thread fields are hashed with each thread. */
  @Override
  public void hashState(StateFingerprint f) {
    f.putInt(heldCount);
    f.putInt(spinningCount);
    f.putBoolean(fairnessChanged);
  }

  boolean fairnessChanged() {
    return fairnessChanged;
  }

  /** At the start of {@code t}'s step (after the step is opened in the event log). */
  void beginStep(ModelThread t, ArrayList<ModelThread> threads) {
    if (heldCount > 0) {
      for (int i = 0; i < threads.size(); i++) {
        ModelThread other = threads.get(i);
        if (other != t && other.heldBack) {
          other.heldBack = false;
          heldCount--;
          ex.steps.access(other.javaThread, FAIR, ORDER_WRITE);
        }
      }
    }
    if (t.heldBack) {
      // Run while held back, because no other thread could: it is no longer held.
      t.heldBack = false;
      heldCount--;
    }
    if (t.releasePending) {
      t.releasePending = false;
      ex.steps.access(t.javaThread, FAIR, ORDER_READ);
    }
    if (sites.modelYields()) {
      ex.steps.access(null, ANY_RELEASE, ORDER_READ);
    }
    if (t.op == OpKind.YIELD || t.op == OpKind.SLEEP) {
      yieldStep(t);
    } else if (!readsOnly(t) && t.spinSite >= 0) {
      leaveLoop(t);
    }
  }

  private void yieldStep(ModelThread t) {
    if (sites.markModelYields()) {
      fairnessChanged = true;
    }
    if (t.spinSite == t.opSite && !sites.isNoSpinLoop(t.opSite)) {
      // Again at the same place, nothing written since: hold the thread back.
      t.heldBack = true;
      heldCount++;
      t.releasePending = true;
      ex.steps.access(t.javaThread, FAIR, ORDER_WRITE);
      ex.steps.access(null, ANY_RELEASE, ORDER_WRITE);
      // A write after the iteration read a location counts too: the next one may see it.
      t.heldReads = t.spinReads;
      t.writtenSinceHeld = t.iterationDisturbed;
      t.spinReads = new SpinReads();
      t.iterationDisturbed = false;
      t.held = true;
      return;
    }
    if (t.spinSite >= 0) {
      leaveLoop(t);
    }
    t.spinSite = t.opSite;
    t.spinReads = new SpinReads();
    t.iterationDisturbed = false;
    spinningCount++;
  }

  /** {@code t} leaves the loop it yielded in: by writing, or by yielding somewhere else. */
  private void leaveLoop(ModelThread t) {
    if (t.held && !t.writtenSinceHeld && sites.markNoSpinLoop(t.spinSite)) {
      fairnessChanged = true;
    }
    t.spinSite = -1;
    t.held = false;
    t.spinReads = null;
    t.heldReads = null;
    spinningCount--;
  }

  private static boolean readsOnly(ModelThread t) {
    return t.op.in(OpKind.READ, OpKind.THREAD_QUERY) || t.op == OpKind.ATOMIC_OP && !t.opWrites;
  }

  /** At the end of {@code t}'s step, whose accesses are {@code step}. */
  void endStep(ModelThread t, AccessSet step, ArrayList<ModelThread> threads) {
    if (spinningCount == 0) {
      return;
    }
    if (t.spinSite >= 0 && t.spinReads != null) {
      for (int k = 0; k < step.size(); k++) {
        if (AccessSet.isDataRead(step.mode(k))) {
          t.spinReads.add(step.location(k));
        }
      }
    }
    for (int i = 0; i < threads.size(); i++) {
      ModelThread other = threads.get(i);
      if (other == t || other.spinSite < 0) {
        continue;
      }
      for (int k = 0; k < step.size(); k++) {
        if (AccessSet.isDataChange(step.mode(k))) {
          long location = step.location(k);
          other.iterationDisturbed |= other.spinReads.contains(location);
          other.writtenSinceHeld |= other.held && other.heldReads.contains(location);
        }
      }
    }
  }

  /** The locations one loop iteration read: a small list, as iterations read few. */
  static final class SpinReads {
    private long[] locations = new long[4];
    private int size;

    void add(long location) {
      if (contains(location)) {
        return;
      }
      if (size == locations.length) {
        locations = java.util.Arrays.copyOf(locations, size * 2);
      }
      locations[size++] = location;
    }

    /** The locations read, in the order first read. */
    long[] toArray() {
      return java.util.Arrays.copyOf(locations, size);
    }

    boolean contains(long location) {
      for (int i = 0; i < size; i++) {
        if (locations[i] == location) {
          return true;
        }
      }
      return false;
    }
  }
}
