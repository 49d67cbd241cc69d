package pinmc.embedded.search;

/**
 * What the search decides at a scheduling point: that a thread takes its step, choosing a
 * value if the step is a choice, or that the execution ends there and why. The decisions
 * that take a thread's step without a choice (value 0) of the first threads are made once
 * and shared, since one is asked for at every step of every execution.
 */
public final class Decision {
  /** How an execution ends at a scheduling point. */
  public enum End {
    /** No thread is enabled: every thread has ended, or the rest are blocked (a deadlock). */
    NO_THREAD,
    /** Every enabled thread is asleep: the schedules from here are covered elsewhere. */
    SLEEP_BLOCKED,
    /** The execution replayed did something other than what its record says. */
    DIVERGED,
    /** Going on would take a preemption beyond the bound. */
    PREEMPTION_CUT
  }

  public static final Decision NO_THREAD = new Decision(-1, 0, End.NO_THREAD);
  public static final Decision SLEEP_BLOCKED = new Decision(-1, 0, End.SLEEP_BLOCKED);
  public static final Decision DIVERGED = new Decision(-1, 0, End.DIVERGED);
  public static final Decision PREEMPTION_CUT = new Decision(-1, 0, End.PREEMPTION_CUT);

  private static final Decision[] FIRST_VALUE = new Decision[64];

  static {
    for (int t = 0; t < FIRST_VALUE.length; t++) {
      FIRST_VALUE[t] = new Decision(t, 0, null);
    }
  }

  private final int thread;
  private final int choice;
  private final End end;

  private Decision(int thread, int choice, End end) {
    this.thread = thread;
    this.choice = choice;
    this.end = end;
  }

  /** The decision that {@code thread} takes its step with value {@code choice} (0 for a step that chooses nothing). */
  public static Decision step(int thread, int choice) {
    if (thread < 0 || choice < 0) {
      throw new IllegalArgumentException("no step of thread " + thread + " with value " + choice);
    }
    return choice == 0 && thread < FIRST_VALUE.length ? FIRST_VALUE[thread] : new Decision(thread, choice, null);
  }

  /** Whether the execution ends here rather than take a step. */
  public boolean endsExecution() {
    return end != null;
  }

  /** How the execution ends, or null if a thread takes its step. */
  public End end() {
    return end;
  }

  /** The thread that takes its step. */
  public int thread() {
    requireStep();
    return thread;
  }

  /** The value the step chooses (0 if it is no choice). */
  public int choice() {
    requireStep();
    return choice;
  }

  private void requireStep() {
    if (end != null) {
      throw new IllegalStateException("the execution ends here (" + end + "): no thread takes a step");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decision d && d.thread == thread && d.choice == choice && d.end == end;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * thread + choice) + (end == null ? 0 : end.ordinal() + 1);
  }

  @Override
  public String toString() {
    return end != null ? end.toString() : "thread " + thread + (choice != 0 ? " value " + choice : "");
  }
}
