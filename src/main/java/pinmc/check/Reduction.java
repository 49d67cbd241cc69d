package pinmc.check;

/** How much of the interleaving space the embedded engine may skip as equivalent. */
public enum Reduction {
  /** Dynamic partial-order reduction: one execution per equivalence class, roughly. */
  DPOR,
  /** Plain enumeration of every interleaving: slow, and the reference DPOR is checked against. */
  NONE
}
