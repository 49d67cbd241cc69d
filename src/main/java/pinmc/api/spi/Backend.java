package pinmc.api.spi;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What stands behind the model API on one thread. Engines implement it; models never see
 * it. Every method is called on the model thread that performs the operation.
 */
public interface Backend {
  /** Enters an atomic block (blocks nest). */
  void atomicBegin();

  /** Waits until {@code guard} holds and enters an atomic block in the same step. */
  void atomicBeginWhen(BooleanSupplier guard);

  /** Leaves the innermost atomic block. */
  void atomicEnd();

  /** A value in {@code [0, bound)}, {@code bound >= 2}. */
  int choose(int bound);

  /** Registers a named invariant. */
  void registerInvariant(String name, BooleanSupplier holds, Supplier<String> message);

  /** The model found invariant {@code name} violated at this point. */
  void invariantFailed(String name, String message);
}
