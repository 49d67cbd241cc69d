package pinmc.embedded.runtime;

/**
 * Where a step's accesses go: the event log of the running execution, or a list in a test.
 * A location is an object and a field: a field id of the model's, an array index, or one of
 * the negative numbers primitives use for their own state (see the README's dependence table).
 */
interface Dependence {
  /** The step reads or writes (see {@link pinmc.embedded.search.AccessSet} for the modes) {@code field} of {@code o}. */
  void access(Object o, int field, byte mode);

  /** The step is an atomic block: for data-race detection, its accesses are not plain. */
  void markAtomic();
}
