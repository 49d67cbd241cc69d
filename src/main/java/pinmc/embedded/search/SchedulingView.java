package pinmc.embedded.search;

/** What the search needs to know about the state of an execution at a scheduling point. */
public interface SchedulingView {
  /** The threads that can take a step now. */
  ThreadSet enabled();

  /** The thread that took the previous step, or -1 before the first. */
  int lastThread();

  /** How many values thread {@code t}'s next step chooses among (1 for most steps). */
  int choiceCount(int t);

  /**
   * A fingerprint of thread {@code t}'s next step (what it does and where), compared when a
   * schedule is replayed to notice a model that does not behave the same way twice.
   */
  long signature(int t);
}
