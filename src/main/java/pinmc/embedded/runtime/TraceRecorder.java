package pinmc.embedded.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import pinmc.check.SourceLocation;
import pinmc.check.TraceStep;
import pinmc.embedded.search.AccessSet;

/**
 * Writes down a replayed execution step by step in words a person reads: which thread did
 * what to which object, with the values read and written. Only the replay of a
 * counterexample records a trace, so nothing here is on the search's hot path.
 *
 * <p>Besides the words it keeps what each step read and wrote, so that it can tell which
 * steps the failure depends on: the failing step (or the blocked operations of a deadlock),
 * and every step in its happens-before past that read or wrote an object the failing check read
 * or a kept step read. Steps of {@code main} before it starts its first thread are marked as set-up.
 */
final class TraceRecorder {
  private final Execution ex;
  private final List<Recorded> recorded = new ArrayList<>();
  private final TraceKeys keys = new TraceKeys();
  private String pendingOp;
  private SourceLocation pendingLocation;
  private OpKind pendingKind;
  private Object pendingObject;
  private int pendingArg;
  private String pendingCall;
  private final IdentityHashMap<ModelThread, SourceLocation> startedAt = new IdentityHashMap<>();
  private final IdentityHashMap<ModelThread, SourceLocation> lastAt = new IdentityHashMap<>();
  private final List<Object[]> atomicWriteTargets = new ArrayList<>();
  private final List<String> atomicWritePlaces = new ArrayList<>();
  /** Accesses of the step being taken: {@link Location}s of trace keys. */
  private final List<Long> stepReads = new ArrayList<>();
  private final List<Long> stepWrites = new ArrayList<>();
  /** Reads of the invariant being evaluated, or of a guard being described. */
  private final List<Long> checkReads = new ArrayList<>();
  /** While an invariant or guard is evaluated: its reads are noted (not while naming an object, see TraceNames). */
  boolean capturing;
  private boolean mainStarted;
  private List<TraceStep> steps;

  /** One step as recorded, before the failure is known. */
  record Recorded(String thread, String op, SourceLocation location, OpKind kind, String object, String field,
      String value, String call, List<Object[]> writes, long[] reads, long[] written, boolean setUp, boolean failing) {}

  private final TraceNames names;

  TraceRecorder(Execution ex) {
    this.ex = ex;
    this.names = new TraceNames(ex, this);
  }

  /** The object's own {@code toString} when its class (a model class) declares one, or null. */
  String ownName(Object o) {
    return names.ownName(o);
  }

  /** How many steps are recorded so far. */
  int recordedCount() {
    return recorded.size();
  }

  /** The steps, marked with what the failure depends on. */
  List<TraceStep> steps() {
    if (steps == null) {
      steps = TraceSteps.build(recorded, capturing ? toArray(checkReads) : new long[0], names, keys);
    }
    return steps;
  }

  /**
   * What the step about to be taken reads and writes, for the happens-before order between
   * recorded steps: the same locations the engine's dependence relation uses, with a lock
   * operation both reading and writing its monitor (the steps of an atomic block add theirs
   * as they run).
   */
  private void noteAccesses(ModelThread t) {
    Object o = t.opObject;
    OpKind op = t.op;
    if (op == OpKind.BEGIN) {
      stepReads.add(location(t.javaThread, ThreadLifeCycle.STARTED));
    } else if (op == OpKind.END) {
      stepWrites.add(location(t.javaThread, ThreadLifeCycle.ALIVE));
    } else if (op.in(OpKind.READ, OpKind.THREAD_QUERY)) {
      stepReads.add(location(o, t.opArg));
    } else if (op == OpKind.WRITE) {
      stepWrites.add(location(o, t.opArg));
    } else if (op == OpKind.ATOMIC_OP) {
      stepReads.add(location(o, t.opArg));
      if (t.opWrites) {
        stepWrites.add(location(o, t.opArg));
      }
    } else if (op.in(OpKind.LOCK, OpKind.READ_LOCK, OpKind.TRY_LOCK, OpKind.UNLOCK, OpKind.READ_UNLOCK, OpKind.WAIT,
        OpKind.REACQUIRE, OpKind.NOTIFY, OpKind.NOTIFY_ALL)) {
      stepReads.add(location(o, ExclusiveLocks.MONITOR));
      stepWrites.add(location(o, ExclusiveLocks.MONITOR));
    } else if (op == OpKind.START) {
      stepWrites.add(location(o, ThreadLifeCycle.STARTED));
    } else if (op == OpKind.JOIN) {
      stepReads.add(location(o, ThreadLifeCycle.ALIVE));
    } else if (op.in(OpKind.UNPARK, OpKind.INTERRUPT)) {
      stepWrites.add(location(o, Parking.PERMIT));
    } else if (op == OpKind.PARK) {
      stepReads.add(location(t.javaThread, Parking.PERMIT));
    } else if (op.declaredByPrimitive) {
      accessesOf(t, stepReads, stepWrites);
    }
    // an atomic block's accesses are noted as it runs; a choice, yield or sleep touches nothing shared
  }

  /**
   * What the pending operation of a primitive declared in its own file reads and writes, as
   * the primitive says: a data read is a read, anything else (a write, a lock operation) both.
   */
  private void accessesOf(ModelThread t, List<Long> reads, List<Long> writes) {
    ex.threads.primitiveOf(t).recordAccesses(t, new Dependence() {
      @Override
      public void access(Object object, int field, byte mode) {
        reads.add(location(object, field));
        if (!AccessSet.isDataRead(mode)) {
          writes.add(location(object, field));
        }
      }

      @Override
      public void markAtomic() {}
    });
  }

  /** An invariant is about to be evaluated: what it reads is what a failure of it depends on. */
  void checkStarts() {
    checkReads.clear();
    capturing = true;
  }

  /** A read made while the thread is silent (an invariant or a guard being evaluated). */
  void silentRead(Object o, int field) {
    if (capturing) {
      names.touch(o);
      checkReads.add(location(o, field));
      names.value(o, field); // names arrays reached through fields
    }
  }

  void begin(ModelThread t) {
    capturing = false;
    atomicWriteTargets.clear();
    atomicWritePlaces.clear();
    pendingKind = t.op;
    pendingObject = t.opObject;
    pendingArg = t.opArg;
    pendingCall = null;
    names.touch(t.opObject);
    noteAccesses(t);
    OpKind op = t.op;
    pendingLocation = op == OpKind.BEGIN ? startedAt.getOrDefault(t, SourceLocation.UNKNOWN)
        : op == OpKind.END ? lastAt.getOrDefault(t, SourceLocation.UNKNOWN)
        : siteOf(t);
    if (op == OpKind.BEGIN) {
      pendingOp = "begins";
    } else if (op == OpKind.END) {
      pendingOp = "ends";
    } else if (op == OpKind.READ) {
      pendingOp = names.isJdkState(t.opObject) ? StackWords.jdkCall(t, ex) + " (was " + names.jdkSnapshot(t.opObject) + ")"
          : "read " + names.place(t.opObject, t.opArg) + " = " + names.format(names.value(t.opObject, t.opArg));
    } else if (op == OpKind.ATOMIC_OP) {
      pendingOp = t.opObject instanceof Thread ? stackDescribed(t) : atomicOp(t);
    } else if (op == OpKind.WRITE) {
      pendingOp = names.isJdkState(t.opObject) ? StackWords.jdkCall(t, ex) : "write " + names.place(t.opObject, t.opArg);
    } else if (op == OpKind.CHOICE) {
      pendingOp = "choose " + t.choiceValue + " of 0.." + (t.opArg - 1);
    } else if (op.in(OpKind.ATOMIC, OpKind.GUARDED, OpKind.PARK, OpKind.THREAD_QUERY, OpKind.YIELD, OpKind.SLEEP)) {
      pendingOp = stackDescribed(t);
    } else {
      // start, join, the lock, wait and notify operations, unpark, interrupt, and the
      // operations of primitives declared in their own files: the verb and the object
      pendingOp = op.verb + " " + ex.describe(t.opObject);
    }
    if (t.op == OpKind.START && t.isMain) {
      mainStarted = true;
    }
  }

  void end(ModelThread t) {
    // t.op is already the thread's next operation here: use what begin() saw.
    String op = pendingOp;
    String object = null;
    String field = null;
    String value = null;
    List<Object[]> writes = List.of();
    if (pendingKind.in(OpKind.READ, OpKind.WRITE) && names.isJdkState(pendingObject)) {
      // A call on a controlled JDK object: its whole state is one location.
      object = ex.describe(pendingObject);
      value = names.jdkSnapshot(pendingObject);
      if (pendingKind == OpKind.WRITE) {
        op += " (now " + value + ")";
      }
    } else if (pendingKind.in(OpKind.READ, OpKind.WRITE)) {
      object = names.objectName(pendingObject, pendingArg);
      field = names.fieldPart(pendingObject, pendingArg);
      value = names.format(names.value(pendingObject, pendingArg));
      if (pendingKind == OpKind.WRITE) {
        op += " = " + value;
      } else {
        value = op.substring(op.lastIndexOf(" = ") + 3);
      }
    } else if (pendingKind.in(OpKind.ATOMIC, OpKind.GUARDED)) {
      writes = new ArrayList<>();
      for (int i = 0; i < atomicWriteTargets.size(); i++) {
        Object[] w = atomicWriteTargets.get(i);
        Object target = w[0];
        int f = (Integer) w[1];
        Object v = names.value(target, f);
        String shown = names.isJdkState(target) ? names.jdkSnapshot(target) : names.format(v) + names.createdHere(v);
        writes.add(new Object[] {target, f, names.objectName(target, f), names.fieldPart(target, f), shown});
      }
      if (pendingCall == null) {
        pendingCall = op;
      }
    } else if (!pendingKind.in(OpKind.BEGIN, OpKind.END, OpKind.CHOICE, OpKind.YIELD, OpKind.SLEEP, OpKind.PARK)) {
      object = pendingObject != null ? ex.describe(pendingObject) : null; // those have no object
    }
    recorded.add(new Recorded(t.name(), op, pendingLocation, pendingKind, object, field, value, pendingCall, writes,
        toArray(stepReads), toArray(stepWrites), t.isMain && !mainStarted, false));
    stepReads.clear();
    stepWrites.clear();
    if (pendingLocation != SourceLocation.UNKNOWN) {
      lastAt.put(t, pendingLocation);
    }
  }

  /** Where {@code child} was started, shown as the location of its first step. */
  void started(ModelThread child, SourceLocation at) {
    startedAt.put(child, at);
  }

  /** An access inside an atomic block; its writes are listed in the block's step. */
  void atomicAccess(Object o, int field, boolean write) {
    names.touch(o);
    if (!write) {
      stepReads.add(location(o, field));
      names.value(o, field); // names arrays reached through fields
      return;
    }
    stepWrites.add(location(o, field));
    String p = names.place(o, field);
    if (!atomicWritePlaces.contains(p)) {
      atomicWritePlaces.add(p);
      atomicWriteTargets.add(new Object[] {o, field});
    }
  }

  /** A line the model printed, shown as a step of its own. */
  void printed(ModelThread t, String line) {
    recorded.add(new Recorded(t.name(), "prints \"" + line + "\"", SourceLocation.UNKNOWN, OpKind.YIELD, null, null,
        line, null, List.of(), new long[0], new long[0], t.isMain && !mainStarted, false));
  }

  /**
   * A thread that can never go on: adds its blocked operation to the trace as the failing step
   * and returns what it waits for, who holds it and where, for the deadlock's details.
   */
  String blocked(ModelThread t) {
    String waitsFor;
    SourceLocation at = siteOf(t);
    long[] reads;
    String op;
    if (t.op == OpKind.GUARDED) {
      String call = stackDescribed(t); // also sets pendingLocation from the stack
      at = pendingLocation;
      reads = guardReads(t);
      List<String> what = new ArrayList<>();
      List<String> setBy = new ArrayList<>();
      for (long loc : reads) {
        what.add(placeOf(loc) + " (now " + currentValue(loc) + ")");
        int writer = lastWriter(loc);
        if (writer >= 0) {
          Recorded w = recorded.get(writer);
          setBy.add(w.thread() + " set " + placeOf(loc) + " in " + (w.call() != null ? w.call() : w.op()) + " at "
              + w.location() + ", step " + (writer + 1));
        }
      }
      op = "blocked: " + call + " waits for " + (what.isEmpty() ? "its condition" : String.join(", ", what)) + " to change";
      waitsFor = "waits in " + call + " at " + at + " for "
          + (what.isEmpty() ? "a condition no thread will make true" : String.join(", ", what) + " to change")
          + (setBy.isEmpty() ? "" : "; " + String.join("; ", setBy));
    } else if (t.op.in(OpKind.LOCK, OpKind.READ_LOCK, OpKind.REACQUIRE)) {
      String lock = ex.describe(t.opObject);
      reads = new long[] {location(t.opObject, ExclusiveLocks.MONITOR)};
      int last = lastWriter(reads[0]);
      Recorded holder = last < 0 ? null : recorded.get(last);
      boolean held = holder != null && holder.kind() != OpKind.UNLOCK && holder.kind() != OpKind.READ_UNLOCK;
      op = "blocked: lock " + lock + (held ? ", held by " + holder.thread() : "");
      waitsFor = "waits for the lock of " + lock + " at " + at
          + (held ? ", held by " + holder.thread() + " since " + holder.location() + ", step " + (last + 1) : "");
    } else if (t.op == OpKind.JOIN) {
      reads = new long[] {location(t.opObject, ThreadLifeCycle.ALIVE)};
      op = "blocked: join " + ex.describe(t.opObject);
      waitsFor = "joins " + ex.describe(t.opObject) + ", which never ends, at " + at;
    } else {
      op = "blocked: " + t.op.verb + (t.opObject != null ? " " + ex.describe(t.opObject) : "");
      if (t.op.declaredByPrimitive) {
        List<Long> read = new ArrayList<>();
        accessesOf(t, read, new ArrayList<>());
        reads = toArray(read);
        waitsFor = ex.threads.primitiveOf(t).blockedReason(t) + " at " + at;
      } else {
        reads = new long[] {location(t.opObject, ExclusiveLocks.MONITOR)};
        waitsFor = "is blocked in " + t.op.verb + " at " + at;
      }
    }
    recorded.add(new Recorded(t.name(), op, at, t.op, null, null, null, null, List.of(), reads, new long[0], false, true));
    return t.name() + " " + waitsFor;
  }

  private long[] guardReads(ModelThread t) {
    Carrier c = Carrier.current();
    ModelThread evaluator = c != null && c.execution == ex ? c.thread : null;
    if (evaluator == null || t.opGuard == null) {
      return new long[0];
    }
    checkReads.clear();
    capturing = true;
    evaluator.silent++;
    try {
      t.opGuard.getAsBoolean();
    } catch (RuntimeException | Error e) {
      // described without its reads
    } finally {
      evaluator.silent--;
      capturing = false;
    }
    long[] reads = checkReads.stream().distinct().mapToLong(Long::longValue).toArray();
    checkReads.clear();
    return reads;
  }

  /** The index of the last step that wrote {@code loc}, or -1. */
  private int lastWriter(long loc) {
    for (int i = recorded.size() - 1; i >= 0; i--) {
      for (long w : recorded.get(i).written()) {
        if (w == loc) {
          return i;
        }
      }
    }
    return -1;
  }

  private long location(Object o, int field) {
    return keys.location(o, field);
  }

  private String placeOf(long loc) {
    Object o = keys.objectOf(loc);
    int field = Location.field(loc);
    if (Location.isEngineField(field)) {
      return ex.describe(o);
    }
    return names.place(o, field);
  }

  private String currentValue(long loc) {
    int field = Location.field(loc);
    return Location.isEngineField(field) ? "?" : names.format(names.value(keys.objectOf(loc), field));
  }

  static long[] toArray(List<Long> list) {
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  /** Where {@code t}'s pending operation is in the model: its site, or the model line that called a stand-in. */
  private SourceLocation siteOf(ModelThread t) {
    return t.opSite != 0 ? ex.sites.location(t.opSite) : StackWords.modelLine(t);
  }

  /** A step worded from the model's stack (see {@link StackWords}); notes where it is and the call it names. */
  private String stackDescribed(ModelThread t) {
    StackWords.Described d = StackWords.of(t, ex);
    if (d.at() != null) {
      pendingLocation = d.at();
    }
    if (d.call() != null) {
      pendingCall = d.call();
    }
    return d.text();
  }

  /** A call on an atomic variable: {@code incrementAndGet AtomicInteger#2 (was 0)}. */
  private String atomicOp(ModelThread t) {
    String described = stackDescribed(t);
    return described + " (was " + String.valueOf(t.opObject) + ")";
  }
}
