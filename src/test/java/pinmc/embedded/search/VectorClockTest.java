package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector clock the event log builds every step's clock with, against a naive model: a
 * clock as a plain array of a fixed, large width, where joining is an entry-wise maximum
 * and comparing is a loop over every entry.
 */
class VectorClockTest {
  private static final int WIDTH = 12;

  @Test
  void joinedIsTheEntryWiseMaximumAsLongAsTheLongerClock() {
    VectorClock a = VectorClock.of(3, 0, 1);
    VectorClock b = VectorClock.of(1, 4);
    assertEquals(VectorClock.of(3, 4, 1), a.joined(b));
    assertEquals(VectorClock.of(3, 4, 1), b.joined(a));
    assertEquals(VectorClock.of(3, 0, 1), a, "the operands are left alone");
    assertEquals(VectorClock.of(1, 4), b, "the operands are left alone");
  }

  @Test
  void missingEntriesCountAsZero() {
    assertEquals(VectorClock.of(2, 0, 0), VectorClock.of(2));
    assertEquals(VectorClock.of(2, 0, 0).hashCode(), VectorClock.of(2).hashCode());
    assertEquals(0, VectorClock.of(2).get(7));
    assertEquals(0, VectorClock.ZERO.width());
    assertEquals(2, VectorClock.of(0, 5, 0).width());
  }

  @Test
  void theSharedZeroClockCannotBeChanged() {
    assertThrows(IllegalStateException.class, () -> VectorClock.ZERO.increment(0));
    assertThrows(IllegalStateException.class, () -> VectorClock.ZERO.join(VectorClock.of(1)));
    assertEquals(VectorClock.of(1), VectorClock.ZERO.joined(VectorClock.of(1)), "joined makes a new clock");
    VectorClock copy = VectorClock.ZERO.copy(2);
    assertEquals(1, copy.increment(1));
    assertEquals(VectorClock.of(), VectorClock.ZERO);
  }

  @Test
  void beforeIsStrict() {
    VectorClock a = VectorClock.of(1, 2);
    assertTrue(a.leq(a));
    assertFalse(a.before(a));
    assertTrue(a.before(VectorClock.of(1, 3)));
    assertFalse(VectorClock.of(2, 0).leq(VectorClock.of(1, 5)), "concurrent clocks are ordered neither way");
    assertFalse(VectorClock.of(1, 5).leq(VectorClock.of(2, 0)));
  }

  /** Random operations on a pool of clocks, each applied to the clock and to its naive model. */
  @Test
  void agreesWithTheNaiveModelOnRandomOperations() {
    Random random = new Random(20260412);
    for (int round = 0; round < 200; round++) {
      List<VectorClock> clocks = new ArrayList<>();
      List<int[]> models = new ArrayList<>();
      clocks.add(VectorClock.ZERO);
      models.add(new int[WIDTH]);
      for (int op = 0; op < 60; op++) {
        int i = random.nextInt(clocks.size());
        int j = random.nextInt(clocks.size());
        VectorClock c = clocks.get(i);
        int[] m = models.get(i);
        switch (random.nextInt(4)) {
          case 0 -> { // a copy, then a step of some thread
            VectorClock copy = c.copy(random.nextInt(WIDTH));
            int[] mc = m.clone();
            int t = random.nextInt(WIDTH);
            assertEquals(++mc[t], copy.increment(t));
            assertEquals(naive(m), c, "the original is left alone");
            clocks.add(copy);
            models.add(mc);
          }
          case 1 -> { // join into a copy, as the log does into a step's new clock
            VectorClock into = c.copy(random.nextInt(3));
            int[] mi = m.clone();
            into.join(clocks.get(j));
            maxInto(mi, models.get(j));
            clocks.add(into);
            models.add(mi);
          }
          case 2 -> {
            clocks.add(c.joined(clocks.get(j)));
            int[] mj = m.clone();
            maxInto(mj, models.get(j));
            models.add(mj);
          }
          default -> {
            // compare two clocks of the pool
          }
        }
        int a = random.nextInt(clocks.size());
        int b = random.nextInt(clocks.size());
        assertEquals(naiveLeq(models.get(a), models.get(b)), clocks.get(a).leq(clocks.get(b)), "leq");
        assertEquals(naiveLeq(models.get(a), models.get(b)) && !naiveLeq(models.get(b), models.get(a)),
            clocks.get(a).before(clocks.get(b)), "before");
        assertEquals(naiveLeq(models.get(a), models.get(b)) && naiveLeq(models.get(b), models.get(a)),
            clocks.get(a).equals(clocks.get(b)), "equals");
        for (int t = 0; t < WIDTH + 2; t++) {
          assertEquals(t < WIDTH ? models.get(a)[t] : 0, clocks.get(a).get(t), "entry " + t);
        }
      }
      for (int k = 0; k < clocks.size(); k++) {
        assertEquals(naive(models.get(k)), clocks.get(k), "clock " + k + " after all operations");
      }
    }
  }

  @Test
  void clocksOfDifferentStepsDiffer() {
    VectorClock a = VectorClock.ZERO.copy(2);
    a.increment(0);
    VectorClock b = a.copy(2);
    b.increment(1);
    assertNotEquals(a, b);
    assertTrue(a.before(b));
  }

  private static VectorClock naive(int[] model) {
    return VectorClock.of(model);
  }

  private static void maxInto(int[] into, int[] from) {
    for (int t = 0; t < WIDTH; t++) {
      into[t] = Math.max(into[t], from[t]);
    }
  }

  private static boolean naiveLeq(int[] a, int[] b) {
    for (int t = 0; t < WIDTH; t++) {
      if (a[t] > b[t]) {
        return false;
      }
    }
    return true;
  }
}
