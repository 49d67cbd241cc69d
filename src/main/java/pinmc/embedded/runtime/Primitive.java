package pinmc.embedded.runtime;

import java.util.List;

/**
 * A kind of synchronisation or shared state the engine models (a lock, a wait set, a
 * thread's life cycle, ...): what the engine asks it about a thread whose pending operation
 * is one of the primitive's {@link #operations()}. The scheduling in {@link Execution} knows
 * nothing of any primitive; it asks the primitive that registered the pending operation.
 *
 * <p>Each primitive file holds, in one place, the primitive's state, the operations that
 * change it (called by {@link Hooks}), when a pending operation can run, what it reads and
 * writes for the dependence relation, and how a thread blocked in it is described.
 */
interface Primitive {
  /** The operations this primitive answers for; each operation has exactly one primitive. */
  OpKind[] operations();

  /** Whether {@code t}'s pending operation can run in the current state. */
  default boolean isEnabled(ModelThread t) {
    return true;
  }

  /**
   * What {@code t}'s pending operation reads and writes, for the dependence relation:
   * called as its step begins, before the operation changes any state.
   */
  void recordAccesses(ModelThread t, Dependence out);

  /**
   * Why {@code t}, which is not enabled, cannot go on, as the words after its name in a
   * deadlock report ("waits for the lock of Account#1, held by Thread-0").
   */
  default String blockedReason(ModelThread t) {
    return "is blocked in " + t.op.verb;
  }

  /**
   * Puts this primitive's state into a state fingerprint (state caching): whatever of it can
   * change what a thread does next. Every primitive answers, if only to say that its state is
   * elsewhere; one that left state out would make two states one.
   */
  void hashState(StateFingerprint f);

  /** How many ways {@code t}'s pending operation can go (a choice's bound, which waiter a notify wakes). */
  default int choiceCount(ModelThread t) {
    return 1;
  }

  /**
   * The primitive of each operation, indexed by {@link OpKind#ordinal()}. Throws if an
   * operation has no primitive or two.
   */
  static Primitive[] byOperation(Primitive... primitives) {
    for (Primitive p : primitives) {
      p.operations(); // loads the primitive's own operations before the table is sized
    }
    List<OpKind> all = OpKind.all();
    Primitive[] table = new Primitive[all.size()];
    for (Primitive p : primitives) {
      for (OpKind op : p.operations()) {
        if (table[op.ordinal()] != null) {
          throw new IllegalStateException(op + " is claimed by " + table[op.ordinal()].getClass().getSimpleName()
              + " and " + p.getClass().getSimpleName());
        }
        table[op.ordinal()] = p;
      }
    }
    for (OpKind op : all) {
      if (table[op.ordinal()] == null) {
        throw new IllegalStateException("no primitive answers for " + op);
      }
    }
    return table;
  }
}
