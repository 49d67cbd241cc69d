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
 *       reference both reductions are tested against; {@link Reduction#STATES} the same,
 *       stopping where a state was reached before ({@link StateCache}).
 * </ul>
 * Under a preemption bound, sleep sets could hide schedules within the bound, so both
 * reductions fall back to source sets without sleep sets there.
 *
 * <p>This class runs the path: new nodes, re-running the path's prefix, choices,
 * backtracking. What a reduction adds is a {@link Strategy} ({@link Exhaustive}, {@link
 * SourceSets}, {@link OptimalDpor}), the bound is a {@link PreemptionBound} around one, and
 * running a given schedule again is the strategy {@link Replay}.
 */
public final class Explorer {
  private final Strategy strategy;
  private long wakeupMisses;
  private final ArrayList<Node> path = new ArrayList<>();
  private final EventLog log = new EventLog();
  private int replayLength;
  private String divergence;
  private long executions;
  private TraceCounter traces;
  /** With state caching ({@link Reduction#STATES}, {@link Reduction#STATEFUL}): the states reached so far; otherwise null. */
  private final StateCache states;
  /** Under stateful DPOR: what finished states' subtrees did; otherwise null. */
  private final StateSummaries summaries;

  /**
   * @param reduction how to reduce the interleavings explored
   * @param preemptionBound the most preemptions a schedule may have, or -1 for no bound
   */
  public Explorer(Reduction reduction, int preemptionBound) {
    this.strategy = Strategy.of(reduction, preemptionBound, this);
    boolean stateful = reduction == Reduction.STATEFUL;
    this.states = reduction == Reduction.STATES || stateful ? new StateCache(this, stateful) : null;
    this.summaries = stateful ? states.summaries() : null;
    if (stateful) {
      log.wantGuards();
    }
  }

  private Explorer(int[][] decisions, long[] signatures) {
    this.strategy = new Replay(this, decisions, signatures);
    this.states = null;
    this.summaries = null;
  }

  /**
   * An explorer that replays {@code decisions} (thread, choice or -1), then continues with
   * default choices: how a saved counterexample is run again. With {@code signatures} (what
   * each step did in the search), a step that does something else is a divergence.
   */
  public static Explorer following(int[][] decisions, long[] signatures) {
    return new Explorer(decisions, signatures);
  }

  /** How many decisions of the path the current execution replays. */
  int replayLength() {
    return replayLength;
  }

  /** The states reached so far, under state caching; null without. */
  public StateCache stateCache() {
    return states;
  }

  public EventLog log() {
    return log;
  }

  Node node(int depth) {
    return path.get(depth);
  }

  int pathSize() {
    return path.size();
  }

  /** What a strategy does with one race: the node before its earlier step, and the reversal. */
  interface RaceHandler {
    void reverse(int i, Node node, Reversal v);
  }

  /**
   * Hands every race of the execution just run to {@code handler}, at the node where its
   * reversal starts: before the earlier step, or before the atomic block that step is in,
   * since inside a block only its thread can run.
   */
  void forEachRace(RaceHandler handler) {
    for (int r = 0; r < log.raceCount(); r++) {
      int i = log.blockStart(log.raceEarlier(r));
      int j = log.raceLater(r);
      if (i < path.size() && j < log.size()) {
        handler.reverse(i, path.get(i), Reversal.of(log, i, j));
      }
    }
  }

  void countWakeupMiss() {
    wakeupMisses++;
  }

  /** Prepares for the next execution. */
  public void startExecution() {
    log.reset();
    divergence = null;
    executions++;
    if (states != null) {
      states.executionStarted();
    }
    if (summaries != null) {
      summaries.executionStarted();
    }
  }

  /** The decision at scheduling point {@code depth}: a thread's step and its value, or the end of the execution. */
  public Decision decide(int depth, SchedulingView view) {
    ThreadSet enabled = view.enabled();
    if (depth < replayLength) {
      return replay(path.get(depth), enabled, view);
    }
    Node node = new Node(depth);
    node.enabled = enabled;
    node.lastThread = view.lastThread();
    if (depth > 0) {
      Node prev = path.get(depth - 1);
      if (strategy.sleepSets()) {
        inheritSleep(prev, node, log.accesses(depth - 1), true);
      }
      strategy.entered(prev, node);
    }
    ThreadSet candidates = enabled.minus(node.sleep);
    Decision planned = strategy.planned(node, candidates, view);
    if (planned != Strategy.NOT_PLANNED) {
      return planned;
    }
    if (enabled.isEmpty()) {
      return Decision.NO_THREAD;
    }
    if (candidates.isEmpty()) {
      return Decision.SLEEP_BLOCKED;
    }
    ThreadSet affordable = strategy.choosable(node, candidates);
    if (affordable.isEmpty()) {
      return Decision.PREEMPTION_CUT;
    }
    int chosen = preferred(node, affordable);
    node.backtrack = strategy.backtrackOf(chosen, affordable);
    return take(node, chosen, 0, view);
  }

  /** The thread to try first among {@code threads}: the one that ran last, so as not to preempt it. */
  static int preferred(Node node, ThreadSet threads) {
    return node.lastThread >= 0 && threads.contains(node.lastThread) ? node.lastThread : threads.first();
  }

  /** Records that {@code node} takes {@code thread}'s step with value {@code choice}, and returns that decision. */
  Decision take(Node node, int thread, int choice, SchedulingView view) {
    node.chosen = thread;
    node.choiceCount = view.choiceCount(thread);
    node.choiceStart = choice < node.choiceCount ? choice : 0;
    node.choice = node.choiceStart;
    node.choicesTried = 0;
    node.signature = view.signature(thread);
    node.recorded = true;
    path.add(node);
    return Decision.step(thread, node.choice);
  }

  /** Ends the execution as one that did not do what it did before, for {@code why}; returns {@link Decision#DIVERGED}. */
  Decision diverged(String why) {
    divergence = why;
    return Decision.DIVERGED;
  }

  /** Re-runs node {@code node} of the path: its chosen step again, or for the first time. */
  private Decision replay(Node node, ThreadSet enabled, SchedulingView view) {
    if (!enabled.contains(node.chosen)) {
      return diverged("thread " + node.chosen + " was to take step " + node.depth + " but is not enabled");
    }
    long signature = view.signature(node.chosen);
    if (!node.recorded) {
      node.choiceCount = view.choiceCount(node.chosen);
      strategy.firstRun(node, signature, enabled);
      node.signature = signature;
      node.recorded = true;
    } else if (signature != node.signature) {
      return diverged("thread " + node.chosen + " was to repeat step " + node.depth + " but did something else");
    }
    return Decision.step(node.chosen, node.choice);
  }

  /**
   * Puts into {@code node}'s sleep set the threads asleep or done at {@code prev} whose step
   * from there is independent of {@code taken}, the step from {@code prev} to {@code node}
   * (with those steps only if {@code withSteps}); returns that sleep set.
   */
  private static ThreadSet inheritSleep(Node prev, Node node, AccessSet taken, boolean withSteps) {
    ThreadSet asleep = prev.sleep.union(prev.done.without(prev.chosen));
    ThreadSet sleep = ThreadSet.EMPTY;
    for (int q = asleep.first(); q >= 0; q = asleep.next(q + 1)) {
      AccessSet step = prev.step(q);
      if (step != null && !step.dependsOn(taken)) {
        sleep = sleep.with(q);
        if (withSteps) {
          node.setStep(q, step);
        }
      }
    }
    if (withSteps) {
      node.sleep = sleep;
    }
    return sleep;
  }

  /**
   * The sleep set a new node at {@code depth} would get (the path has its {@code depth}
   * nodes before it): what a state reached again is compared with under stateful DPOR.
   */
  ThreadSet sleepBefore(int depth) {
    return depth == 0 || !strategy.sleepSets() ? ThreadSet.EMPTY
        : inheritSleep(path.get(depth - 1), null, log.accesses(depth - 1), false);
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
    if (summaries != null) {
      summaries.executionEnded(this);
    }
    strategy.reverseRaces(Strategy.Backtracks.onto(this::node));
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
        strategy.valueChanged(node);
        truncate(k + 1);
        return true;
      }
      node.done = node.done.with(node.chosen);
      if (strategy.nextPlanned(node)) {
        truncate(k + 1);
        return true;
      }
      int q = node.backtrack.minus(node.done).minus(node.sleep).intersect(node.enabled).first();
      if (q >= 0) {
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
      if (summaries != null) {
        summaries.nodeFinished(k, node, states.pathState(k), k > 0 && k - 1 < log.size() ? log.accesses(k - 1) : null);
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

  /**
   * What step {@code x} touched, with the rest of its atomic block if it begins one: a step
   * that begins a block did all the block did, though a choice or a thread query split it
   * in the log.
   */
  AccessSet blockAccesses(int x) {
    AccessSet a = log.accesses(x).copy();
    for (int y = x + 1; y < log.size() && log.continues(y); y++) {
      a.addAll(log.accesses(y));
    }
    return a;
  }

  /** Executions that could not follow a wakeup tree and fell back to exploring every thread there. */
  public long wakeupMisses() {
    return wakeupMisses;
  }

  public long executions() {
    return executions;
  }

  public boolean preemptionBoundHit() {
    return strategy.boundHit();
  }

  /** Starts counting the distinct Mazurkiewicz traces of the executions passed to {@link #countTrace}. */
  public void countTraces() {
    traces = new TraceCounter();
  }

  /** Counts the trace of the execution just run (call for complete executions only). */
  public void countTrace() {
    traces.add(log);
  }

  /** Distinct traces counted, or -1 if counting is off. */
  public long distinctTraces() {
    return traces == null ? -1 : traces.count();
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
    node.backtrack = node.backtrack.union(strategy.affordable(node, node.enabled.minus(node.sleep)));
  }

  /**
   * The preemptions in the current path: steps that switched away from a thread that could
   * have gone on.
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
