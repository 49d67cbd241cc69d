package pinmc.embedded.runtime;

import java.util.IdentityHashMap;

/**
 * One number per object for a primitive whose objects each hold one (a semaphore's permits, a
 * latch's count), in one execution: made from the object's initial value, which its stand-in
 * remembers, at the object's first use.
 */
final class CountPerObject {
  private final Execution ex;
  /** What the number is called in an error ("permits", "count"). */
  private final String what;
  private final IdentityHashMap<Object, int[]> counts = new IdentityHashMap<>();

  CountPerObject(Execution ex, String what) {
    this.ex = ex;
    this.what = what;
  }

  /** The number of {@code o}, one element to change in place, {@code initial} at its first use. */
  int[] of(Object o, int initial) {
    return counts.computeIfAbsent(o, k -> new int[] {initial});
  }

  /** The number of {@code o} now; {@code o} must have been used in this execution. */
  int now(Object o) {
    int[] c = counts.get(o);
    if (c == null) {
      throw new IllegalStateException("no " + what + " recorded for " + ex.describe(o));
    }
    return c[0];
  }

  /** Puts the number of each object used so far into a state fingerprint. */
  void hashState(StateFingerprint f) {
    f.table(counts, c -> new long[] {c[0]});
  }
}
