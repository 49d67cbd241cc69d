package pinmc.embedded.instrument;

import java.util.Set;
import org.objectweb.asm.Opcodes;
import pinmc.embedded.runtime.JdkObjects;

/**
 * Which calls from model code may land on a JDK object the engine controls (see
 * {@link JdkObjects}), and whether they read or write it. Decided here by the call's static
 * owner and name; whether the receiver really is such an object is decided at run time (a
 * {@code List} may be the model's own class).
 */
final class JdkCalls {
  private JdkCalls() {}

  /** Methods that only read the object they are called on (everything else is taken as a write). */
  private static final Set<String> READS = Set.of(
      "get", "getOrDefault", "size", "isEmpty", "contains", "containsKey", "containsValue", "containsAll",
      "indexOf", "lastIndexOf", "hasNext", "hasPrevious", "next", "previous", "nextIndex", "previousIndex",
      "hasMoreElements", "nextElement", "elements", "keys", "toString", "equals", "hashCode",
      "peek", "peekFirst", "peekLast", "element", "getFirst", "getLast", "first", "last", "firstKey", "lastKey",
      "floor", "ceiling", "higher", "lower", "floorKey", "ceilingKey", "higherKey", "lowerKey",
      "floorEntry", "ceilingEntry", "higherEntry", "lowerEntry", "firstEntry", "lastEntry",
      "getKey", "getValue", "comparator", "clone", "toArray",
      "iterator", "listIterator", "descendingIterator", "spliterator", "stream", "forEach",
      "keySet", "values", "entrySet", "navigableKeySet", "descendingKeySet", "descendingMap", "descendingSet",
      "subList", "headSet", "tailSet", "subSet", "headMap", "tailMap", "subMap", "reversed",
      "charAt", "length", "substring", "subSequence", "codePointAt", "codePointBefore", "codePointCount",
      "compareTo", "chars", "codePoints", "getChars", "capacity",
      "nextSetBit", "nextClearBit", "previousSetBit", "previousClearBit", "cardinality", "intersects", "toByteArray",
      "toLongArray");

  /** {@code java.util} classes that are never controlled containers: no wrapper for their calls. */
  private static final Set<String> NOT_CONTAINERS = Set.of(
      "java/util/Random", "java/util/Objects", "java/util/Optional", "java/util/OptionalInt", "java/util/OptionalLong",
      "java/util/OptionalDouble", "java/util/UUID", "java/util/Locale");

  /** Static owners through which {@code hashCode()} may be the JVM's identity hash. */
  private static final Set<String> IDENTITY_HASH_OWNERS = Set.of("java/lang/Object", "java/lang/Thread", "java/lang/Enum");

  private static final Set<String> LANG_OWNERS = Set.of(
      "java/lang/Iterable", "java/lang/StringBuilder", "java/lang/StringBuffer", "java/lang/AbstractStringBuilder",
      "java/lang/CharSequence", "java/lang/Appendable");

  /**
   * How a call uses its receiver ({@link JdkObjects#READ}, {@code WRITE} or {@code HASH}), or
   * -1 if it cannot reach a controlled JDK object and needs no wrapper.
   */
  static int mode(int opcode, String owner, String name, String desc) {
    if (opcode == Opcodes.INVOKESTATIC) {
      return collectionsMode(owner, name, desc);
    }
    if (opcode != Opcodes.INVOKEVIRTUAL && opcode != Opcodes.INVOKEINTERFACE) {
      return -1;
    }
    if (name.equals("hashCode") && desc.equals("()I") && IDENTITY_HASH_OWNERS.contains(owner)) {
      return JdkObjects.HASH; // an identity hash, or a read of a controlled object
    }
    boolean candidate = owner.equals("java/lang/Object")
        ? (name.equals("equals") || name.equals("toString"))
        : isContainerOwner(owner);
    if (!candidate) {
      return -1;
    }
    if (owner.startsWith("java/util/stream/")) {
      return JdkObjects.READ; // a stream never changes its source (what its functions do is model code)
    }
    return READS.contains(name) ? JdkObjects.READ : JdkObjects.WRITE;
  }

  /**
   * {@code String.valueOf(Object)}, and {@code java.util.Collections} methods on a container
   * given as the first argument, which
   * stands for the receiver: {@code sort} writes it, {@code max} reads it, and the
   * wrappers ({@code unmodifiableList}, {@code synchronizedMap}...) read it and stand for it.
   */
  private static int collectionsMode(String owner, String name, String desc) {
    if ((owner.equals("java/lang/String") && name.equals("valueOf") && desc.equals("(Ljava/lang/Object;)Ljava/lang/String;"))
        || (owner.equals("java/util/Objects") && name.equals("toString") && desc.startsWith("(Ljava/lang/Object;"))) {
      return JdkObjects.READ; // "pages " + list: javac hands the list to String.valueOf, which calls its toString
    }
    if (!owner.equals("java/util/Collections") || !desc.startsWith("(Ljava/util/")) {
      return -1;
    }
    boolean reads = name.startsWith("unmodifiable") || name.startsWith("synchronized") || name.startsWith("checked")
        || STATIC_READS.contains(name);
    return reads ? JdkObjects.READ : JdkObjects.WRITE;
  }

  private static final Set<String> STATIC_READS = Set.of(
      "max", "min", "frequency", "binarySearch", "indexOfSubList", "lastIndexOfSubList", "disjoint", "enumeration", "list");

  /** Whether a string concatenation's arguments include one that may be a controlled JDK object (not a String, not a boxed value). */
  static boolean mayConcatenateAJdkObject(String desc) {
    for (org.objectweb.asm.Type t : org.objectweb.asm.Type.getArgumentTypes(desc)) {
      if (t.getSort() == org.objectweb.asm.Type.OBJECT && !IMMUTABLE_TEXT.contains(t.getInternalName())) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> IMMUTABLE_TEXT = Set.of(
      "java/lang/String", "java/lang/Integer", "java/lang/Long", "java/lang/Boolean", "java/lang/Character",
      "java/lang/Short", "java/lang/Byte", "java/lang/Double", "java/lang/Float");

  /** A JDK constructor that takes one object (a collection, map or text to copy), which may be a controlled JDK object. */
  static boolean readsItsArgument(String desc) {
    org.objectweb.asm.Type[] args = org.objectweb.asm.Type.getArgumentTypes(desc);
    return args.length == 1 && args[0].getSort() == org.objectweb.asm.Type.OBJECT;
  }

  private static boolean isContainerOwner(String owner) {
    if (LANG_OWNERS.contains(owner) || owner.startsWith("java/util/stream/")) {
      return true;
    }
    return owner.startsWith("java/util/") && owner.indexOf('/', "java/util/".length()) < 0 && !NOT_CONTAINERS.contains(owner);
  }
}
