package pinmc.embedded.search;

/**
 * The schedule v = notdep(e, E).e' that reverses a race between steps e and e' of an
 * execution E: the steps after e that do not happen after it, then e'. Steps are numbered
 * as in the execution's {@link EventLog}; some may be taken out as a wakeup tree is walked.
 *
 * <p>Which step of v must precede which is v's own happens-before order, not E's: E may
 * order two steps of v only through a step v leaves out (a read of a location both later
 * write, say), and taking E's order would make a step that can start v look as if it could
 * not. So the order is rebuilt from v's own dependencies (same thread, or conflicting
 * accesses) and closed transitively; E's order is only a quick way to rule pairs out, since
 * every dependency between steps of v is also one of E.
 */
final class Reversal {
  /** The steps of v, by their number in the execution. */
  final int[] steps;
  /** For each position in v, the positions before it in v's happens-before order, as bits. */
  private final long[][] before;
  private final boolean[] gone;
  private int left;

  private Reversal(int[] steps, long[][] before) {
    this.steps = steps;
    this.before = before;
    this.gone = new boolean[steps.length];
    this.left = steps.length;
  }

  static Reversal of(EventLog log, int e, int later) {
    int te = log.thread(e);
    int le = log.localIndex(e);
    int[] v = new int[later - e];
    int size = 0;
    for (int x = e + 1; x < later; x++) {
      if (log.clockOf(x, te) < le) {
        v[size++] = x;
      }
    }
    v[size++] = later;
    int[] steps = java.util.Arrays.copyOf(v, size);
    int words = (size + 63) >>> 6;
    long[][] before = new long[size][words];
    for (int k = 0; k < size; k++) {
      int x = steps[k];
      // From the nearest step down, so that a step already known to precede through a
      // later one needs no check of its own.
      for (int m = k - 1; m >= 0; m--) {
        if ((before[k][m >>> 6] & (1L << m)) != 0) {
          continue;
        }
        int y = steps[m];
        boolean orderedInE = log.clockOf(x, log.thread(y)) >= log.localIndex(y);
        if (orderedInE && (log.thread(x) == log.thread(y) || log.accesses(y).dependsOn(log.accesses(x)))) {
          long[] into = before[k];
          long[] from = before[m];
          for (int w = 0; w < words; w++) {
            into[w] |= from[w];
          }
          into[m >>> 6] |= 1L << m;
        }
      }
    }
    return new Reversal(steps, before);
  }

  /** A copy whose steps can be taken out independently of this one's. */
  Reversal copy() {
    Reversal c = new Reversal(steps, before);
    System.arraycopy(gone, 0, c.gone, 0, gone.length);
    c.left = left;
    return c;
  }

  int length() {
    return steps.length;
  }

  boolean isGone(int k) {
    return gone[k];
  }

  /** Whether a step of v still in it must come before the step at position {@code k}. */
  boolean hasPredecessorLeft(int k) {
    long[] b = before[k];
    for (int m = 0; m < k; m++) {
      if (!gone[m] && (b[m >>> 6] & (1L << m)) != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The initials of what is left of v: the threads whose first step in
   * it has nothing before it. Any of them can start an execution that reverses the race.
   */
  ThreadSet initials(EventLog log) {
    ThreadSet.Builder seen = new ThreadSet.Builder();
    ThreadSet.Builder initials = new ThreadSet.Builder();
    for (int k = 0; k < steps.length; k++) {
      int t = log.thread(steps[k]);
      if (gone[k] || seen.contains(t)) {
        continue;
      }
      seen.add(t);
      if (!hasPredecessorLeft(k)) {
        initials.add(t);
      }
    }
    return initials.build();
  }

  /** Takes the step at position {@code k} out of v (a wakeup tree already starts with it). */
  void remove(int k) {
    gone[k] = true;
    left--;
  }

  boolean isEmpty() {
    return left == 0;
  }
}
