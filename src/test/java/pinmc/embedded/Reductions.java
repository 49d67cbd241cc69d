package pinmc.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import pinmc.check.CheckOptions;
import pinmc.check.ModelTarget;
import pinmc.check.Reduction;

/** What the tests of one primitive ask of every reduction. */
final class Reductions {
  private Reductions() {}

  /**
   * Optimal and source-set DPOR count as many distinct interleavings of {@code target} (a
   * passing model) as plain enumeration, which must find more than one.
   */
  static void keepEveryInterleaving(EmbeddedEngine engine, ModelTarget target) {
    long all = engine.countInterleavings(target, CheckOptions.builder().reduction(Reduction.NONE).build());
    assertTrue(all > 1, target + ": " + all);
    for (Reduction reduction : new Reduction[] {Reduction.DPOR, Reduction.SOURCE}) {
      assertEquals(all, engine.countInterleavings(target, CheckOptions.builder().reduction(reduction).build()),
          target + " under " + reduction);
    }
  }
}
