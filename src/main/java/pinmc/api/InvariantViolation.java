package pinmc.api;

/**
 * Thrown where a named invariant fails outside an engine that reports it directly (a plain
 * run, or Java PathFinder, which sees it as an uncaught {@link AssertionError}). Its message
 * starts with the invariant's name in brackets so that a report read as text still names it.
 */
public class InvariantViolation extends AssertionError {
  private static final long serialVersionUID = 1L;
  private final String invariant;
  private final String detail;

  public InvariantViolation(String invariant, String detail) {
    super("[" + invariant + "] " + detail);
    this.invariant = invariant;
    this.detail = detail;
  }

  /** The invariant's name, as registered. */
  public String invariant() {
    return invariant;
  }

  /** The message without the name. */
  public String detail() {
    return detail;
  }
}
