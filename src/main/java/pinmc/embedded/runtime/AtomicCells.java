package pinmc.embedded.runtime;

import pinmc.embedded.search.AccessSet;

/**
 * {@code java.util.concurrent.atomic}: a call on an atomic variable is one step
 * ({@link OpKind#ATOMIC_OP}) that reads, or reads and writes, its value ({@link #VALUE}) or
 * one element of an atomic array. A function the call is given (updateAndGet's) runs inside
 * that step. A write of a value invariants read is a write of the invariants' common
 * location too (see {@link Invariants}).
 */
final class AtomicCells implements Primitive {
  /** The engine's location of an atomic variable's value. */
  static final int VALUE = -7;

  private final Execution ex;
  private final Sites sites;

  AtomicCells(Execution ex, Sites sites) {
    this.ex = ex;
    this.sites = sites;
  }

  @Override
  public void hashState(StateFingerprint f) {
    // nothing of its own: an atomic's value is in its object, which the fingerprint walks
  }

  @Override
  public OpKind[] operations() {
    return new OpKind[] {OpKind.ATOMIC_OP};
  }

  @Override
  public void recordAccesses(ModelThread t, Dependence out) {
    out.access(t.opObject, t.opArg, t.opWrites ? AccessSet.WRITE : AccessSet.READ);
    if (t.opWrites && sites.isInvariantVisible(VALUE)) {
      out.access(null, Invariants.INVARIANT_STATE, AccessSet.WRITE);
    }
  }

  /** Before a call on an atomic variable ({@code index} is the element of an atomic array, or -1). */
  void begin(ModelThread me, Object atomic, int index, boolean write, int site) {
    int loc = index >= 0 ? index : VALUE;
    if (me.atomicDepth > 0) {
      ex.memory.atomicAccess(me, atomic, loc, write ? AccessSet.WRITE : AccessSet.READ);
    } else {
      me.announce(OpKind.ATOMIC_OP, atomic, loc, site);
      me.opWrites = write;
      ex.schedulePoint(me);
    }
    me.atomicDepth++; // a function passed to updateAndGet runs inside the step
  }

  /** A call on an atomic variable by an invariant or a guard being evaluated: no step. */
  void silentCall(ModelThread me, Object atomic, int index, boolean write) {
    if (me.observing && !write) {
      ex.invariants.observe(VALUE);
    }
    if (ex.trace != null && !write) {
      ex.trace.silentRead(atomic, index >= 0 ? index : VALUE);
    }
  }
}
