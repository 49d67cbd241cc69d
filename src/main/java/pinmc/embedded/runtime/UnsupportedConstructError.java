package pinmc.embedded.runtime;

/**
 * A model used a construct the engine cannot control (an executor, a latch, a virtual
 * thread...). Running it uncontrolled could hide interleavings, so the check ends with an
 * error naming the construct and where the model used it.
 */
public final class UnsupportedConstructError extends Error {
  private static final long serialVersionUID = 1L;
  private final String construct;
  private final String why;

  public UnsupportedConstructError(String construct, String why) {
    super(construct + ": " + why);
    this.construct = construct;
    this.why = why;
  }

  public String construct() {
    return construct;
  }

  public String why() {
    return why;
  }
}
