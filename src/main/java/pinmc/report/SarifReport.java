package pinmc.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pinmc.check.CheckResult;
import pinmc.check.SourceLocation;
import pinmc.check.TraceStep;

/**
 * A SARIF 2.1.0 log for code-scanning tools (GitHub shows it on the model's lines): one result per
 * counterexample, at the step where the failure showed, with the counterexample as a code flow
 * that has one thread flow per model thread, each step at its source line in schedule order.
 * Results as expected by the gate are notes; the rest are errors.
 */
public final class SarifReport {
  static final String VERSION = "2.1.0";
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  /** Where model and library sources live in a pinmc checkout, tried in turn to give a file's path. */
  private static final List<String> SOURCE_ROOTS = List.of("models", "src/main/java", "src/test/java");

  private SarifReport() {}

  public static String render(List<ReportEntry> entries) {
    Set<String> rules = new LinkedHashSet<>();
    List<Object> results = new ArrayList<>();
    for (ReportEntry e : entries) {
      CheckResult r = e.result();
      if (!r.foundBug()) {
        continue;
      }
      String rule = r.outcome();
      rules.add(rule);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ruleId", rule);
      result.put("level", e.hasExpectation() && e.asExpected() ? "note" : "error");
      result.put("message", text(r.target() + ": " + Words.headline(r) + (r.message() == null ? "" : ": " + r.message().strip())));
      SourceLocation failedAt = lastKnownLocation(r.trace());
      if (failedAt != null) {
        result.put("locations", List.of(location(failedAt, null)));
      }
      result.put("codeFlows", List.of(codeFlow(r)));
      results.add(result);
    }
    List<Object> ruleObjects = new ArrayList<>();
    for (String rule : rules) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", rule);
      o.put("shortDescription", text(rule));
      ruleObjects.add(o);
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "pinmc");
    driver.put("rules", ruleObjects);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("results", results);
    Map<String, Object> log = new LinkedHashMap<>();
    log.put("$schema", SCHEMA);
    log.put("version", VERSION);
    log.put("runs", List.of(run));
    return Json.write(log) + "\n";
  }

  private static Map<String, Object> codeFlow(CheckResult r) {
    Map<String, List<Object>> byThread = new LinkedHashMap<>();
    for (TraceStep s : r.trace()) {
      Map<String, Object> tfl = new LinkedHashMap<>();
      tfl.put("location", location(s.location(), s.thread() + ": " + s.op()));
      tfl.put("executionOrder", s.step());
      tfl.put("importance", s.relevant() ? "essential" : "unimportant");
      byThread.computeIfAbsent(s.thread(), t -> new ArrayList<>()).add(tfl);
    }
    List<Object> threadFlows = new ArrayList<>();
    for (Map.Entry<String, List<Object>> e : byThread.entrySet()) {
      Map<String, Object> flow = new LinkedHashMap<>();
      flow.put("id", e.getKey());
      flow.put("message", text("thread " + e.getKey()));
      flow.put("locations", e.getValue());
      threadFlows.add(flow);
    }
    Map<String, Object> flow = new LinkedHashMap<>();
    flow.put("message", text("counterexample, " + r.trace().size() + " steps"));
    flow.put("threadFlows", threadFlows);
    return flow;
  }

  /** A SARIF location; a step without a source line has only its message. */
  private static Map<String, Object> location(SourceLocation l, String message) {
    Map<String, Object> o = new LinkedHashMap<>();
    if (l != null && !l.equals(SourceLocation.UNKNOWN) && l.line() > 0) {
      Map<String, Object> physical = new LinkedHashMap<>();
      physical.put("artifactLocation", Map.of("uri", uri(l)));
      physical.put("region", Map.of("startLine", l.line()));
      o.put("physicalLocation", physical);
    }
    if (message != null) {
      o.put("message", text(message));
    }
    return o;
  }

  /** The source file's path from the repository root when it is found there, else its package path. */
  static String uri(SourceLocation l) {
    String cls = l.className();
    int dot = cls.lastIndexOf('.');
    String pkg = dot < 0 ? "" : cls.substring(0, dot).replace('.', '/') + "/";
    String file = l.file() != null ? l.file() : cls.substring(dot + 1) + ".java";
    for (String root : SOURCE_ROOTS) {
      if (Files.isRegularFile(Path.of(root, pkg + file))) {
        return root + "/" + pkg + file;
      }
    }
    return pkg + file;
  }

  private static SourceLocation lastKnownLocation(List<TraceStep> trace) {
    for (int i = trace.size() - 1; i >= 0; i--) {
      SourceLocation l = trace.get(i).location();
      if (l != null && !l.equals(SourceLocation.UNKNOWN) && l.line() > 0) {
        return l;
      }
    }
    return null;
  }

  private static Map<String, Object> text(String s) {
    return Map.of("text", s);
  }
}
