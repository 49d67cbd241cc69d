package pinmc.embedded.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Stateful DPOR ({@link pinmc.check.Reduction#STATEFUL}; Yang, Chen, Gopalakrishnan and Kirby,
 * "Efficient stateful dynamic partial order reduction", SPIN 2008): source-set DPOR that stops
 * an execution at a state whose future an earlier execution explored in full.
 *
 * <p>Stopping there hides the steps of that future from race analysis: a step of the future
 * may race with a step of the current path, and reversing that race may lead to states
 * nothing else reaches. So each state whose subtree is finished keeps a <em>summary</em>: every
 * step taken anywhere in its subtree, including the summaries of the states the subtree was
 * cut at, each step as (thread, location, how it accessed it) for every location it touched.
 * Where an execution is cut, each summary step is treated as if it ran next: it races with what
 * the event log would race it with, the last write of a location it reads, the last acquisition
 * of a lock it takes, and so on ({@link EventLog#racesOfNextStep}), unless that step happens
 * before the summary step's thread's last step on the path. That is all it can race with on the
 * path in any future: a step of the future between the cut and it that writes the location, say,
 * would be the last write instead, and its race with the path is a summary step's too. (Racing
 * only with the path's steps that no later step conflicting with it follows in happens-before
 * order is not enough: a lock acquisition races with the last one though the release between
 * orders them, because it could not have come between the two; {@code CrossedCriticalSections
 * lockedReader} in the corpus fails then.) Each race is reversed as source-set DPOR does, with an initial of the
 * reversal ({@link Reversals}).
 *
 * <p>Sleep sets: an exploration from a state with sleep set Z covers every execution from it
 * that no thread of Z could start. A later visit with sleep set Z' is cut only if Z ⊆ Z';
 * otherwise the state is explored again with Z', and afterwards both Z and Z' are kept, and a
 * visit is cut if either is a subset of its sleep set. Keeping Z ∩ Z' instead (as Godefroid's
 * state caching with sleep sets does for reachable states, LNCS 1032, 1996) would claim the
 * executions that both a thread of Z and one of Z' could start, which neither exploration
 * took: their states are reached elsewhere, but their steps are in neither summary, so a later
 * cut could not race them with its path.
 *
 * <p>Summaries name threads by number and locations by object numbers: equal fingerprints have
 * the same threads in the same order and the same objects under the same numbers (each thread
 * and its {@code Thread} object go into the fingerprint in order, objects by allocation number),
 * so a step of a summary means the same in every state it is applied to.
 */
final class StateSummaries {
  /**
   * A finished state: the sleep sets its explorations had (none a subset of another), and
   * every step their subtrees took.
   */
  static final class Finished {
    final ArrayList<ThreadSet> sleeps = new ArrayList<>(1);
    long[] summary;

    Finished(ThreadSet sleep, long[] summary) {
      sleeps.add(sleep);
      this.summary = summary;
    }

    /** Whether one of its explorations covers what a visit with sleep set {@code sleep} calls for. */
    boolean covers(ThreadSet sleep) {
      for (ThreadSet z : sleeps) {
        if (z.minus(sleep).isEmpty()) {
          return true;
        }
      }
      return false;
    }

    /** Adds an exploration with sleep set {@code sleep}; one with a superset of it says no more. */
    void explored(ThreadSet sleep, long[] more) {
      sleeps.removeIf(z -> sleep.minus(z).isEmpty());
      sleeps.add(sleep);
      summary = or(summary, more);
    }
  }

  /**
   * One access of a summary step: thread, location, whether it changes the location, and an
   * exclusive lock the thread held as the step began ({@link EventLog#guard}, 0 if none).
   */
  private record Event(int thread, long location, byte mode, long guard) {}

  private final HashMap<Event, Integer> eventIds = new HashMap<>();
  private final List<Event> events = new ArrayList<>();
  /** The ids of the events of each location. */
  private final HashMap<Long, List<Integer>> eventsAt = new HashMap<>();
  /** The finished states, by fingerprint. */
  private final HashMap<Fingerprint, Finished> finished = new HashMap<>();
  /** For each node of the current path, by depth: the events taken at or below it so far. */
  private final ArrayList<long[]> below = new ArrayList<>();
  /** The finished state the last execution was cut at, and the depth it was cut at (-1 if none). */
  private Finished cut;
  private int cutDepth = -1;

  private record Fingerprint(long high, long low) {
    static Fingerprint of(byte[] b) {
      return new Fingerprint(VisitedStates.word(b, 0), VisitedStates.word(b, 8));
    }
  }

  /**
   * Whether an execution that reaches the state {@code fingerprint} with sleep set {@code
   * sleep} before decision {@code depth} may stop there: an earlier exploration of it is
   * finished and had no thread asleep that is awake now. Remembers the cut for {@link
   * #executionEnded}.
   */
  boolean cutsAt(byte[] fingerprint, int depth, ThreadSet sleep) {
    Finished f = finished.get(Fingerprint.of(fingerprint));
    if (f == null || !f.covers(sleep)) {
      return false;
    }
    cut = f;
    cutDepth = depth;
    return true;
  }

  void executionStarted() {
    cut = null;
    cutDepth = -1;
  }

  /**
   * The execution just run is over, before the search backtracks: its steps go into the
   * summaries of the path's nodes, and if it was cut at a finished state, that state's summary
   * goes into the last node's and its steps race with the path's (see the class comment).
   */
  void executionEnded(Explorer search) {
    EventLog log = search.log();
    int steps = Math.min(log.size(), search.pathSize());
    while (below.size() < search.pathSize()) {
      below.add(new long[1]);
    }
    // The steps before the last replayed one are in their nodes' summaries already; the last
    // replayed one may be a new thread or value at its node.
    for (int j = Math.max(0, search.replayLength() - 1); j < steps; j++) {
      int t = log.thread(j);
      AccessSet a = log.accesses(j);
      for (int k = 0; k < a.size(); k++) {
        byte mode = a.mode(k);
        if ((mode & AccessSet.SYNC_ONLY) != 0) {
          continue; // never the later step of a race (see EventLog.end)
        }
        below.set(j, set(below.get(j), eventId(t, a.location(k), (byte) (AccessSet.kind(mode) | mode & AccessSet.GUARD), log.guard(j))));
      }
    }
    if (cut != null && cutDepth > 0 && cutDepth <= search.pathSize()) {
      below.set(cutDepth - 1, or(below.get(cutDepth - 1), exposedBefore(cut.summary, log.accesses(cutDepth - 1))));
      raceWithPath(search, cut.summary, cutDepth);
    }
  }

  /**
   * Node {@code depth} of the path, in the state {@code fingerprint}, is finished: everything
   * below it was explored. Keeps its summary for that state and adds it to its parent's.
   */
  void nodeFinished(int depth, Node node, byte[] fingerprint, AccessSet stepBefore) {
    long[] summary = depth < below.size() ? below.get(depth) : new long[1];
    if (fingerprint != null) {
      Fingerprint key = Fingerprint.of(fingerprint);
      Finished f = finished.get(key);
      if (f == null) {
        finished.put(key, new Finished(node.sleep, summary));
      } else {
        f.explored(node.sleep, summary);
      }
    }
    if (depth > 0 && depth - 1 < below.size()) {
      below.set(depth - 1, or(below.get(depth - 1), stepBefore == null ? summary : exposedBefore(summary, stepBefore)));
    }
    if (depth < below.size()) {
      below.set(depth, new long[1]);
    }
  }

  /**
   * Each event of {@code summary} as if it ran after the first {@code depth} steps: the races
   * the event log would record for it ({@link EventLog#racesOfNextStep}), each reversed as
   * source-set DPOR does ({@link Reversals#reverse}).
   *
   * <p>Treating a summary event as the next step leaves out what its thread p joins on the way
   * to it in the future, so it over-approximates. One case is left out because it is never a
   * race in any future (the <em>orderedThroughLock</em> rule): the event's step began with p
   * holding an exclusive lock L, and the path step j it would race with began with its thread
   * q holding L too. Then in every execution that extends the path, j happens before p's step:
   * q releases L at j or after it (in the path or the future), p holds L without a break from
   * an acquisition a' of L, an earlier step of p, to its step, and mutual exclusion puts q's
   * release before a'; an acquisition joins the clock of the last release, which includes
   * every earlier critical section's, so j happens before a', hence before p's step's
   * predecessor, and the event log never races the two ({@link EventLog} races a step only with
   * steps not ordered before its thread's previous step). If a' is on the path, p's clock at the
   * cut includes j already. The rule is about the two steps only: acquisitions of L itself are
   * never guarded by L (a reentry is not a step), so they race as before, and so does an access
   * by a thread that does not hold the lock. Locks are named by object number (the same in every
   * state with the fingerprint, see the class comment); a lock without a number of its own is
   * never a guard ({@code Steps.begin}), as all such objects share one. Which lock a thread
   * took last among those it holds depends on the order it took them, which the fingerprint
   * does not say; but the rule only needs p to hold the lock, and the set of locks each thread
   * holds is part of the state. On {@code ConditionBuffer(2,2,2)} this drops the races of the
   * buffer's reads and writes and of the conditions' wait sets with the path's critical sections.
   */
  private void raceWithPath(Explorer search, long[] summary, int depth) {
    EventLog log = search.log();
    if (log.size() != depth) {
      // The log's per-location state is the state after its last step: it must be the cut's.
      throw new IllegalStateException("cut before step " + depth + " but the log has " + log.size() + " steps");
    }
    Reversals reversals = new Reversals(search, depth);
    for (int w = 0; w < summary.length; w++) {
      for (long bits = summary[w]; bits != 0; bits &= bits - 1) {
        Event e = events.get(w * 64 + Long.numberOfTrailingZeros(bits));
        for (int j : log.racesOfNextStep(e.thread(), e.location(), e.mode())) {
          if (e.guard() != 0 && e.guard() == log.guard(j)) {
            continue; // ordered through the lock both held, in every future (see orderedThroughLock)
          }
          reversals.reverse(log.blockStart(j), e.thread());
        }
      }
    }
  }

  /**
   * The races of steps of a cut path, the first {@code end} steps of the event log, with steps
   * of an unknown future w after it. The reversal of a race of step e with a step e' of w is
   * v = u.w'.e', where u is the steps after e on the path that do not happen after it, and w'
   * the steps of w before e' that do not happen after e. Source-set DPOR needs an initial of v
   * at the node before e (or one asleep there). What is known of v is u, and u comes first.
   */
  private static final class Reversals {
    private final Explorer search;
    private final EventLog log;
    private final int end;
    /** By step e: the initials of u, computed once. */
    private final ThreadSet[] initialsOfU;
    /** By step e: the threads that have no step in v, computed once. */
    private final ThreadSet[] outsideV;

    Reversals(Explorer search, int end) {
      this.search = search;
      this.log = search.log();
      this.end = end;
      this.initialsOfU = new ThreadSet[end];
      this.outsideV = new ThreadSet[end];
    }

    /**
     * Reverses a race of step {@code e} with a future step of thread {@code p}. Each initial
     * of u is one of v, whatever w is, since u comes first: if one is asleep at e's node or
     * to be explored there already, nothing is needed; else one is added ({@code p} if it is
     * one). If u has none that can run there, the initials of v are among the threads with
     * no step in u that have not seen e, and every such thread that can run is added.
     * (Flanagan and Godefroid's rule, which Yang et al. apply to the summaries, adds {@code p}
     * alone when it can run; but {@code p} need not be an initial of v, and the proof of
     * source-set DPOR asks for one.)
     */
    void reverse(int e, int p) {
      Node node = search.node(e);
      ThreadSet awake = node.enabled.minus(node.sleep);
      ThreadSet initials = initialsOfU(e);
      if (initials.intersects(node.backtrack) || initials.intersects(node.sleep)) {
        return;
      }
      ThreadSet candidates = initials.intersect(awake);
      ThreadSet add = candidates.isEmpty() ? awake.minus(outsideV(e))
          : ThreadSet.of(candidates.contains(p) ? p : candidates.first());
      node.backtrack = node.backtrack.union(add);
    }

    /**
     * The initials of u: the threads whose first step in u depends on no step of u before it
     * (a first step has no step of its own thread before it).
     */
    private ThreadSet initialsOfU(int e) {
      if (initialsOfU[e] != null) {
        return initialsOfU[e];
      }
      int te = log.thread(e);
      int le = log.localIndex(e);
      int[] u = new int[end - e];
      int size = 0;
      ThreadSet.Builder seen = new ThreadSet.Builder();
      ThreadSet.Builder initials = new ThreadSet.Builder();
      for (int x = e + 1; x < end; x++) {
        if (log.clockOf(x, te) >= le) {
          continue; // happens after e
        }
        int t = log.thread(x);
        if (!seen.contains(t)) {
          seen.add(t);
          AccessSet block = search.blockAccesses(x);
          boolean initial = true;
          for (int k = 0; k < size && initial; k++) {
            initial = !log.accesses(u[k]).dependsOn(block);
          }
          if (initial) {
            initials.add(t);
          }
        }
        u[size++] = x;
      }
      return initialsOfU[e] = initials.build();
    }

    /**
     * The threads with no step in v: e's own, and each thread whose first step after e on the
     * path happens after e (all its later steps then do too, those of w included).
     */
    private ThreadSet outsideV(int e) {
      if (outsideV[e] != null) {
        return outsideV[e];
      }
      int te = log.thread(e);
      int le = log.localIndex(e);
      ThreadSet.Builder seen = new ThreadSet.Builder();
      ThreadSet.Builder outside = new ThreadSet.Builder();
      outside.add(te);
      seen.add(te);
      for (int x = e + 1; x < end; x++) {
        int t = log.thread(x);
        if (!seen.contains(t)) {
          seen.add(t);
          if (log.clockOf(x, te) >= le) {
            outside.add(t);
          }
        }
      }
      return outsideV[e] = outside.build();
    }
  }

  private int eventId(int thread, long location, byte mode, long guard) {
    Event e = new Event(thread, location, mode, guard);
    Integer id = eventIds.get(e);
    if (id == null) {
      id = events.size();
      events.add(e);
      eventIds.put(e, id);
      eventsAt.computeIfAbsent(location, l -> new ArrayList<>()).add(id);
    }
    return id;
  }

  /**
   * The events of {@code summary}, a summary of the state after {@code step}, that may still
   * race with a step before it: those {@code step} does not shadow ({@link EventLog#shadows}).
   * Which steps come between two dependent ones is the same in every equivalent execution,
   * so this is a property of the event in its trace, not of the order explored.
   */
  private long[] exposedBefore(long[] summary, AccessSet step) {
    long[] exposed = summary;
    for (int k = 0; k < step.size(); k++) {
      List<Integer> ids = eventsAt.get(step.location(k));
      if (ids == null) {
        continue;
      }
      for (int id : ids) {
        int w = id >>> 6;
        if (w < exposed.length && (exposed[w] & 1L << id) != 0 && EventLog.shadows(step.mode(k), events.get(id).mode())) {
          if (exposed == summary) {
            exposed = summary.clone();
          }
          exposed[w] &= ~(1L << id);
        }
      }
    }
    return exposed;
  }

  private static long[] set(long[] bits, int id) {
    int w = id >>> 6;
    if (w >= bits.length) {
      bits = Arrays.copyOf(bits, Math.max(w + 1, bits.length * 2));
    }
    bits[w] |= 1L << id;
    return bits;
  }

  /** {@code into} with the bits of {@code from} added (a new array if {@code into} is too short). */
  private static long[] or(long[] into, long[] from) {
    if (from.length > into.length) {
      into = Arrays.copyOf(into, from.length);
    }
    for (int w = 0; w < from.length; w++) {
      into[w] |= from[w];
    }
    return into;
  }
}
