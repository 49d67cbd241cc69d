package pinmc.embedded.search;

import java.util.ArrayList;

/**
 * Optimal DPOR (Abdulla, Aronis, Jonsson and Sagonas, POPL 2014, Algorithm 2): the reversal v
 * of each race is inserted into the wakeup trees of the node before the race unless a
 * sleeping thread already covers it, and new nodes follow those trees, so the search runs one
 * execution per Mazurkiewicz trace.
 *
 * <p>One extension, for data choices. The paper's threads are deterministic, so a thread's
 * next step is one event; a {@code Choice} step is one of several. A reversal that passes a
 * choosing step in a tree goes under the branch of every value ({@link
 * #insertUnderEveryValue}).
 */
final class OptimalDpor implements Strategy {
  /** {@link #weakInitial}: the thread has no step in v and its step is independent of all of v. */
  private static final int INDEPENDENT = -2;
  /** {@link #weakInitial}: the step cannot start an execution equivalent to one starting with v. */
  private static final int NOT_INITIAL = -1;

  private final Explorer search;

  OptimalDpor(Explorer search) {
    this.search = search;
  }

  @Override
  public boolean sleepSets() {
    return true;
  }

  @Override
  public void entered(Node prev, Node node) {
    node.wakeup = prev.subtree;
    prev.subtree = null;
  }

  /** A new node with wakeup trees to explore takes the first tree's first step. */
  @Override
  public Decision planned(Node node, ThreadSet candidates, SchedulingView view) {
    if (candidates.isEmpty() || node.wakeup == null || node.wakeup.isEmpty()) {
      return NOT_PLANNED;
    }
    WakeupTree next = node.wakeup.remove(0);
    if (candidates.contains(next.thread) && view.signature(next.thread) == next.signature
        && next.choice < view.choiceCount(next.thread)) {
      node.subtree = next.children;
      return search.take(node, next.thread, next.choice, view);
    }
    // The step the tree was built from is not the one on offer here: the tree's premise
    // failed, so explore every awake thread from here rather than trust the rest of it.
    search.countWakeupMiss();
    node.backtrack = candidates;
    return search.take(node, Explorer.preferred(node, candidates), 0, view);
  }

  /** Only a fallback under optimal DPOR: what to explore where a wakeup tree could not be followed. */
  @Override
  public ThreadSet backtrackOf(int chosen, ThreadSet affordable) {
    return ThreadSet.EMPTY;
  }

  /**
   * A wakeup tree's step that is not what the tree was built from: explore every thread from
   * here instead of following the rest of the tree.
   */
  @Override
  public void firstRun(Node node, long signature, ThreadSet enabled) {
    if (node.expected && (signature != node.signature || node.choice >= node.choiceCount)) {
      search.countWakeupMiss();
      node.subtree = null;
      node.backtrack = node.backtrack.union(enabled.minus(node.sleep));
      node.choiceStart = 0;
      node.choice = 0;
    }
    node.expected = false;
  }

  @Override
  public void valueChanged(Node node) {
    WakeupTree t = WakeupTree.take(node.wakeup, node.chosen, node.choice);
    node.subtree = t == null ? null : t.children;
  }

  /** Moves {@code node} on to its next wakeup tree, if it has one still to explore. */
  @Override
  public boolean nextPlanned(Node node) {
    while (node.wakeup != null && !node.wakeup.isEmpty()) {
      WakeupTree t = node.wakeup.remove(0);
      if (node.done.contains(t.thread) || node.sleep.contains(t.thread)) {
        continue; // every value of that thread's step has been explored from here
      }
      if (!node.enabled.contains(t.thread)) {
        search.countWakeupMiss();
        node.backtrack = node.backtrack.union(node.enabled);
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

  @Override
  public void reverseRaces(Backtracks into) {
    search.forEachRace((i, node, v) -> {
      if (!sleepCovers(node, v)) {
        insert(node, v);
      }
    });
  }

  /**
   * Whether {@code thread}'s step {@code step} is a weak initial of the steps of v not yet
   * gone: where its first step in v is, if that step has nothing in v before it in
   * happens-before order (and is the same step and value, when {@code matchStep}); {@link
   * #INDEPENDENT} if it has no step in v and is independent of every step in v; else
   * {@link #NOT_INITIAL}.
   */
  private int weakInitial(int thread, AccessSet step, boolean matchStep, int choice, long signature, Reversal v) {
    EventLog log = search.log();
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
          Node at = search.node(x);
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
   * A weak initial either starts v (its first step in v has nothing in v before it) or has
   * no step in v and is independent of all of it. A sleeping thread whose step chooses
   * covers v under every value: every value was explored from where it went to sleep.
   */
  private boolean sleepCovers(Node node, Reversal v) {
    ThreadSet asleep = node.sleep.union(node.done).without(node.chosen);
    for (int q = asleep.first(); q >= 0; q = asleep.next(q + 1)) {
      if (weakInitial(q, node.step(q), false, 0, 0, v) != NOT_INITIAL) {
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
   * under the branch of every value, and a value with no branch here gets one. (Through a
   * choice, the step taken here is one of several events, and a reversal that slipped past
   * it under one value alone was lost for the others: the weak-initial loss the README's
   * known limits describe.)
   */
  private void insertUnderEveryValue(ArrayList<WakeupTree> level, WakeupTree choosing, Reversal v) {
    ArrayList<WakeupTree> present = new ArrayList<>(choosing.values);
    for (WakeupTree t : level) {
      if (t.thread == choosing.thread && t.chooses() && t.signature == choosing.signature) {
        present.add(t);
      }
    }
    for (int value = 0; value < choosing.values; value++) {
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

  /** Adds what is left of v as a new branch at {@code level}. */
  private void addBranch(ArrayList<WakeupTree> level, Reversal v) {
    for (int k = 0; k < v.length(); k++) {
      if (!v.isGone(k)) {
        int x = v.steps[k];
        Node at = search.node(x);
        WakeupTree t = new WakeupTree(search.log().thread(x), at.choice, at.choiceCount, search.blockAccesses(x),
            at.signature);
        level.add(t);
        level = t.children;
      }
    }
  }
}
