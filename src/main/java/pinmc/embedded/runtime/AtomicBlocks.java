package pinmc.embedded.runtime;

import java.util.function.BooleanSupplier;

/**
 * The model API's own operations: {@code Atomic.begin}/{@code end} ({@link OpKind#ATOMIC}),
 * {@code Atomic.when} ({@link OpKind#GUARDED}), a block that can start only when its guard
 * holds, and {@code Choice} ({@link OpKind#CHOICE}), a value the schedule picks. A block is
 * one step: the accesses made inside it are recorded as it runs, so the operation itself
 * records none. A thread's nesting of blocks is its {@code atomicDepth}.
 */
final class AtomicBlocks implements Primitive {
  private final Execution ex;
  private final ExecutionConfig config;

  AtomicBlocks(Execution ex, ExecutionConfig config) {
    this.ex = ex;
    this.config = config;
  }

  @Override
  public void hashState(StateFingerprint f) {
    // nothing of its own: a thread's block depth is hashed with the thread
  }

  @Override
  public OpKind[] operations() {
    return new OpKind[] {OpKind.ATOMIC, OpKind.GUARDED, OpKind.CHOICE};
  }

  @Override
  public boolean isEnabled(ModelThread t) {
    return t.op != OpKind.GUARDED || evaluateGuard(t);
  }

  @Override
  public void recordAccesses(ModelThread t, Dependence out) {
    if (t.op != OpKind.CHOICE && config.detectRaces()) {
      out.markAtomic();
    }
  }

  @Override
  public String blockedReason(ModelThread t) {
    return t.op == OpKind.GUARDED ? "waits in Atomic.when for a condition that no thread will make true"
        : Primitive.super.blockedReason(t);
  }

  @Override
  public int choiceCount(ModelThread t) {
    return t.op == OpKind.CHOICE ? t.opArg : 1;
  }

  /** Evaluates {@code t}'s guard silently, on whichever model thread asks (the one deciding the next step). */
  private boolean evaluateGuard(ModelThread t) {
    ModelThread evaluator = ex.current();
    if (evaluator != null) {
      evaluator.silent++;
    }
    try {
      return t.opGuard.getAsBoolean();
    } catch (ExecutionAbort a) {
      throw a;
    } catch (RuntimeException | Error e) {
      return true; // let the thread run it and fail where a person can see it
    } finally {
      if (evaluator != null) {
        evaluator.silent--;
      }
    }
  }

  void begin(ModelThread me) {
    if (me.atomicDepth > 0) {
      me.atomicDepth++;
      return;
    }
    me.announce(OpKind.ATOMIC, null, 0, 0);
    ex.schedulePoint(me);
    me.atomicDepth = 1;
  }

  void beginWhen(ModelThread me, BooleanSupplier guard) {
    if (me.atomicDepth > 0) {
      if (!guard.getAsBoolean()) {
        throw new UnsupportedConstructError("Atomic.when inside an atomic block",
            "its guard is false, so it would block inside the enclosing atomic block");
      }
      me.atomicDepth++;
      return;
    }
    me.announce(OpKind.GUARDED, null, 0, 0);
    me.opGuard = guard;
    ex.schedulePoint(me);
    me.atomicDepth = 1;
    // Evaluated again inside the step so that what the guard reads counts as read by it.
    me.inGuard = true;
    boolean holds;
    try {
      holds = guard.getAsBoolean();
    } finally {
      me.inGuard = false;
    }
    if (!holds) {
      throw new IllegalStateException("an Atomic.when guard changed between two evaluations in one state;"
          + " guards must only read shared state");
    }
  }

  void end(ModelThread me) {
    if (me.atomicDepth == 0) {
      throw new IllegalStateException("Atomic.end() without Atomic.begin()");
    }
    me.atomicDepth--;
  }

  int choose(ModelThread me, int bound) {
    me.announce(OpKind.CHOICE, null, bound, 0);
    ex.schedulePoint(me);
    return me.choiceValue;
  }
}
