package pinmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import pinmc.check.EngineRegistry;
import pinmc.check.Reduction;
import pinmc.cli.fixtures.Counter;
import pinmc.report.Json;
import pinmc.report.SampleResults;

/** Every command, driven in-process through picocli, on an engine that returns canned results. */
class CommandsTest {
  private static final String COUNTER = Counter.class.getName();

  @TempDir Path dir;
  private Path props;
  private CannedEngine engine;
  private AutoCloseable substitution;

  @BeforeEach
  void setUp() throws Exception {
    engine = new CannedEngine();
    substitution = EngineRegistry.substituteForTesting("embedded", () -> engine);
    props = Files.createDirectories(dir.resolve("properties"));
    model("counter-buggy", "buggy", "violation:" + SampleResults.INVARIANT, "two threads increment without a lock");
    model("counter-fixed", "fixed", "pass", "the same under synchronized");
  }

  @AfterEach
  void tearDown() throws Exception {
    substitution.close();
  }

  private Path model(String name, String variant, String expect, String description) throws Exception {
    return Files.writeString(props.resolve(name + ".jpf"), String.join("\n",
        "# " + name,
        "target = " + COUNTER,
        "target.args = " + variant + ",2",
        "classpath = ${config_path}/classes",
        "pinmc.expect = " + expect,
        "pinmc.description = " + description, ""));
  }

  private Cli.Run run(String... args) {
    return Cli.run(args);
  }

  /** Runs a command that takes --properties-dir with this test's directory. */
  private Cli.Run inProject(String command, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = command;
    all[1] = "--properties-dir";
    all[2] = props.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Cli.run(all);
  }

  private static void assertOneLineError(Cli.Run r, String expectedPart) {
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains(expectedPart), r.toString());
    assertEquals(1, r.err().lines().count(), "one line on stderr: " + r);
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
  }

  // ---- list

  @Test
  void listShowsEveryModelWithExpectationTargetAndDescription() {
    Cli.Run r = inProject("list");
    assertEquals(0, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    // One line per model would not fit in 100 columns here, so each takes two.
    assertTrue(lines.get(0).matches("NAME +EXPECT"), lines.get(0));
    assertEquals("    MODEL: DESCRIPTION", lines.get(1));
    assertTrue(lines.get(2).matches("counter-buggy +violation:stable-page-under-io"), lines.get(2));
    assertEquals("    " + COUNTER + " buggy 2: two threads increment without a lock", lines.get(3));
    assertTrue(lines.get(4).startsWith("counter-fixed "), lines.get(4));
    assertEquals(6, lines.size());
  }

  @Test
  void aListTooWideForOneLinePerModelTakesTwoWithin100Columns() throws Exception {
    model("a-model-with-a-rather-long-name-for-its-variant", "buggy", "violation:maybe-pinned-implies-pinned",
        "a description long enough that the table, one line per model, would not fit a terminal of a hundred columns at all");
    Cli.Run r = inProject("list");
    assertEquals(0, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    for (String line : lines) {
      assertTrue(line.length() <= 100, line.length() + ": " + line);
    }
    assertTrue(lines.get(0).matches("NAME +EXPECT"), lines.get(0));
    int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("a-model-with")).findFirst().orElseThrow());
    assertTrue(lines.get(at).matches("a-model-with-a-rather-long-name-for-its-variant +violation:maybe-pinned-implies-pinned"), lines.get(at));
    assertTrue(lines.get(at + 1).startsWith("    " + COUNTER + " buggy 2: a description long enough"), lines.get(at + 1));
  }

  @Test
  void listReportsAMalformedFileWithItsLineAndStillListsTheOthers() throws Exception {
    Files.writeString(props.resolve("bad.jpf"), "target = x.Y\nthis line is wrong\n");
    Cli.Run r = inProject("list");
    assertEquals(2, r.code(), r.toString());
    assertEquals("pinmc: " + props.resolve("bad.jpf") + ":2: expected 'key = value', found 'this line is wrong'\n", r.err());
    assertTrue(r.out().contains("counter-fixed"), r.out());
  }

  @Test
  void listWithoutAPropertiesDirectoryIsAnInputError() {
    assertOneLineError(run("list", "--properties-dir", dir.resolve("nope").toString()), "no properties directory");
  }

  // ---- check

  @Test
  void checkByModelNameRunsTheJpfTargetAndPrintsTheCounterexample() {
    Cli.Run r = inProject("check", "counter-buggy");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().startsWith("counter-buggy: VIOLATION (invariant stable-page-under-io)\n"), r.out());
    assertTrue(r.out().contains("  step  thread     operation"), r.out());
    for (String line : r.out().split("\n")) {
      assertTrue(line.length() <= 100, line);
    }
    assertTrue(r.out().contains("executions: 17"), r.out());
    assertEquals("", r.err());
    CannedEngine.Call call = engine.calls.get(0);
    assertEquals(COUNTER, call.target().mainClass());
    assertEquals(List.of("buggy", "2"), call.target().args());
    assertEquals(List.of(props.toAbsolutePath().resolve("classes")), call.target().classpath());
  }

  @Test
  void checkByPathWithArgsReplacingTargetArgs() {
    Cli.Run r = run("check", props.resolve("counter-buggy.jpf").toString(), "fixed", "3");
    assertEquals(0, r.code(), r.toString());
    assertEquals("counter-buggy: PASS", r.out().lines().findFirst().orElseThrow());
    assertEquals(List.of("fixed", "3"), engine.calls.get(0).target().args());
  }

  @Test
  void checkByClassNameWithClasspath() throws Exception {
    Path extra = Files.createDirectories(dir.resolve("lib"));
    Cli.Run r = run("check", "-cp", extra + java.io.File.pathSeparator + dir, COUNTER, "deadlock");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().startsWith(COUNTER + ": DEADLOCK\n"), r.out());
    assertTrue(r.out().contains("t1 waits for page1's lock, held by t2"), r.out());
    assertEquals(List.of(extra, dir), engine.calls.get(0).target().classpath());
  }

  @Test
  void checkPassesSearchOptionsToTheEngine() {
    Cli.Run r = run("check", "--max-steps", "500", "--preemption-bound", "2", "--max-executions", "1000",
        "--time-limit", "1m30s", "--reduction", "none", "--races", COUNTER);
    assertEquals(0, r.code(), r.toString());
    var options = engine.calls.get(0).options();
    assertEquals(500, options.maxSteps());
    assertEquals(OptionalInt.of(2), options.preemptionBound());
    assertEquals(1000, options.maxExecutions());
    assertEquals(Duration.ofSeconds(90), options.timeLimit());
    assertEquals(Reduction.NONE, options.reduction());
    assertTrue(options.detectRaces());
  }

  @Test
  void checkExitCodesFollowTheVerdict() {
    assertEquals(0, run("check", COUNTER, "fixed").code());
    assertEquals(1, run("check", COUNTER, "buggy").code());
    assertEquals(1, run("check", COUNTER, "deadlock").code());
    Cli.Run spin = run("check", COUNTER, "spin");
    assertEquals(3, spin.code(), spin.toString());
    assertTrue(spin.out().startsWith(COUNTER + ": INCONCLUSIVE (bound max-steps)"), spin.out());
    Cli.Run broken = run("check", COUNTER, "broken");
    assertEquals(2, broken.code(), broken.toString());
    assertTrue(broken.out().contains("IllegalStateException: no pages"), broken.out());
  }

  @Test
  void checkQuietPrintsTheHeadlineOnly() {
    Cli.Run r = run("check", "--quiet", COUNTER, "buggy");
    assertEquals(COUNTER + ": VIOLATION (invariant stable-page-under-io)\n", r.out());
  }

  @Test
  void checkNeverColoursWhenNotOnATerminal() {
    assertFalse(run("check", COUNTER, "buggy").out().contains("\u001b["));
  }

  @Test
  void checkJsonOutputToAFileLeavesAHeadlineOnStdout() throws Exception {
    Path out = dir.resolve("reports/check.json");
    Cli.Run r = inProject("check", "--format", "json", "--output", out.toString(), "counter-buggy");
    assertEquals(1, r.code(), r.toString());
    assertEquals("counter-buggy: VIOLATION (invariant stable-page-under-io)\n", r.out());
    Map<?, ?> report = (Map<?, ?>) Json.parse(Files.readString(out));
    Map<?, ?> result = (Map<?, ?>) ((List<?>) report.get("results")).get(0);
    assertEquals("violation", result.get("verdict"));
    assertEquals(props.resolve("counter-buggy.jpf").toString(), result.get("file"));
  }

  @Test
  void saveTraceThenReplayReproducesTheViolation() throws Exception {
    Path trace = dir.resolve("trace.json");
    assertEquals(1, inProject("check", "--save-trace", trace.toString(), "--max-steps", "777", "counter-buggy").code());
    assertTrue(Files.exists(trace));

    Cli.Run r = run("replay", trace.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("counter-buggy: violation:stable-page-under-io, as expected, 1.25 s\n"), r.out());
    CannedEngine.Call call = engine.calls.get(1);
    assertEquals("0 0 1 1 2 1", call.schedule().toString());
    assertEquals(777, call.options().maxSteps());
    assertEquals(List.of("buggy", "2"), call.target().args());
  }

  @Test
  void replayThatDoesNotReproduceExitsOne() throws Exception {
    Path trace = dir.resolve("trace.json");
    inProject("check", "--save-trace", trace.toString(), "counter-buggy");
    engine.replayAnswer = SampleResults.pass("x");
    Cli.Run r = run("replay", trace.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().startsWith("counter-buggy: pass, UNEXPECTED (expected violation:stable-page-under-io), "), r.out());
    assertTrue(r.out().contains("the bug is gone: the saved schedule now runs to completion without violation:stable-page-under-io"),
        r.out());
    assertFalse(r.out().contains("counterexample"), "a passing run is no counterexample: " + r.out());
  }

  @Test
  void saveTraceWithoutCounterexampleSaysSoAndWritesNothing() {
    Path trace = dir.resolve("trace.json");
    Cli.Run r = run("check", "--save-trace", trace.toString(), COUNTER, "fixed");
    assertEquals(0, r.code());
    assertTrue(r.err().contains("no counterexample to save"), r.err());
    assertFalse(Files.exists(trace));
  }

  // ---- bad input: one line on stderr, exit 2

  @Test
  void unknownModel() {
    assertOneLineError(inProject("check", "no-such-model"), "no model named 'no-such-model' in " + props);
  }

  @Test
  void missingClass() {
    assertOneLineError(run("check", "com.example.Missing"), "no class com.example.Missing on pinmc's class path");
  }

  @Test
  void missingClassNamesMissingClasspathEntries() throws Exception {
    Files.writeString(props.resolve("elsewhere.jpf"), "target = com.example.Missing\nclasspath = build\n");
    assertOneLineError(inProject("check", "elsewhere"), "missing: " + props.toAbsolutePath().resolve("build") + " (is the project built?)");
  }

  @Test
  void classWithoutMain() {
    assertOneLineError(run("check", pinmc.cli.fixtures.NoMain.class.getName()), "has no public static void main(String[])");
  }

  @Test
  void malformedPropertiesFileIsReportedWithFileAndLine() throws Exception {
    Path bad = Files.writeString(props.resolve("bad.jpf"), "target = " + COUNTER + "\npinmc.expect = maybe\n");
    assertOneLineError(run("check", bad.toString()), bad + ":2: 'maybe' is not an expected outcome");
  }

  @Test
  void unreadablePropertiesFile() {
    Path missing = dir.resolve("missing.jpf");
    assertOneLineError(run("check", missing.toString()), missing + ": no such file");
  }

  @Test
  void badOptionValues() {
    assertOneLineError(run("check", "--max-steps", "many", COUNTER), "'many' is not an int");
    assertOneLineError(run("check", "--max-steps", "0", COUNTER), "max steps must be positive: 0");
    assertOneLineError(run("check", "--time-limit", "soon", COUNTER), "'soon' is not a duration");
    assertOneLineError(run("check", "--format", "pdf", COUNTER), "--format");
    assertOneLineError(run("check", "--reduction", "some", COUNTER), "--reduction");
    assertOneLineError(run("check"), "Missing required parameter: 'TARGET'");
  }

  @Test
  void missingEngine() throws Exception {
    Path noJpf = dir.resolve("no-jpf");
    assertOneLineError(run("check", "--engine", "jpf", "--jpf-home", noJpf.toString(), COUNTER),
        "engine jpf could not start: jpf-core not found: " + noJpf.toAbsolutePath() + " (from --jpf-home) is not a directory");
    assertOneLineError(run("check", "--engine", "spin", COUNTER), "unknown engine 'spin' (known engines: embedded, jpf)");
    // bench runs without JPF only where none is named: a named one that cannot start stops it at once.
    assertOneLineError(run("bench", "--quick", "--jpf-home", noJpf.toString()),
        "engine jpf could not start: jpf-core not found: " + noJpf.toAbsolutePath() + " (from --jpf-home) is not a directory");
  }

  @Test
  void jpfsJdkIsChosenWithJpfJava() throws Exception {
    Path core = Files.createDirectories(dir.resolve("jpf-core/build"));
    Files.writeString(core.getParent().resolve("jpf.properties"), "");
    Files.writeString(core.resolve("jpf.jar"), "");
    Files.writeString(core.resolve("jpf-classes.jar"), "");
    Path jdk25 = Files.createDirectories(dir.resolve("jdk25/bin"));
    Files.writeString(jdk25.resolve("java"), "");
    Files.writeString(jdk25.getParent().resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
    for (String command : List.of("check", "bench")) {
      List<String> args = new java.util.ArrayList<>(List.of(command, "--jpf-home", core.getParent().toString(),
          "--jpf-java", jdk25.getParent().toString()));
      args.addAll(command.equals("check") ? List.of("--engine", "jpf", COUNTER) : List.of("--quick"));
      assertOneLineError(run(args.toArray(String[]::new)), "runs only on JDK 17, but " + jdk25.getParent().toAbsolutePath()
          + " is JDK 25 (--jpf-java (pinmc.jpf.java.home)): name a JDK 17 with --jpf-java DIR or JPF_JAVA_HOME=DIR");
    }
  }

  @Test
  void unwritableOutput() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "");
    assertOneLineError(run("check", "--output", file.resolve("sub/report.txt").toString(), COUNTER), "cannot write");
  }

  @Test
  void anEngineCrashIsAnInternalErrorWithAStackTraceOnlyWhenVerbose() {
    Cli.Run quiet = run("check", COUNTER, "crash");
    assertEquals(4, quiet.code(), quiet.toString());
    assertEquals("pinmc: internal error: java.lang.IllegalStateException: canned engine crash (--verbose shows the stack trace)\n", quiet.err());
    Cli.Run verbose = run("check", "--verbose", COUNTER, "crash");
    assertEquals(4, verbose.code());
    assertTrue(verbose.err().contains("\tat pinmc.cli.CannedEngine"), verbose.err());
  }

  @Test
  void replayOfAFileThatIsNoTrace() throws Exception {
    Path notTrace = Files.writeString(dir.resolve("t.json"), "{\"results\": []}");
    assertOneLineError(run("replay", notTrace.toString()), notTrace + ": not a pinmc trace file: trace.format");
    assertOneLineError(run("replay", dir.resolve("none.json").toString()), "no such file: ");
  }

  // ---- gate

  @Test
  void gatePassesWhenEveryOutcomeIsAsExpected() {
    Cli.Run r = inProject("gate", "--jobs", "2");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("counter-buggy: violation:stable-page-under-io, as expected, 1.25 s\n"), r.out());
    assertTrue(r.out().contains("counter-fixed: pass, as expected, 0.48 s\n"), r.out());
    assertEquals(3, r.out().lines().count(), "one line per file and the summary: " + r.out());
    assertTrue(r.out().endsWith("2 of 2 as expected\n"), r.out());
    assertEquals(2, engine.calls.size());
  }

  @Test
  void gateFailsOnAnUnexpectedOutcome() throws Exception {
    model("counter-wrong", "buggy", "pass", "expects too much");
    Cli.Run r = inProject("gate", "--quiet");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().contains("counter-wrong: violation:stable-page-under-io, UNEXPECTED (expected pass), 1.25 s\n"), r.out());
    assertTrue(r.out().endsWith("2 of 3 as expected; unexpected: counter-wrong\n"), r.out());
  }

  @Test
  void gateExitsThreeWhenTheOnlySurpriseIsInconclusive() throws Exception {
    model("spinner", "spin", "pass", "a bound cuts it");
    assertEquals(3, inProject("gate").code());
  }

  @Test
  void gateReportsMalformedFilesAndMissingExpectationsAsErrorsAndChecksTheRest() throws Exception {
    Files.writeString(props.resolve("bad.jpf"), "target = " + COUNTER + "\n  = oops\n");
    Files.writeString(props.resolve("unexpecting.jpf"), "target = " + COUNTER + "\n");
    Cli.Run r = inProject("gate", "--quiet");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.out().contains("bad: error, UNEXPECTED (expected (none)), "), r.out());
    assertEquals(2, engine.calls.size(), "the good files are still checked");
    Cli.Run json = inProject("gate", "--format", "json");
    List<?> results = (List<?>) ((Map<?, ?>) Json.parse(json.out())).get("results");
    Map<?, ?> bad = (Map<?, ?>) results.get(0);
    assertEquals(props.resolve("bad.jpf") + ":2: a key is missing before '='", bad.get("message"));
    Map<?, ?> unexpecting = (Map<?, ?>) results.get(3);
    assertTrue(((String) unexpecting.get("message")).contains("no 'pinmc.expect' key"), unexpecting.toString());
  }

  @Test
  void gateWritesValidJunitXmlToAFile() throws Exception {
    model("counter-wrong", "deadlock", "pass", "deadlocks");
    Path xml = dir.resolve("target/gate.xml");
    Cli.Run r = inProject("gate", "--format", "junit", "--output", xml.toString());
    assertEquals(1, r.code(), r.toString());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(Files.readAllBytes(xml)));
    assertEquals(3, doc.getElementsByTagName("testcase").getLength());
    assertEquals(1, doc.getElementsByTagName("failure").getLength());
    assertEquals("3", doc.getDocumentElement().getAttribute("tests"));
    assertTrue(r.out().contains("counter-wrong: deadlock, UNEXPECTED (expected pass)"), r.out());
  }

  @Test
  void gateMarkdownRendersAMermaidDiagramForAViolation() {
    Cli.Run r = inProject("gate", "--format", "markdown");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("```mermaid\nsequenceDiagram\n"), r.out());
    assertTrue(r.out().contains("| counter-fixed | PASS | pass | yes |"), r.out());
  }

  @Test
  void gateOnGivenPaths() throws Exception {
    Cli.Run r = run("gate", props.resolve("counter-fixed.jpf").toString());
    assertEquals(0, r.code(), r.toString());
    assertEquals(1, engine.calls.size());
  }

  @Test
  void gateBadInput() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertOneLineError(inProject("gate", "--jobs", "0"), "--jobs must be at least 1");
    assertOneLineError(run("gate", dir.resolve("nowhere").toString()), "no such file or directory: " + dir.resolve("nowhere"));
    assertOneLineError(run("gate", empty.toString()), "no .jpf files in " + empty + "\n");
    assertOneLineError(run("gate", "--properties-dir", dir.resolve("nope").toString()), "no properties directory");
    assertOneLineError(inProject("gate", "--engine", "jpf", "--jpf-home", empty.toString()),
        "engine jpf could not start: " + empty.toAbsolutePath() + " (from --jpf-home) is not a jpf-core directory: it has no jpf.properties");
  }

  @Test
  void gateCrashIsAnInternalError() throws Exception {
    model("crasher", "crash", "pass", "the engine throws");
    Cli.Run r = inProject("gate", "--quiet");
    assertEquals(4, r.code(), r.toString());
    assertTrue(r.err().contains("internal error while checking 1 file(s)"), r.err());
    assertTrue(r.out().contains("crasher: error, UNEXPECTED"), r.out());
  }

  @Test
  void gateJsonHasExpectedAndAsExpected() {
    Cli.Run r = inProject("gate", "--format", "json");
    Map<?, ?> report = (Map<?, ?>) Json.parse(r.out());
    Map<?, ?> first = (Map<?, ?>) ((List<?>) report.get("results")).get(0);
    assertEquals("violation:" + SampleResults.INVARIANT, first.get("expected"));
    assertEquals(true, first.get("asExpected"));
    assertEquals(2L, ((Map<?, ?>) report.get("summary")).get("asExpected"));
    assertTrue(r.out().getBytes(StandardCharsets.UTF_8).length > 0);
  }
}
