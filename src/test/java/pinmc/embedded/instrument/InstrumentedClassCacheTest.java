package pinmc.embedded.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import pinmc.check.SourceLocation;
import pinmc.embedded.runtime.Sites;

/** Cached instrumentation is reused only when the check's site numbers come out the same. */
class InstrumentedClassCacheTest {
  private static final String CLASS = "pinmc.corpus.LostUpdate";

  /** Instruments {@link #CLASS} for a check whose site table is {@code sites}. */
  private static byte[] instrumentFor(Sites sites) {
    ModelClassLoader loader = new ModelClassLoader(List.of(), InstrumentedClassCacheTest.class.getClassLoader(), sites);
    ClassHierarchy hierarchy = new ClassHierarchy(loader::classBytes);
    byte[] original = loader.classBytes(CLASS.replace('.', '/'));
    assertNotNull(original);
    return InstrumentedClassCache.instrument(List.of(), CLASS, original, new Instrumenter(sites, hierarchy), hierarchy, sites);
  }

  private static List<SourceLocation> locations(Sites sites) {
    List<SourceLocation> out = new ArrayList<>();
    for (int site = 1; sites.location(site) != SourceLocation.UNKNOWN; site++) {
      out.add(sites.location(site));
    }
    return out;
  }

  @Test
  void aCheckThatNumbersSitesTheSameWayGetsTheSameBytesAndSites() {
    Sites first = new Sites();
    byte[] bytes = instrumentFor(first);
    Sites second = new Sites();
    assertArrayEquals(bytes, instrumentFor(second));
    assertEquals(locations(first), locations(second));
  }

  @Test
  void aCheckThatNumbersSitesOtherwiseIsInstrumentedAfresh() {
    Sites plain = new Sites();
    byte[] plainBytes = instrumentFor(plain);
    Sites shifted = new Sites();
    SourceLocation elsewhere = new SourceLocation("Elsewhere", "run", "Elsewhere.java", 1);
    shifted.addSite(elsewhere, 0); // a class loaded earlier in this check took site 1
    byte[] shiftedBytes = instrumentFor(shifted);
    assertFalse(Arrays.equals(plainBytes, shiftedBytes), "site numbers differ, so the bytecode must");
    assertEquals(elsewhere, locations(shifted).get(0));
    assertEndsWith(locations(plain), locations(shifted));
    // and back: a fresh numbering is not served the shifted bytes either (a failed replay
    // may leave unused numbers behind, so only the class's own sites are compared)
    Sites fresh = new Sites();
    assertFalse(Arrays.equals(shiftedBytes, instrumentFor(fresh)));
    assertEndsWith(locations(plain), locations(fresh));
  }

  private static void assertEndsWith(List<SourceLocation> tail, List<SourceLocation> all) {
    assertEquals(tail, all.subList(all.size() - tail.size(), all.size()));
  }
}
