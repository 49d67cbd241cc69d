package pinmc.embedded.runtime;

import java.util.Random;

/**
 * What {@code new java.util.Random(...)} in model code creates. With a seed it is an ordinary
 * {@link Random}: its values are determined by the seed. Without one, its values differ from
 * run to run, so in an execution it is refused, unless the check enumerates
 * {@code nextInt(bound)} and {@code nextBoolean()} (the engine answers those itself); any
 * other method still draws from the unseeded generator and is refused when it does.
 */
public final class ModelRandom extends Random {
  private static final long serialVersionUID = 1L;
  private static final String CONSTRUCT = "java.util.Random()";
  private final boolean seeded;

  public ModelRandom() {
    this.seeded = false;
    Execution ex = execution();
    if (ex != null && !ex.config.enumerateRandom()) {
      throw new UnsupportedConstructError(CONSTRUCT, "a Random without a seed gives different values in every run; "
          + "give it a seed, or enumerate its nextInt(bound) and nextBoolean() values (cg.enumerate_random = true)");
    }
  }

  public ModelRandom(long seed) {
    super(seed);
    this.seeded = true;
  }

  private static Execution execution() {
    Carrier c = Carrier.current();
    return c != null && c.thread != null ? c.execution : null;
  }

  @Override
  protected int next(int bits) {
    if (!seeded && execution() != null) {
      throw new UnsupportedConstructError(CONSTRUCT, "only nextInt(bound) and nextBoolean() of a Random without a seed "
          + "are enumerated; any other draw differs from run to run: give the Random a seed");
    }
    return super.next(bits);
  }
}
