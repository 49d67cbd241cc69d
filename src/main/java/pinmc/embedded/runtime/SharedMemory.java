package pinmc.embedded.runtime;

import pinmc.embedded.search.AccessSet;

/**
 * The model's own fields and array elements (and the state of JDK objects the engine
 * controls, which is a field of the object it stands for): a read or a write of one
 * location, a step of its own ({@link OpKind#READ}, {@link OpKind#WRITE}) or part of an
 * atomic block's step. Two accesses are dependent when they touch one location and one of
 * them writes. For data-race detection an access of a non-volatile field or of an array
 * element is plain.
 */
final class SharedMemory implements Primitive {
  private final Execution ex;
  private final Sites sites;
  private final ExecutionConfig config;
  private final Invariants invariants;

  SharedMemory(Execution ex, Sites sites, ExecutionConfig config, Invariants invariants) {
    this.ex = ex;
    this.sites = sites;
    this.config = config;
    this.invariants = invariants;
  }

  @Override
  public void hashState(StateFingerprint f) {
    // nothing of its own: the values are in the model's objects, which the fingerprint walks
  }

  @Override
  public OpKind[] operations() {
    return new OpKind[] {OpKind.READ, OpKind.WRITE};
  }

  @Override
  public void recordAccesses(ModelThread t, Dependence out) {
    if (t.op == OpKind.READ) {
      out.access(t.opObject, t.opArg, plain(t.opObject, t.opArg, AccessSet.READ));
    } else {
      out.access(t.opObject, t.opArg, plain(t.opObject, t.opArg, AccessSet.WRITE));
      invariants.writeVisible(t.opObject, t.opArg, out);
    }
  }

  /**
   * Marks an access of a non-volatile field or an array element as plain, for data-race
   * detection (only when it is on: the flag costs a lookup per access).
   */
  byte plain(Object o, int field, byte mode) {
    if (!config.detectRaces() || Location.isEngineField(field)) {
      return mode;
    }
    boolean array = o != null && o.getClass().isArray();
    return array || !sites.isVolatile(field) ? (byte) (mode | AccessSet.PLAIN) : mode;
  }

  /** An access inside an atomic block: part of the block's step. */
  void atomicAccess(ModelThread me, Object o, int field, byte mode) {
    boolean write = mode == AccessSet.WRITE;
    if (!Location.isEngineField(field) && (mode == AccessSet.READ || write)) {
      mode = plain(o, field, mode);
    }
    if (me != null && me.inGuard && !write) {
      mode |= AccessSet.GUARD;
    }
    ex.steps.access(o, field, mode);
    if (write) {
      invariants.writeVisible(o, field, ex.steps);
    }
    if (ex.trace != null) {
      ex.trace.atomicAccess(o, field, mode == AccessSet.WRITE);
    }
  }
}
