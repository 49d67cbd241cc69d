package pinmc.embedded.runtime;

import pinmc.embedded.search.AccessSet;

/**
 * {@code LockSupport.park} and {@code unpark}: each thread's permit (kept in its
 * {@link ModelThread}), the engine's location {@link #PERMIT} of that thread. Park consumes
 * the permit and unpark sets it, so both write it; a park can end once the permit is there,
 * the thread was interrupted, or (a timed park) at any time.
 */
final class Parking implements Primitive {
  static final int PERMIT = -6;

  private final Execution ex;

  Parking(Execution ex) {
    this.ex = ex;
  }

  @Override
  public void hashState(StateFingerprint f) {
    // nothing of its own: a thread's permit is hashed with the thread
  }

  @Override
  public OpKind[] operations() {
    return new OpKind[] {OpKind.PARK, OpKind.UNPARK};
  }

  @Override
  public boolean isEnabled(ModelThread t) {
    return t.op != OpKind.PARK || t.parkPermit || t.interrupted || t.opTimed;
  }

  @Override
  public void recordAccesses(ModelThread t, Dependence out) {
    if (t.op == OpKind.PARK) {
      out.access(t.javaThread, PERMIT, AccessSet.WRITE);
      out.access(t.javaThread, ThreadLifeCycle.INTERRUPT, AccessSet.READ);
    } else if (t.op == OpKind.UNPARK) {
      // The permit is lost on a thread not started yet: unpark races with start.
      out.access(t.opObject, PERMIT, AccessSet.WRITE);
      out.access(t.opObject, ThreadLifeCycle.STARTED, AccessSet.READ);
    } else {
      throw new IllegalStateException("not a parking operation: " + t.op);
    }
  }

  @Override
  public String blockedReason(ModelThread t) {
    return t.op == OpKind.PARK ? "is parked with no unpark to come" : Primitive.super.blockedReason(t);
  }

  void park(ModelThread me, boolean timed, int site) {
    ex.waited = true;
    me.announce(OpKind.PARK, null, 0, site);
    me.opTimed = timed;
    ex.schedulePoint(me);
    me.parkPermit = false;
  }

  void unpark(ModelThread me, Thread target, int site) {
    if (target == null) {
      return;
    }
    me.announce(OpKind.UNPARK, target, 0, site);
    ex.schedulePoint(me);
    ModelThread t = ex.threads.of(target);
    if (t != null) {
      t.parkPermit = true;
    }
  }
}
