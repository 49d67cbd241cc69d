package pinmc.embedded.search;

import java.util.Arrays;

/**
 * The steps of one execution in order, with the happens-before order between them and the
 * races that dynamic partial-order reduction reverses.
 *
 * <p>Each step gets a vector clock: the join of its thread's previous clock and the clocks
 * of the earlier steps it depends on (the last write of a location it reads; the last write
 * and the reads since of a location it writes; the last release of a lock it takes). Two
 * steps of different threads <em>race</em> when they are dependent and the later one's
 * thread had not already seen the earlier one through some other order. Races are
 * over-approximated where that is simpler (a race that goes through a third step is also
 * reported): more backtracking, never a missed interleaving.
 */
public final class EventLog {
  private int count;
  private int[] thread = new int[256];
  private int[] localIndex = new int[256];
  private VectorClock[] clocks = new VectorClock[256];
  private AccessSet[] accesses = new AccessSet[256];
  /** An exclusive lock (its location) the step's thread held as the step began, or 0 (see {@link #guardedBy}). */
  private long[] guard = new long[256];
  /** Whether a step continues its thread's previous step (the rest of an atomic block after a choice in it). */
  private boolean[] continuation = new boolean[256];

  private VectorClock[] threadClock = new VectorClock[8];
  private int threadCount;

  private final LocationStates.LocationTable locations = new LocationStates.LocationTable();

  /** Data races of plain accesses, when they are looked for (null otherwise). */
  private DataRaces dataRaces;
  private int[] races = new int[64];
  private int raceCount;
  private int open = -1;
  /** Scratch: the state of each access of the step being ended, looked up once. */
  private LocationStates.LocationState[] states = new LocationStates.LocationState[8];

  /** Turns data-race detection on for the executions to come. */
  public void detectRaces() {
    if (dataRaces == null) {
      dataRaces = new DataRaces();
    }
  }

  /** The current step is an atomic block: it synchronises with every other atomic block. */
  public void markAtomic() {
    if (dataRaces != null) {
      dataRaces.markAtomic();
    }
  }

  /** The first data race of this execution as {first step, second step}, or null. */
  public int[] dataRace() {
    return dataRaces == null ? null : dataRaces.first();
  }

  /** The location of the data race, as the runtime made it. */
  public long dataRaceLocation() {
    return dataRaces == null ? 0 : dataRaces.firstLocation();
  }

  void reset() {
    if (dataRaces != null) {
      dataRaces.reset();
    }
    for (int i = 0; i < count; i++) {
      clocks[i] = null;
    }
    count = 0;
    open = -1;
    Arrays.fill(threadClock, null);
    threadCount = 0;
    locations.clear();
    raceCount = 0;
  }

  /** Starts step number {@link #size()} of {@code t}; its accesses follow, then {@link #end()}. */
  public int begin(int t) {
    if (open >= 0) {
      throw new IllegalStateException("step " + open + " is still open");
    }
    if (count == thread.length) {
      int n = count * 2;
      thread = Arrays.copyOf(thread, n);
      localIndex = Arrays.copyOf(localIndex, n);
      clocks = Arrays.copyOf(clocks, n);
      accesses = Arrays.copyOf(accesses, n);
      continuation = Arrays.copyOf(continuation, n);
      guard = Arrays.copyOf(guard, n);
    }
    if (t >= threadClock.length) {
      threadClock = Arrays.copyOf(threadClock, Math.max(t + 1, threadClock.length * 2));
    }
    threadCount = Math.max(threadCount, t + 1);
    thread[count] = t;
    continuation[count] = false;
    guard[count] = 0;
    AccessSet a = accesses[count];
    if (a == null) {
      accesses[count] = new AccessSet();
    } else {
      a.clear();
    }
    open = count;
    return count++;
  }

  /**
   * Marks the open step as the continuation of its thread's previous step: a scheduling
   * point inside an atomic block (a choice, a thread query), where no other thread can run.
   * A race with such a step is reversed before the step that began the block.
   */
  public void markContinuation() {
    continuation[open] = true;
  }

  /** Whether stateful DPOR reads the locks steps began holding ({@link #guardedBy}); off, nobody marks them. */
  private boolean guardsWanted;

  /** Stateful DPOR reads {@link #guard}: steps are to be marked with the lock they began holding. */
  void wantGuards() {
    guardsWanted = true;
  }

  /** Whether steps are to be marked with {@link #guardedBy} (only under stateful DPOR, which reads the marks). */
  public boolean wantsGuards() {
    return guardsWanted;
  }

  /**
   * The open step's thread holds the exclusive lock at {@code lockLocation} as the step begins
   * (it took it in an earlier step and has not released it). Stateful DPOR uses it to see that
   * two steps are ordered through the lock in every future ({@code StateSummaries}).
   */
  public void guardedBy(long lockLocation) {
    guard[open] = lockLocation;
  }

  /** The lock step {@code e}'s thread held as it began (see {@link #guardedBy}), or 0. */
  long guard(int e) {
    return guard[e];
  }

  /** Whether step {@code e} continues its thread's previous step (see {@link #markContinuation}). */
  boolean continues(int e) {
    return continuation[e];
  }

  /** The step that began the atomic block step {@code e} belongs to ({@code e} itself if it began none). */
  int blockStart(int e) {
    while (e > 0 && continuation[e]) {
      e--;
    }
    return e;
  }

  /** Records an access of the open step. */
  public void access(long location, byte mode) {
    accesses[open].add(location, mode);
  }

  /** Ends the open step: computes its clock and the races it completes. */
  public void end() {
    int e = open;
    open = -1;
    int p = thread[e];
    VectorClock before = threadClock[p] == null ? VectorClock.ZERO : threadClock[p];
    VectorClock vc = before.copy(threadCount);
    localIndex[e] = vc.increment(p);
    AccessSet set = accesses[e];
    if (states.length < set.size()) {
      states = new LocationStates.LocationState[set.size() * 2];
    }
    for (int k = 0; k < set.size(); k++) {
      long loc = set.location(k);
      byte mode = set.mode(k);
      LocationStates.LocationState st = locations.stateOf(loc);
      states[k] = st;
      joinAndRace(st, mode, vc, e, p, before);
    }
    for (int k = 0; k < set.size(); k++) {
      byte mode = set.mode(k);
      boolean raceable = (mode & AccessSet.SYNC_ONLY) == 0;
      LocationStates.LocationState st = states[k];
      switch (AccessSet.kind(mode)) {
        case AccessSet.READ -> {
          st.readsClock = st.readsClock.joined(vc);
          if (raceable) {
            st.reads = LocationStates.push(st.reads, st.readCount++, e);
          }
        }
        case AccessSet.WRITE -> {
          st.lastWrite = e;
          st.lastWriteRaceable = raceable;
          st.lastWriteClock = vc;
          st.readsClock = VectorClock.ZERO;
          st.readCount = 0;
          if (raceable) {
            st.writes = LocationStates.push(st.writes, st.writeCount++, e);
          }
        }
        case AccessSet.ACQUIRE -> {
          st.lastAcquire = e;
          st.sharedAcquireCount = 0;
          if ((mode & AccessSet.GUARD) != 0) {
            st.tryAcquires = LocationStates.push(st.tryAcquires, st.tryAcquireCount++, e);
          }
        }
        case AccessSet.ACQUIRE_SHARED -> st.sharedAcquires = LocationStates.push(st.sharedAcquires, st.sharedAcquireCount++, e);
        case AccessSet.RELEASE -> {
          st.releaseClock = vc;
          st.lastRelease = e;
          st.tryAcquireCount = 0;
        }
        case AccessSet.RELEASE_SHARED -> {
          st.sharedReleaseClock = st.sharedReleaseClock.joined(vc);
          st.tryAcquireCount = 0;
        }
        default -> throw new IllegalStateException("unknown access mode " + mode);
      }
    }
    clocks[e] = vc;
    threadClock[p] = vc;
    if (dataRaces != null) {
      dataRaces.stepEnded(e, p, set, states, thread, localIndex, threadCount);
    }
  }

  /**
   * For an access of {@code mode} to the location in state {@code st} by step {@code e} of
   * thread {@code p}, whose clock before it is {@code before}: joins into {@code vc} what the
   * access orders it after (if {@code vc} is not null), and records the races it completes.
   */
  private void joinAndRace(LocationStates.LocationState st, byte mode, VectorClock vc, int e, int p, VectorClock before) {
    boolean raceable = (mode & AccessSet.SYNC_ONLY) == 0;
    switch (AccessSet.kind(mode)) {
      case AccessSet.READ -> {
        join(vc, st.lastWriteClock);
        if (raceable && (mode & AccessSet.GUARD) != 0) {
          for (int w = 0; w < st.writeCount; w++) {
            raceIfConcurrent(st.writes[w], e, p, before);
          }
        } else if (raceable && st.lastWriteRaceable) {
          raceIfConcurrent(st.lastWrite, e, p, before);
        }
      }
      case AccessSet.WRITE -> {
        join(vc, st.lastWriteClock);
        join(vc, st.readsClock);
        if (raceable) {
          if (st.lastWriteRaceable) {
            raceIfConcurrent(st.lastWrite, e, p, before);
          }
          for (int r = 0; r < st.readCount; r++) {
            raceIfConcurrent(st.reads[r], e, p, before);
          }
        }
      }
      case AccessSet.ACQUIRE -> {
        join(vc, st.releaseClock);
        join(vc, st.sharedReleaseClock);
        if (raceable) {
          raceIfConcurrent(st.lastAcquire, e, p, before);
          if ((mode & AccessSet.GUARD) != 0) {
            // A try-acquire succeeds or fails by whether the lock was released yet.
            raceIfConcurrent(st.lastRelease, e, p, before);
          }
          for (int r = 0; r < st.sharedAcquireCount; r++) {
            raceIfConcurrent(st.sharedAcquires[r], e, p, before);
          }
        }
      }
      case AccessSet.ACQUIRE_SHARED -> {
        join(vc, st.releaseClock);
        if (raceable) {
          raceIfConcurrent(st.lastAcquire, e, p, before);
        }
      }
      default -> {
        // A release orders later acquisitions; it races only with the try-acquisitions
        // since the last release, which failed because of it and would succeed after it.
        if (raceable) {
          for (int r = 0; r < st.tryAcquireCount; r++) {
            raceIfConcurrent(st.tryAcquires[r], e, p, before);
          }
        }
      }
    }
  }

  /**
   * Whether an access of mode {@code between}, after this log's steps and before an access of
   * mode {@code later} to the same location, leaves none of those steps among what the later
   * access races with ({@link #joinAndRace}): it replaces the last write, or acquisition, or
   * release, that the later one would race with. A guard's read races with every write and a
   * try-acquire with the last acquisition and the last release, so one access never does.
   */
  static boolean shadows(byte between, byte later) {
    byte b = AccessSet.kind(between);
    boolean guard = (later & AccessSet.GUARD) != 0;
    return switch (AccessSet.kind(later)) {
      case AccessSet.READ -> !guard && b == AccessSet.WRITE;
      case AccessSet.WRITE -> b == AccessSet.WRITE;
      case AccessSet.ACQUIRE -> !guard && b == AccessSet.ACQUIRE;
      case AccessSet.ACQUIRE_SHARED -> b == AccessSet.ACQUIRE;
      default -> b == AccessSet.RELEASE || b == AccessSet.RELEASE_SHARED;
    };
  }

  private static void join(VectorClock vc, VectorClock other) {
    if (vc != null) {
      vc.join(other);
    }
  }

  /**
   * The steps of this execution that a step of thread {@code p} taken next, with an access of
   * {@code mode} to {@code location}, would race with: what {@link #end} would record for it
   * (stateful DPOR asks this of the steps a finished state's future took). The steps come in
   * no particular order.
   */
  int[] racesOfNextStep(int p, long location, byte mode) {
    LocationStates.LocationState st = locations.find(location);
    if (st == null) {
      return NO_STEPS;
    }
    int mark = raceCount;
    VectorClock before = p < threadClock.length && threadClock[p] != null ? threadClock[p] : VectorClock.ZERO;
    joinAndRace(st, mode, null, count, p, before);
    if (raceCount == mark) {
      return NO_STEPS;
    }
    int[] earlier = new int[(raceCount - mark) / 2];
    for (int r = 0; r < earlier.length; r++) {
      earlier[r] = races[mark + 2 * r];
    }
    raceCount = mark;
    return earlier;
  }

  private static final int[] NO_STEPS = new int[0];

  private void raceIfConcurrent(int earlier, int later, int laterThread, VectorClock laterBefore) {
    if (earlier < 0) {
      return;
    }
    int q = thread[earlier];
    if (q == laterThread) {
      return;
    }
    if (laterBefore.get(q) >= localIndex[earlier]) {
      return; // already ordered before the later thread's previous step
    }
    // The races of one step are added together, so a duplicate can only be at the tail.
    for (int r = raceCount - 2; r >= 0 && races[r + 1] == later; r -= 2) {
      if (races[r] == earlier) {
        return;
      }
    }
    if (raceCount + 2 > races.length) {
      races = Arrays.copyOf(races, races.length * 2);
    }
    races[raceCount++] = earlier;
    races[raceCount++] = later;
  }

  public int size() {
    return count;
  }

  /** Whether step {@code e} is step {@code f} or happens before it (program order and dependences). */
  public boolean happensBefore(int e, int f) {
    return e == f || clockOf(f, thread[e]) >= localIndex[e];
  }

  public int thread(int e) {
    return thread[e];
  }

  public AccessSet accesses(int e) {
    return accesses[e];
  }

  int localIndex(int e) {
    return localIndex[e];
  }

  /** Step {@code e}'s happens-before clock (do not change it). */
  VectorClock clock(int e) {
    return clocks[e];
  }

  int clockOf(int e, int t) {
    VectorClock c = clocks[e];
    return c != null ? c.get(t) : 0;
  }

  int raceCount() {
    return raceCount / 2;
  }

  int raceEarlier(int r) {
    return races[2 * r];
  }

  int raceLater(int r) {
    return races[2 * r + 1];
  }
}
