package pinmc.embedded.search;

import java.util.Arrays;

/**
 * Data races of one execution, found as in FastTrack: a second clock per thread that follows
 * synchronisation only (program order, locks, volatile write to read, start and join, atomic
 * blocks as one global lock), against which plain accesses are checked. The {@link EventLog}
 * hands over each step as it ends; only the first race is kept, which is what is reported.
 */
final class DataRaces {
  private VectorClock[] syncClock = new VectorClock[8];
  private VectorClock atomicSync = VectorClock.ZERO;
  private boolean stepIsAtomic;
  private int raceFirst = -1;
  private int raceSecond = -1;
  private long raceLocation;

  void reset() {
    raceFirst = -1;
    raceSecond = -1;
    atomicSync = VectorClock.ZERO;
    Arrays.fill(syncClock, null);
    stepIsAtomic = false;
  }

  /** The step under way is an atomic block: it synchronises with every other atomic block. */
  void markAtomic() {
    stepIsAtomic = true;
  }

  /** The first data race as {first step, second step}, or null. */
  int[] first() {
    return raceFirst < 0 ? null : new int[] {raceFirst, raceSecond};
  }

  long firstLocation() {
    return raceLocation;
  }

  /**
   * Step {@code e} of thread {@code p} ended with the accesses {@code set}, whose location
   * states the log looked up into {@code states}; {@code thread} and {@code localIndex} are
   * the log's, by step.
   */
  void stepEnded(int e, int p, AccessSet set, LocationStates.LocationState[] states, int[] thread, int[] localIndex,
      int threadCount) {
    if (p >= syncClock.length) {
      syncClock = Arrays.copyOf(syncClock, Math.max(p + 1, syncClock.length * 2));
    }
    VectorClock before = syncClock[p] == null ? VectorClock.ZERO : syncClock[p];
    VectorClock sv = before.copy(threadCount);
    int own = sv.increment(p);
    assert own == localIndex[e] : "the sync clock counts every step of its thread, as the log's clock does";
    if (stepIsAtomic) {
      sv.join(atomicSync);
    }
    for (int k = 0; k < set.size(); k++) {
      byte mode = set.mode(k);
      if ((mode & AccessSet.SCHEDULING) != 0) {
        continue;
      }
      LocationStates.LocationState st = states[k];
      byte kind = AccessSet.kind(mode);
      if ((mode & AccessSet.PLAIN) == 0 && (kind == AccessSet.READ || kind == AccessSet.ACQUIRE_SHARED)) {
        sv.join(st.syncWrite);
      } else if (kind == AccessSet.ACQUIRE) {
        sv.join(st.syncWrite);
        sv.join(st.sharedReleaseSync);
      }
    }
    for (int k = 0; k < set.size(); k++) {
      byte mode = set.mode(k);
      if ((mode & AccessSet.SCHEDULING) != 0) {
        continue;
      }
      LocationStates.LocationState st = states[k];
      byte kind = AccessSet.kind(mode);
      if ((mode & AccessSet.PLAIN) != 0) {
        if (unordered(st.lastPlainWrite, p, sv, thread, localIndex)) {
          race(st.lastPlainWrite, e, set.location(k));
        }
        if (kind == AccessSet.WRITE) {
          for (int r = 0; r < st.plainReadCount; r++) {
            if (unordered(st.plainReads[r], p, sv, thread, localIndex)) {
              race(st.plainReads[r], e, set.location(k));
            }
          }
          st.lastPlainWrite = e;
          st.plainReadCount = 0;
        } else {
          st.plainReads = LocationStates.push(st.plainReads, st.plainReadCount++, e);
        }
      } else if (kind == AccessSet.WRITE || kind == AccessSet.RELEASE) {
        st.syncWrite = sv; // a volatile read or an acquisition synchronises with the last one
      } else if (kind == AccessSet.RELEASE_SHARED) {
        st.sharedReleaseSync = st.sharedReleaseSync.joined(sv);
      }
    }
    if (stepIsAtomic) {
      atomicSync = sv;
    }
    syncClock[p] = sv;
    stepIsAtomic = false;
  }

  private static boolean unordered(int earlier, int p, VectorClock sv, int[] thread, int[] localIndex) {
    if (earlier < 0 || thread[earlier] == p) {
      return false;
    }
    int q = thread[earlier];
    return sv.get(q) < localIndex[earlier];
  }

  private void race(int earlier, int later, long location) {
    if (raceFirst < 0) {
      raceFirst = earlier;
      raceSecond = later;
      raceLocation = location;
    }
  }
}
