package pinmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SARIF report against what the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) requires of
 * the objects it uses: each object's required properties, the enumerations and minimums of the
 * values it sets. No JSON-schema library: these are the few rules that apply, written out.
 */
class SarifReportTest {
  private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");
  private static final Set<String> IMPORTANCE = Set.of("important", "essential", "unimportant");

  @Test
  void eachCounterexampleIsACodeFlowWithOneThreadFlowPerThreadInValidSarif() {
    List<ReportEntry> entries = List.of(
        new ReportEntry(SampleResults.violation("btrfs-dma"), "violation:" + SampleResults.INVARIANT, "p/btrfs-dma.jpf"),
        new ReportEntry(SampleResults.deadlock("page-lock"), "pass", "p/page-lock.jpf"),
        new ReportEntry(SampleResults.pass("fine"), "pass", "p/fine.jpf"));
    Map<?, ?> log = (Map<?, ?>) Json.parse(SarifReport.render(entries));
    assertEquals("2.1.0", log.get("version"));
    assertTrue(((String) log.get("$schema")).endsWith("sarif-2.1.0.json"));
    List<?> runs = list(log, "runs");
    assertEquals(1, runs.size());
    Map<?, ?> run = (Map<?, ?>) runs.get(0);
    Map<?, ?> driver = map(map(run, "tool"), "driver");
    assertTrue(driver.get("name") instanceof String);
    for (Object rule : list(driver, "rules")) {
      assertTrue(((Map<?, ?>) rule).get("id") instanceof String, rule.toString());
    }
    List<?> results = list(run, "results");
    assertEquals(2, results.size(), "one result per counterexample, none for a pass");
    Map<?, ?> dma = (Map<?, ?>) results.get(0);
    assertEquals("note", dma.get("level"), "an expected violation is a note");
    assertEquals("error", ((Map<?, ?>) results.get(1)).get("level"));
    for (Object o : results) {
      Map<?, ?> result = (Map<?, ?>) o;
      assertTrue(LEVELS.contains(result.get("level")));
      message(map(result, "message"));
      for (Object l : list(result, "locations")) {
        location((Map<?, ?>) l);
      }
      for (Object cf : list(result, "codeFlows")) {
        List<?> threadFlows = list((Map<?, ?>) cf, "threadFlows");
        assertFalse(threadFlows.isEmpty());
        for (Object tf : threadFlows) {
          List<?> locations = list((Map<?, ?>) tf, "locations");
          assertFalse(locations.isEmpty());
          for (Object tfl : locations) {
            Map<?, ?> step = (Map<?, ?>) tfl;
            assertTrue(((Long) step.get("executionOrder")) >= -1);
            assertTrue(IMPORTANCE.contains(step.get("importance")), step.toString());
            location(map(step, "location"));
          }
        }
      }
    }
    List<?> flows = list((Map<?, ?>) list(dma, "codeFlows").get(0), "threadFlows");
    assertEquals(List.of("main", "writeback", "dma"), flows.stream().map(f -> ((Map<?, ?>) f).get("id")).toList());
    Map<?, ?> dmaWrite = (Map<?, ?>) list((Map<?, ?>) flows.get(2), "locations").get(0);
    assertEquals(5L, dmaWrite.get("executionOrder"));
    Map<?, ?> physical = map(map(dmaWrite, "location"), "physicalLocation");
    assertTrue(((String) map(physical, "artifactLocation").get("uri")).endsWith("models/BtrfsChecksum.java"), physical.toString());
    assertEquals(58L, map(physical, "region").get("startLine"));
  }

  private static void message(Map<?, ?> m) {
    assertTrue(m.get("text") instanceof String || m.get("id") instanceof String, "a message has text or an id: " + m);
  }

  /** A location: an optional physical location with an artifact and a region starting at line 1 or later. */
  private static void location(Map<?, ?> l) {
    if (l.containsKey("message")) {
      message(map(l, "message"));
    }
    if (l.containsKey("physicalLocation")) {
      Map<?, ?> p = map(l, "physicalLocation");
      assertTrue(map(p, "artifactLocation").get("uri") instanceof String, p.toString());
      assertTrue((Long) map(p, "region").get("startLine") >= 1, p.toString());
    }
  }

  private static Map<?, ?> map(Map<?, ?> o, String key) {
    assertTrue(o.get(key) instanceof Map, key + " is required: " + o);
    return (Map<?, ?>) o.get(key);
  }

  private static List<?> list(Map<?, ?> o, String key) {
    assertTrue(o.get(key) instanceof List, key + " is required: " + o);
    return (List<?>) o.get(key);
  }
}
