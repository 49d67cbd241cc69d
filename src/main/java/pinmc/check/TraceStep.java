package pinmc.check;

/**
 * One step of a counterexample: the thread that took it, the operation in the model's own
 * words ({@code "write Page.refcount = 1025"}, {@code "lock Page@1"},
 * {@code "pinUserPages: page0.refcount = 1025"}), where in the source it happened, the same
 * operation as data, and what the step is for a reader.
 *
 * @param setUp the step belongs to the model's set-up: {@code main} before it started its first thread
 * @param relevant the failure depends on the step: it is the failing step itself or in its
 *     happens-before past and read or wrote an object that the failing check (or a step kept for it) read
 */
public record TraceStep(int step, String thread, String op, SourceLocation location, Operation operation,
    boolean setUp, boolean relevant) {

  /** A step known only by its text (engines without structured steps): shown, never folded. */
  public TraceStep(int step, String thread, String op, SourceLocation location) {
    this(step, thread, op, location, Operation.UNKNOWN, false, true);
  }
}
