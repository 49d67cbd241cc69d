package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The vector-clock operations the event log builds every step's clock with. */
class VectorClocksTest {
  @Test
  void joinedIsTheEntryWiseMaximumAsLongAsTheLongerClock() {
    int[] a = {3, 0, 1};
    int[] b = {1, 4};
    assertArrayEquals(new int[] {3, 4, 1}, VectorClocks.joined(a, b));
    assertArrayEquals(new int[] {3, 4, 1}, VectorClocks.joined(b, a));
    assertArrayEquals(new int[] {3, 0, 1}, a, "the operands are left alone");
  }

  @Test
  void joinRaisesOnlyTheEntriesTheTargetHas() {
    int[] into = {1, 5};
    VectorClocks.join(into, new int[] {2, 3, 9});
    assertArrayEquals(new int[] {2, 5}, into);
  }

  @Test
  void pushGrowsTheArrayOnlyWhenItIsFull() {
    int[] a = new int[2];
    assertSame(a, VectorClocks.push(a, 1, 7));
    int[] grown = VectorClocks.push(a, 2, 8);
    assertArrayEquals(new int[] {0, 7, 8, 0}, grown);
  }
}
