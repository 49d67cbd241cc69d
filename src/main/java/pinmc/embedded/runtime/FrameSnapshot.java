package pinmc.embedded.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
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
  record Frame(LiveLocals.Method method, int bytecodeIndex, Object[] locals, Object[] stack) {}

  /** A thread's model frames, and how many frames the walk took to find them (the next walk's depth hint). */
  record Captured(List<Frame> frames, int walked) {}

  private static final String ENGINE_PACKAGE = "pinmc.embedded.";
  /** The method of {@link Execution} every model thread's body runs under: no model frame is below it. */
  private static final String BODY_ENTRY = "runBodyAndExit";
  /** Walkers whose first batch is as many frames as their index (the JVM reads at least 8). */
  private static final StackWalker[] WALKERS;
  /** The largest first batch asked for: deeper stacks take a second batch. */
  private static final int MAX_FIRST_BATCH = 64;
  private static final MethodHandle LOCALS;
  private static final MethodHandle STACK;
  private static final Class<?> PRIMITIVE_SLOT;
  private static final MethodHandle SLOT_SIZE;
  private static final MethodHandle SLOT_INT;
  private static final MethodHandle SLOT_LONG;
  private static final String UNAVAILABLE;

  static {
    StackWalker[] walkers = null;
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
      walkers = new StackWalker[MAX_FIRST_BATCH + 1];
      for (int depth = 0; depth < walkers.length; depth++) {
        walkers[depth] = (StackWalker) get.invoke(null, EnumSet.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));
      }
      sizeFirstBatches(walkers);
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
    WALKERS = walkers;
    LOCALS = locals;
    STACK = stack;
    PRIMITIVE_SLOT = slot;
    SLOT_SIZE = size;
    SLOT_INT = intValue;
    SLOT_LONG = longValue;
    UNAVAILABLE = why;
  }

  /**
   * Gives each walker its index as the size of its first batch. {@code StackWalker.getInstance}
   * takes that estimate, but not for a walker that reads locals, so it is set on the walker's
   * field; where a JDK has no such field or will not set it, every walk keeps the JDK's batch
   * sizes, which only costs time.
   */
  private static void sizeFirstBatches(StackWalker[] walkers) {
    try {
      Field estimate = StackWalker.class.getDeclaredField("estimateDepth");
      estimate.setAccessible(true);
      for (int depth = 1; depth < walkers.length; depth++) {
        estimate.setInt(walkers[depth], depth);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // the JDK's batch sizes
    }
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
   *
   * <p>The walk stops at the engine frame every model thread's body runs under ({@link
   * Execution#runBodyAndExit}): below it are only the engine's and the JDK's frames (turn
   * passing, the carrier's loop, {@code Thread.run}), and the JVM reads every frame of a batch
   * it hands out, which for the carrier's loop, run by the interpreter, means computing the
   * method's oop map each time (a tenth of a stateful search went there). {@code depthHint}
   * is how many frames the thread's last walk took: batches of that size end the walk in one
   * batch that reaches little further than the frames needed.
   */
  static Captured capture(int depthHint) {
    StackWalker walker = WALKERS[Math.min(Math.max(depthHint + 2, 0), WALKERS.length - 1)];
    return walker.walk(frames -> {
      List<Frame> out = new ArrayList<>(8);
      int modelFrames = 0;
      int walked = 0;
      for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
        StackWalker.StackFrame f = it.next();
        walked++;
        Class<?> c = f.getDeclaringClass();
        if (c == Execution.class && f.getMethodName().equals(BODY_ENTRY)) {
          break;
        }
        if (c.getName().startsWith(ENGINE_PACKAGE)) {
          continue;
        }
        try {
          out.add(new Frame(LiveLocals.method(f), f.getByteCodeIndex(),
              (Object[]) LOCALS.invokeExact((Object) f), (Object[]) STACK.invokeExact((Object) f)));
        } catch (Throwable t) {
          throw new IllegalStateException("cannot read a frame of " + c.getName(), t);
        }
        if (c.getClassLoader() instanceof DefinedClasses) {
          modelFrames = out.size();
        }
      }
      return new Captured(out.subList(0, modelFrames), walked);
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
