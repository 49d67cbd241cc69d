package pinmc.embedded.runtime;

import java.util.function.BooleanSupplier;

/**
 * One thread of the model in one execution: the {@link Thread} object the model created,
 * the operation it is about to perform (its pending operation, announced at a scheduling
 * point), and the state the engine keeps for it in place of the JVM's.
 */
final class ModelThread {
  final int id;
  final Thread javaThread;
  final boolean isMain;
  Carrier carrier;
  /** Its continuation, when model threads run as continuations (see {@link Continuations}), once it has started. */
  Object continuation;
  /** Whether its continuation is on a carrier now: running, or pinned there waiting for its turn. */
  volatile boolean mounted;
  /** Set when its continuation, pinned to its carrier and waiting there, may go on (see {@code Execution.release}). */
  volatile boolean released;
  /** Whether its body and its exit are over (its continuation, if any, is done). */
  boolean ended;
  /** For the main thread: runs the model's main method. */
  Runnable mainBody;

  // The pending operation: what the thread does when it is next scheduled.
  OpKind op = OpKind.BEGIN;
  Object opObject;
  int opSite;
  /** For field and array accesses the field id or array index; for choices the bound. */
  int opArg;
  /** For timed waits, joins and parks: whether the operation may end without being woken. */
  boolean opTimed;
  /** For atomic-variable operations and interrupt queries: whether the step changes the value. */
  boolean opWrites;
  BooleanSupplier opGuard;
  ModelThread opThread;
  /**
   * For a join: the model thread it waits for, once started (found once, not in a map at every
   * step the join is asked whether it is enabled); null until then. Not part of the state: it
   * follows from {@code opObject}.
   */
  ModelThread joinTarget;

  boolean terminated;
  boolean eventOpen;
  /** Nesting of atomic blocks; while positive, hooks record accesses without scheduling. */
  int atomicDepth;
  /** While positive, hooks do nothing at all (invariants and guards being evaluated). */
  int silent;
  int choiceValue;
  boolean interrupted;
  boolean parkPermit;
  /** While waiting on a monitor or condition: whether a notify has chosen this thread. */
  boolean notified;
  /** While waiting on a monitor or condition: the lock the wait released and takes back (the monitor's object, or the condition's lock). */
  Object waitLock;
  /**
   * The exclusive locks it holds (monitors, {@code ReentrantLock}s, write locks), in the order
   * taken: the last is the one its steps are marked as guarded by (see {@code Steps.begin}).
   */
  private Object[] heldLocks = new Object[2];
  private int heldCount;
  /** Lock depth held on the monitor released by wait, restored on wake-up. */
  int savedLockDepth;
  /** While re-evaluating its own guard inside the guarded step: its reads are guard reads. */
  boolean inGuard;
  /** While evaluating invariants: hooks note which fields they read. */
  boolean observing;
  // Fair scheduling of spin loops: see FairYield.
  /** Held back: it runs only after another thread has taken a step, or if none can. */
  boolean heldBack;
  /** Its next step is the one after being held back: it reads what released it. */
  boolean releasePending;
  /** The site of its last yield while it has written nothing since, or -1. */
  int spinSite = -1;
  /** Whether it was held back in the loop at {@link #spinSite}. */
  boolean held;
  /** What the current iteration of that loop read so far, and whether another thread wrote it since. */
  FairYield.SpinReads spinReads;
  boolean iterationDisturbed;
  /** What the iteration before the last hold read, and whether another thread wrote it since. */
  FairYield.SpinReads heldReads;
  boolean writtenSinceHeld;
  /** Objects this thread allocated so far, and in the current class initialiser. */
  int allocations;
  int initAllocations;
  /** The class whose static initialiser this thread runs (a number per check), or -1. */
  int initClass = -1;
  /** With state caching: its model frames at its last scheduling point (see {@link FrameSnapshot}). */
  java.util.List<FrameSnapshot.Frame> frames;
  /** Loop back-edges taken since the last scheduling point. */
  long localBackEdges;

  ModelThread(int id, Thread javaThread, boolean isMain) {
    this.id = id;
    this.javaThread = javaThread;
    this.isMain = isMain;
  }

  /** It became the owner of {@code lock} (not a reentry). */
  void took(Object lock) {
    if (heldCount == heldLocks.length) {
      heldLocks = java.util.Arrays.copyOf(heldLocks, heldCount * 2);
    }
    heldLocks[heldCount++] = lock;
  }

  /** It is no longer the owner of {@code lock} (locks can be released in any order). */
  void gaveUp(Object lock) {
    for (int i = heldCount - 1; i >= 0; i--) {
      if (heldLocks[i] == lock) {
        System.arraycopy(heldLocks, i + 1, heldLocks, i, heldCount - i - 1);
        heldLocks[--heldCount] = null;
        return;
      }
    }
  }

  /** The exclusive lock it took last of those it holds, or null. */
  Object lastHeldLock() {
    return heldCount == 0 ? null : heldLocks[heldCount - 1];
  }

  String name() {
    return javaThread.getName();
  }

  void announce(OpKind kind, Object object, int arg, int site) {
    op = kind;
    opObject = object;
    opArg = arg;
    opSite = site;
    opTimed = false;
    opWrites = false;
    opGuard = null;
    opThread = null;
    joinTarget = null;
  }

  @Override
  public String toString() {
    return name();
  }
}
