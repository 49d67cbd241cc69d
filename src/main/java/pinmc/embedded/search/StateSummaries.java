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
 * cut at, each step as (thread, location, whether it changes the location) for every location
 * it touched. Where an execution is cut, each summary step is treated as if it ran next,
 * conservatively: without the happens-before order inside the summary, it is taken to race
 * with <em>every</em> earlier step of another thread on the path that it depends on, not only
 * the last, unless that step happens before the summary step's thread's last step on the path
 * (then it happens before every later step of that thread, and there is no race). At the node before such a step, its thread is added if it is enabled and awake
 * there, else every enabled thread that is awake (as in Flanagan and Godefroid's DPOR, POPL
 * 2005, where the thread of the later step cannot run at the race's node).
 *
 * <p>Sleep sets: an exploration from a state with sleep set Z covers every execution from it
 * that no thread of Z could start. A later visit with sleep set Z' is cut only if Z ⊆ Z';
 * otherwise the state is explored again with Z', and afterwards Z ∩ Z' is kept, since the two
 * explorations together cover what Z ∩ Z' calls for (as in Godefroid's state caching with
 * sleep sets, LNCS 1032, 1996).
 *
 * <p>Summaries name threads by number and locations by object numbers: equal fingerprints have
 * the same threads in the same order and the same objects under the same numbers (each thread
 * and its {@code Thread} object go into the fingerprint in order, objects by allocation number),
 * so a step of a summary means the same in every state it is applied to.
 */
final class StateSummaries {
  /** A finished state: the sleep set its exploration had, and every step its subtree took. */
  private static final class Finished {
    ThreadSet sleep;
    long[] summary;

    Finished(ThreadSet sleep, long[] summary) {
      this.sleep = sleep;
      this.summary = summary;
    }
  }

  /** One access of a summary step: thread, location and whether it changes the location. */
  private record Event(int thread, long location, boolean changes) {}

  private final HashMap<Event, Integer> eventIds = new HashMap<>();
  private final List<Event> events = new ArrayList<>();
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
    if (f == null || !f.sleep.minus(sleep).isEmpty()) {
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
        below.set(j, set(below.get(j), eventId(t, a.location(k), changes(mode))));
      }
    }
    if (cut != null && cutDepth > 0 && cutDepth <= search.pathSize()) {
      below.set(cutDepth - 1, or(below.get(cutDepth - 1), cut.summary));
      raceWithPath(search, cut.summary, cutDepth);
    }
  }

  /**
   * Node {@code depth} of the path, in the state {@code fingerprint}, is finished: everything
   * below it was explored. Keeps its summary for that state and adds it to its parent's.
   */
  void nodeFinished(int depth, Node node, byte[] fingerprint) {
    long[] summary = depth < below.size() ? below.get(depth) : new long[1];
    if (fingerprint != null) {
      Fingerprint key = Fingerprint.of(fingerprint);
      Finished f = finished.get(key);
      if (f == null) {
        finished.put(key, new Finished(node.sleep, summary));
      } else {
        f.sleep = f.sleep.intersect(node.sleep);
        f.summary = or(f.summary, summary);
      }
    }
    if (depth > 0 && depth - 1 < below.size()) {
      below.set(depth - 1, or(below.get(depth - 1), summary));
    }
    if (depth < below.size()) {
      below.set(depth, new long[1]);
    }
  }

  /**
   * Each event of {@code summary} as if it ran after the first {@code depth} steps: at the node
   * before every earlier step of another thread that it depends on, its thread if that is
   * enabled and awake there, else every enabled thread that is awake.
   */
  private void raceWithPath(Explorer search, long[] summary, int depth) {
    EventLog log = search.log();
    HashMap<Long, List<int[]>> byLocation = new HashMap<>();
    int[] lastStep = new int[8];
    Arrays.fill(lastStep, -1);
    for (int j = 0; j < depth && j < log.size(); j++) {
      int t = log.thread(j);
      if (t >= lastStep.length) {
        int n = lastStep.length;
        lastStep = Arrays.copyOf(lastStep, Math.max(t + 1, 2 * n));
        Arrays.fill(lastStep, n, lastStep.length, -1);
      }
      lastStep[t] = j;
    }
    for (int j = 0; j < depth && j < log.size(); j++) {
      AccessSet a = log.accesses(j);
      for (int k = 0; k < a.size(); k++) {
        byte mode = a.mode(k);
        byte kind = AccessSet.kind(mode);
        if ((mode & AccessSet.SYNC_ONLY) != 0 && (kind == AccessSet.READ || kind == AccessSet.WRITE)) {
          continue; // a sync-only data access is never the earlier step of a race; lock operations are
        }
        byLocation.computeIfAbsent(a.location(k), l -> new ArrayList<>()).add(new int[] {j, changes(mode) ? 1 : 0});
      }
    }
    for (int w = 0; w < summary.length; w++) {
      for (long bits = summary[w]; bits != 0; bits &= bits - 1) {
        Event e = events.get(w * 64 + Long.numberOfTrailingZeros(bits));
        List<int[]> accesses = byLocation.get(e.location());
        if (accesses == null) {
          continue;
        }
        int p = e.thread();
        int last = p < lastStep.length ? lastStep[p] : -1;
        for (int[] access : accesses) {
          int j = access[0];
          if (log.thread(j) == p || !e.changes() && access[1] == 0) {
            continue;
          }
          if (last >= 0 && log.happensBefore(j, last)) {
            continue; // j happens before p's last step on the path, so before every later step of p: no race
          }
          Node node = search.node(log.blockStart(j));
          ThreadSet awake = node.enabled.minus(node.sleep);
          node.backtrack = node.backtrack.union(awake.contains(e.thread()) ? ThreadSet.of(e.thread()) : awake);
        }
      }
    }
  }

  /** Whether an access of this mode conflicts with every other access of its location (see {@link AccessSet#dependsOn}). */
  private static boolean changes(byte mode) {
    byte k = AccessSet.kind(mode);
    return k == AccessSet.WRITE || k == AccessSet.ACQUIRE || k == AccessSet.RELEASE;
  }

  private int eventId(int thread, long location, boolean changes) {
    Event e = new Event(thread, location, changes);
    Integer id = eventIds.get(e);
    if (id == null) {
      id = events.size();
      events.add(e);
      eventIds.put(e, id);
    }
    return id;
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
