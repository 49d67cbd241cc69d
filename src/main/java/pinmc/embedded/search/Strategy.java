package pinmc.embedded.search;

/**
 * What a search explores besides the path it runs: every enabled thread ({@link
 * Exhaustive}), one thread per race ({@link SourceSets}), or the schedules of wakeup trees
 * ({@link OptimalDpor}). The {@link Explorer} runs, replays and backtracks the path; a
 * strategy decides what a new node has to explore and what the races of an execution add.
 */
interface Strategy {
  /** {@link #planned}: no planned step, choose as usual. */
  long NOT_PLANNED = Long.MIN_VALUE;

  /** Whether nodes carry sleep sets: threads whose step from there is covered elsewhere. */
  boolean sleepSets();

  /** Node {@code node} was just created after {@code prev} on the path. */
  default void entered(Node prev, Node node) {}

  /** The decision of a new node that a plan fixes (a wakeup tree), or {@link #NOT_PLANNED}. */
  default long planned(Node node, long candidates, SchedulingView view) {
    return NOT_PLANNED;
  }

  /** What a new node that takes {@code chosen} among the {@code affordable} threads has to explore. */
  long backtrackOf(int chosen, long affordable);

  /** Adds to the path's nodes what the races of the execution just run call for. */
  void reverseRaces();

  /** {@code node}'s chosen thread moves on to another value of its step. */
  default void valueChanged(Node node) {}

  /** Moves {@code node} on to its next planned step, if it has one. */
  default boolean nextPlanned(Node node) {
    return false;
  }
}
