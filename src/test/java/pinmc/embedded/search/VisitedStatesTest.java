package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class VisitedStatesTest {
  private static byte[] fingerprint(long high, long low) {
    return ByteBuffer.allocate(16).putLong(high).putLong(low).array();
  }

  @Test
  void aStateIsNewOnceAndMatchedAfter() {
    VisitedStates v = new VisitedStates();
    assertTrue(v.add(fingerprint(1, 2)));
    assertFalse(v.add(fingerprint(1, 2)));
    assertTrue(v.add(fingerprint(2, 1)), "the halves are not interchangeable");
    assertTrue(v.add(fingerprint(1, 3)));
    assertEquals(3, v.size());
    assertEquals(1, v.matched());
  }

  @Test
  void theAllZeroFingerprintIsAStateLikeAnyOther() {
    VisitedStates v = new VisitedStates();
    assertTrue(v.add(fingerprint(0, 0)));
    assertTrue(v.add(fingerprint(0, 1)), "(0, 0) marks empty slots, but is no other state");
    assertFalse(v.add(fingerprint(0, 0)));
    assertEquals(2, v.size());
  }

  @Test
  void growingKeepsEveryState() {
    VisitedStates v = new VisitedStates();
    for (long i = 0; i < 100_000; i++) {
      assertTrue(v.add(fingerprint(i * 0x9E3779B97F4A7C15L, i)));
    }
    for (long i = 0; i < 100_000; i++) {
      assertFalse(v.add(fingerprint(i * 0x9E3779B97F4A7C15L, i)), "state " + i);
    }
    assertEquals(100_000, v.size());
  }
}
