package pinmc.embedded.search;

import java.util.Arrays;

/**
 * A vector clock: for each thread number, how many of that thread's steps happen before the
 * step (or the moment) the clock belongs to; a thread the clock has no entry for counts 0.
 * The event log gives every step one, and its data-race check a second one.
 *
 * <p>A clock is changed only while it is being built ({@link #increment}, {@link #join}); once
 * a step's clock is stored it is shared and never changed again. {@link #ZERO} is shared from
 * the start: a change that would touch it throws.
 */
public final class VectorClock {
  /** The clock before anything happened: every entry 0. */
  static final VectorClock ZERO = new VectorClock(new int[0]);

  private int[] entries;

  private VectorClock(int[] entries) {
    this.entries = entries;
  }

  /** A clock with the given entries, from thread 0 on (for tests and for building one by hand). */
  static VectorClock of(int... entries) {
    return new VectorClock(entries.clone());
  }

  /** A new clock equal to this one, with room for threads 0 to {@code width - 1} without growing. */
  VectorClock copy(int width) {
    return new VectorClock(Arrays.copyOf(entries, Math.max(width, entries.length)));
  }

  /** The entry of {@code thread}. */
  public int get(int thread) {
    return thread < entries.length ? entries[thread] : 0;
  }

  /** Counts one more step of {@code thread}; returns its new entry. */
  int increment(int thread) {
    if (thread >= entries.length) {
      grow(thread + 1);
    }
    return ++entries[thread];
  }

  /** Raises each entry of this clock to {@code other}'s where that is higher: this clock now follows both. */
  void join(VectorClock other) {
    int[] from = other.entries;
    if (from.length > entries.length) {
      grow(from.length);
    }
    int[] into = entries;
    for (int i = 0; i < from.length; i++) {
      if (from[i] > into[i]) {
        into[i] = from[i];
      }
    }
  }

  /** A new clock: the entry-wise maximum of this one and {@code other}, neither of which changes. */
  VectorClock joined(VectorClock other) {
    VectorClock r = copy(other.entries.length);
    r.join(other);
    return r;
  }

  /** Whether every entry of this clock is at most {@code other}'s: what this clock saw, {@code other} saw too. */
  public boolean leq(VectorClock other) {
    for (int i = 0; i < entries.length; i++) {
      if (entries[i] > other.get(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether this clock is before {@code other}: at most it everywhere, and below it somewhere. */
  public boolean before(VectorClock other) {
    return leq(other) && !other.leq(this);
  }

  /** One past the last thread with an entry above 0 (0 for {@link #ZERO}). */
  int width() {
    int n = entries.length;
    while (n > 0 && entries[n - 1] == 0) {
      n--;
    }
    return n;
  }

  private void grow(int width) {
    if (this == ZERO) {
      throw new IllegalStateException("the zero clock is shared: change a copy of it");
    }
    entries = Arrays.copyOf(entries, Math.max(width, entries.length * 2));
  }

  /** Equal clocks have equal entries; missing entries count as 0. */
  @Override
  public boolean equals(Object o) {
    return o instanceof VectorClock c && leq(c) && c.leq(this);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(Arrays.copyOf(entries, width()));
  }

  @Override
  public String toString() {
    return Arrays.toString(Arrays.copyOf(entries, width()));
  }
}
