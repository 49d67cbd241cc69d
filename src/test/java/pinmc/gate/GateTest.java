package pinmc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.check.ModelTarget;
import pinmc.report.ReportEntry;
import pinmc.report.SampleResults;

class GateTest {
  /** Finishes files in reverse order of their number, so that completion order differs from file order. */
  private final Engine slowFirst = new Engine() {
    @Override
    public String name() {
      return "canned";
    }

    @Override
    public CheckResult check(ModelTarget target, CheckOptions options) {
      int n = Integer.parseInt(target.args().get(0));
      try {
        Thread.sleep(40L * (5 - n));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return n % 2 == 0 ? SampleResults.pass("ignored") : SampleResults.violation("ignored");
    }
  };

  private static void write(Path file, int n, String expect) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "target = m.M\ntarget.args = " + n + "\npinmc.expect = " + expect + "\n");
  }

  @Test
  void findsJpfFilesRecursivelyInNameOrder(@TempDir Path dir) throws Exception {
    write(dir.resolve("b.jpf"), 0, "pass");
    write(dir.resolve("a/z.jpf"), 0, "pass");
    Files.writeString(dir.resolve("notes.txt"), "");
    Path single = dir.resolve("b.jpf");
    assertEquals(List.of(dir.resolve("a/z.jpf"), dir.resolve("b.jpf"), single),
        Gate.findPropertiesFiles(List.of(dir, single)));
    assertThrows(NoSuchFileException.class, () -> Gate.findPropertiesFiles(List.of(dir.resolve("none"))));
  }

  @Test
  void keepsFileOrderUnderParallelismAndNamesResultsByModel(@TempDir Path dir) throws Exception {
    List<Path> files = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      Path f = dir.resolve("m" + n + ".jpf");
      write(f, n, n % 2 == 0 ? "pass" : "violation:" + SampleResults.INVARIANT);
      files.add(f);
    }
    List<Integer> progress = Collections.synchronizedList(new ArrayList<>());
    Gate.Run run = new Gate(slowFirst, CheckOptions.defaults(), 3).run(files, (e, done, total) -> progress.add(done));
    assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), run.entries().stream().map(e -> e.result().target()).toList());
    assertTrue(run.allAsExpected(), run.entries().toString());
    assertEquals(List.of(1, 2, 3, 4, 5), progress.stream().sorted().toList());
    assertEquals(List.of(), run.crashes());
    assertEquals(files.get(0).toString(), run.entries().get(0).source());
  }

  @Test
  void anUnreadableFileIsAnErrorEntryAndTheOthersStillRun(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.jpf"), "target = m.M\nnonsense\n");
    Path good = dir.resolve("good.jpf");
    write(good, 0, "pass");
    Gate.Run run = new Gate(slowFirst, CheckOptions.defaults(), 2).run(List.of(bad, good), Gate.Listener.NONE);
    ReportEntry badEntry = run.entries().get(0);
    assertEquals("error", badEntry.result().outcome());
    assertEquals(Gate.NO_EXPECTATION, badEntry.expected());
    assertTrue(badEntry.result().message().startsWith(bad + ":2: "), badEntry.result().message());
    assertTrue(run.entries().get(1).asExpected());
  }

  @Test
  void needsAtLeastOneJob() {
    assertThrows(IllegalArgumentException.class, () -> new Gate(slowFirst, CheckOptions.defaults(), 0));
  }
}
