package pinmc.embedded.runtime;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * A 128-bit fingerprint of the state of an execution at a scheduling point, for state
 * caching: two prefixes that reach the same fingerprint have the same futures, so only the
 * first needs exploring. What goes in, in a fixed order:
 * <ul>
 *   <li>the static fields of every model class initialised in this execution;
 *   <li>each thread in order: its pending operation, the engine's per-thread state
 *       (interrupt, park permit, lock depth saved by a wait, allocations, fair-scheduling
 *       state) and its {@link FrameSnapshot frames}: methods, bytecode indices, locals and
 *       operand stacks;
 *   <li>the registered invariants, and the state of each primitive ({@link #primitive}):
 *       lock owners and depths, wait sets in order, interrupts of threads not yet started;
 *   <li>every object reachable from the above, field by field.
 * </ul>
 * An object is named by its {@link ObjectNumbers number}, which is the same in every
 * execution that allocated it at the same point of its thread (objects the model did not
 * allocate are numbered in the order this walk meets them), so the same heap reached
 * through different interleavings has the same fingerprint.
 *
 * <p>What the walk cannot read is refused ({@link Refused}), never skipped: a JDK object
 * whose fields the JVM does not open, or a reference object the garbage collector changes.
 * Leaving out a part of the state would make two different states one, and a violation
 * reachable only from the second would be missed.
 */
final class StateFingerprint {
  /** State caching cannot see the whole state of this model: the one line why. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private static final int MAX_OBJECTS = 1_000_000;

  /**
   * A number for each class an object of the heap belongs to, the same for the JVM's life:
   * fingerprints are only compared within one search, in one JVM, so the number can stand for
   * the class. Classes of the same name from two loaders get two numbers, which can only
   * keep states apart.
   */
  private static final java.util.concurrent.atomic.AtomicInteger CLASSES = new java.util.concurrent.atomic.AtomicInteger();
  private static final ClassValue<Integer> CLASS_NUMBERS = new ClassValue<>() {
    @Override
    protected Integer computeValue(Class<?> c) {
      return CLASSES.incrementAndGet();
    }
  };

  private final Execution ex;
  private final StateHasher h = new StateHasher();
  private final IdentityHashMap<Object, Long> tokens = new IdentityHashMap<>();
  private final ArrayDeque<Object> toWalk = new ArrayDeque<>();
  private long unnumbered;

  private StateFingerprint(Execution ex) {
    this.ex = ex;
  }

  /** The fingerprint of {@code ex}'s current state; every thread is at a scheduling point. */
  static byte[] of(Execution ex, List<Class<?>> modelClasses) {
    StateFingerprint f = new StateFingerprint(ex);
    f.statics(modelClasses);
    for (ModelThread t : ex.threads.all) {
      f.threadState(t);
    }
    f.walk();
    ex.invariants.hashState(f);
    for (Primitive p : ex.primitives()) {
      p.hashState(f);
    }
    f.walk();
    return f.h.digest();
  }

  // ---------------------------------------------------------------- what primitives add

  void putInt(int v) {
    h.putInt(v);
  }

  void putBoolean(boolean v) {
    h.putBoolean(v);
  }

  /** A reference: the object's name; its fields are hashed when the walk reaches it. */
  void reference(Object o) {
    h.putLong(token(o));
  }

  /** A thread, by its number. */
  void threadNumber(ModelThread t) {
    h.putInt(t == null ? -1 : t.id);
  }

  /**
   * A table of a primitive, keyed by object: each entry as the key's name followed by what
   * {@code entry} puts, in the order of the names (an identity map's order is not the
   * state's). The entries are also visited in that order, not the map's: naming a key or
   * what {@code entry} refers to queues it for the walk, and the walk hashes objects in the
   * order they were queued, so the map's order (identity hash codes, new in every execution)
   * would give one state another fingerprint in each execution.
   */
  <V> void table(java.util.Map<Object, V> table, java.util.function.Function<V, long[]> entry) {
    int n = table.size();
    if (n == 0) {
      h.putInt(0); // what the rows below put for no rows, without sorting nothing
      return;
    }
    // Arrays and insertion sorts (both stable, as a list's sort is): tables have a few rows,
    // and the list, comparators and boxes this was written with cost more than the sorting.
    Object[] keys = new Object[n];
    @SuppressWarnings("unchecked")
    V[] values = (V[]) new Object[n];
    long[] names = new long[n];
    int i = 0;
    for (java.util.Map.Entry<Object, V> e : table.entrySet()) {
      long name = knownName(e.getKey());
      int at = i++;
      for (; at > 0 && names[at - 1] > name; at--) {
        keys[at] = keys[at - 1];
        values[at] = values[at - 1];
        names[at] = names[at - 1];
      }
      keys[at] = e.getKey();
      values[at] = e.getValue();
      names[at] = name;
    }
    long[][] rows = new long[n][];
    for (int k = 0; k < n; k++) {
      long key = token(keys[k]);
      long[] v = entry.apply(values[k]);
      long[] row = new long[v.length + 1];
      row[0] = key;
      System.arraycopy(v, 0, row, 1, v.length);
      int at = k;
      for (; at > 0 && rows[at - 1][0] > key; at--) {
        rows[at] = rows[at - 1];
      }
      rows[at] = row;
    }
    h.putInt(n);
    for (long[] row : rows) {
      h.putInt(row.length);
      for (long v : row) {
        h.putLong(v);
      }
    }
  }

  /**
   * The name {@code o} has or will have whatever order it is met in: its number, or the name
   * the walk gave it already; otherwise (an object the model did not allocate, not yet met)
   * the largest, and such keys keep the map's order, which can only keep equal states apart.
   */
  private long knownName(Object o) {
    Long t = tokens.get(o);
    if (t != null) {
      return t;
    }
    int id = ex.objects.objectId(o);
    return id != ObjectNumbers.UNKNOWN_OBJECT ? id & 0xffffffffL : Long.MAX_VALUE;
  }

  /** The name of {@code o}, for a table row. */
  long token(Object o) {
    if (o == null) {
      return 0;
    }
    Long t = tokens.get(o);
    if (t != null) {
      return t;
    }
    int id = ex.objects.objectId(o);
    long token = id != ObjectNumbers.UNKNOWN_OBJECT ? id & 0xffffffffL : -(++unnumbered);
    tokens.put(o, token);
    toWalk.add(o);
    if (tokens.size() > MAX_OBJECTS) {
      throw new Refused("the model's heap has more than " + MAX_OBJECTS + " objects");
    }
    return token;
  }

  // ---------------------------------------------------------------- roots

  private void statics(List<Class<?>> classes) {
    int epoch = ex.epoch();
    for (Class<?> c : classes) {
      if (c.isInterface()) {
        continue; // its static fields are constants, set once by the JVM
      }
      Field epochField = ClassShape.of(c).epoch;
      if (epochField == null) {
        continue;
      }
      try {
        if (epochField.getInt(null) != epoch) {
          continue; // not initialised in this execution: its statics are the last execution's
        }
      } catch (IllegalAccessException e) {
        throw new Refused("cannot read the static fields of " + c.getName());
      }
      string(c.getName());
      for (Field f : ClassShape.of(c).statics) {
        value(f, null);
      }
    }
  }

  private void threadState(ModelThread t) {
    h.putInt(t.id).putBoolean(t.terminated);
    if (t.terminated) {
      return;
    }
    reference(t.javaThread);
    h.putInt(t.op.ordinal()).putInt(t.opSite).putInt(t.opArg).putBoolean(t.opTimed).putBoolean(t.opWrites);
    reference(t.opObject);
    reference(t.opGuard);
    threadNumber(t.opThread);
    h.putBoolean(t.interrupted).putBoolean(t.parkPermit).putBoolean(t.notified).putInt(t.savedLockDepth);
    reference(t.waitLock);
    h.putInt(t.atomicDepth).putInt(t.silent).putBoolean(t.inGuard);
    h.putInt(t.allocations).putInt(t.initAllocations).putInt(t.initClass);
    h.putBoolean(t.heldBack).putBoolean(t.releasePending).putInt(t.spinSite).putBoolean(t.held);
    h.putBoolean(t.iterationDisturbed).putBoolean(t.writtenSinceHeld);
    spinReads(t.spinReads);
    spinReads(t.heldReads);
    List<FrameSnapshot.Frame> frames = t.frames;
    if (frames == null) {
      h.putInt(-1);
      return;
    }
    h.putInt(frames.size());
    for (FrameSnapshot.Frame f : frames) {
      // The method's number stands for its class's name, its name and its descriptor.
      h.putInt(f.method().number());
      h.putInt(f.bytecodeIndex());
      LiveLocals.Slots kinds = f.method().slotsAt(f.bytecodeIndex());
      slots(f.locals(), kinds == null ? null : kinds.locals());
      slots(f.stack(), kinds == null ? null : kinds.stack());
    }
  }

  private void spinReads(FairYield.SpinReads reads) {
    if (reads == null) {
      h.putInt(-1);
      return;
    }
    long[] locations = reads.toArray();
    h.putInt(locations.length);
    for (long l : locations) {
      h.putLong(l); // object numbers and field ids: the same in every execution
    }
  }

  /**
   * Local or operand-stack slots, by what {@link LiveLocals} says each holds (null: unknown,
   * every slot as the JVM reports it). A dead local is left out; a 32-bit value is cut to its
   * 32 bits, as a compiled frame may report it in a 64-bit slot with junk above.
   */
  private void slots(Object[] slots, byte[] kinds) {
    h.putInt(slots.length);
    for (int i = 0; i < slots.length; i++) {
      Object s = slots[i];
      byte kind = kinds == null || i >= kinds.length ? -1 : kinds[i];
      if (kind == LiveLocals.DEAD) {
        h.putInt(0);
      } else if (kind == LiveLocals.INT && FrameSnapshot.isPrimitive(s)) {
        h.putInt(3).putInt((int) FrameSnapshot.slotValue(s));
      } else if (FrameSnapshot.isPrimitive(s)) {
        h.putInt(1).putLong(FrameSnapshot.slotValue(s));
      } else {
        h.putInt(2).putLong(token(s));
      }
    }
  }

  // ---------------------------------------------------------------- the heap

  private void walk() {
    Object o;
    while ((o = toWalk.poll()) != null) {
      contents(o);
    }
  }

  private void contents(Object o) {
    Class<?> c = o.getClass();
    h.putLong(token(o));
    h.putInt(CLASS_NUMBERS.get(c)); // stands for its name, which took a dozen hash rounds an object
    if (c.isArray()) {
      array(o, c.getComponentType());
    } else if (o instanceof String s) {
      string(s);
    } else if (o instanceof Class<?> k) {
      string(k.getName());
    } else if (o instanceof java.lang.ref.Reference<?>) {
      throw new Refused("the model holds a " + c.getName() + ", whose referent the garbage collector may clear");
    } else {
      ClassShape shape = ClassShape.of(c);
      if (shape.refused != null) {
        throw new Refused(shape.refused);
      }
      for (Field f : shape.fields) {
        value(f, o);
      }
      if (o instanceof Thread t) {
        // Of a thread's own state only what the model gave it: its task, name and daemon flag.
        string(t.getName());
        h.putBoolean(t.isDaemon());
        h.putLong(token(ThreadTask.of(t)));
      }
    }
  }

  /** The {@code Runnable} a thread was created with: a field of its own before JDK 19, of its holder since. */
  private static final class ThreadTask {
    private static final Field TARGET = field(Thread.class, "target");
    private static final Field HOLDER = TARGET == null ? field(Thread.class, "holder") : null;
    private static final Field TASK = HOLDER == null ? null : field(HOLDER.getType(), "task");

    private static Field field(Class<?> c, String name) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException | RuntimeException e) {
        return null;
      }
    }

    static Object of(Thread t) {
      try {
        if (TARGET != null) {
          return TARGET.get(t);
        }
        if (TASK != null) {
          return TASK.get(HOLDER.get(t));
        }
      } catch (IllegalAccessException e) {
        // fall through to the refusal
      }
      throw new Refused("cannot read which task a thread runs (run with --add-opens java.base/java.lang=ALL-UNNAMED)");
    }
  }

  private void array(Object a, Class<?> component) {
    h.putInt(java.lang.reflect.Array.getLength(a));
    if (component == int.class) {
      for (int x : (int[]) a) {
        h.putInt(x);
      }
    } else if (component == long.class) {
      for (long x : (long[]) a) {
        h.putLong(x);
      }
    } else if (component == boolean.class) {
      for (boolean x : (boolean[]) a) {
        h.putBoolean(x);
      }
    } else if (component == byte.class) {
      h.putBytes((byte[]) a);
    } else if (component == char.class) {
      for (char x : (char[]) a) {
        h.putChar(x);
      }
    } else if (component == short.class) {
      for (short x : (short[]) a) {
        h.putInt(x);
      }
    } else if (component == float.class) {
      for (float x : (float[]) a) {
        h.putFloat(x);
      }
    } else if (component == double.class) {
      for (double x : (double[]) a) {
        h.putDouble(x);
      }
    } else {
      for (Object x : (Object[]) a) {
        h.putLong(token(x));
      }
    }
  }

  /**
   * A string, length first: strings of different lengths one after the other (a class name,
   * then a string's text) must not read as the same bytes.
   */
  private void string(String s) {
    // The chars as they are, not through a charset encoder (a quarter of a fingerprint's time).
    h.putString(s);
  }

  private void value(Field f, Object o) {
    try {
      Class<?> t = f.getType();
      if (!t.isPrimitive()) {
        h.putLong(token(f.get(o)));
      } else if (t == long.class) {
        h.putLong(f.getLong(o));
      } else if (t == double.class) {
        h.putDouble(f.getDouble(o));
      } else if (t == float.class) {
        h.putFloat(f.getFloat(o));
      } else if (t == boolean.class) {
        h.putBoolean(f.getBoolean(o));
      } else if (t == char.class) {
        h.putChar(f.getChar(o));
      } else {
        h.putInt(f.getInt(o)); // int, short, byte
      }
    } catch (IllegalAccessException e) {
      throw new Refused("cannot read " + f.getDeclaringClass().getName() + "." + f.getName());
    }
  }
}
