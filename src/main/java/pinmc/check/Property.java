package pinmc.check;

/** Which property a violation broke. The names follow Java PathFinder's property classes. */
public enum Property {
  /** An {@code assert} failed (an uncaught {@link AssertionError}). */
  ASSERTION("AssertionProperty"),
  /** A thread ended with an uncaught exception other than an assertion failure. */
  UNCAUGHT_EXCEPTION("NoUncaughtExceptionsProperty"),
  /** Every live thread is blocked. */
  DEADLOCK("NotDeadlockedProperty"),
  /** A named invariant of the model failed. */
  INVARIANT("InvariantProperty"),
  /** Two conflicting accesses to a plain field are not ordered by happens-before. */
  DATA_RACE("DataRaceProperty");

  private final String jpfName;

  Property(String jpfName) {
    this.jpfName = jpfName;
  }

  /** The name a JPF user knows this property by. */
  public String jpfName() {
    return jpfName;
  }
}
