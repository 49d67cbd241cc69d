package pinmc.embedded.runtime;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * How a trace names the model's objects, places and values: an object by its own
 * {@code toString} or {@code Class#n}, an array by the field that holds it
 * ({@code page0.contents}), a place as {@code object.field} or {@code array[i]}, and a value
 * as it was when the step ran. Reads the model's objects by reflection, on replay only.
 */
final class TraceNames {
  private final Execution ex;
  private final TraceRecorder recorder;
  private final IdentityHashMap<Object, String> arrayNames = new IdentityHashMap<>();
  private final IdentityHashMap<Object, String> ownNames = new IdentityHashMap<>();
  /** Non-array objects in the order the trace first touched them: where arrays are looked up. */
  private final List<Object> owners = new ArrayList<>();
  /** For each model object, the step in which the trace first touched it. */
  private final IdentityHashMap<Object, Integer> firstTouched = new IdentityHashMap<>();

  TraceNames(Execution ex, TraceRecorder recorder) {
    this.ex = ex;
    this.recorder = recorder;
  }

  /** The step in which the trace first touched {@code o}, or null. */
  Integer firstTouched(Object o) {
    return firstTouched.get(o);
  }

  /** Whether the trace knows {@code array} by the field that holds it. */
  boolean arrayNameKnown(Object array) {
    return arrayNames.get(array) != null;
  }

  /** Remembers a model object the trace touched: arrays are named after the field of one that holds them. */
  void touch(Object o) {
    if (o != null && !o.getClass().isArray() && !(o instanceof Thread) && o.getClass().getClassLoader() == ex.modelLoader()
        && firstTouched.putIfAbsent(o, recorder.recordedCount()) == null) {
      owners.add(o);
    }
  }

  /** Whether a read or write is of the whole state of a JDK object the engine controls (see {@link JdkObjects}). */
  static boolean isJdkState(Object o) {
    return o != null && JdkObjects.kind(o.getClass()) != JdkObjects.Kind.UNCONTROLLED;
  }

  /** What a trace shows of a JDK object's state: a builder's text, a container's size. */
  static String jdkSnapshot(Object o) {
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

  String place(Object o, int field) {
    String obj = objectName(o, field);
    String f = fieldPart(o, field);
    return f == null ? obj : obj + (f.startsWith("[") ? "" : ".") + f;
  }

  /** The object part of a place: {@code page0}, {@code page0.contents}, or the static field's class. */
  String objectName(Object o, int field) {
    if (o == null) {
      String f = ex.sites.fieldName(field);
      int dot = f.indexOf('.');
      return dot < 0 ? f : f.substring(0, dot);
    }
    if (o.getClass().isArray()) {
      return arrayName(o);
    }
    return ex.describe(o);
  }

  /** The field part of a place: {@code refcount}, {@code [0]}, or null for the object itself. */
  String fieldPart(Object o, int field) {
    if (isJdkState(o)) {
      return null; // its whole state is one location
    }
    if (o != null && o.getClass().isArray()) {
      return "[" + field + "]";
    }
    if (Location.isEngineField(field)) {
      return null;
    }
    String f = ex.sites.fieldName(field);
    return f.substring(f.indexOf('.') + 1);
  }

  /**
   * An array by the field that holds it ({@code page0.contents}) when the trace saw that field
   * read or can find a model object it touched that holds the array; else {@code int[2]}.
   */
  String arrayName(Object array) {
    String name = arrayNames.get(array);
    if (name == null) {
      name = ownerName(array);
    }
    return name != null ? name : unheldArray(array);
  }

  /**
   * An array no model object holds (a kernel call's scratch array, say): by its element type
   * and length ({@code Page[2]}), since its allocation number tells a reader nothing.
   */
  private static String unheldArray(Object array) {
    return array.getClass().getComponentType().getSimpleName() + "[" + Array.getLength(array) + "]";
  }

  String ownerName(Object array) {
    for (Object owner : owners) {
      for (Class<?> c = owner.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers()) || !f.getType().isArray()) {
            continue;
          }
          try {
            f.setAccessible(true);
            if (f.get(owner) == array) {
              String name = ex.describe(owner) + "." + f.getName();
              arrayNames.put(array, name);
              return name;
            }
          } catch (ReflectiveOperationException | RuntimeException e) {
            // not readable: try the next field
          }
        }
      }
    }
    return null;
  }

  Object value(Object o, int field) {
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
      touch(v);
      return v;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "?";
    }
  }

  String format(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "\"" + s + "\"";
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
      return v.toString();
    }
    if (v.getClass().isArray()) {
      return arrayName(v);
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
        boolean wasCapturing = recorder.capturing;
        recorder.capturing = false; // what naming an object reads is not what a check read
        try {
          name = o.toString();
        } finally {
          recorder.capturing = wasCapturing;
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

  /**
   * For a model object this step created, its fields in parentheses ({@code bio0 (page page0,
   * block 0, csum 0x1134b892)}): a new object's contents are what the step did. Checksums are
   * shown in hexadecimal, as the kernel prints them.
   */
  String createdHere(Object v) {
    Integer first = v == null ? null : firstTouched.get(v);
    if (first == null || first != recorder.recordedCount()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Class<?> c = v.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        // Fields the instrumenter added (an object's deterministic identity hash) are pinmc's, not the model's.
        if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("name") || f.getType().isArray()
            || f.getName().startsWith("__pinmc$")) {
          continue;
        }
        try {
          f.setAccessible(true);
          Object fv = f.get(v);
          if (fv == null) {
            continue;
          }
          String shown = fv instanceof Integer i && (f.getName().contains("csum") || f.getName().contains("crc"))
              ? "0x" + Integer.toHexString(i) : format(fv);
          sb.append(sb.length() == 0 ? " (" : ", ").append(f.getName()).append(' ').append(shown);
        } catch (ReflectiveOperationException | RuntimeException e) {
          // not readable: leave it out
        }
      }
    }
    return sb.length() == 0 ? "" : sb.append(')').toString();
  }
}
