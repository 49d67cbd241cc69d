package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Thread sets below and above thread 63, against {@link BitSet} as the reference. */
class ThreadSetTest {
  @Test
  void membersBelowAndAbove63() {
    ThreadSet s = ThreadSet.of(0, 63, 64, 127, 128, 200);
    for (int t : new int[] {0, 63, 64, 127, 128, 200}) {
      assertTrue(s.contains(t), "" + t);
    }
    for (int t : new int[] {1, 62, 65, 126, 129, 199, 201, 1000, -1}) {
      assertFalse(s.contains(t), "" + t);
    }
    assertEquals(6, s.size());
    assertEquals("{0, 63, 64, 127, 128, 200}", s.toString());
    assertFalse(ThreadSet.of(64).contains(0), "64 is not 0 again, as in a bit mask of one long");
  }

  @Test
  void iterationVisitsEveryMemberInOrder() {
    ThreadSet s = ThreadSet.of(5, 70, 3, 191);
    StringBuilder seen = new StringBuilder();
    for (int t = s.first(); t >= 0; t = s.next(t + 1)) {
      seen.append(t).append(' ');
    }
    assertEquals("3 5 70 191 ", seen.toString());
    assertEquals(-1, ThreadSet.EMPTY.first());
    assertEquals(-1, s.next(192));
    assertEquals(70, s.next(64));
  }

  @Test
  void setsAreEqualByMembersWhateverTheirHistory() {
    ThreadSet grownAndShrunk = ThreadSet.of(1, 130).without(130);
    assertEquals(ThreadSet.of(1), grownAndShrunk);
    assertEquals(ThreadSet.of(1).hashCode(), grownAndShrunk.hashCode());
    assertEquals(ThreadSet.EMPTY, ThreadSet.of(70).without(70));
    assertTrue(ThreadSet.of(70).without(70).isEmpty());
    assertNotEquals(ThreadSet.of(6), ThreadSet.of(70));
  }

  @Test
  void whatChangesNothingReturnsTheSetItself() {
    ThreadSet s = ThreadSet.of(2, 9);
    assertSame(s, s.with(9));
    assertSame(s, s.without(3));
    assertSame(s, s.union(ThreadSet.EMPTY));
    assertSame(s, s.minus(ThreadSet.of(4)));
    assertSame(s, s.union(ThreadSet.of(2)));
  }

  @Test
  void aNegativeThreadIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ThreadSet.of(-1));
    assertThrows(IllegalArgumentException.class, () -> new ThreadSet.Builder().add(-3));
  }

  @Test
  void operationsAgreeWithBitSetOnRandomSets() {
    Random random = new Random(12);
    for (int round = 0; round < 2000; round++) {
      int range = random.nextBoolean() ? 64 : 260;
      BitSet a = randomBits(random, range);
      BitSet b = randomBits(random, range);
      ThreadSet x = of(a);
      ThreadSet y = of(b);
      assertEquals(a.cardinality(), x.size());
      assertEquals(a.nextSetBit(0), x.first());
      int from = random.nextInt(range + 2);
      assertEquals(a.nextSetBit(from), x.next(from), a + " from " + from);
      BitSet union = (BitSet) a.clone();
      union.or(b);
      assertEquals(of(union), x.union(y), a + " | " + b);
      BitSet inter = (BitSet) a.clone();
      inter.and(b);
      assertEquals(of(inter), x.intersect(y), a + " & " + b);
      assertEquals(!inter.isEmpty(), x.intersects(y), a + " meets " + b);
      BitSet minus = (BitSet) a.clone();
      minus.andNot(b);
      assertEquals(of(minus), x.minus(y), a + " - " + b);
      int t = random.nextInt(range);
      BitSet with = (BitSet) a.clone();
      with.set(t);
      assertEquals(of(with), x.with(t));
      BitSet without = (BitSet) a.clone();
      without.clear(t);
      assertEquals(of(without), x.without(t));
      assertEquals(of(without).hashCode(), x.without(t).hashCode());
    }
  }

  @Test
  void aBuilderCanBeReused() {
    ThreadSet.Builder b = new ThreadSet.Builder();
    assertEquals(ThreadSet.of(1, 100), b.add(100).add(1).build());
    assertEquals(ThreadSet.of(2), b.clear().add(2).build(), "nothing of the first set is left");
    assertTrue(b.contains(2));
    assertFalse(b.contains(100));
    assertSame(b.build(), b.clear().add(2).build(), "the same set again is not a copy");
    assertEquals(ThreadSet.of(2, 70), b.add(70).build());
    assertEquals(ThreadSet.of(2), b.clear().add(2).build());
  }

  private static BitSet randomBits(Random random, int range) {
    BitSet bits = new BitSet();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      bits.set(random.nextInt(range));
    }
    return bits;
  }

  /** Built one thread at a time through {@link ThreadSet#with}, not through the builder. */
  private static ThreadSet of(BitSet bits) {
    ThreadSet s = ThreadSet.EMPTY;
    for (int t = bits.nextSetBit(0); t >= 0; t = bits.nextSetBit(t + 1)) {
      s = s.with(t);
    }
    return s;
  }
}
