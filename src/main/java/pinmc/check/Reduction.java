package pinmc.check;

/** How much of the interleaving space the embedded engine may skip as equivalent. */
public enum Reduction {
  /**
   * Optimal dynamic partial-order reduction (source sets, sleep sets and wakeup trees): one
   * execution per equivalence class (Mazurkiewicz trace) of interleavings.
   */
  DPOR,
  /**
   * Source-set DPOR with sleep sets but no wakeup trees: also explores every equivalence
   * class, but may start executions that its sleep sets then block as redundant.
   */
  SOURCE,
  /** Plain enumeration of every interleaving: slow, and the reference DPOR is checked against. */
  NONE
}
