package pinmc.embedded.runtime;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import pinmc.check.Bound;

/**
 * How the turn goes from one model thread of an {@link Execution} to the next, and how the
 * engine's thread waits for the execution to end. Exactly one model thread has the turn.
 *
 * <p>On JDK 17 each model thread runs on a {@link Carrier} of its own (a thread that has not
 * started yet may take over the carrier of one that just ended), and handing over is an
 * unpark of the next carrier and a park of this one. On JDK 21 and later (see {@link
 * Continuations}) the threads run as continuations on one driver carrier, and handing over is
 * a yield and a resume; a continuation the JDK cannot yield (pinned by a native frame) waits
 * on its carrier as a carrier's own thread does, and another driver runs the rest.
 *
 * <p>The volatile {@link #turn} publishes everything the previous thread did to the next, so
 * the model's plain fields need no other fence. Carrier counts and the end are guarded by the
 * execution's monitor, which {@link Execution#finish} notifies.
 */
final class TurnPassing {
  private final Execution ex;
  private final CarrierPool pool;
  /**
   * Whether model threads run as continuations on driver carriers (see {@link #drive}) rather
   * than each on a carrier of its own. Not for executions that record a trace: the recorder
   * reads other threads' stacks, which only a carrier of their own shows as it is. (State
   * caching reads each thread's frames from that thread itself, see {@link FrameSnapshot},
   * which a continuation shows as a carrier does.)
   */
  private final boolean continuations;
  private volatile ModelThread turn;
  /** Whether a driver has claimed the unwinding of the suspended continuations after the end. */
  private boolean unwindClaimed;
  private int liveCarriers;
  /** Counts hand-overs, for the watchdog in {@link #awaitEnd}. */
  private volatile long progress;
  // For an execution driven on the carrier of its search loop (see driveHere), guarded by ex:
  /** Whether it has returned to its loop. */
  private boolean returned;
  /** Whether the loop's watchdog ended it as stuck and went on with the loop elsewhere. */
  private boolean abandoned;

  TurnPassing(Execution ex, CarrierPool pool, boolean continuations) {
    this.ex = ex;
    this.pool = pool;
    this.continuations = continuations;
  }

  /** Whether this execution's threads run on {@code here}, the carrier of its search loop (see {@link #driveHere}). */
  boolean drivesOn(Carrier here) {
    return continuations && here != null && here.loop != null;
  }

  /** Gives the first thread of the execution the turn. */
  void start(ModelThread first) {
    if (continuations) {
      turn = first;
      startDriver();
    } else {
      switchTo(first);
    }
  }

  /**
   * After {@code ended} has taken its last step, gives {@code next} the turn; returns {@code
   * next} if it has not started yet and is to run on the ended thread's carrier, else null.
   */
  ModelThread afterEnd(ModelThread ended, ModelThread next) {
    if (continuations) {
      turn = next; // the continuation ends, and its driver runs the next one
      progress++;
      return null;
    }
    if (next.carrier == null) {
      Carrier here = ended.carrier;
      next.carrier = here;
      turn = next;
      progress++;
      here.thread = next;
      return next;
    }
    switchTo(next);
    return null;
  }

  /**
   * Wakes every carrier of the execution where a thread waits for its turn, once it is ending,
   * so that the thread unwinds. A suspended continuation waits on no carrier: a driver resumes
   * it to unwind (see {@link #unwindSuspended}).
   */
  void wakeAll() {
    Thread self = Thread.currentThread();
    for (ModelThread t : ex.threads.all) {
      Carrier c = t.carrier;
      if (c != null && c != self && (!continuations || t.mounted)) {
        LockSupport.unpark(c);
      }
    }
  }

  /** Returns once the execution has ended and every carrier has left it, or ends it when a thread stops making progress. */
  void awaitEnd() {
    long timeoutNanos = ex.config.localProgressTimeout().toNanos();
    synchronized (ex) {
      long lastProgress = progressMark();
      long since = System.nanoTime();
      while (!ex.hasOutcome() || liveCarriers > 0) {
        try {
          ex.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          ex.finish(new Outcome(Outcome.Kind.BOUND, null, null, "interrupted", List.of(), Bound.TIME));
          return;
        }
        if (ex.hasOutcome()) {
          continue;
        }
        // Steps count as progress too: a thread that runs alone hands over to nobody.
        long mark = progressMark();
        if (mark != lastProgress) {
          lastProgress = mark;
          since = System.nanoTime();
        } else if (System.nanoTime() - since > timeoutNanos) {
          ex.finish(stuckOutcome());
          return; // its carrier is abandoned: the pool is closed after this check
        }
      }
    }
  }

  /**
   * Drives the execution's threads as continuations on {@code here}, the carrier of the search
   * loop (see {@link CarrierLoop}), from {@code first} (null: the execution ended at its first
   * decision), and returns once it has ended and every other driver has left it. Throws
   * {@link CarrierLoop.Abandoned} if the loop's watchdog took the execution over meanwhile.
   */
  void driveHere(Carrier here, ModelThread first) {
    here.execution = ex;
    try {
      if (here.loop.interrupted) {
        ex.finish(new Outcome(Outcome.Kind.BOUND, null, null, "interrupted", List.of(), Bound.TIME));
      }
      if (first != null) {
        turn = first;
        driveTurns(here);
      }
      synchronized (ex) {
        // Other drivers run here only when a continuation could not yield (see pass).
        while (!ex.hasOutcome() || liveCarriers > 0) {
          if (abandoned) {
            throw new CarrierLoop.Abandoned();
          }
          try {
            ex.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts a carrier: keep it for whoever does
          }
        }
        if (abandoned) {
          throw new CarrierLoop.Abandoned();
        }
        returned = true;
      }
    } finally {
      here.execution = null;
      here.thread = null;
    }
  }

  /**
   * For the watchdog of a search loop on a carrier: if the execution has not ended (nor
   * returned to its loop) ends it as stuck and marks its driver abandoned; returns how it
   * ended, or null if it ended by itself.
   */
  Outcome abandonStuck() {
    synchronized (ex) {
      if (returned || ex.hasOutcome()) {
        return null;
      }
      Outcome o = stuckOutcome();
      ex.finish(o);
      abandoned = true;
      ex.notifyAll();
      return o;
    }
  }

  /** A number that changes whenever a thread takes a step or hands over, for watchdogs. */
  long progressMark() {
    return progress + ex.depth();
  }

  /** How an execution ends whose running thread has not reached a scheduling point for the local-progress timeout. */
  private Outcome stuckOutcome() {
    ModelThread stuck = turn;
    String where = stuck == null || stuck.carrier == null ? "unknown" : ModelFrames.modelFrame(stuck.carrier.getStackTrace());
    java.time.Duration timeout = ex.config.localProgressTimeout();
    String took = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    return new Outcome(Outcome.Kind.BOUND, null, null,
        "thread " + stuck + " ran " + took + " without reaching a scheduling point, at " + where, List.of(), Bound.LOCAL_PROGRESS);
  }

  /**
   * The body of a carrier that runs {@code first}, and after it each thread that had not
   * started yet when the one before it on this carrier ended: that thread's stack can start
   * where the ended one's was, which saves handing over to another carrier.
   */
  private void runThread(ModelThread first) {
    try {
      ModelThread mt = first;
      while (mt != null) {
        mt = runToEnd(mt);
      }
    } finally {
      synchronized (ex) {
        liveCarriers--;
        if (liveCarriers == 0) {
          ex.notifyAll(); // awaitEnd waits for the last carrier, not for each
        }
      }
    }
  }

  /** Runs {@code mt} on this carrier; returns the not yet started thread that goes next here, or null. */
  private ModelThread runToEnd(ModelThread mt) {
    try {
      return ex.runBodyAndExit(mt);
    } finally {
      mt.ended = true;
    }
  }

  /** Hands the turn from the running thread {@code me} to {@code next}; returns when it is {@code me}'s turn again. */
  void pass(ModelThread me, ModelThread next) {
    if (me.continuation == null) {
      switchTo(next);
      awaitTurn(me);
      return;
    }
    turn = next;
    progress++;
    if (Continuations.tryYield()) { // to this carrier's driver, which hands the turn on
      if (ex.isAborting()) {
        throw ExecutionAbort.INSTANCE;
      }
      return;
    }
    // Pinned to its carrier: it hands the turn on itself and waits there to be released.
    if (next.mounted) {
      release(next);
    } else {
      startDriver(); // this carrier stays under me, so another one runs next
    }
    awaitRelease(me);
  }

  /**
   * Lets {@code t}, a continuation pinned to its carrier and waiting there, go on. Threads
   * that run as continuations wait for this rather than for {@link #turn}: the thread that
   * passes them the turn writes it before it has finished yielding, and only its driver,
   * after the yield, may act on it.
   */
  private void release(ModelThread t) {
    t.released = true;
    LockSupport.unpark(t.carrier);
  }

  private void awaitRelease(ModelThread me) {
    while (!me.released) {
      if (ex.isAborting()) {
        throw ExecutionAbort.INSTANCE;
      }
      LockSupport.park(ex);
    }
    me.released = false;
    if (ex.isAborting()) {
      throw ExecutionAbort.INSTANCE;
    }
  }

  private void switchTo(ModelThread next) {
    turn = next;
    progress++;
    if (next.carrier == null) {
      Carrier c = pool.acquire();
      next.carrier = c;
      synchronized (ex) {
        liveCarriers++;
      }
      c.execution = ex;
      c.thread = next;
      c.assign(() -> runThread(next));
    } else {
      LockSupport.unpark(next.carrier);
    }
  }

  /** Gives a carrier from the pool the driving of this execution's continuations. */
  private void startDriver() {
    Carrier c = pool.acquire();
    synchronized (ex) {
      liveCarriers++;
    }
    c.execution = ex;
    c.assign(() -> drive(c));
  }

  /**
   * The body of a driver carrier: runs the continuation of whichever thread has the turn,
   * until the turn goes to a thread pinned to another carrier (a continuation that could not
   * yield, which waits there as a carrier's own thread does) or the execution ends. Usually
   * one driver runs every thread of an execution, and handing over is a yield and a resume.
   */
  private void drive(Carrier here) {
    try {
      driveTurns(here);
    } finally {
      synchronized (ex) {
        liveCarriers--;
        if (liveCarriers == 0) {
          ex.notifyAll();
        }
      }
    }
  }

  /** What {@link #drive} does, on the carrier of a driver or of the search loop. */
  private void driveTurns(Carrier here) {
    try {
      while (!ex.isAborting()) {
        ModelThread t = turn;
        if (t.mounted) {
          release(t); // pinned to another carrier, where it goes on
          return;
        }
        runMounted(here, t);
      }
      unwindSuspended(here);
    } catch (Throwable t) {
      ex.internalFailure(t);
    }
  }

  /** Runs {@code t}'s continuation on {@code here} until it yields or ends. */
  private void runMounted(Carrier here, ModelThread t) {
    if (t.continuation == null) {
      t.continuation = Continuations.create(() -> runToEnd(t));
    }
    t.carrier = here;
    here.thread = t;
    t.mounted = true;
    try {
      Continuations.run(t.continuation);
    } finally {
      t.mounted = false;
    }
  }

  /**
   * After the end, resumes every suspended continuation once so that it unwinds (as every
   * carrier's own thread does when the execution ends), in one driver.
   */
  private void unwindSuspended(Carrier here) {
    synchronized (ex) {
      if (unwindClaimed) {
        return;
      }
      unwindClaimed = true;
    }
    for (ModelThread t : ex.threads.all) {
      if (t.continuation != null && !t.mounted && !t.ended) {
        runMounted(here, t);
      }
    }
  }

  void awaitTurn(ModelThread me) {
    while (turn != me) {
      if (ex.isAborting()) {
        throw ExecutionAbort.INSTANCE;
      }
      LockSupport.park(ex);
    }
    if (ex.isAborting()) {
      throw ExecutionAbort.INSTANCE;
    }
  }
}
