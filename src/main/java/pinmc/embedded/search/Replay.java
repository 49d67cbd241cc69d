package pinmc.embedded.search;

/**
 * One given schedule, then default choices: how a saved or just-found counterexample is run
 * again. Each step of the schedule names a thread and the value its step chooses; a thread
 * that cannot take its step, a value its step does not have, or (when the search's
 * signatures are given) a step that does something else than it did in the search ends the
 * execution as a divergence. After the schedule, the execution goes on as plain enumeration
 * would start it (the thread that ran last, else the lowest). It adds nothing for races: a
 * replay is one execution, and is not backtracked.
 */
final class Replay implements Strategy {
  private final Explorer search;
  /** (thread, value or -1) per step. */
  private final int[][] decisions;
  /** What each step did in the search, or null if not known. */
  private final long[] signatures;

  Replay(Explorer search, int[][] decisions, long[] signatures) {
    if (signatures != null && signatures.length != decisions.length) {
      throw new IllegalArgumentException(decisions.length + " decisions but " + signatures.length + " signatures");
    }
    this.search = search;
    this.decisions = decisions;
    this.signatures = signatures;
  }

  @Override
  public boolean sleepSets() {
    return false;
  }

  @Override
  public Decision planned(Node node, ThreadSet candidates, SchedulingView view) {
    int k = node.depth;
    if (k >= decisions.length) {
      return NOT_PLANNED;
    }
    int thread = decisions[k][0];
    if (!candidates.contains(thread)) {
      return search.diverged("thread " + thread + " was to take step " + k + " but is not enabled");
    }
    if (signatures != null && view.signature(thread) != signatures[k]) {
      return search.diverged("thread " + thread + " was to repeat step " + k + " but did something else");
    }
    int value = Math.max(0, decisions[k][1]);
    int values = view.choiceCount(thread);
    if (value >= values) {
      return search.diverged("thread " + thread + " was to choose value " + value + " at step " + k + " but its step has "
          + values + (values == 1 ? " value" : " values"));
    }
    return search.take(node, thread, value, view);
  }

  @Override
  public ThreadSet backtrackOf(int chosen, ThreadSet affordable) {
    return ThreadSet.EMPTY;
  }

  @Override
  public void reverseRaces(Backtracks into) {
    // one schedule: nothing else to explore
  }
}
