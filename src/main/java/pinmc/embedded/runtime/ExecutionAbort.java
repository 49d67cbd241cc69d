package pinmc.embedded.runtime;

/**
 * Unwinds a model thread whose execution has ended (a violation elsewhere, a bound, the end
 * of a schedule). An {@link Error} so that model code catching {@code Exception} lets it
 * pass; hooks keep throwing it while the execution is aborting, so code that catches
 * {@code Throwable} is unwound at its next scheduling point.
 */
public final class ExecutionAbort extends Error {
  private static final long serialVersionUID = 1L;
  static final ExecutionAbort INSTANCE = new ExecutionAbort();

  private ExecutionAbort() {
    super("pinmc: execution aborted", null, false, false);
  }
}
