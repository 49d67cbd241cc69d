package pinmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import pinmc.check.CheckResult;

class ReportsTest {
  private static final CheckResult VIOLATION = SampleResults.violation("btrfs-dma");

  private static List<ReportEntry> gate() {
    return List.of(
        new ReportEntry(VIOLATION, "violation:" + SampleResults.INVARIANT, "properties/btrfs-dma.jpf"),
        new ReportEntry(SampleResults.pass("btrfs-bounce"), "pass", "properties/btrfs-bounce.jpf"),
        new ReportEntry(SampleResults.deadlock("page-lock"), "pass", "properties/page-lock.jpf"),
        new ReportEntry(SampleResults.error("broken"), "pass", "properties/broken.jpf"));
  }

  @Test
  void textHeadlineNamesVerdictAndInvariant() {
    String text = new TextReport(Style.PLAIN, false).render(List.of(ReportEntry.of(VIOLATION)));
    assertTrue(text.startsWith("btrfs-dma: VIOLATION (invariant stable-page-under-io)\n"
        + "  a checksummed page changed while under I/O\n"
        + "    page0: writeback, crc 0x1c291ca3 != 0x8a9136aa\n"), text);
    assertTrue(text.contains("counterexample, 6 steps:"), text);
    assertTrue(text.contains("executions: 17 (3 cut by sleep sets), steps: 412, max depth: 14, time: 1.25 s (330 steps/s),\n"
        + "  bound hit: none"), text);
    for (String line : text.split("\n")) {
      assertTrue(line.length() <= Swimlanes.WIDTH, line.length() + ": " + line);
    }
  }

  @Test
  void textHeadlinesOfOtherVerdicts() {
    TextReport r = new TextReport(Style.PLAIN, true);
    assertEquals("a: PASS\n", r.render(List.of(ReportEntry.of(SampleResults.pass("a")))));
    assertEquals("a: INCONCLUSIVE (bound max-steps)\n", r.render(List.of(ReportEntry.of(SampleResults.inconclusive("a")))));
    assertEquals("a: DEADLOCK\n", r.render(List.of(ReportEntry.of(SampleResults.deadlock("a")))));
    assertEquals("a: ERROR\n", r.render(List.of(ReportEntry.of(SampleResults.error("a")))));
  }

  @Test
  void anInconclusiveSearchSaysHowFarItGotAndWhatToTryNext() {
    String text = new TextReport(Style.PLAIN, false).render(List.of(ReportEntry.of(SampleResults.inconclusive("a"))));
    assertTrue(text.contains("  got through "), text);
    assertTrue(text.replaceAll("\\s+", " ").contains("got through 1 execution (20,000 steps) in 0.30 s; try if the loop does end, a higher --max-steps"), text);
  }

  @Test
  void swimlanesPutEachStepInItsThreadsColumnWhenTheyFit() {
    List<pinmc.check.TraceStep> trace = VIOLATION.trace().stream()
        .map(t -> new pinmc.check.TraceStep(t.step(), t.thread(), t.op().length() > 23 ? t.op().substring(0, 20) : t.op(), t.location()))
        .toList();
    List<String> lines = Swimlanes.render(CounterexampleView.of(trace, true).rows(), Style.PLAIN);
    String header = lines.get(0);
    assertTrue(header.matches("step \\| main +\\| writeback +\\| dma +\\| source"), header);
    int writeback = header.indexOf("writeback");
    int dma = header.indexOf("dma");
    int source = header.indexOf("source");
    String step3 = lines.stream().filter(l -> l.startsWith("   3 |")).findFirst().orElseThrow();
    assertEquals(writeback, step3.indexOf("setPageWriteback(page0)"), step3);
    assertEquals(source, step3.indexOf("BtrfsChecksum.java:44"), step3);
    String step5 = lines.stream().filter(l -> l.startsWith("   5 |")).findFirst().orElseThrow();
    assertEquals(dma, step5.indexOf("write page0.data[0] = 7"), step5);
    assertEquals(2 + trace.size(), lines.size(), "one line per step");
  }

  @Test
  void lanesThatDoNotFitGiveOneLinePerStepWithinTheWidth() {
    String longOp = "write " + "x".repeat(30) + " " + "y".repeat(30) + " " + "z".repeat(30);
    List<pinmc.check.TraceStep> trace = List.of(
        new pinmc.check.TraceStep(1, "a", longOp, pinmc.check.SourceLocation.UNKNOWN),
        new pinmc.check.TraceStep(2, "b", "read x", new pinmc.check.SourceLocation("m.M", "run", "M.java", 12)),
        new pinmc.check.TraceStep(3, "c", longOp, pinmc.check.SourceLocation.UNKNOWN));
    List<String> lines = Swimlanes.render(CounterexampleView.of(trace, false).rows(), Style.PLAIN);
    for (String line : lines) {
      assertTrue(line.length() <= Swimlanes.WIDTH - Swimlanes.INDENT, line.length() + ": " + line);
    }
    assertTrue(lines.get(0).matches("step  thread  operation +source"), lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.matches(" +2  b +read x +M\\.java:12")), String.join("\n", lines));
    assertTrue(lines.size() > 1 + trace.size(), "a long operation wraps under itself");
    assertEquals(List.of("abc", "def"), Swimlanes.wrap("abcdef", 3));
    assertEquals(List.of("ab cd", "ef"), Swimlanes.wrap("ab cd ef", 5));
  }

  @Test
  void theDefaultViewFoldsTheSetUpAndHidesStepsTheFailureDoesNotDependOn() {
    pinmc.check.SourceLocation at = new pinmc.check.SourceLocation("m.M", "main", "M.java", 3);
    pinmc.check.Operation call = new pinmc.check.Operation("call", null, null, null, "pinUserPages",
        List.of(new pinmc.check.Operation.Write("page0", "refcount", "1025", true),
            new pinmc.check.Operation.Write("page0", "mapcount", "1", false)));
    pinmc.check.Operation read = new pinmc.check.Operation("read", "x", "y", "1", null, List.of());
    List<pinmc.check.TraceStep> trace = List.of(
        new pinmc.check.TraceStep(1, "main", "begins", at, read, true, false),
        new pinmc.check.TraceStep(2, "main", "addCachedPage: file.pages[0] = page0", at,
            new pinmc.check.Operation("call", null, null, null, "addCachedPage", List.of()), true, true),
        new pinmc.check.TraceStep(3, "main", "start t", at, read, false, false),
        new pinmc.check.TraceStep(4, "t", "pinUserPages: page0.refcount = 1025, page0.mapcount = 1", at, call, false, true),
        new pinmc.check.TraceStep(5, "t", "read x.y = 1", at, read, false, false));
    CounterexampleView folded = CounterexampleView.of(trace, false);
    assertEquals(List.of(new CounterexampleView.Row("1-2", "main", "set-up, 2 steps: addCachedPage", ""),
        new CounterexampleView.Row("4", "t", "pinUserPages: page0.refcount = 1025", "M.java:3")), folded.rows());
    assertEquals(2, folded.hidden());
    assertTrue(folded.heading().contains("2 hidden") && folded.heading().contains("--full-trace"), folded.heading());
    CounterexampleView full = CounterexampleView.of(trace, true);
    assertEquals(5, full.rows().size());
    assertEquals("pinUserPages: page0.refcount = 1025, page0.mapcount = 1", full.rows().get(3).op());
  }

  @Test
  void colourOnlyWhenAsked() {
    assertFalse(new TextReport(Style.PLAIN, false).render(List.of(ReportEntry.of(VIOLATION))).contains("\u001b["));
    String coloured = new TextReport(Style.COLOR, false).render(List.of(ReportEntry.of(VIOLATION)));
    assertTrue(coloured.startsWith("btrfs-dma: \u001b[1;31mVIOLATION (invariant stable-page-under-io)\u001b[0m"), coloured);
    for (String line : coloured.split("\n")) {
      assertTrue(!line.contains("\u001b[") || line.lastIndexOf("\u001b[0m") > line.lastIndexOf("\u001b[1"),
          "every colour is reset before the end of its line: " + line);
    }
  }

  @Test
  void inTheGateAnExpectedViolationIsNotRedAndASurpriseIs() {
    String coloured = new TextReport(Style.COLOR, new TextReport.Detail(false, false, false)).render(gate());
    String dma = coloured.lines().filter(l -> l.startsWith("btrfs-dma:")).findFirst().orElseThrow();
    assertFalse(dma.contains("\u001b[1;31m"), dma);
    String lock = coloured.lines().filter(l -> l.startsWith("page-lock:")).findFirst().orElseThrow();
    assertTrue(lock.contains("\u001b[1;31m"), lock);
  }

  @Test
  void theGateShowsCounterexamplesOnlyForSurprisesUnlessVerbose() {
    List<ReportEntry> entries = gate();
    String quietGate = new TextReport(Style.PLAIN, new TextReport.Detail(false, false, false)).render(entries);
    assertFalse(quietGate.contains("setPageWriteback"), "the expected violation gets one line:\n" + quietGate);
    assertTrue(quietGate.contains("lockPage(page0)"), "the unexpected deadlock gets its counterexample:\n" + quietGate);
    String verbose = new TextReport(Style.PLAIN, new TextReport.Detail(false, false, true)).render(entries);
    assertTrue(verbose.contains("setPageWriteback"), verbose);
    List<ReportEntry> allExpected = List.of(entries.get(0), entries.get(1));
    String lines = new TextReport(Style.PLAIN, new TextReport.Detail(false, false, false)).render(allExpected);
    assertEquals(3, lines.split("\n").length, "one line per file and a summary:\n" + lines);
  }

  @Test
  void gateTextComparesWithExpectationsAndCountsSurprises() {
    String text = new TextReport(Style.PLAIN, true).render(gate());
    assertEquals("btrfs-dma: violation:stable-page-under-io, as expected, 1.25 s\n"
        + "btrfs-bounce: pass, as expected, 0.48 s\n"
        + "page-lock: deadlock, UNEXPECTED (expected pass), 0.02 s\n"
        + "broken: error, UNEXPECTED (expected pass), 0.00 s\n"
        + "2 of 4 as expected; unexpected: page-lock, broken\n", text);
  }

  @Test
  void jsonHasTheDocumentedFields() {
    @SuppressWarnings("unchecked")
    Map<String, Object> report = (Map<String, Object>) Json.parse(JsonReport.render(gate()));
    List<?> results = (List<?>) report.get("results");
    assertEquals(4, results.size());
    Map<?, ?> first = (Map<?, ?>) results.get(0);
    assertEquals("btrfs-dma", first.get("target"));
    assertEquals("embedded", first.get("engine"));
    assertEquals("violation", first.get("verdict"));
    assertEquals("InvariantProperty", first.get("property"));
    assertEquals(SampleResults.INVARIANT, first.get("invariant"));
    assertEquals("a checksummed page changed while under I/O", first.get("message"));
    assertEquals("violation:" + SampleResults.INVARIANT, first.get("expected"));
    assertEquals(true, first.get("asExpected"));
    assertEquals("properties/btrfs-dma.jpf", first.get("file"));
    Map<?, ?> step = (Map<?, ?>) ((List<?>) first.get("trace")).get(2);
    assertEquals(3L, step.get("step"));
    assertEquals("writeback", step.get("thread"));
    assertEquals("setPageWriteback(page0)", step.get("op"));
    assertEquals("BtrfsChecksum.java:44", ((Map<?, ?>) step.get("location")).get("text"));
    assertEquals(44L, ((Map<?, ?>) step.get("location")).get("line"));
    Map<?, ?> stats = (Map<?, ?>) first.get("stats");
    assertEquals(17L, stats.get("executions"));
    assertEquals(1250L, stats.get("timeMillis"));
    assertTrue(stats.containsKey("boundHit"));
    assertEquals(false, ((Map<?, ?>) results.get(2)).get("asExpected"));
    assertEquals(Map.of("total", 4L, "asExpected", 2L, "pass", 1L, "violation", 1L, "deadlock", 1L, "inconclusive", 0L, "error", 1L),
        report.get("summary"));
  }

  @Test
  void jsonOutsideGateModeHasNoExpectation() {
    Map<?, ?> r = (Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(JsonReport.render(List.of(ReportEntry.of(VIOLATION))))).get("results")).get(0);
    assertFalse(r.containsKey("expected"));
    assertFalse(r.containsKey("asExpected"));
  }

  @Test
  void resultJsonReadsBackWhatItWrote() {
    for (CheckResult r : List.of(VIOLATION, SampleResults.pass("p"), SampleResults.inconclusive("i"), SampleResults.deadlock("d"), SampleResults.error("e"))) {
      assertEquals(r, ResultJson.fromJson(Json.parse(Json.write(ResultJson.toJson(r)))));
    }
  }

  static Document parseXml(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void junitIsValidXmlWithOneTestcasePerFileAndFailuresCarryingTheTrace() throws Exception {
    Document doc = parseXml(JunitReport.render(gate()));
    Element suites = doc.getDocumentElement();
    assertEquals("testsuites", suites.getTagName());
    assertEquals("4", suites.getAttribute("tests"));
    assertEquals("1", suites.getAttribute("failures"));
    assertEquals("1", suites.getAttribute("errors"));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(4, cases.getLength());
    Element dma = (Element) cases.item(0);
    assertEquals("btrfs-dma", dma.getAttribute("name"));
    assertEquals("properties/btrfs-dma.jpf", dma.getAttribute("file"));
    assertEquals("1.250", dma.getAttribute("time"));
    assertEquals(0, dma.getElementsByTagName("failure").getLength(), "an expected violation passes the gate");
    Element lock = (Element) cases.item(2);
    Element failure = (Element) lock.getElementsByTagName("failure").item(0);
    assertEquals("UNEXPECTED: expected pass, found deadlock", failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("lockPage(page0)"), failure.getTextContent());
    assertEquals(1, ((Element) cases.item(3)).getElementsByTagName("error").getLength());
  }

  @Test
  void junitStaysValidWithHostileText() throws Exception {
    CheckResult nasty = CheckResult.error("a<b>&\"c\"", "embedded", "bad \u0001 char ]]> <tag> & \"quote\"\n\ttab \uD800 lone");
    Document doc = parseXml(JunitReport.render(List.of(ReportEntry.of(nasty))));
    Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
    assertEquals("a<b>&\"c\"", testcase.getAttribute("name"));
    assertTrue(testcase.getTextContent().contains("bad \uFFFD char ]]> <tag> & \"quote\""), testcase.getTextContent());
  }

  @Test
  void markdownHasASummaryTableAndAMermaidDiagramPerCounterexample() {
    String md = MarkdownReport.render(gate());
    assertTrue(md.contains("| target | verdict | expected | as expected | executions | time |"), md);
    assertTrue(md.contains("| btrfs-dma | VIOLATION (invariant stable-page-under-io) | violation:stable-page-under-io | yes | 17 | 1.25 s |"), md);
    assertTrue(md.contains("| page-lock | DEADLOCK | pass | **no** | 3 | 0.02 s |"), md);
    assertEquals(2, md.split("```mermaid\nsequenceDiagram\n", -1).length - 1, "one diagram per counterexample");
    assertTrue(md.contains("    participant T0 as main\n    participant T1 as writeback\n    participant T2 as dma\n"), md);
    assertTrue(md.contains("    Note over T2: 5. write page0.data[0] = 7<br/>BtrfsChecksum.java:58\n"), md);
    assertTrue(md.contains("    Note over T0,T2: VIOLATION (invariant stable-page-under-io)\n"), md);
  }

  @Test
  void mermaidAndTableTextIsEscaped() {
    assertEquals("a#59; b #35;1 List#60;X#62;", MarkdownReport.mermaid("a; b #1\n List<X>"));
    assertEquals("a \\| b c", MarkdownReport.cell("a | b\n c"));
  }
}
