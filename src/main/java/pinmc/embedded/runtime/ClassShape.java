package pinmc.embedded.runtime;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The fields a {@link StateFingerprint} reads of one class, made accessible once: every
 * instance field up the superclasses (of {@link Thread} none: the fingerprint reads what the
 * model gave a thread; of the JDK class a stand-in replaces none either), and for a model class its static fields and the field that says in
 * which execution they were last initialised.
 */
final class ClassShape {

  private static final ClassValue<ClassShape> SHAPES = new ClassValue<>() {
    @Override
    protected ClassShape computeValue(Class<?> c) {
      return new ClassShape(c);
    }
  };

  final Field[] fields;
  final Field[] statics;
  final Field epoch;
  final String refused;

  static ClassShape of(Class<?> c) {
    return SHAPES.get(c);
  }

  private ClassShape(Class<?> c) {
    List<Field> instance = new ArrayList<>();
    List<Field> stat = new ArrayList<>();
    Field epochField = null;
    String why = null;
    try {
      boolean standIn = isStandIn(c);
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        if (k == Thread.class) {
          break; // see contents: a thread's own fields are the JVM's
        }
        if (standIn && !isStandIn(k)) {
          // The JDK class a stand-in replaces: the stand-in overrides every operation and keeps
          // its state in its primitive's tables, which the fingerprint reads, so the JDK's
          // fields keep what its constructor gave them. Except a ReentrantReadWriteLock's
          // ThreadLocal, whose hash code comes from a JVM-wide counter: read, it made every
          // execution's states differ from every other's.
          break;
        }
        for (Field f : k.getDeclaredFields()) {
          if (isIdentityCounter(f)) {
            continue;
          }
          if (!Modifier.isStatic(f.getModifiers())) {
            instance.add(open(f));
          } else if (k == c && f.getName().equals(DefinedClasses.EPOCH_FIELD)) {
            epochField = open(f);
          } else if (k == c) {
            stat.add(f); // opened only for a model class, whose statics are read
          }
        }
      }
      if (epochField != null) {
        for (Field f : stat) {
          open(f);
        }
      }
    } catch (InaccessibleObjectException | SecurityException e) {
      why = "state caching cannot read the fields of " + c.getName() + " (the JVM does not open them to pinmc)";
    }
    Comparator<Field> byName = Comparator.comparing(Field::getName);
    this.fields = instance.toArray(Field[]::new);
    Field[] s = stat.toArray(Field[]::new);
    Arrays.sort(s, byName);
    this.statics = s;
    this.epoch = epochField;
    this.refused = why;
  }

  /** Whether {@code c} is one of the engine's stand-ins for a JDK class (package {@code juc}) or nested in one. */
  private static boolean isStandIn(Class<?> c) {
    return c.getPackageName().equals(STAND_INS);
  }

  private static final String STAND_INS = "pinmc.embedded.runtime.juc";

  /**
   * A field the JVM fills from a counter shared by every execution, so that one state would
   * get another fingerprint in each: a {@link ThreadLocal}'s hash code, the next value of a
   * JVM-wide counter when it was created, which says only where the thread-local sits in a
   * thread's map. Model code cannot use thread-locals (the instrumenter refuses them); the
   * ones in the heap are JDK internals such as a {@code ReentrantReadWriteLock}'s read-hold
   * counter, which the model's stand-in never uses, and the object itself is still walked.
   */
  private static boolean isIdentityCounter(Field f) {
    return f.getDeclaringClass() == ThreadLocal.class && f.getName().equals("threadLocalHashCode");
  }

  private static Field open(Field f) {
    f.setAccessible(true);
    return f;
  }
}
