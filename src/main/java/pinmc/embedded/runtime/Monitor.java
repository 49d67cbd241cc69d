package pinmc.embedded.runtime;

import java.util.ArrayList;

/**
 * The engine's state of a lock in one execution: a Java monitor, a {@code ReentrantLock}
 * or a read-write lock, with its waiters. The model's own objects stay untouched; only one
 * model thread runs at a time, so the JVM's monitors are never needed.
 */
final class Monitor {
  ModelThread owner;
  int depth;
  /** Read-lock holders and their depths (read-write locks only). */
  final ArrayList<ModelThread> readers = new ArrayList<>(2);
  final ArrayList<Integer> readDepths = new ArrayList<>(2);

  boolean freeFor(ModelThread t) {
    return owner == null || owner == t;
  }

  boolean writeFreeFor(ModelThread t) {
    // As in ReentrantReadWriteLock, a read hold cannot be upgraded: the writer waits for every
    // reader, itself included.
    return freeFor(t) && readers.isEmpty();
  }

  int readDepth(ModelThread t) {
    int i = readers.indexOf(t);
    return i < 0 ? 0 : readDepths.get(i);
  }

  void addReader(ModelThread t) {
    int i = readers.indexOf(t);
    if (i < 0) {
      readers.add(t);
      readDepths.add(1);
    } else {
      readDepths.set(i, readDepths.get(i) + 1);
    }
  }

  /** Returns true if {@code t} released its last read hold. */
  boolean removeReader(ModelThread t) {
    int i = readers.indexOf(t);
    if (i < 0) {
      throw new IllegalMonitorStateException("read lock not held by " + t);
    }
    int d = readDepths.get(i) - 1;
    if (d == 0) {
      readers.remove(i);
      readDepths.remove(i);
      return true;
    }
    readDepths.set(i, d);
    return false;
  }
}
