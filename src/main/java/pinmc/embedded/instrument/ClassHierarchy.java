package pinmc.embedded.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the instrumenter needs to know about classes it has not loaded: superclasses, whether
 * a class is an interface, and where a field is declared. Read from the class files
 * (the original bytes, so {@code final} is as the source wrote it).
 */
final class ClassHierarchy {
  record FieldInfo(String owner, int access) {
    boolean isFinal() {
      return (access & Opcodes.ACC_FINAL) != 0;
    }

    boolean isVolatile() {
      return (access & Opcodes.ACC_VOLATILE) != 0;
    }

    boolean isStatic() {
      return (access & Opcodes.ACC_STATIC) != 0;
    }
  }

  record ClassInfo(String name, String superName, List<String> interfaces, boolean isInterface, Map<String, Integer> fields, java.util.Set<String> methods) {}

  private static final ClassInfo MISSING = new ClassInfo("?", null, List.of(), false, Map.of(), java.util.Set.of());
  /**
   * Classes every check takes from the parent loader (the JDK, pinmc's API): they cannot
   * change while the JVM runs, so they are read once for all checks rather than once each.
   */
  private static final Map<String, ClassInfo> SHARED = new ConcurrentHashMap<>();
  private final Function<String, byte[]> bytes;
  /** The model's own classes, read afresh by each check. */
  private final Map<String, ClassInfo> cache;
  /** Every class this view was asked about, with the answer; null when not recording. */
  private final Map<String, ClassInfo> consulted;

  /** {@code bytes} returns a class file by internal name, or null. */
  ClassHierarchy(Function<String, byte[]> bytes) {
    this(bytes, new ConcurrentHashMap<>(), null);
  }

  private ClassHierarchy(Function<String, byte[]> bytes, Map<String, ClassInfo> cache, Map<String, ClassInfo> consulted) {
    this.bytes = bytes;
    this.cache = cache;
    this.consulted = consulted;
  }

  /**
   * A view of this hierarchy (sharing what it has read) that remembers which classes it was
   * asked about: what one class's instrumentation depended on besides the class itself.
   */
  ClassHierarchy recording() {
    return new ClassHierarchy(bytes, cache, new HashMap<>());
  }

  /** The classes a {@link #recording()} view was asked about, with what it answered. */
  Map<String, ClassInfo> consulted() {
    return consulted;
  }

  static byte[] systemBytes(String internalName) {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  ClassInfo info(String internalName) {
    if (internalName == null) {
      return MISSING;
    }
    Map<String, ClassInfo> known = ModelClassLoader.isShared(internalName.replace('/', '.')) ? SHARED : cache;
    ClassInfo info = known.computeIfAbsent(internalName, this::read);
    if (consulted != null) {
      consulted.put(internalName, info);
    }
    return info;
  }

  private ClassInfo read(String internalName) {
    byte[] b = bytes.apply(internalName);
    if (b == null) {
      b = systemBytes(internalName);
    }
    if (b == null) {
      return MISSING;
    }
    Map<String, Integer> fields = new HashMap<>();
    java.util.Set<String> methods = new java.util.HashSet<>();
    String[] header = new String[1];
    List<String> interfaces = new ArrayList<>();
    boolean[] isInterface = new boolean[1];
    new ClassReader(b).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] ifaces) {
        header[0] = superName;
        isInterface[0] = (access & Opcodes.ACC_INTERFACE) != 0;
        if (ifaces != null) {
          interfaces.addAll(List.of(ifaces));
        }
      }

      @Override
      public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        fields.put(name, access);
        return null;
      }

      @Override
      public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        methods.add(name + descriptor);
        return null;
      }
    }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return new ClassInfo(internalName, header[0], interfaces, isInterface[0], fields, methods);
  }

  boolean isSubtypeOf(String internalName, String ancestor) {
    for (String c = internalName; c != null; c = info(c).superName()) {
      if (c.equals(ancestor)) {
        return true;
      }
    }
    return false;
  }

  boolean declaresMethod(String internalName, String name, String desc) {
    return info(internalName).methods().contains(name + desc);
  }

  boolean isInterface(String internalName) {
    return info(internalName).isInterface();
  }

  /** Where field {@code name} referenced through {@code owner} is declared, or null if unknown. */
  FieldInfo resolveField(String owner, String name) {
    ClassInfo c = info(owner);
    if (c == MISSING) {
      return null;
    }
    Integer access = c.fields().get(name);
    if (access != null) {
      return new FieldInfo(owner, access);
    }
    for (String i : c.interfaces()) {
      FieldInfo f = resolveField(i, name);
      if (f != null) {
        return f;
      }
    }
    return c.superName() == null ? null : resolveField(c.superName(), name);
  }
}
