package pinmc.embedded.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The frames of a model thread at a scheduling point: for each frame its method, bytecode
 * index, local variables and operand stack. With the heap, these are the thread's part of a
 * state for state caching ({@link StateFingerprint}): a thread's future depends on nothing
 * else of its own.
 *
 * <p>Read through the JDK's {@code java.lang.LiveStackFrame}, which is not exported: it needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (pinmc's jar asks for it in its
 * manifest). Without it, {@link #unavailable()} says why and state caching is refused.
 * Only the calling thread's own stack can be read, so each thread takes its snapshot as it
 * reaches a scheduling point; it does not run again before the next one.
 *
 * <p>Frames of the engine ({@code pinmc.embedded}) are left out: what they hold follows from
 * the model frames under them and the engine state the fingerprint hashes separately. So
 * are the JDK frames a thread was entered through (see {@link #capture}).
 */
final class FrameSnapshot {
  /** One model frame: locals and operand stack hold references or {@link #slotValue primitive slots}. */
  record Frame(Class<?> declaringClass, String method, String descriptor, int bytecodeIndex, Object[] locals,
      Object[] stack) {}

  private static final String ENGINE_PACKAGE = "pinmc.embedded.";
  private static final StackWalker WALKER;
  private static final MethodHandle LOCALS;
  private static final MethodHandle STACK;
  private static final Class<?> PRIMITIVE_SLOT;
  private static final MethodHandle SLOT_SIZE;
  private static final MethodHandle SLOT_INT;
  private static final MethodHandle SLOT_LONG;
  private static final String UNAVAILABLE;

  static {
    StackWalker walker = null;
    MethodHandle locals = null;
    MethodHandle stack = null;
    Class<?> slot = null;
    MethodHandle size = null;
    MethodHandle intValue = null;
    MethodHandle longValue = null;
    String why = null;
    try {
      Class<?> live = Class.forName("java.lang.LiveStackFrame");
      Method get = live.getDeclaredMethod("getStackWalker", Set.class);
      get.setAccessible(true);
      walker = (StackWalker) get.invoke(null, EnumSet.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      locals = accessible(lookup, live, "getLocals", Object[].class);
      stack = accessible(lookup, live, "getStack", Object[].class);
      slot = Class.forName("java.lang.LiveStackFrame$PrimitiveSlot");
      size = accessible(lookup, slot, "size", int.class);
      intValue = accessible(lookup, slot, "intValue", int.class);
      longValue = accessible(lookup, slot, "longValue", long.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      why = "the JVM does not let pinmc read a thread's local variables (" + e.getClass().getSimpleName()
          + "); run it with --add-opens java.base/java.lang=ALL-UNNAMED";
    }
    WALKER = walker;
    LOCALS = locals;
    STACK = stack;
    PRIMITIVE_SLOT = slot;
    SLOT_SIZE = size;
    SLOT_INT = intValue;
    SLOT_LONG = longValue;
    UNAVAILABLE = why;
  }

  private static MethodHandle accessible(MethodHandles.Lookup lookup, Class<?> c, String name, Class<?> returns)
      throws ReflectiveOperationException {
    Method m = c.getDeclaredMethod(name);
    m.setAccessible(true);
    return lookup.unreflect(m).asType(MethodType.methodType(returns, Object.class));
  }

  private FrameSnapshot() {}

  /** Why frames cannot be read in this JVM, or null if they can. */
  static String unavailable() {
    return UNAVAILABLE;
  }

  /**
   * The calling thread's frames, innermost first, from the innermost frame outside the engine
   * to the outermost frame of a model class. The JDK frames under that (how the thread was
   * entered, {@code Thread.run}) hold nothing the thread's future depends on, and the JIT
   * changes how they report their dead locals.
   */
  static List<Frame> capture() {
    return WALKER.walk(frames -> {
      List<Frame> out = new ArrayList<>(8);
      int[] modelFrames = {0};
      frames.forEach(f -> {
        Class<?> c = f.getDeclaringClass();
        if (c.getName().startsWith(ENGINE_PACKAGE)) {
          return;
        }
        try {
          out.add(new Frame(c, f.getMethodName(), f.getDescriptor(), f.getByteCodeIndex(),
              (Object[]) LOCALS.invokeExact((Object) f), (Object[]) STACK.invokeExact((Object) f)));
          if (c.getClassLoader() instanceof DefinedClasses) {
            modelFrames[0] = out.size();
          }
        } catch (Throwable t) {
          throw new IllegalStateException("cannot read a frame of " + c.getName(), t);
        }
      });
      return out.subList(0, modelFrames[0]);
    });
  }

  /** Whether a local or stack slot holds a primitive value rather than a reference. */
  static boolean isPrimitive(Object slot) {
    return slot != null && PRIMITIVE_SLOT.isInstance(slot);
  }

  /** The bits of a primitive slot. */
  static long slotValue(Object slot) {
    try {
      return (int) SLOT_SIZE.invokeExact(slot) == 8 ? (long) SLOT_LONG.invokeExact(slot) : (int) SLOT_INT.invokeExact(slot);
    } catch (Throwable t) {
      throw new IllegalStateException("cannot read a primitive slot", t);
    }
  }
}
