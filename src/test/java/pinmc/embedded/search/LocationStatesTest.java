package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class LocationStatesTest {
  /** A state that every field of has been moved away from its initial value. */
  private static LocationStates.LocationState used() throws IllegalAccessException {
    LocationStates.LocationState st = new LocationStates.LocationState();
    VectorClock clock = VectorClock.of(1, 2);
    for (Field f : LocationStates.LocationState.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      Class<?> t = f.getType();
      if (t == int.class) {
        f.setInt(st, 7);
      } else if (t == boolean.class) {
        f.setBoolean(st, true);
      } else if (t == VectorClock.class) {
        f.set(st, clock);
      } else if (t == int[].class) {
        f.set(st, new int[] {3, 4, 5});
      } else {
        throw new AssertionError("LocationStatesTest does not know how to change a " + t + " field: " + f.getName());
      }
    }
    return st;
  }

  @Test
  void aResetStateIsANewOneButForItsListsRoom() throws IllegalAccessException {
    LocationStates.LocationState fresh = new LocationStates.LocationState();
    LocationStates.LocationState reset = used().reset();
    for (Field f : LocationStates.LocationState.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) || f.getType().isArray()) {
        continue; // a list's array keeps its room; its count says how much of it is the list
      }
      assertEquals(f.get(fresh), f.get(reset), f.getName() + " after reset()");
    }
  }

  @Test
  void aClearedTableGivesItsStatesAgainEmpty() {
    LocationStates.LocationTable table = new LocationStates.LocationTable();
    LocationStates.LocationState a = table.stateOf(1L << 32 | 5);
    a.lastWrite = 3;
    a.readCount = 2;
    assertSame(a, table.stateOf(1L << 32 | 5));
    table.clear();
    assertNull(table.find(1L << 32 | 5), "a cleared table has no locations");
    LocationStates.LocationState b = table.stateOf(2L << 32 | 6);
    assertSame(a, b, "the state is used again");
    assertEquals(-1, b.lastWrite);
    assertEquals(0, b.readCount);
    assertNotSame(b, table.stateOf(1L << 32 | 5), "two locations, two states");
  }
}
