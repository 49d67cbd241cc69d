package pinmc.api;

import pinmc.api.spi.Backends;

/**
 * Nondeterministic data. Under a model checker every value is explored, as with Java
 * PathFinder's {@code Verify.getInt}; in a plain run the value is random.
 */
public final class Choice {
  private Choice() {}

  /** A value in {@code [0, bound)}; every one of them is explored. */
  public static int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return bound == 1 ? 0 : Backends.current().choose(bound);
  }

  /** {@code false} or {@code true}; both are explored. */
  public static boolean nextBoolean() {
    return Backends.current().choose(2) == 1;
  }
}
