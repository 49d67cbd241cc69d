package pinmc.embedded.search;

import java.util.Arrays;

/**
 * The memory locations one step touched, each with how: what dependency between steps is
 * computed from. A location is a {@code long} the runtime makes from an object number and
 * a field (or array index, or one of the engine's own per-object locations such as a
 * monitor); the search never needs to know which.
 */
public final class AccessSet {
  /** A read of data. */
  public static final byte READ = 0;
  /** A write of data. */
  public static final byte WRITE = 1;
  /** Taking a lock exclusively (a monitor, a write lock). */
  public static final byte ACQUIRE = 2;
  /** Releasing an exclusive lock. */
  public static final byte RELEASE = 3;
  /** Taking a lock shared (a read lock). */
  public static final byte ACQUIRE_SHARED = 4;
  /** Releasing a shared lock. */
  public static final byte RELEASE_SHARED = 5;
  /**
   * Flag: a plain data access (a non-volatile field or an array element), which data-race
   * detection checks. Volatile accesses, locks and the engine's own locations synchronise.
   */
  public static final byte PLAIN = 32;
  private static final byte KIND_MASK = 7;
  /**
   * Flag: the access orders steps (happens-before) but the steps cannot be reordered, so it
   * never starts a race: a thread's first step after {@code start}, a {@code join} after the
   * end of the thread it waits for, a wake-up after the notify that caused it.
   */
  public static final byte SYNC_ONLY = 8;
  /**
   * Flag: the step's outcome depends on more history than the last conflicting access. On a
   * read, the read belongs to the guard of a blocking step ({@code Atomic.when}), which may
   * have been blocked by an earlier write and enabled by a later one; reversing it with the
   * later one is impossible, so it races with every earlier write. On an acquisition, it is a
   * try-acquire, which succeeds or fails by whether the holder has released yet, so it also
   * races with the last release.
   */
  public static final byte GUARD = 16;
  /**
   * Flag: the access orders steps for the search only (a thread held back by fair
   * scheduling and the step that releases it): it is neither data nor synchronisation for
   * data-race detection.
   */
  public static final byte SCHEDULING = 64;

  private long[] locations = new long[2];
  private byte[] modes = new byte[2];
  private int size;

  public void add(long location, byte mode) {
    for (int i = 0; i < size; i++) {
      if (locations[i] == location && modes[i] == mode) {
        return;
      }
    }
    if (size == locations.length) {
      locations = Arrays.copyOf(locations, size * 2);
      modes = Arrays.copyOf(modes, size * 2);
    }
    locations[size] = location;
    modes[size] = mode;
    size++;
  }

  public void addAll(AccessSet other) {
    for (int i = 0; i < other.size; i++) {
      add(other.locations[i], other.modes[i]);
    }
  }

  public int size() {
    return size;
  }

  public long location(int i) {
    return locations[i];
  }

  public byte mode(int i) {
    return modes[i];
  }

  static byte kind(byte mode) {
    return (byte) (mode & KIND_MASK);
  }

  /** Whether the access reads data (or engine state such as a thread's interrupt flag). */
  public static boolean isDataRead(byte mode) {
    return (mode & SCHEDULING) == 0 && kind(mode) == READ;
  }

  /** Whether the access changes data or engine state (a write, or a lock operation). */
  public static boolean isDataChange(byte mode) {
    return (mode & SCHEDULING) == 0 && kind(mode) != READ;
  }

  private static boolean isWriteLike(byte mode) {
    byte k = kind(mode);
    return k == WRITE || k == ACQUIRE || k == RELEASE;
  }

  /**
   * Whether two steps of different threads are dependent: they touch a common location and
   * at least one of them changes it (shared lock operations only conflict with exclusive ones).
   */
  public boolean dependsOn(AccessSet other) {
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < other.size; j++) {
        if (locations[i] == other.locations[j] && (isWriteLike(modes[i]) || isWriteLike(other.modes[j]))) {
          return true;
        }
      }
    }
    return false;
  }

  public AccessSet copy() {
    AccessSet c = new AccessSet();
    c.locations = Arrays.copyOf(locations, Math.max(2, size));
    c.modes = Arrays.copyOf(modes, Math.max(2, size));
    c.size = size;
    return c;
  }

  void clear() {
    size = 0;
  }
}
