package pinmc.embedded.search;

import java.util.Arrays;

/**
 * An immutable set of thread numbers. Threads 0..63 are the bits of one {@code long}, so the
 * sets of almost every model cost what a bit mask costs; a model with more threads carries
 * the rest in extra words, allocated only when a thread above 63 is in the set. Operations
 * that change nothing return the set itself.
 *
 * <p>To visit the members: {@code for (int t = s.first(); t >= 0; t = s.next(t + 1))}.
 */
public final class ThreadSet {
  public static final ThreadSet EMPTY = new ThreadSet(0, null);
  private static final ThreadSet[] SINGLETONS = new ThreadSet[64];

  static {
    for (int t = 0; t < 64; t++) {
      SINGLETONS[t] = new ThreadSet(1L << t, null);
    }
  }

  /** Threads 0..63. */
  private final long low;
  /** Threads from 64 on, 64 per word; null if there are none, else its last word is not 0. */
  private final long[] high;

  private ThreadSet(long low, long[] high) {
    this.low = low;
    this.high = high;
  }

  /** The set of {@code thread} alone. */
  public static ThreadSet of(int thread) {
    return thread < 64 ? SINGLETONS[checked(thread)] : EMPTY.with(thread);
  }

  public static ThreadSet of(int... threads) {
    Builder b = new Builder();
    for (int t : threads) {
      b.add(t);
    }
    return b.build();
  }

  private static int checked(int thread) {
    if (thread < 0) {
      throw new IllegalArgumentException("thread number " + thread);
    }
    return thread;
  }

  /** A set with no thread above 63, from its bits. */
  private static ThreadSet ofLow(long low) {
    return low == 0 ? EMPTY : new ThreadSet(low, null);
  }

  /** A set from its words, with the high words trimmed (they may be changed no more). */
  private static ThreadSet make(long low, long[] high) {
    int n = high == null ? 0 : high.length;
    while (n > 0 && high[n - 1] == 0) {
      n--;
    }
    if (n == 0) {
      return ofLow(low);
    }
    return new ThreadSet(low, n == high.length ? high : Arrays.copyOf(high, n));
  }

  public boolean isEmpty() {
    return low == 0 && high == null;
  }

  public boolean contains(int thread) {
    return contains(low, high, thread);
  }

  private static boolean contains(long low, long[] high, int thread) {
    if (thread < 64) {
      return thread >= 0 && (low & (1L << thread)) != 0;
    }
    int w = (thread >>> 6) - 1;
    return high != null && w < high.length && (high[w] & (1L << thread)) != 0;
  }

  /** This set and {@code thread}. */
  public ThreadSet with(int thread) {
    if (contains(checked(thread))) {
      return this;
    }
    if (thread < 64) {
      return new ThreadSet(low | (1L << thread), high);
    }
    int w = (thread >>> 6) - 1;
    long[] h = high == null ? new long[w + 1] : Arrays.copyOf(high, Math.max(high.length, w + 1));
    h[w] |= 1L << thread;
    return new ThreadSet(low, h);
  }

  /** This set without {@code thread}. */
  public ThreadSet without(int thread) {
    if (!contains(thread)) {
      return this;
    }
    if (thread < 64) {
      return high == null ? ofLow(low & ~(1L << thread)) : new ThreadSet(low & ~(1L << thread), high);
    }
    long[] h = high.clone();
    h[(thread >>> 6) - 1] &= ~(1L << thread);
    return make(low, h);
  }

  public ThreadSet union(ThreadSet other) {
    if (other.isEmpty() || other == this) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    long l = low | other.low;
    if (high == null && other.high == null) {
      return l == low ? this : l == other.low ? other : new ThreadSet(l, null);
    }
    long[] longer = high == null || other.high != null && other.high.length > high.length ? other.high : high;
    long[] shorter = longer == high ? other.high : high;
    long[] h = longer.clone();
    for (int w = 0; shorter != null && w < shorter.length; w++) {
      h[w] |= shorter[w];
    }
    return make(l, h);
  }

  public ThreadSet intersect(ThreadSet other) {
    if (high == null || other.high == null) {
      long l = low & other.low;
      return l == low && high == null ? this : ofLow(l);
    }
    long[] h = new long[Math.min(high.length, other.high.length)];
    for (int w = 0; w < h.length; w++) {
      h[w] = high[w] & other.high[w];
    }
    return make(low & other.low, h);
  }

  /** This set without the threads of {@code other}. */
  public ThreadSet minus(ThreadSet other) {
    if (other.isEmpty()) {
      return this;
    }
    long l = low & ~other.low;
    if (high == null) {
      return l == low ? this : ofLow(l);
    }
    if (other.high == null) {
      return l == low ? this : new ThreadSet(l, high);
    }
    long[] h = high.clone();
    for (int w = 0; w < Math.min(h.length, other.high.length); w++) {
      h[w] &= ~other.high[w];
    }
    return make(l, h);
  }

  /** Whether this set and {@code other} have a thread in common. */
  public boolean intersects(ThreadSet other) {
    if ((low & other.low) != 0) {
      return true;
    }
    if (high == null || other.high == null) {
      return false;
    }
    for (int w = 0; w < Math.min(high.length, other.high.length); w++) {
      if ((high[w] & other.high[w]) != 0) {
        return true;
      }
    }
    return false;
  }

  /** The lowest thread in the set, or -1 if it is empty. */
  public int first() {
    return next(0);
  }

  /** The lowest thread in the set that is {@code from} or above, or -1 if there is none. */
  public int next(int from) {
    if (from < 64) {
      long m = low & (-1L << Math.max(0, from));
      if (m != 0) {
        return Long.numberOfTrailingZeros(m);
      }
      from = 64;
    }
    if (high == null) {
      return -1;
    }
    int w = (from >>> 6) - 1;
    if (w >= high.length) {
      return -1;
    }
    long m = high[w] & (-1L << from);
    while (m == 0) {
      if (++w == high.length) {
        return -1;
      }
      m = high[w];
    }
    return ((w + 1) << 6) + Long.numberOfTrailingZeros(m);
  }

  public int size() {
    int n = Long.bitCount(low);
    for (int w = 0; high != null && w < high.length; w++) {
      n += Long.bitCount(high[w]);
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ThreadSet s && s.low == low && Arrays.equals(s.high, high);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(low) * 31 + Arrays.hashCode(high);
  }

  /** The members in order, as {@code {0, 3, 70}}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    for (int t = first(); t >= 0; t = next(t + 1)) {
      b.append(b.length() > 1 ? ", " : "").append(t);
    }
    return b.append('}').toString();
  }

  /**
   * Collects threads into a set; reusable after {@link #clear}, for a set made at every step.
   * A set of threads below 64 equal to the one it built last is that one again, not a copy
   * (the enabled threads seldom change from one step to the next).
   */
  public static final class Builder {
    private long low;
    private long[] high;
    private boolean anyHigh;
    private ThreadSet last = EMPTY;

    public Builder add(int thread) {
      if (checked(thread) < 64) {
        low |= 1L << thread;
        return this;
      }
      int w = (thread >>> 6) - 1;
      if (high == null || w >= high.length) {
        high = high == null ? new long[w + 1] : Arrays.copyOf(high, Math.max(w + 1, high.length * 2));
      }
      high[w] |= 1L << thread;
      anyHigh = true;
      return this;
    }

    public boolean contains(int thread) {
      return ThreadSet.contains(low, high, thread);
    }

    public Builder clear() {
      low = 0;
      if (anyHigh) {
        Arrays.fill(high, 0);
        anyHigh = false;
      }
      return this;
    }

    public ThreadSet build() {
      if (anyHigh) {
        return make(low, high.clone());
      }
      if (last.low != low || last.high != null) {
        last = ofLow(low);
      }
      return last;
    }
  }
}
