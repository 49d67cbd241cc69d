package pinmc.embedded.search;

import java.util.ArrayList;

/**
 * Depth-first search over the schedules of a model, one execution at a time (stateless
 * model checking). The current path is a list of {@link Node}s; an execution replays the
 * path's decisions up to the node being re-decided, then extends it with default choices.
 * After each execution, race analysis adds threads to explore at earlier nodes, and the
 * search backtracks to the deepest node with something left to explore.
 *
 * <p>With {@link #dpor} on, this is source-set DPOR with sleep sets (Abdulla, Aronis,
 * Jonsson and Sagonas, "Optimal Dynamic Partial Order Reduction", POPL 2014, Algorithm 1):
 * for each race between steps e and e' of an execution E, with v the steps after e that do
 * not happen after e followed by e', some thread among the initials of v is explored from
 * the state before e unless one already is. Off, every enabled thread is explored at every
 * node: plain enumeration, the reference the reduction is tested against.
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

  private final boolean dpor;
  private final int preemptionBound;
  private final ArrayList<Node> path = new ArrayList<>();
  private final EventLog log = new EventLog();
  private int replayLength;
  private boolean preemptionBoundHit;
  private String divergence;
  private long executions;
  private long sleepBlocked;

  /**
   * @param dpor whether to reduce with DPOR and sleep sets
   * @param preemptionBound the most preemptions a schedule may have, or -1 for no bound
   */
  public Explorer(boolean dpor, int preemptionBound) {
    this.dpor = dpor;
    this.preemptionBound = preemptionBound;
  }

  /**
   * An explorer that replays {@code decisions} (thread, choice or -1), then continues with
   * default choices: how a saved counterexample is run again.
   */
  public static Explorer following(int[][] decisions, long[] signatures) {
    Explorer e = new Explorer(false, -1);
    for (int k = 0; k < decisions.length; k++) {
      Node n = new Node(k);
      n.chosen = decisions[k][0];
      n.choice = Math.max(0, decisions[k][1]);
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
    }
    if (enabled == 0) {
      return NO_THREAD;
    }
    long candidates = enabled & ~node.sleep;
    if (candidates == 0) {
      sleepBlocked++;
      return SLEEP_BLOCKED;
    }
    long affordable = withinBound(node, candidates);
    if (affordable == 0) {
      preemptionBoundHit = true;
      return PREEMPTION_CUT;
    }
    if (affordable != candidates) {
      preemptionBoundHit = true;
    }
    int chosen = node.lastThread >= 0 && (affordable & (1L << node.lastThread)) != 0
        ? node.lastThread
        : Long.numberOfTrailingZeros(affordable);
    node.chosen = chosen;
    node.backtrack = dpor ? 1L << chosen : affordable;
    node.choice = 0;
    node.choiceCount = view.choiceCount(chosen);
    node.signature = view.signature(chosen);
    node.recorded = true;
    path.add(node);
    return chosen;
  }

  private long replay(Node node, long enabled, SchedulingView view) {
    if ((enabled & (1L << node.chosen)) == 0) {
      divergence = "thread " + node.chosen + " was to take step " + node.depth + " but is not enabled";
      return DIVERGED;
    }
    long signature = view.signature(node.chosen);
    if (!node.recorded) {
      node.choiceCount = view.choiceCount(node.chosen);
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
      if (node.choice + 1 < node.choiceCount) {
        node.choice++;
        truncate(k + 1);
        return true;
      }
      node.done |= 1L << node.chosen;
      if (k < log.size()) {
        AccessSet before = node.step(node.chosen);
        AccessSet taken = log.accesses(k).copy();
        if (before != null) {
          taken.addAll(before);
        }
        node.setStep(node.chosen, taken);
      }
      long next = node.backtrack & ~node.done & ~node.sleep & node.enabled;
      if (next != 0) {
        int q = Long.numberOfTrailingZeros(next);
        node.chosen = q;
        node.choice = 0;
        node.recorded = false;
        truncate(k + 1);
        return true;
      }
      path.remove(k);
    }
    replayLength = 0;
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
      int i = log.raceEarlier(r);
      int j = log.raceLater(r);
      if (i >= path.size() || j >= n) {
        continue;
      }
      long initials = initialsOfReversal(i, j);
      Node node = path.get(i);
      if ((initials & (node.backtrack | node.sleep)) != 0) {
        continue;
      }
      long candidates = initials & node.enabled & ~node.sleep;
      long add = candidates != 0 ? Long.lowestOneBit(candidates) : node.enabled & ~node.sleep;
      addBacktrack(i, add);
    }
  }

  /**
   * The initials of v = notdep(e_i).e_j: the threads whose first step in v has no other
   * step of v before it in happens-before order. Any of them can start an execution that
   * reverses the race.
   */
  private long initialsOfReversal(int i, int j) {
    int ti = log.thread(i);
    int li = log.localIndex(i);
    long seen = 0;
    long initials = 0;
    int[] firstLocal = new int[64];
    for (int x = i + 1; x <= j; x++) {
      if (x != j && log.clockOf(x, ti) >= li) {
        continue; // happens after e_i: not in v
      }
      int t = log.thread(x);
      if ((seen & (1L << t)) != 0) {
        continue;
      }
      boolean hasPredecessor = false;
      for (long s = seen; s != 0; s &= s - 1) {
        int u = Long.numberOfTrailingZeros(s);
        if (log.clockOf(x, u) >= firstLocal[u]) {
          hasPredecessor = true;
          break;
        }
      }
      seen |= 1L << t;
      firstLocal[t] = log.localIndex(x);
      if (!hasPredecessor) {
        initials |= 1L << t;
      }
    }
    return initials;
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

  public long sleepBlocked() {
    return sleepBlocked;
  }

  public boolean preemptionBoundHit() {
    return preemptionBoundHit;
  }

  /** What each step of the current path did, for {@link #following} to compare on replay. */
  public long[] currentSignatures() {
    long[] s = new long[path.size()];
    for (int k = 0; k < path.size(); k++) {
      s[k] = path.get(k).signature;
    }
    return s;
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
