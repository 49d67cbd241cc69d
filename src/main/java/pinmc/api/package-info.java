/**
 * The model API: what a pinmc model uses beyond plain Java to say what a model checker
 * should explore and check. It has three operations, each meaningful under every engine
 * and in a plain JVM run:
 *
 * <ul>
 *   <li>{@link pinmc.api.Atomic}: a block of code that runs as one indivisible step;
 *   <li>{@link pinmc.api.Choice}: a nondeterministic value, explored exhaustively;
 *   <li>{@link pinmc.api.Invariants}: named conditions over shared state, checked after every step.
 * </ul>
 *
 * <p>Which behaviour stands behind them is decided by the {@link pinmc.api.spi.Backend} of the
 * running thread: the embedded engine runs model threads on carriers that supply its own, and
 * anything else gets the plain backend (a global lock, random choices, invariants checked at
 * the end of each atomic block).
 */
package pinmc.api;
