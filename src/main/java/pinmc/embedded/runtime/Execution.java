package pinmc.embedded.runtime;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import pinmc.api.spi.Backend;
import pinmc.check.Bound;
import pinmc.check.Property;
import pinmc.embedded.search.EventLog;
import pinmc.embedded.search.Explorer;

/**
 * One execution of the model under one schedule. Exactly one model thread runs at a time;
 * at each scheduling point the running thread announces what it is about to do, ends its
 * current step, asks the {@link Explorer} which thread takes the next step, and hands over
 * to it. The thread that sees the execution end records the {@link Outcome} and unwinds the
 * others.
 *
 * <p>Threads hand over through the volatile {@link #turn}: writing it publishes everything
 * the previous thread did to the next, so the model's plain fields need no other fence.
 *
 * <p>This class only schedules. What an operation does, when it can run, what it reads and
 * writes for the dependence relation and how a thread blocked in it is described belong to
 * the {@link Primitive} that registered it (each registered in {@link Primitives}).
 */
public final class Execution {
  private final Explorer explorer;
  private final EventLog log;
  private final CarrierPool pool;
  final Sites sites;
  final ExecutionConfig config;
  private final Backend backend = new EmbeddedBackend(this);
  private final ModelOutput output = new ModelOutput(this);
  /** The steps taken so far; the primitives record their accesses in the one under way. */
  final Steps steps;

  final ObjectNumbers objects = new ObjectNumbers();
  final TraceRecorder trace;

  final Invariants invariants;
  /** This execution's primitives, made from the registrations in {@link Primitives}. */
  private final List<Primitive> primitives = new ArrayList<>();
  // The primitives the engine's own hooks call, found once.
  final SharedMemory memory;
  final ExclusiveLocks locks;
  final ReadWriteLocks readWriteLocks;
  final WaitSets waitSets;
  final ThreadLifeCycle lifeCycle;
  final Parking parking;
  final AtomicCells atomicCells;
  final AtomicBlocks atomicBlocks;
  final FairYield fair;
  final ModelThreads threads;

  /** State caching ({@code --reduction states}), or null without. */
  final StateCaching stateCaching;

  private volatile ModelThread turn;
  /**
   * Whether model threads run as continuations on driver carriers (see {@link #drive}) rather
   * than each on a carrier of its own. Not for executions that record a trace or cache states:
   * those read other threads' stacks, which only a carrier of their own shows as it is.
   */
  private final boolean continuations;
  /** Whether a driver has claimed the unwinding of the suspended continuations after the end. */
  private boolean unwindClaimed;
  private volatile boolean aborting;
  private int depth;
  private int liveCarriers;
  private Outcome outcome;
  private Throwable internalError;
  private volatile long progress;
  private static final AtomicInteger EPOCHS = new AtomicInteger();
  private final int epoch = EPOCHS.incrementAndGet();

  private final ClassLoader modelLoader;

  public Execution(Explorer explorer, CarrierPool pool, Sites sites, ClassLoader modelLoader, ExecutionConfig config, boolean tracing) {
    this.explorer = explorer;
    this.modelLoader = modelLoader;
    this.stateCaching = StateCaching.of(this, explorer, modelLoader);
    this.log = explorer.log();
    this.pool = pool;
    this.sites = sites;
    this.config = config;
    this.trace = tracing ? new TraceRecorder(this) : null;
    this.continuations = Continuations.AVAILABLE && !tracing && stateCaching == null;
    this.invariants = new Invariants(this, sites);
    Primitives.makeAll(this, primitives);
    this.memory = primitive(SharedMemory.class);
    this.locks = primitive(ExclusiveLocks.class);
    this.readWriteLocks = primitive(ReadWriteLocks.class);
    this.waitSets = primitive(WaitSets.class);
    this.lifeCycle = primitive(ThreadLifeCycle.class);
    this.parking = primitive(Parking.class);
    this.atomicCells = primitive(AtomicCells.class);
    this.atomicBlocks = primitive(AtomicBlocks.class);
    this.fair = primitive(FairYield.class);
    this.threads = new ModelThreads(Primitive.byOperation(primitives.toArray(Primitive[]::new)), fair, objects);
    this.steps = new Steps(this, log, new DataRaceReport(this, sites));
  }

  /**
   * This execution's primitive of class {@code kind}: for a primitive's entry points, and for
   * a primitive made after the one it builds on (see {@link Primitives}).
   */
  /** Every primitive of this execution, in the order they are registered. */
  List<Primitive> primitives() {
    return primitives;
  }

  <T extends Primitive> T primitive(Class<T> kind) {
    return Primitives.find(primitives, kind);
  }

  // ---------------------------------------------------------------- running

  /**
   * Runs the model's main method under the explorer's schedule and returns how the
   * execution ended. Blocks until every carrier has left the model.
   */
  public Outcome run(MethodHandle main, String[] args, Runnable beforeMain) {
    Thread mainThread = new Thread("main");
    mainThread.setDaemon(false); // whatever the caller's thread is
    ModelThread mt = threads.add(mainThread, true);
    objects.fix(mainThread, ObjectNumbers.MAIN_THREAD_OBJECT);
    objects.fix(args, ObjectNumbers.ARGS_OBJECT);
    mt.mainBody = () -> {
      beforeMain.run();
      try {
        main.invokeExact(args);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new java.lang.reflect.UndeclaredThrowableException(t);
      }
    };
    ModelThread first;
    synchronized (this) {
      first = decideNext();
    }
    if (first != null) {
      if (continuations) {
        turn = first;
        startDriver();
      } else {
        switchTo(first);
      }
    }
    awaitEnd();
    if (internalError != null) {
      throw new IllegalStateException("pinmc internal error: " + internalError, internalError);
    }
    return outcome;
  }

  private void awaitEnd() {
    long timeoutNanos = config.localProgressTimeout().toNanos();
    synchronized (this) {
      long lastProgress = progress;
      long since = System.nanoTime();
      while (outcome == null || liveCarriers > 0) {
        try {
          wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          finish(new Outcome(Outcome.Kind.BOUND, null, null, "interrupted", List.of(), Bound.TIME));
          return;
        }
        if (outcome != null) {
          continue;
        }
        if (progress != lastProgress) {
          lastProgress = progress;
          since = System.nanoTime();
        } else if (System.nanoTime() - since > timeoutNanos) {
          ModelThread stuck = turn;
          String where = stuck == null || stuck.carrier == null ? "unknown" : ModelFrames.modelFrame(stuck.carrier.getStackTrace());
          finish(new Outcome(Outcome.Kind.BOUND, null, null,
              "thread " + stuck + " ran " + config.localProgressTimeout().toSeconds()
                  + " s without reaching a scheduling point, at " + where,
              List.of(), Bound.LOCAL_PROGRESS));
          return; // its carrier is abandoned: it is a daemon and the pool is closed after this check
        }
      }
    }
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
      synchronized (this) {
        liveCarriers--;
        if (liveCarriers == 0) {
          notifyAll(); // awaitEnd waits for the last carrier, not for each
        }
      }
    }
  }

  /** Runs {@code mt} on this carrier; returns the not yet started thread that goes next here, or null. */
  private ModelThread runToEnd(ModelThread mt) {
    try {
      return runBodyAndExit(mt);
    } finally {
      mt.ended = true;
    }
  }

  private ModelThread runBodyAndExit(ModelThread mt) {
    Throwable thrown = null;
    try {
      awaitTurn(mt);
      if (mt.isMain) {
        mt.mainBody.run();
      } else {
        mt.javaThread.run();
      }
    } catch (Throwable t) {
      thrown = t;
    }
    try {
      return threadExit(mt, thrown);
    } catch (ExecutionAbort a) {
      // the execution ended while this thread was ending
    } catch (Throwable t) {
      internalFailure(t);
    }
    return null;
  }

  private ModelThread threadExit(ModelThread mt, Throwable thrown) {
    if (thrown instanceof ExecutionAbort) {
      return null;
    }
    if (thrown != null) {
      if (mt.eventOpen) {
        steps.close(mt);
      }
      finish(Outcome.uncaught(thrown, mt.name(), mt.isMain && threads.count() == 1));
      return null;
    }
    mt.announce(OpKind.END, null, 0, 0);
    schedulePoint(mt);
    mt.terminated = true;
    steps.end(mt);
    ModelThread next = decideNext();
    if (next == null) {
      return null;
    }
    if (continuations) {
      turn = next; // the continuation ends, and its driver runs the next one
      progress++;
      return null;
    }
    if (next.carrier == null) {
      Carrier here = mt.carrier;
      next.carrier = here;
      turn = next;
      progress++;
      here.thread = next;
      return next;
    }
    switchTo(next);
    return null;
  }

  void internalFailure(Throwable t) {
    synchronized (this) {
      if (internalError == null) {
        internalError = t;
      }
    }
    finish(new Outcome(Outcome.Kind.ERROR, null, null, "internal error: " + t, List.of(), null));
  }

  // ---------------------------------------------------------------- scheduling

  /**
   * Called by the running thread {@code me} after it has announced its next operation:
   * ends its step, decides who goes next, and returns when it is {@code me}'s turn again
   * with the announced operation's step begun.
   */
  void schedulePoint(ModelThread me) {
    if (aborting) {
      throw ExecutionAbort.INSTANCE;
    }
    if (me.eventOpen) {
      steps.end(me);
    }
    if (stateCaching != null) {
      stateCaching.atSchedulingPoint(me, depth);
    }
    me.localBackEdges = 0;
    ModelThread next = decideNext();
    if (next == null) {
      throw ExecutionAbort.INSTANCE;
    }
    if (next != me) {
      passTurn(me, next);
    }
  }

  /** Hands the turn from the running thread {@code me} to {@code next}; returns when it is {@code me}'s turn again. */
  private void passTurn(ModelThread me, ModelThread next) {
    if (me.continuation == null) {
      switchTo(next);
      awaitTurn(me);
      return;
    }
    turn = next;
    progress++;
    if (Continuations.tryYield()) { // to this carrier's driver, which hands the turn on
      if (aborting) {
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
      if (aborting) {
        throw ExecutionAbort.INSTANCE;
      }
      LockSupport.park(this);
    }
    me.released = false;
    if (aborting) {
      throw ExecutionAbort.INSTANCE;
    }
  }

  private ModelThread decideNext() {
    Outcome cached = stateCaching == null ? null : stateCaching.visit(depth);
    if (cached != null) {
      finish(cached);
      return null;
    }
    pinmc.embedded.search.Decision d = explorer.decide(depth, threads);
    if (d.endsExecution()) {
      finish(Outcome.ofEndingDecision(d.end(), depth, explorer.divergence(), this::noThreadOutcome));
      return null;
    }
    ModelThread next = threads.all.get(d.thread());
    next.choiceValue = d.choice();
    depth++;
    steps.begin(next);
    return next;
  }

  private Outcome noThreadOutcome() {
    List<String> blocked = new ArrayList<>();
    for (ModelThread t : threads.all) {
      if (!t.terminated && !t.javaThread.isDaemon()) {
        blocked.add(describeBlocked(t));
      }
    }
    if (blocked.isEmpty()) {
      return Outcome.of(Outcome.Kind.COMPLETE);
    }
    return new Outcome(Outcome.Kind.VIOLATION, Property.DEADLOCK, null,
        "deadlock: every live thread is blocked", blocked, null);
  }

  private void switchTo(ModelThread next) {
    turn = next;
    progress++;
    if (next.carrier == null) {
      Carrier c = pool.acquire();
      next.carrier = c;
      synchronized (this) {
        liveCarriers++;
      }
      c.execution = this;
      c.thread = next;
      c.assign(() -> runThread(next));
    } else {
      LockSupport.unpark(next.carrier);
    }
  }

  /** Gives a carrier from the pool the driving of this execution's continuations. */
  private void startDriver() {
    Carrier c = pool.acquire();
    synchronized (this) {
      liveCarriers++;
    }
    c.execution = this;
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
      while (!aborting) {
        ModelThread t = turn;
        if (t.mounted) {
          release(t); // pinned to another carrier, where it goes on
          return;
        }
        runMounted(here, t);
      }
      unwindSuspended(here);
    } catch (Throwable t) {
      internalFailure(t);
    } finally {
      synchronized (this) {
        liveCarriers--;
        if (liveCarriers == 0) {
          notifyAll();
        }
      }
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
    synchronized (this) {
      if (unwindClaimed) {
        return;
      }
      unwindClaimed = true;
    }
    for (ModelThread t : threads.all) {
      if (t.continuation != null && !t.mounted && !t.ended) {
        runMounted(here, t);
      }
    }
  }

  private void awaitTurn(ModelThread me) {
    while (turn != me) {
      if (aborting) {
        throw ExecutionAbort.INSTANCE;
      }
      LockSupport.park(this);
    }
    if (aborting) {
      throw ExecutionAbort.INSTANCE;
    }
  }

  /** Ends the execution with {@code o} (the first outcome wins) and unwinds every thread. */
  void finish(Outcome o) {
    synchronized (this) {
      if (outcome == null) {
        outcome = o;
      }
      aborting = true;
      notifyAll();
    }
    for (ModelThread t : threads.all) {
      if (t.carrier != null) {
        LockSupport.unpark(t.carrier);
      }
    }
  }

  /** Whether this execution found state read by invariants that earlier executions did not treat as such. */
  public boolean invariantVisibilityGrew() {
    return invariants.visibilityGrew();
  }

  /** Whether this execution changed what fair scheduling assumes, so the search must start again (see {@link FairYield}). */
  public boolean fairnessChanged() {
    return fair.fairnessChanged();
  }

  // ---------------------------------------------------------------- threads

  ModelThread current() {
    Carrier c = Carrier.current();
    return c == null || c.execution != this ? null : c.thread;
  }

  // ---------------------------------------------------------------- reporting

  Backend backend() {
    return backend;
  }

  /** What model code prints: dropped during the search, recorded as steps in a trace. */
  PrintStream modelOut() {
    return output.stream();
  }

  int epoch() {
    return epoch;
  }

  ClassLoader modelLoader() {
    return modelLoader;
  }

  /** The recorded trace of a tracing execution, or an empty list. */
  public List<pinmc.check.TraceStep> traceSteps() {
    return trace == null ? List.of() : trace.steps();
  }

  public long stepCount() {
    return steps.count();
  }

  boolean isAborting() {
    return aborting;
  }

  /** How an object is called in a trace and in reports (see {@link ObjectNames}). */
  String describe(Object o) {
    return ObjectNames.describe(o, this);
  }

  private String describeBlocked(ModelThread t) {
    if (trace != null) {
      return trace.blocked(t); // names what a guard waits for and who last changed it
    }
    return t.name() + " " + threads.primitiveOf(t).blockedReason(t) + " at " + sites.location(t.opSite);
  }
}
