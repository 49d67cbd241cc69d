package pinmc.embedded.runtime;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import pinmc.api.InvariantViolation;
import pinmc.api.spi.Backend;
import pinmc.check.Bound;
import pinmc.check.Property;
import pinmc.embedded.search.AccessSet;
import pinmc.embedded.search.EventLog;
import pinmc.embedded.search.Explorer;
import pinmc.embedded.search.SchedulingView;

/**
 * One execution of the model under one schedule. Exactly one model thread runs at a time;
 * at each scheduling point the running thread announces what it is about to do, ends its
 * current step, asks the {@link Explorer} which thread takes the next step, and hands over
 * to it. The thread that sees the execution end records the {@link Outcome} and unwinds the
 * others.
 *
 * <p>Threads hand over through the volatile {@link #turn}: writing it publishes everything
 * the previous thread did to the next, so the model's plain fields need no other fence.
 */
public final class Execution implements SchedulingView {
  // Per-object locations the engine adds to the model's own fields.
  static final int MONITOR = -1;
  static final int WAIT_SET = -2;
  static final int ALIVE = -3;
  static final int STARTED = -4;
  static final int INTERRUPT = -5;
  static final int PERMIT = -6;
  static final int VALUE = -7;
  /** The key under which invariants' reads of any array element are noted. */
  static final int ARRAY_ELEMENTS = -100;
  /** A location written by every step that changes state an invariant reads. */
  private static final int INVARIANT_STATE = -8;

  static final Backend IDLE_BACKEND = new IdleBackend();

  private final Explorer explorer;
  private final EventLog log;
  private final CarrierPool pool;
  final Sites sites;
  final ExecutionConfig config;
  private final Backend backend = new EmbeddedBackend();

  private final ArrayList<ModelThread> threads = new ArrayList<>();
  /**
   * The number of each object the model allocated in this execution, which names it in
   * locations. Numbers come from where the object was allocated (the allocating thread and
   * how many objects it had allocated before; or the class whose initialiser allocated it),
   * so the same object has the same number in every execution that shares the prefix that
   * created it: sleep sets and replay compare steps across executions by these numbers.
   */
  private final IdentityHashMap<Object, Integer> objectIds = new IdentityHashMap<>();
  /** JDK views and iterators, each with the object whose state it stands for (see {@link #viewOf}). */
  private final IdentityHashMap<Object, Object> jdkViews = new IdentityHashMap<>();
  /** Display numbers for traces, in order of first mention. */
  private final IdentityHashMap<Object, Integer> displayIds = new IdentityHashMap<>();
  /** Objects the model did not allocate share one number: more dependence, never less. */
  static final int UNKNOWN_OBJECT = 1;
  private static final int MAIN_THREAD_OBJECT = 2;
  private static final int ARGS_OBJECT = 3;
  private final IdentityHashMap<Object, Monitor> monitors = new IdentityHashMap<>();
  private final IdentityHashMap<Object, ArrayList<ModelThread>> waitSets = new IdentityHashMap<>();
  private final IdentityHashMap<Thread, ModelThread> byJavaThread = new IdentityHashMap<>();
  private final ArrayList<RegisteredInvariant> invariants = new ArrayList<>();
  final TraceRecorder trace;

  private volatile ModelThread turn;
  private volatile boolean aborting;
  private ModelThread last;
  private int depth;
  private long steps;
  private int liveCarriers;
  private Outcome outcome;
  private Throwable internalError;
  private volatile long progress;
  private boolean visibilityGrew;
  // Where each step of this execution happened, for data-race reports.
  private int eventSite;
  private ModelThread eventThread;
  private int[] stepSites = new int[64];
  private ModelThread[] stepThreads = new ModelThread[64];
  private int stepCount;
  private final FairYield fair;
  /** Interrupts of threads not started yet: Java keeps the flag, and the thread starts interrupted. */
  private final java.util.Set<Thread> interruptedBeforeStart = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private static final java.util.concurrent.atomic.AtomicInteger EPOCHS = new java.util.concurrent.atomic.AtomicInteger();
  private final int epoch = EPOCHS.incrementAndGet();

  private record RegisteredInvariant(String name, BooleanSupplier holds, Supplier<String> message) {}

  private final ClassLoader modelLoader;

  public Execution(Explorer explorer, CarrierPool pool, Sites sites, ClassLoader modelLoader, ExecutionConfig config, boolean tracing) {
    this.explorer = explorer;
    this.modelLoader = modelLoader;
    this.log = explorer.log();
    this.pool = pool;
    this.sites = sites;
    this.config = config;
    this.trace = tracing ? new TraceRecorder(this) : null;
    this.fair = new FairYield(this, sites);
  }

  // ---------------------------------------------------------------- running

  /**
   * Runs the model's main method under the explorer's schedule and returns how the
   * execution ended. Blocks until every carrier has left the model.
   */
  public Outcome run(MethodHandle main, String[] args, Runnable beforeMain) {
    Thread mainThread = new Thread("main");
    mainThread.setDaemon(false); // whatever the caller's thread is
    ModelThread mt = addThread(mainThread, true);
    objectIds.put(mainThread, MAIN_THREAD_OBJECT);
    objectIds.put(args, ARGS_OBJECT);
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
      switchTo(first);
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
          String where = stuck == null || stuck.carrier == null ? "unknown" : Hooks.modelFrame(stuck.carrier.getStackTrace());
          finish(new Outcome(Outcome.Kind.BOUND, null, null,
              "thread " + stuck + " ran " + config.localProgressTimeout().toSeconds()
                  + " s without reaching a scheduling point, at " + where,
              List.of(), Bound.LOCAL_PROGRESS));
          return; // its carrier is abandoned: it is a daemon and the pool is closed after this check
        }
      }
    }
  }

  /** The body of a carrier that runs {@code mt}. */
  private void runThread(ModelThread mt) {
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
      threadExit(mt, thrown);
    } catch (ExecutionAbort a) {
      // the execution ended while this thread was ending
    } catch (Throwable t) {
      internalFailure(t);
    } finally {
      synchronized (this) {
        liveCarriers--;
        notifyAll();
      }
    }
  }

  private void threadExit(ModelThread mt, Throwable thrown) {
    if (thrown instanceof ExecutionAbort) {
      return;
    }
    if (thrown != null) {
      if (mt.eventOpen) {
        closeEvent(mt);
      }
      finish(uncaught(mt, thrown));
      return;
    }
    mt.announce(OpKind.END, null, 0, 0);
    schedulePoint(mt);
    mt.terminated = true;
    endEvent(mt);
    ModelThread next = decideNext();
    if (next != null) {
      switchTo(next);
    }
  }

  private Outcome uncaught(ModelThread mt, Throwable t) {
    String where = Hooks.modelFrame(t.getStackTrace());
    if (t instanceof UnsupportedConstructError u) {
      return new Outcome(Outcome.Kind.ERROR, null, null,
          "unsupported construct " + u.construct() + " at " + where + ": " + u.why(), List.of(), null);
    }
    if (t instanceof InvariantViolation iv) {
      return new Outcome(Outcome.Kind.VIOLATION, Property.INVARIANT, iv.invariant(), iv.detail(),
          List.of("in thread " + mt.name() + " at " + where), null);
    }
    String text = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    if (t instanceof AssertionError) {
      return new Outcome(Outcome.Kind.VIOLATION, Property.ASSERTION, null,
          "assertion failed in thread " + mt.name() + " at " + where + (t.getMessage() == null ? "" : ": " + t.getMessage()),
          List.of(), null);
    }
    if (mt.isMain && threads.size() == 1) {
      return new Outcome(Outcome.Kind.ERROR, null, null,
          "the model failed before starting any thread: " + text + " at " + where, List.of(), null);
    }
    return new Outcome(Outcome.Kind.VIOLATION, Property.UNCAUGHT_EXCEPTION, null,
        "uncaught " + text + " in thread " + mt.name() + " at " + where, List.of(), null);
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
      endEvent(me);
    }
    me.localBackEdges = 0;
    ModelThread next = decideNext();
    if (next == null) {
      throw ExecutionAbort.INSTANCE;
    }
    if (next != me) {
      switchTo(next);
      awaitTurn(me);
    }
  }

  private ModelThread decideNext() {
    long d = explorer.decide(depth, this);
    if (d < 0) {
      if (d == Explorer.NO_THREAD) {
        finish(noThreadOutcome());
      } else if (d == Explorer.SLEEP_BLOCKED) {
        finish(Outcome.of(Outcome.Kind.SLEEP_BLOCKED));
      } else if (d == Explorer.PREEMPTION_CUT) {
        finish(Outcome.of(Outcome.Kind.PREEMPTION_CUT));
      } else {
        finish(new Outcome(Outcome.Kind.DIVERGED, null, null,
            "the model did not behave the same way when re-run with the same schedule: at step " + depth + ", "
                + explorer.divergence() + "; models must be deterministic (no clocks, identity hash codes, "
                + "unordered iteration over identity-hashed objects, or state kept outside the model)",
            List.of(), null));
      }
      return null;
    }
    ModelThread next = threads.get((int) (d & 0xffff));
    next.choiceValue = (int) (d >>> 16);
    depth++;
    beginEvent(next);
    return next;
  }

  private Outcome noThreadOutcome() {
    List<String> blocked = new ArrayList<>();
    for (ModelThread t : threads) {
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
    for (ModelThread t : threads) {
      if (t.carrier != null) {
        LockSupport.unpark(t.carrier);
      }
    }
  }

  // ---------------------------------------------------------------- steps

  private void beginEvent(ModelThread t) {
    eventSite = t.opSite;
    eventThread = t;
    log.begin(t.id);
    if (t.atomicDepth > 0) {
      log.markContinuation();
    }
    t.eventOpen = true;
    last = t;
    fair.beginStep(t, threads);
    switch (t.op) {
      case BEGIN -> access(t.javaThread, STARTED, (byte) (AccessSet.READ | AccessSet.SYNC_ONLY));
      case END -> access(t.javaThread, ALIVE, AccessSet.WRITE);
      case READ -> access(t.opObject, t.opArg, plain(t.opObject, t.opArg, AccessSet.READ));
      case WRITE -> {
        access(t.opObject, t.opArg, plain(t.opObject, t.opArg, AccessSet.WRITE));
        writeVisible(t.opObject, t.opArg);
      }
      case LOCK -> access(t.opObject, MONITOR, AccessSet.ACQUIRE);
      case READ_LOCK -> access(t.opObject, MONITOR, AccessSet.ACQUIRE_SHARED);
      case UNLOCK -> access(t.opObject, MONITOR, AccessSet.RELEASE);
      case READ_UNLOCK -> access(t.opObject, MONITOR, AccessSet.RELEASE_SHARED);
      case WAIT -> {
        access(lockOf(t), MONITOR, AccessSet.RELEASE);
        access(t.opObject, WAIT_SET, AccessSet.WRITE);
      }
      case REACQUIRE -> {
        access(t.opObject, WAIT_SET, (byte) (AccessSet.READ | AccessSet.SYNC_ONLY));
        access(lockOf(t), MONITOR, AccessSet.ACQUIRE);
        access(t.javaThread, INTERRUPT, AccessSet.READ);
      }
      case NOTIFY, NOTIFY_ALL -> access(t.opObject, WAIT_SET, AccessSet.WRITE);
      // Whether a thread was started yet decides what join and isAlive do: they race with start.
      case START -> access(t.opObject, STARTED, AccessSet.WRITE);
      case JOIN -> {
        access(t.opObject, STARTED, AccessSet.READ);
        // An untimed join of a started thread waits for its end and cannot be reordered before it.
        boolean waitsForEnd = !t.opTimed && modelThread((Thread) t.opObject) != null;
        access(t.opObject, ALIVE, (byte) (AccessSet.READ | (waitsForEnd ? AccessSet.SYNC_ONLY : 0)));
        access(t.javaThread, INTERRUPT, AccessSet.READ);
      }
      case SLEEP -> access(t.javaThread, INTERRUPT, AccessSet.READ);
      case PARK -> {
        access(t.javaThread, PERMIT, AccessSet.WRITE);
        access(t.javaThread, INTERRUPT, AccessSet.READ);
      }
      case UNPARK -> {
        // The permit is lost on a thread not started yet: unpark races with start.
        access(t.opObject, PERMIT, AccessSet.WRITE);
        access(t.opObject, STARTED, AccessSet.READ);
      }
      case INTERRUPT -> access(t.opObject, INTERRUPT, AccessSet.WRITE);
      case THREAD_QUERY -> {
        access(t.opObject, t.opArg, AccessSet.READ);
        if (t.opArg == ALIVE) {
          access(t.opObject, STARTED, AccessSet.READ);
        }
      }
      case TRY_LOCK -> access(t.opObject, MONITOR, (byte) (AccessSet.ACQUIRE | AccessSet.GUARD));
      case ATOMIC_OP -> {
        access(t.opObject, t.opArg, t.opWrites ? AccessSet.WRITE : AccessSet.READ);
        if (t.opWrites && sites.isInvariantVisible(VALUE)) {
          log.access(location(null, INVARIANT_STATE), AccessSet.WRITE);
        }
      }
      case ATOMIC, GUARDED -> {
        // no access of their own: the block's accesses are recorded as it runs
        if (config.detectRaces()) {
          log.markAtomic();
        }
      }
      case YIELD, CHOICE -> {
        // no access
      }
      default -> throw new IllegalStateException("unhandled operation " + t.op);
    }
    if (trace != null) {
      trace.begin(t);
    }
  }

  private void endEvent(ModelThread me) {
    closeEvent(me);
    if (config.detectRaces() && log.dataRace() != null) {
      finish(dataRaceOutcome(log.dataRace()));
      throw ExecutionAbort.INSTANCE;
    }
    if (me.atomicDepth == 0 && !invariants.isEmpty()) {
      checkInvariants(me);
    }
    if (steps >= config.maxSteps()) {
      finish(new Outcome(Outcome.Kind.BOUND, null, null,
          "an execution took more than " + config.maxSteps() + " steps; thread " + me.name()
              + " was last at " + sites.location(me.opSite) + " (a loop that never ends?)",
          List.of(), Bound.STEPS));
      throw ExecutionAbort.INSTANCE;
    }
  }

  private void closeEvent(ModelThread me) {
    recordSite(me);
    log.end();
    fair.endStep(me, log.accesses(log.size() - 1), threads);
    me.eventOpen = false;
    steps++;
    if (trace != null) {
      trace.end(me);
    }
  }

  private void checkInvariants(ModelThread me) {
    for (int i = 0; i < invariants.size(); i++) {
      RegisteredInvariant inv = invariants.get(i);
      String failure = null;
      if (trace != null) {
        trace.checkStarts();
      }
      me.silent++;
      me.observing = true;
      try {
        if (!inv.holds().getAsBoolean()) {
          me.observing = false;
          failure = inv.message().get();
        }
      } catch (ExecutionAbort a) {
        throw a;
      } catch (RuntimeException | Error e) {
        // A broken invariant is not evidence of the bug it names: the model is in error.
        finish(new Outcome(Outcome.Kind.ERROR, null, null,
            "invariant " + inv.name() + " threw " + e + " at " + Hooks.modelFrame(e.getStackTrace()), List.of(), null));
        throw ExecutionAbort.INSTANCE;
      } finally {
        me.silent--;
        me.observing = false;
      }
      if (failure != null) {
        finish(new Outcome(Outcome.Kind.VIOLATION, Property.INVARIANT, inv.name(), failure, List.of(), null));
        throw ExecutionAbort.INSTANCE;
      }
    }
  }

  void access(Object o, int field, byte mode) {
    log.access(location(o, field), mode);
  }

  /**
   * Partial-order reduction keeps every order of dependent steps, but an invariant checked
   * after every step also sees the states in between, which independent steps can reach in
   * different orders. So every write of state an invariant has been seen to read also
   * writes one common location: such writes are all dependent, and every order of them is
   * explored. (The set of such state only grows; the engine restarts the search when it
   * does, so that no execution was explored with too small a set.)
   */
  private void writeVisible(Object o, int field) {
    int key = o != null && o.getClass().isArray() ? ARRAY_ELEMENTS : field == VALUE ? VALUE : field;
    if (sites.isInvariantVisible(key)) {
      log.access(location(null, INVARIANT_STATE), AccessSet.WRITE);
    }
  }

  /**
   * Marks an access of a non-volatile field or an array element as plain, for data-race
   * detection (only when it is on: the flag costs a lookup per access).
   */
  private byte plain(Object o, int field, byte mode) {
    if (!config.detectRaces() || field < 0) {
      return mode;
    }
    boolean array = o != null && o.getClass().isArray();
    return array || !sites.isVolatile(field) ? (byte) (mode | AccessSet.PLAIN) : mode;
  }

  /**
   * A read by a silent thread (an invariant or a guard being evaluated): noted for invariant
   * visibility while observing, and for a trace's account of what a failing check read.
   */
  void silentRead(ModelThread me, Object o, int index, int site) {
    if (me.observing) {
      observe(index >= 0 ? ARRAY_ELEMENTS : sites.fieldOf(site));
    }
    if (trace != null) {
      trace.silentRead(o, index >= 0 ? index : sites.fieldOf(site));
    }
  }

  /** An invariant being evaluated read state of kind {@code key}. */
  void observe(int key) {
    if (sites.markInvariantVisible(key)) {
      visibilityGrew = true;
    }
  }

  private void recordSite(ModelThread me) {
    if (!config.detectRaces()) {
      return;
    }
    if (stepCount == stepSites.length) {
      stepSites = java.util.Arrays.copyOf(stepSites, stepCount * 2);
      stepThreads = java.util.Arrays.copyOf(stepThreads, stepCount * 2);
    }
    stepSites[stepCount] = eventSite;
    stepThreads[stepCount++] = eventThread;
  }

  private Outcome dataRaceOutcome(int[] race) {
    long location = log.dataRaceLocation();
    int field = (int) location;
    int object = (int) (location >>> 32);
    Object target = null;
    for (java.util.Map.Entry<Object, Integer> e : objectIds.entrySet()) {
      if (e.getValue() == object) {
        target = e.getKey();
      }
    }
    String what = target != null && target.getClass().isArray() ? "element " + field + " of " + describe(target)
        : target != null && JdkObjects.kind(target.getClass()) != JdkObjects.Kind.UNCONTROLLED ? describe(target)
        : sites.fieldName(field);
    String first = stepThreads[race[0]].name() + where(stepSites[race[0]]);
    String second = stepThreads[race[1]].name() + where(stepSites[race[1]]);
    return new Outcome(Outcome.Kind.VIOLATION, Property.DATA_RACE, null,
        "data race on " + what + ": " + first + " and " + second + " are not ordered by synchronisation",
        List.of(), null);
  }

  /** " at File.java:12", or " in an atomic block" for a step made of a block's accesses. */
  private String where(int site) {
    return site == 0 ? " in an atomic block" : " at " + sites.location(site);
  }

  /** Whether this execution found state read by invariants that earlier executions did not treat as such. */
  public boolean invariantVisibilityGrew() {
    return visibilityGrew;
  }

  /** Whether this execution changed what fair scheduling assumes, so the search must start again (see {@link FairYield}). */
  public boolean fairnessChanged() {
    return fair.fairnessChanged();
  }

  /** An access inside an atomic block: part of the block's step. */
  void atomicAccess(Object o, int field, byte mode) {
    ModelThread me = current();
    boolean write = mode == AccessSet.WRITE;
    if (field >= 0 && (mode == AccessSet.READ || write)) {
      mode = plain(o, field, mode);
    }
    if (me != null && me.inGuard && !write) {
      mode |= AccessSet.GUARD;
    }
    log.access(location(o, field), mode);
    if (write) {
      writeVisible(o, field);
    }
    if (trace != null) {
      trace.atomicAccess(o, field, mode == AccessSet.WRITE);
    }
  }

  long location(Object o, int field) {
    return ((long) objectId(o) << 32) | (field & 0xffffffffL);
  }

  int objectId(Object o) {
    if (o == null) {
      return 0;
    }
    Integer id = objectIds.get(o);
    return id == null ? UNKNOWN_OBJECT : id;
  }

  /**
   * The JDK object whose state a view, iterator, entry or stream reads and writes (see
   * {@link JdkObjects}), or the object itself.
   */
  Object viewedObject(Object o) {
    Object viewed = jdkViews.get(o);
    return viewed != null ? viewed : o;
  }

  /**
   * {@code view}, returned by a call on {@code of}, stands for {@code of}'s state, unless the
   * model allocated it (then it is an object of its own, such as an element).
   */
  void viewOf(Object view, Object of) {
    if (!objectIds.containsKey(view) && !jdkViews.containsKey(view)) {
      jdkViews.put(view, viewedObject(of));
    }
  }

  /** {@code t} allocated {@code o}; {@code initClass} is the class whose initialiser runs, or -1. */
  void allocated(ModelThread t, Object o, int initClass) {
    int id;
    if (initClass >= 0) {
      int n = ++t.initAllocations;
      id = initClass < 0x8000 && n < 0x10000 ? 0x80000000 | (initClass << 16) | n : UNKNOWN_OBJECT;
    } else {
      int n = ++t.allocations;
      id = n < 0x1000000 ? 0x40000000 | (t.id << 24) | n : UNKNOWN_OBJECT;
    }
    objectIds.put(o, id);
  }

  private int displayId(Object o) {
    Integer id = displayIds.get(o);
    if (id == null) {
      id = displayIds.size() + 1;
      displayIds.put(o, id);
    }
    return id;
  }

  // ---------------------------------------------------------------- SchedulingView

  @Override
  public long enabled() {
    long mask = 0;
    boolean anyUser = false;
    ModelThread inAtomic = null;
    for (ModelThread t : threads) {
      if (t.terminated) {
        continue;
      }
      if (!t.javaThread.isDaemon()) {
        anyUser = true;
      }
      if (t.atomicDepth > 0 && t.op != OpKind.BEGIN) {
        inAtomic = t;
      }
      if (isEnabled(t)) {
        mask |= 1L << t.id;
      }
    }
    if (!anyUser) {
      return 0; // only daemon threads left: the JVM would exit
    }
    if (fair.heldCount() > 0) {
      long held = 0;
      for (ModelThread t : threads) {
        if (t.heldBack) {
          held |= 1L << t.id;
        }
      }
      if ((mask & ~held) != 0) {
        mask &= ~held;
      }
    }
    if (inAtomic != null) {
      // A choice inside an atomic block: only that thread may go on.
      return mask & (1L << inAtomic.id);
    }
    return mask;
  }

  private boolean isEnabled(ModelThread t) {
    return switch (t.op) {
      case LOCK -> t.opThread == t ? monitor(t.opObject).writeFreeFor(t) : monitor(t.opObject).freeFor(t);
      case READ_LOCK -> monitor(t.opObject).freeFor(t);
      case REACQUIRE -> (t.notified || t.opTimed || t.interrupted) && monitor(lockOf(t)).freeFor(t);
      case JOIN -> t.opTimed || t.interrupted || joinTargetGone(t);
      case PARK -> t.parkPermit || t.interrupted || t.opTimed;
      case GUARDED -> evaluateGuard(t);
      default -> true;
    };
  }

  /** Whether the thread {@code t} joins has ended, or was not started (then join returns at once). */
  private boolean joinTargetGone(ModelThread t) {
    ModelThread target = byJavaThread.get((Thread) t.opObject);
    return target == null || target.terminated;
  }

  private boolean evaluateGuard(ModelThread t) {
    Carrier c = Carrier.current();
    ModelThread evaluator = c != null && c.execution == this ? c.thread : null;
    if (evaluator != null) {
      evaluator.silent++;
    }
    try {
      return t.opGuard.getAsBoolean();
    } catch (ExecutionAbort a) {
      throw a;
    } catch (RuntimeException | Error e) {
      return true; // let the thread run it and fail where a person can see it
    } finally {
      if (evaluator != null) {
        evaluator.silent--;
      }
    }
  }

  @Override
  public int lastThread() {
    return last == null ? -1 : last.id;
  }

  @Override
  public int choiceCount(int id) {
    ModelThread t = threads.get(id);
    if (t.op == OpKind.CHOICE) {
      return t.opArg;
    }
    if (t.op == OpKind.NOTIFY) {
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
    return 1;
  }

  @Override
  public long signature(int id) {
    ModelThread t = threads.get(id);
    long objectPart = t.opObject == null ? 0 : objectId(t.opObject);
    return ((long) t.op.ordinal() << 56) ^ ((long) t.opSite << 24) ^ (objectPart << 8) ^ t.opArg;
  }

  // ---------------------------------------------------------------- threads

  private ModelThread addThread(Thread javaThread, boolean isMain) {
    if (threads.size() == 64) {
      throw new UnsupportedConstructError("more than 64 threads", "the engine supports at most 64 threads per execution");
    }
    ModelThread mt = new ModelThread(threads.size(), javaThread, isMain);
    threads.add(mt);
    byJavaThread.put(javaThread, mt);
    return mt;
  }

  ModelThread modelThread(Thread t) {
    return byJavaThread.get(t);
  }

  ModelThread current() {
    Carrier c = Carrier.current();
    return c == null || c.execution != this ? null : c.thread;
  }

  /**
   * Whether a thread has the name the JVM gives unnamed threads, "Thread-" and a number.
   * Checked by hand: {@code String.matches} compiles its pattern on every call, which cost a
   * fifth of a search that starts many threads.
   */
  private static boolean isJvmThreadName(String name) {
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

  void threadStart(ModelThread me, Thread child, int site) {
    if (byJavaThread.containsKey(child)) {
      me.announce(OpKind.START, child, 0, site);
      schedulePoint(me);
      throw new IllegalThreadStateException("thread " + child.getName() + " was already started");
    }
    if (isJvmThreadName(child.getName())) {
      // The JVM numbers unnamed threads globally; number them per execution so that names
      // (and anything the model derives from them) are the same in every execution.
      child.setName("Thread-" + (threads.size() - 1));
    }
    me.announce(OpKind.START, child, 0, site);
    schedulePoint(me);
    ModelThread mt = addThread(child, false);
    mt.interrupted = interruptedBeforeStart.remove(child);
    if (trace != null) {
      trace.started(mt, sites.location(site));
    }
  }

  /**
   * {@code Thread.join}: one step, enabled once the target has ended, or at once if it was
   * not started yet (as in Java, where join waits only while the thread is alive).
   */
  void threadJoin(ModelThread me, Thread target, boolean timed, int site) throws InterruptedException {
    me.announce(OpKind.JOIN, target, 0, site);
    me.opTimed = timed;
    schedulePoint(me);
    if (me.interrupted) {
      me.interrupted = false;
      throw new InterruptedException();
    }
  }

  // ---------------------------------------------------------------- monitors

  Monitor monitor(Object o) {
    Monitor m = monitors.get(o);
    if (m == null) {
      m = new Monitor();
      monitors.put(o, m);
    }
    return m;
  }

  /** The lock a thread waiting on {@code t.opObject} must hold: the object itself, or a condition's lock. */
  private Object lockOf(ModelThread t) {
    Object lock = conditionLocks.get(t.opObject);
    return lock == null ? t.opObject : lock;
  }

  private final IdentityHashMap<Object, Object> conditionLocks = new IdentityHashMap<>();

  void registerCondition(Object condition, Object lock) {
    conditionLocks.put(condition, lock);
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
            "lock of " + describe(o) + " is held by " + m.owner + "; an atomic block must not block");
      }
      access(o, MONITOR, AccessSet.ACQUIRE);
    } else {
      me.announce(OpKind.LOCK, o, 0, site);
      schedulePoint(me);
    }
    m.owner = me;
    m.depth = 1;
  }

  boolean tryLock(ModelThread me, Object o, int site) {
    Monitor m = monitor(o);
    if (m.owner == me) {
      m.depth++;
      return true;
    }
    if (me.atomicDepth > 0) {
      access(o, MONITOR, AccessSet.ACQUIRE);
    } else {
      // Always enabled; it depends on every acquisition and on the last release.
      me.announce(OpKind.TRY_LOCK, o, 0, site);
      schedulePoint(me);
    }
    if (!m.freeFor(me)) {
      return false;
    }
    m.owner = me;
    m.depth = 1;
    return true;
  }

  /**
   * {@code tryLock} of a read-write lock's read ({@code write == false}) or write lock: one
   * step that takes the lock if it is free for this thread, and returns whether it did.
   */
  boolean tryReadWriteLock(ModelThread me, Object lock, boolean write) {
    Monitor m = monitor(lock);
    boolean reentry = write ? m.owner == me : m.readDepth(me) > 0 || m.owner == me;
    if (!reentry) {
      me.announce(OpKind.TRY_LOCK, lock, 0, 0);
      schedulePoint(me);
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
    }
    return true;
  }

  void unlock(ModelThread me, Object o, int site) {
    Monitor m = monitor(o);
    if (m.owner != me) {
      throw new IllegalMonitorStateException("unlock of " + describe(o) + " by " + me + ", which does not hold it");
    }
    if (--m.depth > 0) {
      return;
    }
    if (me.atomicDepth > 0) {
      access(o, MONITOR, AccessSet.RELEASE);
    } else {
      me.announce(OpKind.UNLOCK, o, 0, site);
      schedulePoint(me);
    }
    m.owner = null;
  }

  void readLock(ModelThread me, Object lock, int site) {
    Monitor m = monitor(lock);
    if (m.readDepth(me) > 0 || m.owner == me) {
      m.addReader(me);
      return;
    }
    me.announce(OpKind.READ_LOCK, lock, 0, site);
    schedulePoint(me);
    m.addReader(me);
  }

  void readUnlock(ModelThread me, Object lock, int site) {
    Monitor m = monitor(lock);
    if (m.readDepth(me) == 0) {
      throw new IllegalMonitorStateException("read unlock by " + me + ", which holds no read lock");
    }
    if (m.readDepth(me) > 1 || m.owner == me) {
      m.removeReader(me);
      return;
    }
    me.announce(OpKind.READ_UNLOCK, lock, 0, site);
    schedulePoint(me);
    m.removeReader(me);
  }

  void writeLock(ModelThread me, Object lock, int site) {
    Monitor m = monitor(lock);
    if (m.owner == me) {
      m.depth++;
      return;
    }
    me.announce(OpKind.LOCK, lock, 0, site);
    me.opThread = me; // marks a write-lock request: also waits for readers
    schedulePoint(me);
    m.owner = me;
    m.depth = 1;
  }

  /**
   * {@code Object.wait} and {@code Condition.await}: release the lock fully and join the
   * wait set (one step), then wait to be notified (or to time out, or be interrupted) and
   * take the lock back (a second step).
   */
  boolean await(ModelThread me, Object waitObject, Object lock, boolean timed, int site) throws InterruptedException {
    Monitor m = monitor(lock);
    if (m.owner != me) {
      throw new IllegalMonitorStateException(me + " waits on " + describe(waitObject) + " without holding its lock");
    }
    if (me.interrupted) {
      me.interrupted = false;
      throw new InterruptedException();
    }
    if (waitObject != lock) {
      registerCondition(waitObject, lock);
    }
    me.announce(OpKind.WAIT, waitObject, 0, site);
    schedulePoint(me);
    int saved = m.depth;
    m.owner = null;
    m.depth = 0;
    me.notified = false;
    waitSets.computeIfAbsent(waitObject, k -> new ArrayList<>()).add(me);
    me.announce(OpKind.REACQUIRE, waitObject, 0, site);
    me.opTimed = timed;
    schedulePoint(me);
    ArrayList<ModelThread> ws = waitSets.get(waitObject);
    ws.remove(me);
    boolean wasNotified = me.notified;
    me.notified = false;
    m.owner = me;
    m.depth = saved;
    if (me.interrupted && !wasNotified) {
      me.interrupted = false;
      throw new InterruptedException();
    }
    return wasNotified;
  }

  void notify(ModelThread me, Object waitObject, Object lock, boolean all, int site) {
    if (monitor(lock).owner != me) {
      throw new IllegalMonitorStateException(me + " notifies " + describe(waitObject) + " without holding its lock");
    }
    me.announce(all ? OpKind.NOTIFY_ALL : OpKind.NOTIFY, waitObject, 0, site);
    schedulePoint(me);
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

  // ---------------------------------------------------------------- other thread operations

  void yieldStep(ModelThread me, OpKind kind, int site) throws InterruptedException {
    me.announce(kind, null, 0, site);
    schedulePoint(me);
    if (kind == OpKind.SLEEP && me.interrupted) {
      me.interrupted = false;
      throw new InterruptedException("sleep interrupted");
    }
  }

  void interrupt(ModelThread me, Thread target, int site) {
    me.announce(OpKind.INTERRUPT, target, 0, site);
    schedulePoint(me);
    ModelThread t = byJavaThread.get(target);
    if (t != null) {
      t.interrupted = true;
    } else {
      interruptedBeforeStart.add(target);
    }
  }

  boolean queryInterrupted(ModelThread me, Thread target, boolean clear, int site) {
    me.announce(clear ? OpKind.ATOMIC_OP : OpKind.THREAD_QUERY, target, INTERRUPT, site);
    me.opWrites = clear;
    schedulePoint(me);
    ModelThread t = byJavaThread.get(target);
    boolean was = t != null ? t.interrupted : interruptedBeforeStart.contains(target);
    if (clear && t != null) {
      t.interrupted = false;
    }
    return was;
  }

  boolean isAlive(ModelThread me, Thread target, int site) {
    me.announce(OpKind.THREAD_QUERY, target, ALIVE, site);
    schedulePoint(me);
    ModelThread t = byJavaThread.get(target);
    return t != null && !t.terminated;
  }

  void park(ModelThread me, boolean timed, int site) {
    me.announce(OpKind.PARK, null, 0, site);
    me.opTimed = timed;
    schedulePoint(me);
    me.parkPermit = false;
  }

  void unpark(ModelThread me, Thread target, int site) {
    if (target == null) {
      return;
    }
    me.announce(OpKind.UNPARK, target, 0, site);
    schedulePoint(me);
    ModelThread t = byJavaThread.get(target);
    if (t != null) {
      t.parkPermit = true;
    }
  }

  // ---------------------------------------------------------------- model API

  Backend backend() {
    return backend;
  }

  /** The backend behind {@code pinmc.api} on this execution's carriers. */
  private final class EmbeddedBackend implements Backend {
    @Override
    public void atomicBegin() {
      ModelThread me = current();
      if (me == null || me.silent > 0) {
        return;
      }
      if (me.atomicDepth > 0) {
        me.atomicDepth++;
        return;
      }
      me.announce(OpKind.ATOMIC, null, 0, 0);
      schedulePoint(me);
      me.atomicDepth = 1;
    }

    @Override
    public void atomicBeginWhen(BooleanSupplier guard) {
      ModelThread me = current();
      if (me == null || me.silent > 0) {
        return;
      }
      if (me.atomicDepth > 0) {
        if (!guard.getAsBoolean()) {
          throw new UnsupportedConstructError("Atomic.when inside an atomic block",
              "its guard is false, so it would block inside the enclosing atomic block");
        }
        me.atomicDepth++;
        return;
      }
      me.announce(OpKind.GUARDED, null, 0, 0);
      me.opGuard = guard;
      schedulePoint(me);
      me.atomicDepth = 1;
      // Evaluated again inside the step so that what the guard reads counts as read by it.
      me.inGuard = true;
      boolean holds;
      try {
        holds = guard.getAsBoolean();
      } finally {
        me.inGuard = false;
      }
      if (!holds) {
        throw new IllegalStateException("an Atomic.when guard changed between two evaluations in one state;"
            + " guards must only read shared state");
      }
    }

    @Override
    public void atomicEnd() {
      ModelThread me = current();
      if (me == null || me.silent > 0) {
        return;
      }
      if (me.atomicDepth == 0) {
        throw new IllegalStateException("Atomic.end() without Atomic.begin()");
      }
      me.atomicDepth--;
    }

    @Override
    public int choose(int bound) {
      ModelThread me = current();
      if (me == null || me.silent > 0) {
        return 0;
      }
      me.announce(OpKind.CHOICE, null, bound, 0);
      schedulePoint(me);
      return me.choiceValue;
    }

    @Override
    public void registerInvariant(String name, BooleanSupplier holds, Supplier<String> message) {
      ModelThread me = current();
      if (me != null && me.silent > 0) {
        return;
      }
      invariants.add(new RegisteredInvariant(name, holds, message));
    }

    @Override
    public void invariantFailed(String name, String message) {
      ModelThread me = current();
      if (me != null && me.silent > 0) {
        return;
      }
      throw new InvariantViolation(name, message);
    }
  }

  /** What carriers between executions answer; model code never runs there. */
  private static final class IdleBackend implements Backend {
    @Override
    public void atomicBegin() {}

    @Override
    public void atomicBeginWhen(BooleanSupplier guard) {}

    @Override
    public void atomicEnd() {}

    @Override
    public int choose(int bound) {
      return 0;
    }

    @Override
    public void registerInvariant(String name, BooleanSupplier holds, Supplier<String> message) {}

    @Override
    public void invariantFailed(String name, String message) {}
  }

  // ---------------------------------------------------------------- reporting

  /**
   * Made on first use: a PrintStream builds an encoder and buffers, which cost more than a
   * short execution, and most executions print nothing.
   */
  private PrintStream modelOut;

  /** What model code prints: dropped during the search, recorded as steps in a trace. */
  PrintStream modelOut() {
    if (modelOut == null) {
      modelOut = new PrintStream(new TraceLines(), true);
    }
    return modelOut;
  }

  /** Cuts what the model prints into lines, each a step of the trace (if this execution records one). */
  private final class TraceLines extends java.io.OutputStream {
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    @Override
    public void write(int b) {
      if (trace == null) {
        return;
      }
      if (b == '\n') {
        ModelThread me = current();
        trace.printed(me != null ? me : threads.get(0), line.toString(java.nio.charset.StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }
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
    return steps;
  }

  boolean isAborting() {
    return aborting;
  }

  /** How an object is called in a trace: its own {@code toString} if it has one, else {@code Class#n}. */
  String describe(Object o) {
    if (o == null) {
      return "null";
    }
    if (o instanceof Thread t) {
      // Before start, an unnamed thread still has the JVM's global number, which differs
      // from run to run; it is numbered per execution when it starts.
      return !byJavaThread.containsKey(t) && isJvmThreadName(t.getName()) ? "new Thread" : t.getName();
    }
    Class<?> c = o.getClass();
    String simple = c.isArray() ? c.getComponentType().getSimpleName() + "[]" : c.getSimpleName();
    if (simple.isEmpty()) {
      simple = c.getName().substring(c.getName().lastIndexOf('.') + 1);
    }
    if (trace != null) {
      String own = trace.ownName(o);
      if (own != null) {
        return own;
      }
    }
    return simple + "#" + displayId(o);
  }

  private String describeBlocked(ModelThread t) {
    if (trace != null) {
      return trace.blocked(t); // names what a guard waits for and who last changed it
    }
    String where = " at " + sites.location(t.opSite);
    return switch (t.op) {
      case LOCK, REACQUIRE, READ_LOCK -> {
        Object lock = t.op == OpKind.REACQUIRE ? lockOf(t) : t.opObject;
        Monitor m = monitor(lock);
        String holder = m.owner != null ? "held by " + m.owner.name()
            : m.readers.isEmpty() ? "not notified" : "read-held by " + m.readers;
        String what = t.op == OpKind.REACQUIRE && !t.notified
            ? "waits on " + describe(t.opObject) + " (no notify will come)"
            : "waits for the lock of " + describe(lock) + ", " + holder;
        yield t.name() + " " + what + where;
      }
      case JOIN -> t.name() + " joins " + ((Thread) t.opObject).getName() + ", which has not ended" + where;
      case PARK -> t.name() + " is parked with no unpark to come" + where;
      case GUARDED -> t.name() + " waits in Atomic.when for a condition that no thread will make true" + where;
      default -> t.name() + " is blocked in " + t.op.verb + where;
    };
  }
}
