package pinmc.embedded.runtime;

import java.util.BitSet;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Map;
import java.util.Spliterator;
import java.util.stream.BaseStream;

/**
 * Which JDK objects a model shares under the engine's control: the mutable containers of
 * {@code java.util} (collections, maps, their views, iterators and entries), streams over
 * them, and string builders. Each call from model code on one is a single step that reads or
 * writes the whole object (its <em>state</em>, one location per object); a view or an
 * iterator stands for the object it came from. Immutable JDK types need no control.
 */
public final class JdkObjects {
  private JdkObjects() {}

  /** The owner and name of the location that stands for a JDK object's whole state. */
  public static final String STATE_OWNER = "JDK";
  public static final String STATE = "state";

  /** How a call uses the object it is made on. */
  public static final int READ = 0;
  public static final int WRITE = 1;
  /** {@code Object.hashCode}: a read of a controlled object; refused on an identity hash. */
  public static final int HASH = 2;

  private static final ClassValue<Kind> KINDS = new ClassValue<>() {
    @Override
    protected Kind computeValue(Class<?> type) {
      return classify(type);
    }
  };

  /** Not controlled; controlled; controlled, and each call holds the object's monitor (as Vector's methods do). */
  enum Kind { UNCONTROLLED, CONTROLLED, SYNCHRONIZED }

  static Kind kind(Class<?> type) {
    return KINDS.get(type);
  }

  private static Kind classify(Class<?> type) {
    String name = type.getName();
    if (!SharedPackages.isJdk(name) || isImmutable(name)) {
      return Kind.UNCONTROLLED;
    }
    boolean container = Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
        || Iterator.class.isAssignableFrom(type) || Map.Entry.class.isAssignableFrom(type)
        || Enumeration.class.isAssignableFrom(type) || Spliterator.class.isAssignableFrom(type)
        || BaseStream.class.isAssignableFrom(type) || BitSet.class.isAssignableFrom(type)
        || type == StringBuilder.class || type == StringBuffer.class;
    if (!container) {
      return Kind.UNCONTROLLED;
    }
    boolean synchronizedCalls = type == StringBuffer.class || name.equals("java.util.Vector") || name.equals("java.util.Stack")
        || name.equals("java.util.Hashtable") || name.equals("java.util.Properties")
        || name.startsWith("java.util.Collections$Synchronized") || name.startsWith("java.util.concurrent.");
    return synchronizedCalls ? Kind.SYNCHRONIZED : Kind.CONTROLLED;
  }

  /** JDK containers that never change: List.of and Map.of results, empty and singleton collections, immutable entries. */
  private static boolean isImmutable(String name) {
    return name.startsWith("java.util.ImmutableCollections$") || name.startsWith("java.util.Collections$Empty")
        || name.startsWith("java.util.Collections$Singleton") || name.equals("java.util.KeyValueHolder")
        || name.equals("java.util.AbstractMap$SimpleImmutableEntry");
  }

  /**
   * Whether {@code o.hashCode()} is the JVM's identity hash, which differs from run to run:
   * a JDK object whose class inherits {@code Object}'s or {@code Enum}'s (model classes are
   * given a deterministic one when instrumented).
   */
  static boolean hasIdentityHash(Object o) {
    return IDENTITY_HASHED.get(o.getClass());
  }

  private static final ClassValue<Boolean> IDENTITY_HASHED = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> c) {
      if (c.isArray()) {
        return true;
      }
      try {
        Class<?> declaring = c.getMethod("hashCode").getDeclaringClass();
        return declaring == Object.class || declaring == Enum.class;
      } catch (NoSuchMethodException e) {
        return false;
      }
    }
  };
}
