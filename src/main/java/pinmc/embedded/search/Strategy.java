package pinmc.embedded.search;

import pinmc.check.Reduction;

/**
 * What a search explores besides the path it runs: every enabled thread ({@link
 * Exhaustive}), one thread per race ({@link SourceSets}), the schedules of wakeup trees
 * ({@link OptimalDpor}), or one given schedule ({@link Replay}); a {@link PreemptionBound}
 * wraps another strategy and keeps it within a bound. The {@link Explorer} runs, replays and
 * backtracks the path; a strategy decides what a new node has to explore and what the races
 * of an execution add.
 */
interface Strategy {
  /** {@link #planned}: no planned step, choose as usual. */
  Decision NOT_PLANNED = null;

  /** The nodes of a search's current path, by depth. */
  interface Path {
    Node node(int depth);
  }

  /** Where a strategy puts the threads a race calls for: to be explored at the node at {@code depth}. */
  interface Backtracks {
    void add(int depth, ThreadSet threads);

    /** Straight into the nodes' backtrack sets. */
    static Backtracks onto(Path path) {
      return (depth, threads) -> {
        Node node = path.node(depth);
        node.backtrack = node.backtrack.union(threads);
      };
    }
  }

  /** The strategy of a search with {@code reduction}, and at most {@code preemptionBound} preemptions if that is not -1. */
  static Strategy of(Reduction reduction, int preemptionBound, Explorer search) {
    if (preemptionBound >= 0) {
      // Wakeup trees assume every subtree is explored in full, which a bound denies.
      Strategy inner = reduction == Reduction.NONE || reduction == Reduction.STATES ? new Exhaustive() : new SourceSets(search);
      // (state caching of either kind refuses a bound before it gets here)
      return new PreemptionBound(inner, preemptionBound, search::node);
    }
    return switch (reduction) {
      case NONE, STATES -> new Exhaustive(); // STATES: Explorer keeps the states reached
      // STATEFUL: source sets; StateSummaries makes up for the futures of the states it cuts at
      case SOURCE, STATEFUL -> new SourceSets(search);
      case DPOR -> new OptimalDpor(search);
      case AUTO -> throw new IllegalArgumentException("--reduction auto names no search: the check chooses dpor or stateful");
    };
  }

  /** Whether nodes carry sleep sets: threads whose step from there is covered elsewhere. */
  boolean sleepSets();

  /** Node {@code node} was just created after {@code prev} on the path. */
  default void entered(Node prev, Node node) {}

  /**
   * The decision of a new node that a plan fixes (a wakeup tree, a schedule to replay), or
   * {@link #NOT_PLANNED}. Asked before anything else about the node, even when no thread can go.
   */
  default Decision planned(Node node, ThreadSet candidates, SchedulingView view) {
    return NOT_PLANNED;
  }

  /** Those of {@code threads} that {@code node} may take (all of them unless a bound says otherwise). */
  default ThreadSet affordable(Node node, ThreadSet threads) {
    return threads;
  }

  /** {@link #affordable} for the node being decided: a bound also notes that it left some out. */
  default ThreadSet choosable(Node node, ThreadSet candidates) {
    return candidates;
  }

  /** What a new node that takes {@code chosen} among the {@code affordable} threads has to explore. */
  ThreadSet backtrackOf(int chosen, ThreadSet affordable);

  /**
   * A node of the path is run for the first time with its chosen step, whose signature is
   * {@code signature}: the step was planned, not yet seen.
   */
  default void firstRun(Node node, long signature, ThreadSet enabled) {}

  /** Adds what the races of the execution just run call for: to the path's nodes, or through {@code into}. */
  void reverseRaces(Backtracks into);

  /** {@code node}'s chosen thread moves on to another value of its step. */
  default void valueChanged(Node node) {}

  /** Moves {@code node} on to its next planned step, if it has one. */
  default boolean nextPlanned(Node node) {
    return false;
  }

  /** Whether some schedule was left out for going over a bound. */
  default boolean boundHit() {
    return false;
  }
}
