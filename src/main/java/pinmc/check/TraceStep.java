package pinmc.check;

/**
 * One step of a counterexample: the thread that took it, the operation in the model's own
 * words ({@code "write Page.refcount = 1025"}, {@code "lock Page@1"},
 * {@code "pinUserPages(page0)"}), and where in the source it happened.
 */
public record TraceStep(int step, String thread, String op, SourceLocation location) {}
