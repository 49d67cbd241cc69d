package pinmc.embedded.search;

import java.util.Arrays;

/** The per-location state of one execution's event log: what the next access of a location races with. */
final class LocationStates {
  private LocationStates() {}

  /** {@code a} with {@code v} at index {@code at}, grown if {@code at} is its length: appends to a list of steps. */
  static int[] push(int[] a, int at, int v) {
    if (at == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[at] = v;
    return a;
  }

  /** The last accesses seen at one location, enough to find the races of the next one. */
  static final class LocationState {
    int lastWrite = -1;
    boolean lastWriteRaceable;
    VectorClock lastWriteClock = VectorClock.ZERO;
    VectorClock readsClock = VectorClock.ZERO;
    int[] reads = new int[2];
    int readCount;
    int[] writes = new int[2];
    int writeCount;
    int lastAcquire = -1;
    int lastRelease = -1;
    VectorClock releaseClock = VectorClock.ZERO;
    VectorClock sharedReleaseClock = VectorClock.ZERO;
    int[] sharedAcquires = new int[2];
    int sharedAcquireCount;
    VectorClock syncWrite = VectorClock.ZERO;
    VectorClock sharedReleaseSync = VectorClock.ZERO;
    /** Try-acquisitions since the last release: a release decides whether such a later one would fail. */
    int[] tryAcquires = new int[2];
    int tryAcquireCount;
    int lastPlainWrite = -1;
    int[] plainReads = new int[2];
    int plainReadCount;

    /**
     * Back to what a new state holds, keeping the room its lists grew to: the table recycles
     * states from one execution to the next ({@link LocationTable#clear}). Every field but the
     * lists' arrays is set here (LocationStatesTest compares a reset state with a new one).
     */
    LocationState reset() {
      lastWrite = -1;
      lastWriteRaceable = false;
      lastWriteClock = VectorClock.ZERO;
      readsClock = VectorClock.ZERO;
      readCount = 0;
      writeCount = 0;
      lastAcquire = -1;
      lastRelease = -1;
      releaseClock = VectorClock.ZERO;
      sharedReleaseClock = VectorClock.ZERO;
      sharedAcquireCount = 0;
      syncWrite = VectorClock.ZERO;
      sharedReleaseSync = VectorClock.ZERO;
      tryAcquireCount = 0;
      lastPlainWrite = -1;
      plainReadCount = 0;
      return this;
    }
  }

  /**
   * The state of every location this execution touched, by location: an open-addressing
   * table on the raw {@code long}, because a {@code HashMap<Long, ...>} boxed the key and
   * missed the cache on every access of every step (a tenth of the search's time).
   */
  static final class LocationTable {
    private long[] keys = new long[64];
    private LocationState[] states = new LocationState[64];
    private int size;
    /**
     * The states of the last execution's locations, to be reset and used again: one
     * execution after another touches the same locations, and making their states anew was
     * a sixth of what the search allocated.
     */
    private LocationState[] spare = new LocationState[16];
    private int spareCount;

    /** The state of {@code location}, made empty the first time it is asked for. */
    LocationState stateOf(long location) {
      int mask = keys.length - 1;
      for (int i = slot(location, mask); ; i = (i + 1) & mask) {
        LocationState st = states[i];
        if (st == null) {
          st = spareCount > 0 ? spare[--spareCount].reset() : new LocationState();
          keys[i] = location;
          states[i] = st;
          if (++size * 2 > keys.length) {
            grow();
          }
          return st;
        }
        if (keys[i] == location) {
          return st;
        }
      }
    }

    /** The state of {@code location}, or null if no step touched it. */
    LocationState find(long location) {
      int mask = keys.length - 1;
      for (int i = slot(location, mask); ; i = (i + 1) & mask) {
        LocationState st = states[i];
        if (st == null || keys[i] == location) {
          return st;
        }
      }
    }

    private static int slot(long location, int mask) {
      // LocationStates are an object number above a field number: mix both halves into the low bits.
      long h = location * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
      long[] oldKeys = keys;
      LocationState[] oldStates = states;
      keys = new long[oldKeys.length * 2];
      states = new LocationState[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int k = 0; k < oldKeys.length; k++) {
        if (oldStates[k] != null) {
          int i = slot(oldKeys[k], mask);
          while (states[i] != null) {
            i = (i + 1) & mask;
          }
          keys[i] = oldKeys[k];
          states[i] = oldStates[k];
        }
      }
    }

    void clear() {
      if (size > 0) {
        if (spareCount + size > spare.length) {
          spare = Arrays.copyOf(spare, Math.max(spareCount + size, 2 * spare.length));
        }
        for (int i = 0; i < states.length; i++) {
          if (states[i] != null) {
            spare[spareCount++] = states[i];
            states[i] = null;
          }
        }
        size = 0;
      }
    }
  }
}
