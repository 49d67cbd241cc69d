package pinmc.embedded.runtime;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import pinmc.api.spi.Backend;
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
 * <p>Threads hand over through {@link TurnPassing}, whose volatile turn publishes everything
 * the previous thread did to the next, so the model's plain fields need no other fence.
 *
 * <p>This class only schedules. What an operation does, when it can run, what it reads and
 * writes for the dependence relation and how a thread blocked in it is described belong to
 * the {@link Primitive} that registered it (each registered in {@link Primitives}).
 */
public final class Execution {
  private final Explorer explorer;
  private final EventLog log;
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

  /** Set by {@link WaitSets} and {@link Parking} when a thread waits or parks; see {@link #waited()}. */
  boolean waited;
  /** State caching ({@code --reduction states}), or null without. */
  final StateCaching stateCaching;

  /** How the turn goes from thread to thread, on carriers or as continuations. */
  private final TurnPassing turns;
  private volatile boolean aborting;
  private int depth;
  private Outcome outcome;
  private Throwable internalError;
  private static final AtomicInteger EPOCHS = new AtomicInteger();
  private final int epoch = EPOCHS.incrementAndGet();

  private final ClassLoader modelLoader;

  public Execution(Explorer explorer, CarrierPool pool, Sites sites, ClassLoader modelLoader, ExecutionConfig config, boolean tracing) {
    this.explorer = explorer;
    this.modelLoader = modelLoader;
    this.stateCaching = StateCaching.of(this, explorer, modelLoader);
    this.log = explorer.log();
    this.sites = sites;
    this.config = config;
    this.trace = tracing ? new TraceRecorder(this) : null;
    this.turns = new TurnPassing(this, pool, Continuations.enabled() && !tracing);
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
    this.threads = new ModelThreads(Primitives.byOperation(primitives), fair, objects);
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
    Carrier here = Carrier.current();
    if (turns.drivesOn(here)) {
      turns.driveHere(here, first);
    } else {
      if (first != null) {
        turns.start(first);
      }
      turns.awaitEnd();
    }
    if (internalError != null) {
      throw new IllegalStateException("pinmc internal error: " + internalError, internalError);
    }
    return outcome;
  }

  /**
   * Runs {@code mt}'s body once it has the turn, then its end; returns the not yet started
   * thread that may go next on the same carrier (see {@link TurnPassing#afterEnd}), or null.
   */
  ModelThread runBodyAndExit(ModelThread mt) {
    Throwable thrown = null;
    try {
      turns.awaitTurn(mt);
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
    return next == null ? null : turns.afterEnd(mt, next);
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
      turns.pass(me, next);
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

  /** Ends the execution with {@code o} (the first outcome wins) and unwinds every thread. */
  void finish(Outcome o) {
    synchronized (this) {
      if (outcome == null) {
        outcome = o;
      }
      aborting = true;
      notifyAll();
    }
    turns.wakeAll();
  }

  /** The scheduling decisions taken so far (read by watchdogs without a lock: they only look for a change). */
  int depth() {
    return depth;
  }

  /** A number that changes whenever a thread takes a step or hands over, for the watchdog of {@link CarrierLoop}. */
  long progressMark() {
    return turns.progressMark();
  }

  /** For the watchdog of {@link CarrierLoop}: see {@link TurnPassing#abandonStuck}. */
  Outcome abandonStuck() {
    return turns.abandonStuck();
  }

  /** Whether the execution has ended (read under this execution's monitor). */
  boolean hasOutcome() {
    return outcome != null;
  }

  /** Whether this execution found state read by invariants that earlier executions did not treat as such. */
  public boolean invariantVisibilityGrew() {
    return invariants.visibilityGrew();
  }

  /** Whether a thread of this execution waited on a monitor or a condition, or parked: what {@code --reduction auto} turns stateful on. */
  public boolean waited() {
    return waited;
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
