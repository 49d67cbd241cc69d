package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A decision: a thread's step with its value, or an end of the execution that has no thread. */
class DecisionTest {
  @Test
  void aStepKeepsItsThreadAndValueWhereverTheyLie() {
    int[][] cases = {{0, 0}, {5, 0}, {63, 0}, {64, 0}, {200, 0}, {0, 1}, {3, 7}, {70_000, 70_000}, {Integer.MAX_VALUE, 65_536}};
    for (int[] c : cases) {
      Decision d = Decision.step(c[0], c[1]);
      assertFalse(d.endsExecution());
      assertNull(d.end());
      assertEquals(c[0], d.thread());
      assertEquals(c[1], d.choice());
      assertEquals(d, Decision.step(c[0], c[1]));
    }
    assertSame(Decision.step(3, 0), Decision.step(3, 0), "the common decisions are shared, not made at every step");
    assertNotEquals(Decision.step(1, 2), Decision.step(2, 1));
  }

  @Test
  void anEndHasNoThreadToRun() {
    for (Decision end : new Decision[] {Decision.NO_THREAD, Decision.SLEEP_BLOCKED, Decision.DIVERGED, Decision.PREEMPTION_CUT}) {
      assertTrue(end.endsExecution());
      assertThrows(IllegalStateException.class, end::thread);
      assertThrows(IllegalStateException.class, end::choice);
      assertNotEquals(end, Decision.step(0, 0));
    }
    assertEquals(Decision.End.SLEEP_BLOCKED, Decision.SLEEP_BLOCKED.end());
    assertNotEquals(Decision.NO_THREAD, Decision.DIVERGED);
  }

  @Test
  void noStepOfANegativeThreadOrValue() {
    assertThrows(IllegalArgumentException.class, () -> Decision.step(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> Decision.step(0, -1));
  }
}
