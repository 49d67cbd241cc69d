package pinmc.embedded.runtime;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import pinmc.api.InvariantViolation;
import pinmc.api.spi.Backend;

/**
 * The backend behind {@code pinmc.api} on an execution's carriers: hands each call to the
 * primitive that models it. Calls from a silent thread (an invariant or guard being
 * evaluated) do nothing.
 */
final class EmbeddedBackend implements Backend {
  /** What carriers between executions answer; model code never runs there. */
  static final Backend IDLE = new Idle();

  private final Execution ex;

  EmbeddedBackend(Execution ex) {
    this.ex = ex;
  }

  /** The calling model thread, or null if it is silent or no model thread. */
  private ModelThread caller() {
    ModelThread me = ex.current();
    return me == null || me.silent > 0 ? null : me;
  }

  @Override
  public void atomicBegin() {
    ModelThread me = caller();
    if (me != null) {
      ex.atomicBlocks.begin(me);
    }
  }

  @Override
  public void atomicBeginWhen(BooleanSupplier guard) {
    ModelThread me = caller();
    if (me != null) {
      ex.atomicBlocks.beginWhen(me, guard);
    }
  }

  @Override
  public void atomicEnd() {
    ModelThread me = caller();
    if (me != null) {
      ex.atomicBlocks.end(me);
    }
  }

  @Override
  public int choose(int bound) {
    ModelThread me = caller();
    return me == null ? 0 : ex.atomicBlocks.choose(me, bound);
  }

  @Override
  public void registerInvariant(String name, BooleanSupplier holds, Supplier<String> message) {
    ModelThread me = ex.current();
    if (me == null || me.silent == 0) {
      ex.invariants.register(name, holds, message);
    }
  }

  @Override
  public void invariantFailed(String name, String message) {
    ModelThread me = ex.current();
    if (me == null || me.silent == 0) {
      throw new InvariantViolation(name, message);
    }
  }

  private static final class Idle implements Backend {
    @Override
    public void atomicBegin() {}

    @Override
    public void atomicBeginWhen(BooleanSupplier guard) {}

    @Override
    public void atomicEnd() {}

    @Override
    public int choose(int bound) {
      return 0;
    }

    @Override
    public void registerInvariant(String name, BooleanSupplier holds, Supplier<String> message) {}

    @Override
    public void invariantFailed(String name, String message) {}
  }
}
