package pinmc.check;

/**
 * Whether a counterexample is known to be the shortest one with its outcome: fewest steps
 * once cut to the steps its failure depends on, then fewest preemptions.
 *
 * @param shortest the search looked at every schedule it had to (so no shorter counterexample
 *     with this outcome exists among them), or it did not
 * @param failingExecutions the failing executions with this outcome the search compared
 * @param why in a few words: how far the search went after the first counterexample, and for
 *     {@code shortest == false} how to search further
 */
public record Minimization(boolean shortest, long failingExecutions, String why) {
  /** {@code yes (why)} or {@code no (why)}, as reports show it. */
  public String text() {
    return (shortest ? "yes" : "no") + " (" + why + ")";
  }
}
