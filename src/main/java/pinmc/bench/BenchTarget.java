package pinmc.bench;

import pinmc.check.ModelTarget;

/**
 * One program at one size.
 *
 * @param program the series it belongs to ({@code readers}, {@code pin-accounting exact})
 * @param size the size as shown ({@code 8}, {@code mappers=3})
 * @param target what to run
 * @param knownInterleavings distinct interleavings from the literature, or -1 if none is cited
 * @param jpfWrong where JPF is known to be wrong on this program, or null
 */
public record BenchTarget(String program, String size, ModelTarget target, long knownInterleavings, KnownDisagreement jpfWrong) {

  public BenchTarget(String program, String size, ModelTarget target, long knownInterleavings) {
    this(program, size, target, knownInterleavings, null);
  }
}
