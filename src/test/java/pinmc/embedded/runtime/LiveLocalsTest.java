package pinmc.embedded.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import pinmc.api.Atomic;

/**
 * {@link LiveLocals} knows the slots of frames of classes the model shares uninstrumented,
 * which lie between model frames. {@code Atomic.when} is one: a thread waits in it at a
 * scheduling point with its guard dead (passed on), which the interpreter reports as the
 * guard and compiled code as empty, so without the analysis the first search in a JVM (JIT
 * cold) counted other states than the next (BtrfsChecksum bounce-pinned: 568 executions,
 * then 542).
 */
class LiveLocalsTest {
  @Test
  void aFrameOfAnApiClassKnowsItsDeadLocals() {
    // Atomic.when(guard, body): bytecode index 4 is the call that passes the guard on.
    LiveLocals.Slots slots = LiveLocals.method(Atomic.class, "when",
        "(Ljava/util/function/BooleanSupplier;Ljava/lang/Runnable;)V").slotsAt(4);
    assertNotNull(slots, "Atomic.when has no slot analysis: its dead locals are hashed as the JVM reports them");
    assertArrayEquals(new byte[] {LiveLocals.DEAD, LiveLocals.REFERENCE, LiveLocals.DEAD}, slots.locals());
    assertArrayEquals(new byte[] {LiveLocals.REFERENCE, LiveLocals.REFERENCE}, slots.stack());
  }
}
