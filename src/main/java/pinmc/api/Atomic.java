package pinmc.api;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import pinmc.api.spi.Backends;

/**
 * Atomic blocks: code that runs as one indivisible step, as a kernel operation under a
 * spinlock or an atomic instruction would. Blocks nest; only the outermost one counts.
 * Shared accesses inside a block still count for dependency tracking, so a block is not
 * a way to hide a race from the checker, only a way to say that no other thread can run
 * in the middle of it.
 *
 * <p>A block must not block: waiting for another thread belongs in {@link #when}.
 */
public final class Atomic {
  private Atomic() {}

  /** Starts an atomic block; pair with {@link #end()} in a {@code finally}. */
  public static void begin() {
    Backends.current().atomicBegin();
  }

  /** Ends the innermost atomic block. */
  public static void end() {
    Backends.current().atomicEnd();
  }

  /** Runs {@code body} as one step. */
  public static void run(Runnable body) {
    Backends.current().atomicBegin();
    try {
      body.run();
    } finally {
      Backends.current().atomicEnd();
    }
  }

  /** Runs {@code body} as one step and returns its value. */
  public static <T> T call(Supplier<T> body) {
    Backends.current().atomicBegin();
    try {
      return body.get();
    } finally {
      Backends.current().atomicEnd();
    }
  }

  /** Runs {@code body} as one step and returns its value. */
  public static int callInt(java.util.function.IntSupplier body) {
    Backends.current().atomicBegin();
    try {
      return body.getAsInt();
    } finally {
      Backends.current().atomicEnd();
    }
  }

  /**
   * Blocks until {@code guard} holds, then runs {@code body} in the same step in which the
   * guard was seen to hold: a guarded atomic action, the shape of {@code wait_on_bit} or of
   * taking a sleeping lock. The guard must only read state; a thread whose guard never holds
   * again is blocked, and if every thread is, the model deadlocks.
   */
  public static void when(BooleanSupplier guard, Runnable body) {
    Backends.current().atomicBeginWhen(guard);
    try {
      body.run();
    } finally {
      Backends.current().atomicEnd();
    }
  }
}
