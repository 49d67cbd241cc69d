package pinmc.embedded.runtime;

import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which recorded steps a failure depends on: the failing step (or every blocked operation of
 * a deadlock), and, going back, every step in its happens-before past that read or wrote an
 * object the failing check or a kept step read. A trace shows the others dimmed.
 */
final class TraceRelevance {
  private TraceRelevance() {}

  /** The steps kept, and the locations kept steps (and the failing check) read. */
  record Marked(BitSet relevant, Set<Long> keptReads) {}

  /**
   * Marks the steps of {@code recorded} the failure depends on; {@code failureReads} is what
   * the failing check read when the last step is a check that failed, not a blocked one.
   */
  static Marked mark(List<TraceRecorder.Recorded> recorded, long[] failureReads) {
    int n = recorded.size();
    int failing = -1;
    for (int i = 0; i < n; i++) {
      if (recorded.get(i).failing()) {
        failing = failing < 0 ? i : failing;
      }
    }
    BitSet relevant = new BitSet(n);
    Set<Long> readObjects = new HashSet<>();
    Set<Long> keptReads = new HashSet<>();
    Set<Long> hbReads = new HashSet<>();
    Set<Long> hbWrites = new HashSet<>();
    Set<String> hbThreads = new HashSet<>();
    int last = n - 1;
    if (failing >= 0) {
      for (int i = failing; i < n; i++) { // every blocked operation is part of the failure
        keep(recorded.get(i), i, relevant, readObjects, keptReads, hbReads, hbWrites, hbThreads);
      }
      last = failing - 1;
    } else if (n > 0) {
      TraceRecorder.Recorded f = recorded.get(n - 1);
      keep(f, n - 1, relevant, readObjects, keptReads, hbReads, hbWrites, hbThreads);
      for (long loc : failureReads) {
        readObjects.add(objectOf(loc));
        keptReads.add(loc);
        hbReads.add(loc);
      }
      last = n - 2;
    }
    for (int i = last; i >= 0; i--) {
      TraceRecorder.Recorded r = recorded.get(i);
      boolean before = hbThreads.contains(r.thread());
      for (long w : r.written()) {
        before |= hbReads.contains(w) || hbWrites.contains(w);
      }
      for (long rd : r.reads()) {
        before |= hbWrites.contains(rd);
      }
      if (!before) {
        continue;
      }
      hbThreads.add(r.thread());
      // A step that wrote what a kept step read is a cause; one that read it shows what its
      // thread saw (a lost update is a read and a write of the same field).
      boolean touchesWhatMatters = false;
      for (long w : r.written()) {
        touchesWhatMatters |= readObjects.contains(objectOf(w));
      }
      for (long rd : r.reads()) {
        touchesWhatMatters |= readObjects.contains(objectOf(rd));
      }
      if (touchesWhatMatters) {
        keep(r, i, relevant, readObjects, keptReads, hbReads, hbWrites, hbThreads);
      } else {
        addAll(hbReads, r.reads());
        addAll(hbWrites, r.written());
      }
    }
    return new Marked(relevant, keptReads);
  }

  private static void keep(TraceRecorder.Recorded r, int i, BitSet relevant, Set<Long> readObjects, Set<Long> keptReads,
      Set<Long> hbReads, Set<Long> hbWrites, Set<String> hbThreads) {
    relevant.set(i);
    hbThreads.add(r.thread());
    for (long rd : r.reads()) {
      readObjects.add(objectOf(rd));
      keptReads.add(rd);
    }
    addAll(hbReads, r.reads());
    addAll(hbWrites, r.written());
  }

  private static void addAll(Set<Long> set, long[] locs) {
    for (long l : locs) {
      set.add(l);
    }
  }

  /** The object part of a location; a static field is an object of its own. */
  private static long objectOf(long loc) {
    return Location.wholeObject(loc);
  }
}
