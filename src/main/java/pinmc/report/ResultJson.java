package pinmc.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import pinmc.check.Bound;
import pinmc.check.CheckResult;
import pinmc.check.Minimization;
import pinmc.check.Operation;
import pinmc.check.Property;
import pinmc.check.Schedule;
import pinmc.check.SourceLocation;
import pinmc.check.Reduction;
import pinmc.check.Stats;
import pinmc.check.TraceStep;
import pinmc.check.Verdict;

/**
 * A {@link CheckResult} as a JSON object and back: the one schema shared by the json report and
 * by trace files, documented in README.md. Enum values are written as the words users see:
 * verdicts in lower case, properties by their Java PathFinder names, bounds by their option names.
 */
public final class ResultJson {
  private ResultJson() {}

  /** The result as a JSON object, with {@code expected} and {@code asExpected} in gate mode. */
  public static Map<String, Object> toJson(ReportEntry entry) {
    Map<String, Object> o = toJson(entry.result());
    if (entry.source() != null) {
      o.put("file", entry.source());
    }
    if (entry.hasExpectation()) {
      o.put("expected", entry.expected());
      o.put("asExpected", entry.asExpected());
    }
    return o;
  }

  public static Map<String, Object> toJson(CheckResult r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("target", r.target());
    o.put("engine", r.engine());
    o.put("verdict", r.verdict().word());
    o.put("outcome", r.outcome());
    o.put("property", r.property() == null ? null : r.property().jpfName());
    o.put("invariant", r.invariant());
    o.put("message", r.message());
    o.put("details", r.details());
    List<Object> trace = new ArrayList<>();
    for (TraceStep s : r.trace()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("step", s.step());
      step.put("thread", s.thread());
      step.put("op", s.op());
      step.put("location", location(s.location()));
      step.put("operation", operation(s.operation()));
      step.put("setUp", s.setUp());
      step.put("relevant", s.relevant());
      trace.add(step);
    }
    o.put("trace", trace);
    o.put("schedule", r.schedule() == null ? null : r.schedule().toString());
    o.put("minimized", minimized(r.minimized()));
    o.put("stats", stats(r.stats()));
    return o;
  }

  /** The operation as fields: {@code kind}, {@code object}, {@code field}, {@code value}, {@code call}, {@code writes}. */
  private static Map<String, Object> operation(Operation op) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("kind", op.kind());
    o.put("object", op.object());
    o.put("field", op.field());
    o.put("value", op.value());
    o.put("call", op.call());
    o.put("arguments", op.arguments());
    List<Object> writes = new ArrayList<>();
    for (Operation.Write w : op.writes()) {
      Map<String, Object> wo = new LinkedHashMap<>();
      wo.put("object", w.object());
      wo.put("field", w.field());
      wo.put("value", w.value());
      wo.put("relevant", w.relevant());
      writes.add(wo);
    }
    o.put("writes", writes);
    return o;
  }

  private static Operation operation(JsonFields f) {
    List<Operation.Write> writes = new ArrayList<>();
    for (Object item : f.list("writes")) {
      JsonFields w = new JsonFields(item, "operation.writes[" + writes.size() + "]");
      writes.add(new Operation.Write(w.string("object"), w.string("field"), w.string("value"), w.bool("relevant")));
    }
    return new Operation(f.string("kind"), f.optionalString("object"), f.optionalString("field"), f.optionalString("value"),
        f.optionalString("call"), f.optionalString("arguments"), writes);
  }

  private static Map<String, Object> location(SourceLocation l) {
    SourceLocation loc = l == null ? SourceLocation.UNKNOWN : l;
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("class", loc.className());
    o.put("method", loc.method());
    o.put("file", loc.file());
    o.put("line", loc.line());
    o.put("text", Words.location(loc));
    return o;
  }

  /** Whether the counterexample is known to be the shortest: {@code shortest}, {@code failingExecutions}, {@code why}; or null. */
  private static Map<String, Object> minimized(Minimization m) {
    if (m == null) {
      return null;
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("shortest", m.shortest());
    o.put("failingExecutions", m.failingExecutions());
    o.put("why", m.why());
    return o;
  }

  private static Map<String, Object> stats(Stats s) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("executions", s.executions());
    o.put("sleepSetBlocked", s.sleepSetBlocked());
    o.put("steps", s.steps());
    o.put("maxDepth", s.maxDepth());
    o.put("timeMillis", s.timeMillis());
    o.put("boundHit", s.boundHit() == null ? null : s.boundHit().optionName());
    o.put("statesNew", s.statesNew());
    o.put("statesVisited", s.statesVisited());
    o.put("reduction", s.reduction() == null ? null : s.reduction().optionName());
    return o;
  }

  /** Reads back what {@link #toJson(CheckResult)} wrote; throws {@link IllegalArgumentException} naming a bad field. */
  public static CheckResult fromJson(Object o) {
    JsonFields f = new JsonFields(o, "result");
    Verdict verdict = named(Verdict.values(), Verdict::word, f.string("verdict"), "result.verdict");
    Property property = named(Property.values(), Property::jpfName, f.optionalString("property"), "result.property");
    List<TraceStep> trace = new ArrayList<>();
    for (Object item : f.list("trace")) {
      JsonFields step = new JsonFields(item, "result.trace[" + trace.size() + "]");
      JsonFields loc = step.object("location");
      SourceLocation at = new SourceLocation(loc.string("class"), loc.string("method"), loc.optionalString("file"),
          (int) loc.number("line"));
      // Trace files saved before steps carried their operation as data read as text-only steps.
      trace.add(step.has("operation")
          ? new TraceStep((int) step.number("step"), step.string("thread"), step.string("op"), at,
              operation(step.object("operation")), step.bool("setUp"), step.bool("relevant"))
          : new TraceStep((int) step.number("step"), step.string("thread"), step.string("op"), at));
    }
    List<String> details = new ArrayList<>();
    for (Object d : f.list("details")) {
      details.add(String.valueOf(d));
    }
    String schedule = f.optionalString("schedule");
    Minimization minimized = null;
    if (f.has("minimized")) {
      JsonFields m = f.object("minimized");
      minimized = new Minimization(m.bool("shortest"), m.number("failingExecutions"), m.string("why"));
    }
    return new CheckResult(f.string("target"), f.string("engine"), verdict, property,
        f.optionalString("invariant"), f.optionalString("message"), details, trace,
        schedule == null ? null : Schedule.parse(schedule), stats(f.object("stats")), minimized);
  }

  private static Stats stats(JsonFields s) {
    Bound boundHit = named(Bound.values(), Bound::optionName, s.optionalString("boundHit"), "stats.boundHit");
    Reduction reduction = named(Reduction.values(), Reduction::optionName, s.optionalString("reduction"), "stats.reduction");
    return new Stats(s.number("executions"), s.number("sleepSetBlocked"), s.number("steps"), s.number("maxDepth"),
        s.number("timeMillis"), boundHit, s.number("statesNew"), s.number("statesVisited"), reduction);
  }

  /** The constant whose name is {@code word}, or null for a null word. */
  private static <E> E named(E[] constants, Function<E, String> nameOf, String word, String field) {
    if (word == null) {
      return null;
    }
    for (E c : constants) {
      if (nameOf.apply(c).equals(word)) {
        return c;
      }
    }
    throw new IllegalArgumentException(field + ": unknown value '" + word + "'");
  }
}
