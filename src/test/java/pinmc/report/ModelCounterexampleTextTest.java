package pinmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.embedded.EmbeddedEngine;
import pinmc.models.PropertiesFiles;

/**
 * The default text of every committed model's counterexample is one a person reads quickly:
 * at most 15 step rows, no array cells named by allocation ({@code int[]#7[0]}), within 100
 * columns; the btrfs one still names the three steps the story is about.
 */
class ModelCounterexampleTextTest {
  private static final int MAX_ROWS = 15;
  private static final Pattern STEP_ROW = Pattern.compile("^  +(\\d+(-\\d+)?)  \\S", Pattern.MULTILINE);
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private String text(CheckResult r) {
    return new TextReport(Style.PLAIN, false).render(List.of(ReportEntry.of(r)));
  }

  private static int stepRows(String text) {
    Matcher m = STEP_ROW.matcher(text);
    int rows = 0;
    while (m.find()) {
      rows++;
    }
    return rows;
  }

  @Test
  void theBtrfsCounterexampleShowsTheChecksumTheDeviceWriteAndTheCheck() {
    PropertiesFiles.Entry e = PropertiesFiles.read(Path.of("properties/btrfs-checksum-dma-during-writeback.jpf"));
    String text = text(engine.check(e.target(), CheckOptions.defaults()));
    assertTrue(stepRows(text) <= MAX_ROWS, stepRows(text) + " rows:\n" + text);
    assertTrue(text.matches("(?s).*\\n +\\d+  flusher +writeOnePage: .*csum 0x[0-9a-f]+.*"), text);
    assertTrue(text.matches("(?s).*\\n +\\d+  rdma +dmaWrite\\(page0, word 0 = 100\\): [^\\n]*(\\n {10,}[^\\n]*)*"
        + "page0\\.contents\\[0\\] =\\s+100\\b.*"), text);
    // The pin as the kernel call with the arguments that make it one the device may write through.
    assertTrue(text.matches("(?s).*\\n +\\d+  rdma +pinUserPages\\(app\\.mm, page 0, FOLL_WRITE\\|FOLL_LONGTERM\\): .*"), text);
    assertTrue(text.contains("VIOLATION (invariant stable-page-under-io)") && text.contains("crc32"), text);
    assertTrue(text.matches("(?s).*\\n +1-\\d+  main +set-up, \\d+ steps: .*addCachedPage.*"), text);
    assertFalse(text.contains("[]#"), text);
    assertFalse(text.contains("__pinmc$"), "fields the instrumenter added stay out of the trace: " + text);
  }

  @TestFactory
  Stream<DynamicTest> everyModelCounterexampleIsShortNamedAndNarrow() {
    return PropertiesFiles.all().stream().filter(e -> !e.expect().equals("pass")).map(e -> DynamicTest.dynamicTest(e.name(), () -> {
      CheckResult r = engine.check(e.target(), CheckOptions.defaults());
      assertTrue(r.foundBug(), r.outcome());
      String text = text(r);
      assertTrue(stepRows(text) <= MAX_ROWS, stepRows(text) + " rows:\n" + text);
      assertTrue(stepRows(text) >= 2, text);
      assertFalse(text.contains("[]#"), text);
      assertFalse(text.contains("__pinmc$"), text);
      for (String line : text.split("\n")) {
        assertTrue(line.length() <= 100, line.length() + " columns: " + line);
      }
      String full = new TextReport(Style.PLAIN, new TextReport.Detail(false, true, true)).render(List.of(ReportEntry.of(r)));
      assertEquals(r.trace().size(), stepsIn(full), "--full-trace shows every step");
      // A lambda's class is named by its interface, not by the JVM's name for it, which holds
      // an address that differs from run to run (mmu-notifier-no-retry showed it).
      assertFalse(full.contains("$$Lambda") || full.contains("/0x"), full);
    }));
  }

  private static int stepsIn(String text) {
    return stepRows(text);
  }
}
