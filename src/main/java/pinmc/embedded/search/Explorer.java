package pinmc.embedded.search;

import java.util.ArrayList;
import pinmc.check.Reduction;

/**
 * Depth-first search over the schedules of a model, one execution at a time (stateless
 * model checking). The current path is a list of {@link Node}s; an execution replays the
 * path's decisions up to the node being re-decided, then extends it with default choices.
 * After each execution, race analysis adds threads to explore at earlier nodes, and the
 * search backtracks to the deepest node with something left to explore.
 *
 * <p>Three reductions (Abdulla, Aronis, Jonsson and Sagonas, "Optimal Dynamic Partial Order
 * Reduction", POPL 2014). For each race between steps e and e' of an execution E, let v be
 * the steps after e that do not happen after e, followed by e'; exploring v from the state
 * before e reverses the race.
 * <ul>
 *   <li>{@link Reduction#DPOR}: optimal DPOR (Algorithm 2). v is inserted into the wakeup
 *       tree of the node before e unless a sleeping thread already covers it, and the search
 *       follows those trees, so it runs one execution per Mazurkiewicz trace.
 *   <li>{@link Reduction#SOURCE}: source-set DPOR with sleep sets (Algorithm 1). Only one
 *       thread among the initials of v is added; the rest of v must fall into place, and
 *       where it does not, an execution ends blocked by its sleep set.
 *   <li>{@link Reduction#NONE}: every enabled thread at every node: plain enumeration, the
 *       reference both reductions are tested against.
 * </ul>
 * Under a preemption bound, sleep sets could hide schedules within the bound, so both
 * reductions fall back to source sets without sleep sets there.
 */
public final class Explorer {
  /** {@link #decide} found no enabled thread: the execution is over (or deadlocked). */
  public static final long NO_THREAD = -1;
  /** {@link #decide} found every enabled thread asleep: the execution is redundant. */
  public static final long SLEEP_BLOCKED = -2;
  /** {@link #decide} found the replayed execution behaving differently from its record. */
  public static final long DIVERGED = -3;
  /** {@link #decide} could only continue with a preemption beyond the bound. */
  public static final long PREEMPTION_CUT = -4;

  /** Whether races add schedules to explore (else every enabled thread is explored). */
  private final boolean dpor;
  /** Whether the search follows wakeup trees (optimal DPOR). */
  private final boolean optimal;
  private final int preemptionBound;
  private long wakeupMisses;
  private final ArrayList<Node> path = new ArrayList<>();
  private final EventLog log = new EventLog();
  private int replayLength;
  private boolean preemptionBoundHit;
  private String divergence;
  private long executions;

  /**
   * @param reduction how to reduce the interleavings explored
   * @param preemptionBound the most preemptions a schedule may have, or -1 for no bound
   */
  public Explorer(Reduction reduction, int preemptionBound) {
    this.dpor = reduction != Reduction.NONE;
    this.optimal = reduction == Reduction.DPOR && preemptionBound < 0;
    this.preemptionBound = preemptionBound;
  }

  /**
   * An explorer that replays {@code decisions} (thread, choice or -1), then continues with
   * default choices: how a saved counterexample is run again.
   */
  public static Explorer following(int[][] decisions, long[] signatures) {
    Explorer e = new Explorer(Reduction.NONE, -1);
    for (int k = 0; k < decisions.length; k++) {
      Node n = new Node(k);
      n.chosen = decisions[k][0];
      n.choice = Math.max(0, decisions[k][1]);
      n.choiceStart = n.choice;
      if (signatures != null) {
        // Known from the search: a step that does something else on replay is a divergence.
        n.signature = signatures[k];
        n.recorded = true;
      }
      e.path.add(n);
    }
    e.replayLength = decisions.length;
    return e;
  }

  public EventLog log() {
    return log;
  }

  /** Prepares for the next execution. */
  public void startExecution() {
    log.reset();
    divergence = null;
    executions++;
  }

  /**
   * The decision at scheduling point {@code depth}: a thread number in the low 16 bits and
   * the chosen value above them, or one of the negative constants of this class.
   */
  public long decide(int depth, SchedulingView view) {
    long enabled = view.enabled();
    if (depth < replayLength) {
      return replay(path.get(depth), enabled, view);
    }
    Node node = new Node(depth);
    node.enabled = enabled;
    node.lastThread = view.lastThread();
    if (depth > 0) {
      Node prev = path.get(depth - 1);
      node.preemptionsBefore = prev.preemptionsBefore + (prev.preempts(prev.chosen) ? 1 : 0);
      if (dpor && preemptionBound < 0) {
        // A sleep set claims that a thread's subtree was explored in full; under a
        // preemption bound it may have been cut, so sleep sets would hide schedules within
        // the bound. Bounded searches backtrack on races alone.
        inheritSleep(prev, node, log.accesses(depth - 1));
      }
      if (optimal) {
        node.wakeup = prev.subtree;
        prev.subtree = null;
      }
    }
    if (enabled == 0) {
      return NO_THREAD;
    }
    long candidates = enabled & ~node.sleep;
    if (candidates == 0) {
      return SLEEP_BLOCKED;
    }
    if (node.wakeup != null && !node.wakeup.isEmpty()) {
      return follow(node, candidates, view);
    }
    long affordable = withinBound(node, candidates);
    if (affordable == 0) {
      preemptionBoundHit = true;
      return PREEMPTION_CUT;
    }
    if (affordable != candidates) {
      preemptionBoundHit = true;
    }
    int chosen = preferred(node, affordable);
    node.backtrack = dpor ? (optimal ? 0 : 1L << chosen) : affordable;
    return take(node, chosen, 0, view);
  }

  /** The thread to try first among {@code threads}: the one that ran last, so as not to preempt it. */
  private static int preferred(Node node, long threads) {
    return node.lastThread >= 0 && (threads & (1L << node.lastThread)) != 0
        ? node.lastThread
        : Long.numberOfTrailingZeros(threads);
  }

  /** Records that {@code node} takes {@code thread}'s step with value {@code choice}, and returns that decision. */
  private long take(Node node, int thread, int choice, SchedulingView view) {
    node.chosen = thread;
    node.choiceCount = view.choiceCount(thread);
    node.choiceStart = choice < node.choiceCount ? choice : 0;
    node.choice = node.choiceStart;
    node.choicesTried = 0;
    node.signature = view.signature(thread);
    node.recorded = true;
    path.add(node);
    return thread | ((long) node.choice << 16);
  }

  /** A new node with wakeup trees to explore: takes the first tree's first step. */
  private long follow(Node node, long candidates, SchedulingView view) {
    WakeupTree next = node.wakeup.remove(0);
    if ((candidates & (1L << next.thread)) != 0 && view.signature(next.thread) == next.signature
        && next.choice < view.choiceCount(next.thread)) {
      node.subtree = next.children;
      return take(node, next.thread, next.choice, view);
    }
    // The step the tree was built from is not the one on offer here: the tree's premise
    // failed, so explore every awake thread from here rather than trust the rest of it.
    wakeupMisses++;
    node.backtrack = candidates;
    return take(node, preferred(node, candidates), 0, view);
  }

  private long replay(Node node, long enabled, SchedulingView view) {
    if ((enabled & (1L << node.chosen)) == 0) {
      divergence = "thread " + node.chosen + " was to take step " + node.depth + " but is not enabled";
      return DIVERGED;
    }
    long signature = view.signature(node.chosen);
    if (!node.recorded) {
      node.choiceCount = view.choiceCount(node.chosen);
        if (node.expected && (signature != node.signature || node.choice >= node.choiceCount)) {
        // A wakeup tree's step that is not what the tree was built from: explore every
        // thread from here instead of following the rest of the tree.
        wakeupMisses++;
        node.subtree = null;
        node.backtrack |= enabled & ~node.sleep;
        node.choiceStart = 0;
        node.choice = 0;
      }
      node.expected = false;
      node.signature = signature;
      node.recorded = true;
    } else if (signature != node.signature) {
      divergence = "thread " + node.chosen + " was to repeat step " + node.depth + " but did something else";
      return DIVERGED;
    }
    return node.chosen | ((long) node.choice << 16);
  }

  private static void inheritSleep(Node prev, Node node, AccessSet taken) {
    long asleep = prev.sleep | (prev.done & ~(1L << prev.chosen));
    for (long s = asleep; s != 0; s &= s - 1) {
      int q = Long.numberOfTrailingZeros(s);
      AccessSet step = prev.step(q);
      if (step != null && !step.dependsOn(taken)) {
        node.sleep |= 1L << q;
        node.setStep(q, step);
      }
    }
  }

  private long withinBound(Node node, long threads) {
    if (preemptionBound < 0) {
      return threads;
    }
    long ok = 0;
    for (long s = threads; s != 0; s &= s - 1) {
      int t = Long.numberOfTrailingZeros(s);
      if (node.preemptionsBefore + (node.preempts(t) ? 1 : 0) <= preemptionBound) {
        ok |= 1L << t;
      }
    }
    return ok;
  }

  /** Why the last execution diverged, if it did. */
  public String divergence() {
    return divergence;
  }

  /**
   * Ends the execution just run: analyses its races and moves to the next schedule to run.
   * Returns false when the search is complete.
   */
  public boolean finishExecution() {
    if (dpor) {
      addBacktrackPointsForRaces();
    }
    for (int k = path.size() - 1; k >= 0; k--) {
      Node node = path.get(k);
      if (k < log.size()) {
        // Every value's step goes into what the thread did from here, so that a sleep set
        // built on it is broken by what any of the values touched, not just the last.
        AccessSet taken = blockAccesses(k);
        AccessSet before = node.step(node.chosen);
        if (before != null) {
          taken.addAll(before);
        }
        node.setStep(node.chosen, taken);
      }
      if (node.choicesTried + 1 < node.choiceCount) {
        node.choicesTried++;
        node.choice = (node.choiceStart + node.choicesTried) % node.choiceCount;
        if (optimal) {
          WakeupTree t = WakeupTree.take(node.wakeup, node.chosen, node.choice);
          node.subtree = t == null ? null : t.children;
        }
        truncate(k + 1);
        return true;
      }
      node.done |= 1L << node.chosen;
      if (optimal && nextWakeupTree(node)) {
        truncate(k + 1);
        return true;
      }
      long next = node.backtrack & ~node.done & ~node.sleep & node.enabled;
      if (next != 0) {
        int q = Long.numberOfTrailingZeros(next);
        node.chosen = q;
        node.choiceStart = 0;
        node.choice = 0;
        node.choicesTried = 0;
        node.subtree = null;
        node.recorded = false;
        node.expected = false;
        truncate(k + 1);
        return true;
      }
      path.remove(k);
    }
    replayLength = 0;
    return false;
  }

  /** Moves {@code node} on to its next wakeup tree, if it has one still to explore. */
  private boolean nextWakeupTree(Node node) {
    while (node.wakeup != null && !node.wakeup.isEmpty()) {
      WakeupTree t = node.wakeup.remove(0);
      long bit = 1L << t.thread;
      if (((node.done | node.sleep) & bit) != 0) {
        continue; // every value of that thread's step has been explored from here
      }
      if ((node.enabled & bit) == 0) {
        wakeupMisses++;
        node.backtrack |= node.enabled;
        continue;
      }
      node.chosen = t.thread;
      node.choiceStart = t.choice;
      node.choice = t.choice;
      node.choicesTried = 0;
      node.subtree = t.children;
      node.signature = t.signature;
      node.expected = true;
      node.recorded = false;
      return true;
    }
    return false;
  }

  private void truncate(int length) {
    while (path.size() > length) {
      path.remove(path.size() - 1);
    }
    replayLength = length;
  }

  private void addBacktrackPointsForRaces() {
    int n = log.size();
    for (int r = 0; r < log.raceCount(); r++) {
      // Inside an atomic block only its thread can run: reverse the race before the block.
      int i = log.blockStart(log.raceEarlier(r));
      int j = log.raceLater(r);
      if (i >= path.size() || j >= n) {
        continue;
      }
      Node node = path.get(i);
      Reversal v = Reversal.of(log, i, j);
      if (optimal) {
        if (!sleepCovers(node, v)) {
          insert(node, v);
        }
        continue;
      }
      long initials = v.initials(log);
      if ((initials & (node.backtrack | node.sleep)) != 0) {
        continue;
      }
      long candidates = initials & node.enabled & ~node.sleep;
      long add = candidates != 0 ? Long.lowestOneBit(candidates) : node.enabled & ~node.sleep;
      addBacktrack(i, add);
    }
  }

  /** {@link #weakInitial}: the thread has no step in v and its step is independent of all of v. */
  private static final int INDEPENDENT = -2;
  /** {@link #weakInitial}: the step cannot start an execution equivalent to one starting with v. */
  private static final int NOT_INITIAL = -1;

  /**
   * Whether {@code thread}'s step {@code step} is a weak initial of the steps of v not yet
   * {@code gone}: where its first step in v is, if that step has nothing in v before it in
   * happens-before order (and is the same step, when {@code signature} is given); {@link
   * #INDEPENDENT} if it has no step in v and is independent of every step in v; else
   * {@link #NOT_INITIAL}.
   */
  private int weakInitial(int thread, AccessSet step, boolean matchStep, int choice, long signature, Reversal v) {
    boolean independent = step != null;
    for (int k = 0; k < v.length(); k++) {
      if (v.isGone(k)) {
        continue;
      }
      int x = v.steps[k];
      if (log.thread(x) == thread) {
        if (v.hasPredecessorLeft(k)) {
          return NOT_INITIAL;
        }
        if (matchStep) {
          Node at = path.get(x);
          if (at.choice != choice || at.signature != signature) {
            return NOT_INITIAL;
          }
        }
        return k;
      }
      if (independent && step.dependsOn(log.accesses(x))) {
        independent = false;
      }
    }
    return independent ? INDEPENDENT : NOT_INITIAL;
  }

  /**
   * Whether a thread asleep at {@code node} (or explored from it already) is a weak initial
   * of v: then an execution equivalent to one starting with v has been or will be explored.
   *
   * <p>A weak initial either starts v (its first step in v has nothing in v before it) or
   * has no step in v and is independent of all of it. A sleeping thread whose step chooses
   * covers v under every value: every value was explored from where it went to sleep.
   */
  private boolean sleepCovers(Node node, Reversal v) {
    for (long s = (node.sleep | node.done) & ~(1L << node.chosen); s != 0; s &= s - 1) {
      int q = Long.numberOfTrailingZeros(s);
      int w = weakInitial(q, node.step(q), false, 0, 0, v);
      if (w >= 0) {
        return true;
      }
      if (w == INDEPENDENT) {
        return true;
      }
    }
    return false;
  }

  /**
   * Inserts v into {@code node}'s wakeup trees (the paper's insert[E](v, wut)): descends
   * through the first tree whose step is a weak initial of what is left of v, taking that
   * step out of v; stops if it reaches a leaf (some schedule to explore already covers v) or
   * v runs out; else adds the rest of v as the last branch where it got to.
   */
  private void insert(Node node, Reversal v) {
    if (node.wakeup == null) {
      node.wakeup = new ArrayList<>(2);
    }
    insertAt(node.wakeup, v, node.chosen);
  }

  /**
   * {@link #insert} from {@code level} down. {@code current}: a thread whose trees at this
   * level are the values of a choice still to try at the race's own node, or -1. Those
   * trees continue the step the race is reversed against, so they cannot start v.
   */
  private void insertAt(ArrayList<WakeupTree> level, Reversal v, int current) {
    descend:
    while (!v.isEmpty()) {
      for (WakeupTree t : level) {
        if (t.thread == current) {
          continue;
        }
        int k = weakInitial(t.thread, t.step, true, t.choice, t.signature, v);
        if (k == NOT_INITIAL) {
          continue;
        }
        if (k == INDEPENDENT && t.chooses()) {
          insertUnderEveryValue(level, t, v);
          return;
        }
        if (t.isLeaf()) {
          return;
        }
        if (k >= 0) {
          v.remove(k);
        }
        level = t.children;
        current = -1;
        continue descend;
      }
      addBranch(level, v);
      return;
    }
  }

  /**
   * v passes a step that chooses, by a thread with no step in v. A branch through one value
   * of that choice covers only the executions that choose that value: the rest of v goes
   * under the branch of every value, and a value with no branch here gets one. (In the
   * paper's programs a thread's next step is one event; through a choice, the step taken
   * here is one of several, and a reversal that slips past it under one value alone is lost
   * for the others: the weak-initial loss the README's known limits used to describe.)
   */
  private void insertUnderEveryValue(ArrayList<WakeupTree> level, WakeupTree choosing, Reversal v) {
    int values = choosing.values;
    ArrayList<WakeupTree> present = new ArrayList<>(values);
    for (WakeupTree t : level) {
      if (t.thread == choosing.thread && t.chooses() && t.signature == choosing.signature) {
        present.add(t);
      }
    }
    for (int value = 0; value < values; value++) {
      WakeupTree branch = null;
      for (WakeupTree t : present) {
        if (t.choice == value) {
          branch = t;
        }
      }
      if (branch == null) {
        branch = new WakeupTree(choosing.thread, value, choosing.values, choosing.step, choosing.signature);
        level.add(branch);
      } else if (branch.isLeaf()) {
        continue; // exploring past the leaf covers v for this value
      }
      insertAt(branch.children, v.copy(), -1);
    }
  }

  /**
   * What step {@code x} touched, with the rest of its atomic block if it begins one: a step
   * that begins a block did all the block did, though a choice or a thread query split it
   * in the log.
   */
  private AccessSet blockAccesses(int x) {
    AccessSet a = log.accesses(x).copy();
    for (int y = x + 1; y < log.size() && log.continues(y); y++) {
      a.addAll(log.accesses(y));
    }
    return a;
  }

  /** Adds what is left of v as a new branch at {@code level}. */
  private void addBranch(ArrayList<WakeupTree> level, Reversal v) {
    for (int k = 0; k < v.length(); k++) {
      if (!v.isGone(k)) {
        int x = v.steps[k];
        Node at = path.get(x);
        WakeupTree t = new WakeupTree(log.thread(x), at.choice, at.choiceCount, blockAccesses(x), at.signature);
        level.add(t);
        level = t.children;
      }
    }
  }

  /** Executions that could not follow a wakeup tree and fell back to exploring every thread there. */
  public long wakeupMisses() {
    return wakeupMisses;
  }

  private void addBacktrack(int i, long threads) {
    if (preemptionBound < 0) {
      path.get(i).backtrack |= threads;
      return;
    }
    // Under a preemption bound a reversal may be out of reach where the race is; as in
    // bounded partial-order reduction (Coons, Musuvathi and McKinley, 2013) it is also
    // tried from the latest earlier node where it costs no more than the bound allows.
    for (long s = threads; s != 0; s &= s - 1) {
      int q = Long.numberOfTrailingZeros(s);
      boolean placed = false;
      for (int k = i; k >= 0 && !placed; k--) {
        Node node = path.get(k);
        if ((node.enabled & (1L << q)) == 0 || (node.sleep & (1L << q)) != 0) {
          continue;
        }
        if (withinBound(node, 1L << q) != 0) {
          node.backtrack |= 1L << q;
          placed = true;
        }
        if (k == i && !placed) {
          preemptionBoundHit = true;
        }
      }
    }
  }

  public long executions() {
    return executions;
  }

  public boolean preemptionBoundHit() {
    return preemptionBoundHit;
  }

  private java.util.Set<java.util.List<Long>> traces;

  /** Starts counting the distinct Mazurkiewicz traces of the executions passed to {@link #countTrace}. */
  public void countTraces() {
    traces = new java.util.HashSet<>();
  }

  /** Counts the trace of the execution just run (call for complete executions only). */
  public void countTrace() {
    long[] f = log.traceFingerprint();
    traces.add(java.util.List.of(f[0], f[1]));
  }

  /** Distinct traces counted, or -1 if counting is off. */
  public long distinctTraces() {
    return traces == null ? -1 : traces.size();
  }

  /** What each step of the current path did, for {@link #following} to compare on replay. */
  public long[] currentSignatures() {
    long[] s = new long[path.size()];
    for (int k = 0; k < path.size(); k++) {
      s[k] = path.get(k).signature;
    }
    return s;
  }

  /**
   * For a search that goes on after a failure: the execution just run stopped at a failure in
   * its last step, which in effect disabled every other thread. As with any step that disables
   * another, that makes it dependent on each enabled thread's next step, so each of them is
   * also tried in its place; without this, a thread that had not run yet before the failure
   * would never be tried before it. Call before {@link #finishExecution}.
   */
  public void lastStepFailed() {
    if (path.isEmpty()) {
      return;
    }
    Node node = path.get(log.size() > 0 ? log.blockStart(Math.min(path.size(), log.size()) - 1) : path.size() - 1);
    node.backtrack |= withinBound(node, node.enabled & ~node.sleep);
  }

  /**
   * The preemptions in the current path: steps that switched away from a thread that could
   * have gone on (for a search's path; the nodes of {@link #following} do not know what was enabled).
   */
  public int currentPreemptions() {
    int n = 0;
    for (Node node : path) {
      n += node.preempts(node.chosen) ? 1 : 0;
    }
    return n;
  }

  /** The schedule of the current path, as (thread, choice) pairs. */
  public int[][] currentSchedule() {
    int[][] s = new int[path.size()][];
    for (int k = 0; k < path.size(); k++) {
      Node n = path.get(k);
      s[k] = new int[] {n.chosen, n.choiceCount > 1 ? n.choice : -1};
    }
    return s;
  }
}
