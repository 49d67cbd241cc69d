package pinmc.jpf;

import java.util.ArrayList;
import java.util.List;
import pinmc.check.Bound;
import pinmc.check.CheckResult;
import pinmc.check.Property;
import pinmc.check.SourceLocation;
import pinmc.check.Stats;
import pinmc.check.TraceStep;
import pinmc.check.Verdict;
import pinmc.report.Json;
import pinmc.report.JsonFields;

/**
 * Turns what pinmc's JPF listener wrote into a {@link CheckResult} in the same terms as the
 * embedded engine's: the same properties, the invariant by name, the same messages where
 * JPF knows the same facts.
 */
final class JpfResults {
  static final String NOT_DEADLOCKED = "gov.nasa.jpf.vm.NotDeadlockedProperty";
  static final String NO_UNCAUGHT_EXCEPTIONS = "gov.nasa.jpf.vm.NoUncaughtExceptionsProperty";
  static final String RACE_DETECTOR = "gov.nasa.jpf.listener.PreciseRaceDetector";

  private JpfResults() {}

  /** Reads the listener's JSON {@code text}; {@code millis} is the wall-clock time of the whole run. */
  static CheckResult read(String target, String engine, String text, int maxSteps, long millis) {
    JsonFields root;
    try {
      root = new JsonFields(Json.parse(text), "jpf result");
    } catch (IllegalArgumentException e) {
      return CheckResult.error(target, engine, "unreadable result from pinmc's JPF listener: " + e.getMessage());
    }
    JsonFields s = root.object("stats");
    long executions = s.number("executions");
    Bound bound = null;
    if (!root.has("violation")) {
      if (root.has("executionsCut") && root.bool("executionsCut")) {
        bound = Bound.EXECUTIONS;
      } else if (root.has("spin") || root.has("constraint")) {
        bound = Bound.STEPS;
      }
    }
    Stats stats = new Stats(executions, -1, s.number("steps"), s.number("maxDepth"), millis, bound,
        s.number("statesNew"), s.number("statesVisited"));
    if (root.has("violation")) {
      return violation(target, engine, root.object("violation"), stats);
    }
    if (bound == Bound.EXECUTIONS) {
      return new CheckResult(target, engine, Verdict.INCONCLUSIVE, null, null,
          "the search stopped after " + executions + " executions (--max-executions)", List.of(), List.of(), null, stats);
    }
    if (bound == Bound.STEPS) {
      String message = root.has("spin") ? root.string("spin")
          : "an execution took more than " + maxSteps + " JPF transitions (--max-steps)";
      return new CheckResult(target, engine, Verdict.INCONCLUSIVE, null, null, message, List.of(), List.of(), null, stats);
    }
    return new CheckResult(target, engine, Verdict.PASS, null, null, null, List.of(), List.of(), null, stats);
  }

  private static CheckResult violation(String target, String engine, JsonFields v, Stats stats) {
    String property = v.string("property");
    List<TraceStep> trace = trace(v);
    String thread = v.optionalString("thread");
    String where = v.optionalString("where");
    String message = v.optionalString("message");
    if (v.has("invariant")) {
      return new CheckResult(target, engine, Verdict.VIOLATION, Property.INVARIANT, v.string("invariant"), message,
          List.of("in thread " + thread + " at " + where), trace, null, stats);
    }
    if (property.equals(NO_UNCAUGHT_EXCEPTIONS)) {
      String exception = v.string("exception");
      String text = exception + (message == null ? "" : ": " + message);
      if (v.has("assertion") && v.bool("assertion")) {
        return new CheckResult(target, engine, Verdict.VIOLATION, Property.ASSERTION, null,
            "assertion failed in thread " + thread + " at " + where + (message == null ? "" : ": " + message),
            List.of(), trace, null, stats);
      }
      if (v.has("onlyThread") && v.bool("onlyThread")) {
        return CheckResult.error(target, engine, "the model failed before starting any thread: " + text + " at " + where);
      }
      return new CheckResult(target, engine, Verdict.VIOLATION, Property.UNCAUGHT_EXCEPTION, null,
          "uncaught " + text + " in thread " + thread + " at " + where, List.of(), trace, null, stats);
    }
    List<String> details = new ArrayList<>();
    if (v.has("details")) {
      for (Object d : v.list("details")) {
        details.add(String.valueOf(d));
      }
    }
    if (property.equals(NOT_DEADLOCKED)) {
      return new CheckResult(target, engine, Verdict.DEADLOCK, Property.DEADLOCK, null,
          "deadlock: every live thread is blocked", details, trace, null, stats);
    }
    if (property.equals(RACE_DETECTOR)) {
      return new CheckResult(target, engine, Verdict.VIOLATION, Property.DATA_RACE, null, message, details, trace, null, stats);
    }
    return CheckResult.error(target, engine, "Java PathFinder reported " + property + ": " + message);
  }

  private static List<TraceStep> trace(JsonFields v) {
    List<TraceStep> out = new ArrayList<>();
    if (!v.has("trace")) {
      return out;
    }
    for (Object item : v.list("trace")) {
      JsonFields row = new JsonFields(item, "trace[" + out.size() + "]");
      int line = (int) row.number("line");
      out.add(new TraceStep((int) row.number("step"), row.string("thread"), row.string("op"),
          new SourceLocation(row.string("class"), row.string("method"), row.optionalString("file"), line < 0 ? -1 : line)));
    }
    return out;
  }

  /**
   * The line of JPF's console output that says why it stopped without a result: a
   * {@code [SEVERE]} line (such as "cannot load application class"), else an exception, else
   * the last line.
   */
  static String failureLine(String log) {
    List<String> lines = log.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    for (String l : lines) {
      if (l.startsWith("[SEVERE]")) {
        return l.substring("[SEVERE]".length()).strip();
      }
    }
    for (String l : lines) {
      if (l.contains("Exception") || l.contains("Error:")) {
        return l;
      }
    }
    return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
  }
}
