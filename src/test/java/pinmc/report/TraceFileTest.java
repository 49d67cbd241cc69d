package pinmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;

class TraceFileTest {
  @Test
  void savesAndReadsBackTargetOptionsAndResult(@TempDir Path dir) throws Exception {
    ModelTarget target = new ModelTarget("btrfs-dma", "models.BtrfsChecksum", List.of("dma", "2"), List.of(dir.resolve("classes")));
    CheckOptions options = CheckOptions.builder().maxSteps(500).detectRaces(true).build();
    CheckResult result = SampleResults.violation("btrfs-dma");
    Path file = dir.resolve("out/trace.json");
    TraceFile.write(file, target, options, result);
    TraceFile.Saved saved = TraceFile.read(file);
    assertEquals(target, saved.target());
    assertEquals(result, saved.result());
    assertEquals(500, saved.options().maxSteps());
    assertTrue(saved.options().detectRaces());
    assertTrue(Files.readString(file).contains("\"schedule\": \"0 0 1 1 2 1\""));
  }

  @Test
  void refusesFilesThatAreNoTraceNamingTheField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.json");
    Files.writeString(file, "{\"format\": \"pinmc-trace\", \"version\": 1, \"target\": {\"name\": \"x\"}}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceFile.read(file));
    assertEquals(file + ": not a pinmc trace file: trace.target.mainClass: missing", e.getMessage());
    Files.writeString(file, "{\"results\": []}");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TraceFile.read(file)).getMessage().contains("trace.format"));
    Files.writeString(file, "not json");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TraceFile.read(file)).getMessage().contains("JSON syntax error"));
  }

  @Test
  void atomicWriteReplacesAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.xml");
    AtomicFiles.write(file, "one");
    AtomicFiles.write(file, "two");
    assertEquals("two", Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }
}
