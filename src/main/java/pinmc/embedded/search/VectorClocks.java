package pinmc.embedded.search;

import java.util.Arrays;

/**
 * Vector clocks as {@code int[]} indexed by thread number (an absent entry is 0): what the
 * event log joins and compares. Kept as bare arrays on purpose: they are made for every step
 * of every execution.
 */
final class VectorClocks {
  private VectorClocks() {}

  /** {@code a} with {@code v} at index {@code at}, grown if {@code at} is its length. */
  static int[] push(int[] a, int at, int v) {
    if (at == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[at] = v;
    return a;
  }

  /** Raises every entry of {@code into} to {@code from}'s, where {@code into} has one. */
  static void join(int[] into, int[] from) {
    int n = Math.min(into.length, from.length);
    for (int i = 0; i < n; i++) {
      if (from[i] > into[i]) {
        into[i] = from[i];
      }
    }
  }

  /** A new clock: the entry-wise maximum of {@code a} and {@code b}. */
  static int[] joined(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, Math.max(a.length, b.length));
    for (int i = 0; i < b.length; i++) {
      if (b[i] > r[i]) {
        r[i] = b[i];
      }
    }
    return r;
  }
}
