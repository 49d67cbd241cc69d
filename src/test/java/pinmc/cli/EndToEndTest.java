package pinmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.models.Counter;
import e2e.models.FailsEarly;
import e2e.models.OppositeLocks;
import e2e.models.Spinner;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import pinmc.check.CheckResult;
import pinmc.check.Verdict;
import pinmc.junit.ModelCheck;
import pinmc.report.Json;

/** The commands on the real embedded engine, with small models from {@code e2e.models}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EndToEndTest {
  private static final String COUNTER = Counter.class.getName();

  @TempDir Path dir;

  private Path properties(String name, String target, String args, String expect) throws Exception {
    Path props = Files.createDirectories(dir.resolve("properties"));
    return Files.writeString(props.resolve(name + ".jpf"),
        "target = " + target + "\ntarget.args = " + args + "\npinmc.expect = " + expect + "\n");
  }

  @Test
  void aLostUpdateIsFoundAndShownStepByStep() {
    Cli.Run r = Cli.run("check", COUNTER, "buggy");
    assertEquals(1, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals(COUNTER + ": VIOLATION (invariant no-lost-update)", lines.get(0));
    assertEquals("  count = 1 after two increments", lines.get(1));
    String header = lines.stream().filter(l -> l.startsWith("  step ")).findFirst().orElseThrow();
    assertTrue(header.matches("  step  thread  operation +source"), header);
    assertTrue(r.out().contains("   1-2  main    set-up, 2 steps\n"), r.out());
    assertTrue(r.out().matches("(?s).*\n +6  first +read Counter\\.count = 0 +Counter\\.java:28\n.*"), r.out());
    assertTrue(r.out().contains("8 hidden"), r.out());
    for (String line : lines) {
      assertTrue(line.length() <= 100, line);
    }
    Cli.Run full = Cli.run("check", "--full-trace", COUNTER, "buggy");
    assertTrue(full.out().contains("counterexample, 16 steps (schedule: "), full.out());
    assertTrue(full.out().contains("join second"), full.out());
    assertTrue(r.out().contains("bound hit: none"), r.out());
  }

  @Test
  void theLockedCounterPasses() {
    Cli.Run r = Cli.run("check", COUNTER, "fixed");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith(COUNTER + ": PASS\n"), r.out());
  }

  @Test
  void aSpinningThreadIsInconclusiveNamingTheBound() {
    Cli.Run r = Cli.run("check", "--max-steps", "200", Spinner.class.getName());
    assertEquals(3, r.code(), r.toString());
    assertTrue(r.out().startsWith(Spinner.class.getName() + ": INCONCLUSIVE (bound max-steps)"), r.out());
    assertTrue(r.out().contains("Spinner.java:"), r.out());
  }

  @Test
  void aModelThatFailsBeforeStartingThreadsIsAnError() {
    Cli.Run r = Cli.run("check", FailsEarly.class.getName());
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.out().contains("IllegalStateException: no pages configured"), r.out());
  }

  @Test
  void opposingLockOrdersDeadlock() {
    Cli.Run r = Cli.run("check", "--time-limit", "30s", OppositeLocks.class.getName());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().startsWith(OppositeLocks.class.getName() + ": DEADLOCK"), r.out());
  }

  @Test
  void aSavedCounterexampleReplaysToTheSameViolation() throws Exception {
    Path trace = dir.resolve("lost-update.json");
    Cli.Run check = Cli.run("check", "--save-trace", trace.toString(), COUNTER, "buggy");
    assertEquals(1, check.code(), check.toString());
    Cli.Run replay = Cli.run("replay", trace.toString());
    assertEquals(0, replay.code(), replay.toString());
    assertTrue(replay.out().startsWith(COUNTER + ": violation:no-lost-update, as expected, "), replay.out());
  }

  @Test
  void theGateMeetsExpectationsAndWritesJunitAndMarkdown() throws Exception {
    properties("counter-buggy", COUNTER, "buggy", "violation:no-lost-update");
    properties("counter-fixed", COUNTER, "fixed", "pass");
    Path props = dir.resolve("properties");
    Path xml = dir.resolve("target/gate.xml");
    Cli.Run gate = Cli.run("gate", "--properties-dir", props.toString(), "--format", "junit", "--output", xml.toString());
    assertEquals(0, gate.code(), gate.toString());
    assertTrue(gate.out().matches("counter-buggy: violation:no-lost-update, as expected, \\d+\\.\\d\\d s\n"
        + "counter-fixed: pass, as expected, \\d+\\.\\d\\d s\n2 of 2 as expected\n"), gate.out());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(xml)));
    assertEquals(2, doc.getElementsByTagName("testcase").getLength());
    assertEquals(0, doc.getElementsByTagName("failure").getLength());

    Cli.Run md = Cli.run("gate", "--properties-dir", props.toString(), "--format", "markdown");
    assertTrue(md.out().contains("```mermaid\nsequenceDiagram\n    participant T0 as main\n"), md.out());
    assertTrue(md.out().contains("Counter.java:29"), md.out());
  }

  @Test
  void theGateFailsWhenAnExpectationIsWrong() throws Exception {
    properties("counter-wrong", COUNTER, "buggy", "pass");
    Cli.Run gate = Cli.run("gate", "--quiet", dir.resolve("properties").toString());
    assertEquals(1, gate.code(), gate.toString());
    assertTrue(gate.out().startsWith("counter-wrong: violation:no-lost-update, UNEXPECTED (expected pass), "), gate.out());
  }

  @Test
  void modelCheckFromATest() throws Exception {
    CheckResult bug = ModelCheck.of(Counter.class).args("buggy").run();
    ModelCheck.assertViolates(bug, "no-lost-update");
    assertTrue(bug.trace().size() > 4, bug.trace().toString());
    ModelCheck.assertPasses(ModelCheck.of(Counter.class).args("fixed").run());
    Path file = properties("counter-buggy", COUNTER, "buggy", "violation:no-lost-update");
    assertEquals(Verdict.VIOLATION, ModelCheck.properties(file).assertMeetsExpectation().verdict());
  }

  @Test
  void benchPrintsATableOfTheLiteratureProgramsAndWritesJson() throws Exception {
    Path json = dir.resolve("bench.json");
    Path md = dir.resolve("BENCHMARKS.md");
    Cli.Run r = Cli.run("bench", "--quick", "--runs", "1", "--no-jpf", "--json", json.toString(), "--markdown", md.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("#### readers") && r.out().contains("| 4 | dpor | pass | 16 | 0 | 16 (expected 16) | - |"), r.out());
    assertTrue(r.out().contains("#### filesystem") && r.out().contains("| 16 | dpor | pass | 8 | 0 | 8 | - |"), r.out());
    assertTrue(r.out().startsWith("# pinmc benchmarks") && r.out().contains("- jpf: not run (--no-jpf)"), r.out());
    assertTrue(r.out().contains("- command: `./pinmc bench --quick --runs 1 --no-jpf"), r.out());
    assertTrue(r.out().matches("(?s).*\n- load average \\(1 minute, all of the machine's jobs\\): "
        + "(\\d+\\.\\d|unknown) at the start, (\\d+\\.\\d|unknown) at the end\n.*"), r.out());
    assertTrue(Files.readString(json).contains("\"program\": \"indexer\""), Files.readString(json));
    assertEquals(r.out(), Files.readString(md));
  }

  @Test
  void benchRejectsZeroRuns() {
    Cli.Run r = Cli.run("bench", "--runs", "0");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("--runs must be at least 1"), r.err());
  }
}
