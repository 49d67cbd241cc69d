package pinmc.bench;

import java.util.List;
import pinmc.check.ModelTarget;

/**
 * One program at one size.
 *
 * @param program what the tables call it ({@code readers})
 * @param size the size argument as shown ({@code 8})
 * @param target what to run
 * @param knownInterleavings distinct interleavings from the literature, or -1 if none is cited
 */
public record BenchTarget(String program, String size, ModelTarget target, long knownInterleavings) {
  /** The DPOR literature's programs (models/pinmc/literature) at the default sizes. */
  public static List<BenchTarget> literature(boolean quick) {
    List<BenchTarget> out = new java.util.ArrayList<>();
    for (int n : quick ? new int[] {4, 6} : new int[] {4, 6, 8, 10}) {
      out.add(of("readers", "pinmc.literature.Readers", n, 1L << n));
    }
    for (int n : quick ? new int[] {3, 5} : new int[] {3, 5, 7, 8}) {
      out.add(of("lastzero", "pinmc.literature.LastZero", n, -1));
    }
    // Counts reported for optimal DPOR by Abdulla, Aronis, Jonsson and Sagonas (POPL 2014).
    long[] indexerTraces = {8, 64, 512};
    int[] indexerSizes = quick ? new int[] {12, 13} : new int[] {12, 13, 14};
    for (int i = 0; i < indexerSizes.length; i++) {
      out.add(of("indexer", "pinmc.literature.Indexer", indexerSizes[i], indexerTraces[i]));
    }
    long[] fsTraces = {2, 8, 32};
    int[] fsSizes = quick ? new int[] {14, 16} : new int[] {14, 16, 18};
    for (int i = 0; i < fsSizes.length; i++) {
      out.add(of("filesystem", "pinmc.literature.FileSystem", fsSizes[i], fsTraces[i]));
    }
    return out;
  }

  private static BenchTarget of(String program, String mainClass, int n, long known) {
    return new BenchTarget(program, Integer.toString(n), ModelTarget.of(mainClass, Integer.toString(n)).withName(program + "(" + n + ")"), known);
  }
}
