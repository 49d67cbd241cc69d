package pinmc.check;

/** The outcome of checking one target. */
public enum Verdict {
  /** The whole state space was explored and nothing was violated. */
  PASS,
  /** An assertion, an invariant, an uncaught exception or a data race, with a counterexample. */
  VIOLATION,
  /** Every live thread is blocked, with a counterexample leading there. */
  DEADLOCK,
  /** A bound cut the search before it found anything: never to be read as a pass. */
  INCONCLUSIVE,
  /** The model or the input is broken: the check could not be carried out. */
  ERROR;

  /** The lower-case word used in properties files, JSON and JUnit reports. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
