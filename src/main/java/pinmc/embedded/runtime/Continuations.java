package pinmc.embedded.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Model threads as the JDK's own one-shot continuations ({@code jdk.internal.vm.Continuation},
 * the machinery under virtual threads, JDK 21 and later), so that handing the turn from one
 * model thread to the next is a yield and a resume on one carrier instead of waking another
 * platform thread and putting this one to sleep (see {@link Execution}).
 *
 * <p>The class is internal to the JDK: it is reached through method handles, so that pinmc
 * still compiles for and runs on Java 17, and only if the JVM exports its package to pinmc
 * ({@code Add-Exports: java.base/jdk.internal.vm} in the jar's manifest, or
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}). Where it is missing, not
 * exported, or turned off with {@code -Dpinmc.continuations=false}, {@link #AVAILABLE} is false
 * and every model thread gets a carrier thread of its own.
 */
final class Continuations {
  private Continuations() {}

  /** The system property that turns continuations off ({@code false}). */
  static final String PROPERTY = "pinmc.continuations";

  /** Whether model threads can run as continuations on this JVM. */
  static final boolean AVAILABLE;
  /** Why not, or null. */
  static final String UNAVAILABLE_BECAUSE;

  private static final MethodHandle NEW; // (Runnable) -> Object
  private static final MethodHandle RUN; // (Object) -> void
  private static final MethodHandle YIELD; // () -> boolean

  static {
    MethodHandle create = null;
    MethodHandle run = null;
    MethodHandle yield = null;
    String why = null;
    if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      why = "turned off by -D" + PROPERTY + "=false";
    } else {
      try {
        Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
        Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Object scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
            .invoke("pinmc-model-threads");
        create = MethodHandles.insertArguments(
            lookup.findConstructor(continuation, MethodType.methodType(void.class, scopeClass, Runnable.class)), 0, scope)
            .asType(MethodType.methodType(Object.class, Runnable.class));
        run = lookup.findVirtual(continuation, "run", MethodType.methodType(void.class))
            .asType(MethodType.methodType(void.class, Object.class));
        yield = MethodHandles.insertArguments(
            lookup.findStatic(continuation, "yield", MethodType.methodType(boolean.class, scopeClass)), 0, scope);
        // The JVM may lack the support (a port without it, or -XX:-VMContinuations): the
        // first run of a continuation says so.
        Object probe = (Object) create.invokeExact((Runnable) () -> {});
        run.invokeExact(probe);
      } catch (Throwable e) {
        why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        create = null;
      }
    }
    AVAILABLE = create != null;
    UNAVAILABLE_BECAUSE = AVAILABLE ? null : why;
    NEW = create;
    RUN = run;
    YIELD = yield;
  }

  /** For tests: run model threads on carriers of their own even where continuations are available. */
  static volatile boolean offForTests;

  /** Whether model threads run as continuations now: {@link #AVAILABLE}, unless a test turned them off. */
  static boolean enabled() {
    return AVAILABLE && !offForTests;
  }

  /**
   * For tests: refuse every n-th yield as the JDK refuses one on a pinned continuation (0:
   * none). A JDK 24 or later pins only on native frames, which model code cannot put under a
   * scheduling point, so the fallback cannot be reached from a model there.
   */
  static volatile int refuseEvery;
  private static int yieldsTried;

  /** A new continuation that runs {@code body} when first run. */
  static Object create(Runnable body) {
    try {
      return (Object) NEW.invokeExact(body);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Runs (or resumes) {@code continuation} on the calling thread until it yields or ends. */
  static void run(Object continuation) {
    try {
      RUN.invokeExact(continuation);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Suspends the running continuation and returns true when it is run again; or returns false
   * at once if it cannot be suspended: a native frame (or, before JDK 24, a monitor held by
   * code the engine does not instrument, a JDK method that called back into the model) is on
   * its stack, and the JDK refuses. ({@code Continuation.isPinned} cannot ask first: it
   * always counts its own native frame.)
   */
  static boolean tryYield() {
    if (refuseEvery > 0 && ++yieldsTried % refuseEvery == 0) {
      return false;
    }
    try {
      return (boolean) YIELD.invokeExact();
    } catch (IllegalStateException pinned) {
      return false;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
