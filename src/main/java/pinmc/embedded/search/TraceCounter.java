package pinmc.embedded.search;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The distinct Mazurkiewicz traces of the executions it is shown, by their fingerprints. */
final class TraceCounter {
  private final Set<List<Long>> traces = new HashSet<>();

  void add(EventLog log) {
    long[] f = fingerprint(log);
    traces.add(List.of(f[0], f[1]));
  }

  long count() {
    return traces.size();
  }

  /**
   * A 128-bit fingerprint of the Mazurkiewicz trace of {@code log}'s execution: the happens-before clock
   * of every step, keyed by its thread and its number within the thread. Two executions that
   * differ only in the order of independent steps have the same clocks, and any reordering
   * of dependent steps changes one. (Thread numbers follow start order, so this assumes the
   * threads are started in the same order, as in programs where one thread starts the rest.)
   */
  static long[] fingerprint(EventLog log) {
    int count = log.size();
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> log.thread(a) != log.thread(b) ? Integer.compare(log.thread(a), log.thread(b))
        : Integer.compare(log.localIndex(a), log.localIndex(b)));
    long h1 = 0x9E3779B97F4A7C15L;
    long h2 = 0xC2B2AE3D27D4EB4FL;
    for (int e : order) {
      VectorClock c = log.clock(e);
      int length = c.width();
      long word = ((long) log.thread(e) << 32) | length;
      h1 = mix(h1, word);
      h2 = mix(h2 ^ 0x5851F42D4C957F2DL, word);
      for (int i = 0; i < length; i++) {
        h1 = mix(h1, c.get(i));
        h2 = mix(h2 ^ 0x14057B7EF767814FL, c.get(i) + 31L * i);
      }
    }
    return new long[] {h1, h2};
  }

  private static long mix(long h, long v) {
    h ^= v + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
    h *= 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 31);
  }
}
