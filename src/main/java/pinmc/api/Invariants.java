package pinmc.api;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import pinmc.api.spi.Backends;

/**
 * Named invariants. A model registers a condition over shared state under a name (for
 * example {@code "stable-page-under-io"}); the checker evaluates every registered condition
 * after every step and reports the first that fails by that name, which is also what a
 * properties file's {@code pinmc.expect = violation:<name>} refers to.
 *
 * <p>Conditions must only read state, must not block, and should be cheap: they run after
 * every step of every execution.
 */
public final class Invariants {
  private Invariants() {}

  /** Registers {@code holds} under {@code name}; checked after every step from now on. */
  public static void register(String name, BooleanSupplier holds) {
    register(name, holds, () -> name + " does not hold");
  }

  /** Registers {@code holds} under {@code name}, with the message to report when it fails. */
  public static void register(String name, BooleanSupplier holds, Supplier<String> message) {
    if (name == null || name.trim().isEmpty()) { // not isBlank(): Java PathFinder's String lacks it
      throw new IllegalArgumentException("an invariant needs a name");
    }
    Backends.current().registerInvariant(name, holds, message);
  }

  /**
   * An assertion that carries an invariant's name: if {@code holds} is false, the model
   * violates invariant {@code name} here, with {@code message}. Use it for conditions that
   * only make sense at one point, such as "no pins are left once every thread has joined".
   */
  public static void check(String name, boolean holds, String message) {
    if (!holds) {
      Backends.current().invariantFailed(name, message);
    }
  }
}
