package pinmc.embedded.search;

/**
 * A state on the current path of the search: the state before step number {@code depth}
 * of the execution, with the threads explored from it and still to explore.
 */
final class Node {
  final int depth;
  /** Threads enabled here. */
  ThreadSet enabled = ThreadSet.EMPTY;
  /** Threads whose step from here is known to be covered elsewhere (sleep set). */
  ThreadSet sleep = ThreadSet.EMPTY;
  /**
   * Threads to explore from here (including those done). Under optimal DPOR only a fallback:
   * what to explore when a wakeup tree could not be followed.
   */
  ThreadSet backtrack = ThreadSet.EMPTY;
  /** Optimal DPOR: the wakeup trees still to explore from here, in order (null if none). */
  java.util.ArrayList<WakeupTree> wakeup;
  /** Optimal DPOR: the steps to follow after the chosen thread's current step (null if none). */
  java.util.ArrayList<WakeupTree> subtree;
  /** Threads already explored from here. */
  ThreadSet done = ThreadSet.EMPTY;
  /** For threads in {@code sleep} or {@code done}: the step they took from here. */
  AccessSet[] steps = new AccessSet[4];
  int chosen;
  /** The value the chosen thread's step chooses now. */
  int choice;
  /** The value tried first: the choices go round from it (a wakeup tree may start anywhere). */
  int choiceStart;
  /** How many of the chosen thread's values have been tried before the current one. */
  int choicesTried;
  /** Values the chosen thread's step chooses among. */
  int choiceCount;
  /** What the chosen thread's step did, once {@link #recorded}: compared when the node is replayed. */
  long signature;
  /** Whether an execution has taken the chosen step from here (so its signature and choices are known). */
  boolean recorded;
  /**
   * Whether {@link #signature} is what a wakeup tree expects of the chosen step, not yet
   * confirmed by an execution: a mismatch then means the tree cannot be followed.
   */
  boolean expected;
  int lastThread;
  /** Preemptions on the path before this node (kept under a preemption bound only). */
  int preemptionsBefore;

  Node(int depth) {
    this.depth = depth;
  }

  AccessSet step(int t) {
    return t < steps.length ? steps[t] : null;
  }

  void setStep(int t, AccessSet s) {
    if (t >= steps.length) {
      steps = java.util.Arrays.copyOf(steps, Math.max(t + 1, steps.length * 2));
    }
    steps[t] = s;
  }

  /** Whether choosing {@code t} here preempts the thread that ran last. */
  boolean preempts(int t) {
    return lastThread >= 0 && t != lastThread && enabled.contains(lastThread);
  }
}
