package pinmc.embedded.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocationTest {
  @Test
  void objectAndFieldComeBackOutIncludingNegativeFieldsAndHighObjectNumbers() {
    int[] objects = {0, 1, 0x40000102, 0x80010003};
    int[] fields = {0, 7, ExclusiveLocks.MONITOR, Invariants.ARRAY_ELEMENTS, Integer.MAX_VALUE};
    for (int o : objects) {
      for (int f : fields) {
        long loc = Location.of(o, f);
        assertEquals(o, Location.object(loc), o + "/" + f);
        assertEquals(f, Location.field(loc), o + "/" + f);
      }
    }
    assertNotEquals(Location.of(1, -1), Location.of(0, -1), "a negative field does not spill into the object");
  }

  @Test
  void theWholeObjectOfAFieldIsSharedByItsFieldsButAStaticFieldIsItsOwn() {
    assertEquals(Location.wholeObject(Location.of(5, 3)), Location.wholeObject(Location.of(5, ExclusiveLocks.MONITOR)));
    assertNotEquals(Location.wholeObject(Location.of(0, 3)), Location.wholeObject(Location.of(0, 4)));
  }

  @Test
  void engineFieldsAreTheNegativeOnes() {
    assertTrue(Location.isEngineField(ExclusiveLocks.MONITOR));
    assertTrue(Location.isEngineField(Invariants.INVARIANT_STATE));
    assertFalse(Location.isEngineField(0), "field id 0 and array element 0 are the model's");
  }

  /**
   * Every engine field the runtime declares (a negative {@code static final int} of one of
   * its classes) has a number of its own: two primitives sharing one would make their
   * locations one, and each would see the other's releases and acquisitions.
   */
  @Test
  void noTwoEngineFieldsShareANumber() throws IOException, URISyntaxException, ReflectiveOperationException {
    Path dir = Path.of(Location.class.getResource("Location.class").toURI()).getParent();
    Map<Integer, String> byNumber = new HashMap<>();
    List<Path> classFiles;
    try (Stream<Path> files = Files.list(dir)) {
      classFiles = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
    for (Path file : classFiles) {
      String name = file.getFileName().toString();
      Class<?> c = Class.forName("pinmc.embedded.runtime." + name.substring(0, name.length() - ".class".length()), false,
          Location.class.getClassLoader());
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (f.getType() == int.class && Modifier.isStatic(m) && Modifier.isFinal(m) && !f.isSynthetic()) {
          f.setAccessible(true);
          int value = f.getInt(null);
          if (Location.isEngineField(value)) {
            String where = c.getSimpleName() + "." + f.getName();
            String before = byNumber.put(value, where);
            assertNull(before, "engine field " + value + " is both " + before + " and " + where);
          }
        }
      }
    }
    assertTrue(byNumber.containsValue("ThreadLifeCycle.ALIVE"), "the primitives' engine fields were found: " + byNumber);
    assertTrue(byNumber.size() >= 10, "the primitives' engine fields were found: " + byNumber);
  }
}
