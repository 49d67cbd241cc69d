package pinmc.embedded.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class LocationsTest {
  @Test
  void objectAndFieldComeBackOutIncludingNegativeFieldsAndHighObjectNumbers() {
    int[] objects = {0, 1, 0x40000102, 0x80010003};
    int[] fields = {0, 7, ExclusiveLocks.MONITOR, Invariants.ARRAY_ELEMENTS, Integer.MAX_VALUE};
    for (int o : objects) {
      for (int f : fields) {
        long loc = Locations.of(o, f);
        assertEquals(o, Locations.object(loc), o + "/" + f);
        assertEquals(f, Locations.field(loc), o + "/" + f);
      }
    }
    assertNotEquals(Locations.of(1, -1), Locations.of(0, -1), "a negative field does not spill into the object");
  }

  @Test
  void theWholeObjectOfAFieldIsSharedByItsFieldsButAStaticFieldIsItsOwn() {
    assertEquals(Locations.wholeObject(Locations.of(5, 3)), Locations.wholeObject(Locations.of(5, ExclusiveLocks.MONITOR)));
    assertNotEquals(Locations.wholeObject(Locations.of(0, 3)), Locations.wholeObject(Locations.of(0, 4)));
  }
}
