package pinmc.embedded.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Object numbers from where an object was allocated, for threads on both sides of 64. */
class ObjectNumbersTest {
  @Test
  void threadsAbove63NumberTheirObjectsApartFromEveryOtherThread() {
    Set<Integer> seen = new HashSet<>();
    for (int thread : new int[] {0, 1, 63, 64, 65, 127, 128, 200, 0x3fff}) {
      for (int n : new int[] {1, 2, 0xffff}) {
        int id = ObjectNumbers.allocationNumber(thread, n);
        assertTrue(seen.add(id), "thread " + thread + ", object " + n + ": " + Integer.toHexString(id));
        assertTrue(id > ObjectNumbers.ARGS_OBJECT, "not one of the fixed numbers");
        assertTrue(id > 0, "not a class initialiser's (those have the top bit)");
      }
    }
  }

  @Test
  void pastWhatTheBitsHoldObjectsShareTheUnknownNumber() {
    assertEquals(ObjectNumbers.UNKNOWN_OBJECT, ObjectNumbers.allocationNumber(64, 0x10000));
    assertEquals(ObjectNumbers.UNKNOWN_OBJECT, ObjectNumbers.allocationNumber(0x4000, 1));
    assertEquals(ObjectNumbers.UNKNOWN_OBJECT, ObjectNumbers.allocationNumber(3, 0x1000000));
  }
}
