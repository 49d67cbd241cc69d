package pinmc.embedded.runtime;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import pinmc.check.SourceLocation;
import pinmc.check.TraceStep;

/**
 * Writes down a replayed execution step by step in words a person reads: which thread did
 * what to which object, with the values read and written. Only the replay of a
 * counterexample records a trace, so nothing here is on the search's hot path.
 */
final class TraceRecorder {
  private final Execution ex;
  private final List<TraceStep> steps = new ArrayList<>();
  private final IdentityHashMap<Object, String> arrayNames = new IdentityHashMap<>();
  private final IdentityHashMap<Object, String> ownNames = new IdentityHashMap<>();
  private String pendingOp;
  private SourceLocation pendingLocation;
  private OpKind pendingKind;
  private Object pendingObject;
  private int pendingArg;
  private final IdentityHashMap<ModelThread, SourceLocation> startedAt = new IdentityHashMap<>();
  private final IdentityHashMap<ModelThread, SourceLocation> lastAt = new IdentityHashMap<>();
  private final List<String> atomicWrites = new ArrayList<>();
  private final List<Object[]> atomicWriteTargets = new ArrayList<>();

  TraceRecorder(Execution ex) {
    this.ex = ex;
  }

  List<TraceStep> steps() {
    return steps;
  }

  void begin(ModelThread t) {
    atomicWrites.clear();
    atomicWriteTargets.clear();
    pendingKind = t.op;
    pendingObject = t.opObject;
    pendingArg = t.opArg;
    pendingLocation = switch (t.op) {
      case BEGIN -> startedAt.getOrDefault(t, SourceLocation.UNKNOWN);
      case END -> lastAt.getOrDefault(t, SourceLocation.UNKNOWN);
      default -> ex.sites.location(t.opSite);
    };
    pendingOp = switch (t.op) {
      case BEGIN -> "begins";
      case END -> "ends";
      case READ -> isJdkState(t.opObject) ? jdkCall(t) + " (was " + jdkSnapshot(t.opObject) + ")"
          : "read " + place(t.opObject, t.opArg) + " = " + format(value(t.opObject, t.opArg), t.opObject, t.opArg);
      case ATOMIC_OP -> t.opObject instanceof Thread ? stackDescribed(t) : atomicOp(t);
      case WRITE -> isJdkState(t.opObject) ? jdkCall(t) : "write " + place(t.opObject, t.opArg);
      case START -> "start " + ex.describe(t.opObject);
      case JOIN -> "join " + ex.describe(t.opObject);
      case CHOICE -> "choose " + t.choiceValue + " of 0.." + (t.opArg - 1);
      case NOTIFY, NOTIFY_ALL, WAIT, LOCK, TRY_LOCK, UNLOCK, READ_LOCK, READ_UNLOCK, REACQUIRE, UNPARK, INTERRUPT ->
          t.op.verb + " " + ex.describe(t.opObject);
      case ATOMIC, GUARDED, PARK, THREAD_QUERY, YIELD, SLEEP -> stackDescribed(t);
    };
  }

  void end(ModelThread t) {
    // t.op is already the thread's next operation here: use what begin() saw.
    String op = pendingOp;
    if (pendingKind == OpKind.WRITE && isJdkState(pendingObject)) {
      op += " (now " + jdkSnapshot(pendingObject) + ")";
    } else if (pendingKind == OpKind.WRITE) {
      op += " = " + format(value(pendingObject, pendingArg), pendingObject, pendingArg);
    } else if ((pendingKind == OpKind.ATOMIC || pendingKind == OpKind.GUARDED) && !atomicWriteTargets.isEmpty()) {
      StringBuilder sb = new StringBuilder(op).append(": ");
      for (int i = 0; i < atomicWriteTargets.size(); i++) {
        Object[] w = atomicWriteTargets.get(i);
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(atomicWrites.get(i)).append(" = ").append(format(value(w[0], (Integer) w[1]), w[0], (Integer) w[1]));
      }
      op = sb.toString();
    }
    steps.add(new TraceStep(steps.size() + 1, t.name(), op, pendingLocation));
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
    if (!write) {
      value(o, field); // names arrays reached through fields
      return;
    }
    String p = place(o, field);
    if (!atomicWrites.contains(p)) {
      atomicWrites.add(p);
      atomicWriteTargets.add(new Object[] {o, field});
    }
  }

  /** A line the model printed, shown as a step of its own. */
  void printed(ModelThread t, String line) {
    steps.add(new TraceStep(steps.size() + 1, t.name(), "prints \"" + line + "\"", SourceLocation.UNKNOWN));
  }

  private String stackDescribed(ModelThread t) {
    StackTraceElement[] stack = t.carrier != null ? t.carrier.getStackTrace() : new StackTraceElement[0];
    int op = -1;
    for (int i = 0; i < stack.length; i++) {
      if (Hooks.isModelFrame(stack[i])) {
        op = i;
        break;
      }
    }
    String verb = switch (t.op) {
      case ATOMIC -> "atomic";
      case GUARDED -> "atomic when";
      case PARK -> "park";
      case YIELD -> "yield";
      case SLEEP -> "sleep";
      default -> t.op.verb;
    };
    if (op < 0) {
      return verb;
    }
    String method = cleanMethodName(stack[op].getMethodName());
    int caller = op + 1;
    while (caller < stack.length && !Hooks.isModelFrame(stack[caller])) {
      caller++;
    }
    boolean named = (t.op == OpKind.ATOMIC || t.op == OpKind.GUARDED)
        && !method.equals("run") && !method.equals("main") && !method.equals("call") && !method.equals("<init>");
    StackTraceElement at = named && caller < stack.length ? stack[caller] : stack[op];
    pendingLocation = new SourceLocation(at.getClassName(), at.getMethodName(), at.getFileName(), at.getLineNumber());
    if (t.op == OpKind.ATOMIC_OP || t.op == OpKind.THREAD_QUERY) {
      String wrapped = wrappedCall(stack);
      return (wrapped != null ? wrapped : method) + (t.opObject != null ? " " + ex.describe(t.opObject) : "");
    }
    return named ? method : verb;
  }

  /** Whether a read or write is of the whole state of a JDK object the engine controls (see {@link JdkObjects}). */
  private static boolean isJdkState(Object o) {
    return o != null && JdkObjects.kind(o.getClass()) != JdkObjects.Kind.UNCONTROLLED;
  }

  /** A call on a JDK object, {@code add ArrayList#2}. */
  private String jdkCall(ModelThread t) {
    String wrapped = wrappedCall(t.carrier != null ? t.carrier.getStackTrace() : new StackTraceElement[0]);
    return (wrapped != null ? wrapped : "call") + " " + ex.describe(t.opObject);
  }

  /**
   * The method a step calls on a JDK or atomic object: it is in the name of the instrumenter's
   * wrapper for the call ({@code __pinmc$jdk$add$3}, {@code __pinmc$atomic$incrementAndGet$0}).
   */
  private static String wrappedCall(StackTraceElement[] stack) {
    for (StackTraceElement e : stack) {
      String m = e.getMethodName();
      for (String prefix : WRAPPERS) {
        int end = m.lastIndexOf('$');
        if (m.startsWith(prefix) && end > prefix.length()) {
          return m.substring(prefix.length(), end);
        }
      }
    }
    return null;
  }

  private static final String[] WRAPPERS = {"__pinmc$jdk$", "__pinmc$atomic$"};

  /** What a trace shows of a JDK object's state: a builder's text, a container's size. */
  private static String jdkSnapshot(Object o) {
    if (o instanceof CharSequence text) {
      return "\"" + text + "\"";
    }
    if (o instanceof java.util.Collection<?> c) {
      return "size " + c.size();
    }
    if (o instanceof java.util.Map<?, ?> m) {
      return "size " + m.size();
    }
    return "?";
  }

  /** A call on an atomic variable: {@code incrementAndGet AtomicInteger#2 (was 0)}. */
  private String atomicOp(ModelThread t) {
    String described = stackDescribed(t);
    return described + " (was " + String.valueOf(t.opObject) + ")";
  }

  private static String cleanMethodName(String m) {
    if (m.startsWith("lambda$")) {
      int end = m.indexOf('$', 7);
      return end > 7 ? m.substring(7, end) : m;
    }
    return m;
  }

  private String place(Object o, int field) {
    if (isJdkState(o)) {
      return ex.describe(o); // its whole state is one location
    }
    if (o == null) {
      return ex.sites.fieldName(field);
    }
    if (o.getClass().isArray()) {
      String name = arrayNames.get(o);
      return (name != null ? name : ex.describe(o)) + "[" + field + "]";
    }
    if (field < 0) {
      return ex.describe(o);
    }
    String f = ex.sites.fieldName(field);
    return ex.describe(o) + "." + f.substring(f.indexOf('.') + 1);
  }

  private Object value(Object o, int field) {
    if (isJdkState(o)) {
      return null; // shown by format, from the object itself
    }
    try {
      Object v;
      if (o != null && o.getClass().isArray()) {
        v = Array.get(o, field);
      } else if (field <= 0) {
        return null;
      } else {
        Field f = ex.sites.reflect(field, ex.modelLoader());
        if (f == null) {
          return "?";
        }
        v = f.get(o);
        if (v != null && v.getClass().isArray() && !arrayNames.containsKey(v)) {
          arrayNames.put(v, place(o, field));
        }
      }
      return v;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "?";
    }
  }

  private String format(Object v, Object o, int field) {
    if (isJdkState(o)) {
      return jdkSnapshot(o);
    }
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "\"" + s + "\"";
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
      return v.toString();
    }
    return ex.describe(v);
  }

  /** The object's own {@code toString} when its class (a model class) declares one. */
  String ownName(Object o) {
    String known = ownNames.get(o);
    if (known != null) {
      return known;
    }
    String name = null;
    try {
      Class<?> c = o.getClass();
      if (!c.isArray() && c.getClassLoader() == ex.modelLoader()
          && c.getMethod("toString").getDeclaringClass() != Object.class) {
        Carrier carrier = Carrier.current();
        ModelThread evaluator = carrier != null ? carrier.thread : null;
        if (evaluator != null) {
          evaluator.silent++;
        }
        try {
          name = o.toString();
        } finally {
          if (evaluator != null) {
            evaluator.silent--;
          }
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      name = null;
    }
    if (name != null) {
      ownNames.put(o, name); // not cached while null: toString may work once construction is done
    }
    return name;
  }
}
