package pinmc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import pinmc.report.Json;

/** The benchmark's results as Markdown (one growth table per series) and as JSON. */
public final class BenchReport {
  private BenchReport() {}

  /** The machine and JDK the numbers come from. */
  public static String machine() {
    return String.format(Locale.ROOT, "%s %s (%s), %d cores, max heap %d MiB, %s %s",
        System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("java.vendor"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  /** Growth tables, one per program, in the order run. */
  public static String markdown(List<BenchResult> results, List<String> engines) {
    StringBuilder sb = new StringBuilder();
    boolean jpf = engines.contains("jpf");
    String program = null;
    for (BenchResult r : results) {
      if (!r.target().program().equals(program)) {
        program = r.target().program();
        sb.append("\n#### ").append(program).append("\n\n");
        sb.append("| size | verdict | executions | sleep-set blocked | distinct interleavings | time | steps/s | executions/s | peak heap |");
        sb.append(jpf ? " jpf verdict | jpf time | jpf states | jpf / embedded |\n" : "\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        sb.append(jpf ? " --- | ---: | ---: | ---: |\n" : "\n");
      }
      Optional<BenchResult.EngineFigures> e = r.engine("embedded");
      String interleavings = r.interleavings() < 0 ? "-" : Long.toString(r.interleavings());
      if (r.target().knownInterleavings() > 0) {
        interleavings += " (expected " + r.target().knownInterleavings() + ")";
      }
      sb.append("| ").append(r.target().size()).append(" | ");
      if (e.isPresent()) {
        BenchResult.EngineFigures f = e.get();
        sb.append(String.format(Locale.ROOT, "%s | %d | %d | %s | %s | %,.0f | %,.0f | %d MiB |", f.verdict().word(), f.executions(),
            f.sleepSetBlocked(), interleavings, time(f.medianMillis()), f.stepsPerSecond(), f.executionsPerSecond(),
            f.peakHeapBytes() >> 20));
      } else {
        sb.append("over budget | | | | | | | |");
      }
      if (jpf) {
        Optional<BenchResult.EngineFigures> j = r.engine("jpf");
        if (j.isPresent()) {
          sb.append(String.format(Locale.ROOT, " %s | %s | %s | %s |", j.get().verdict().word(), time(j.get().medianMillis()),
              j.get().statesNew() < 0 ? "-" : Long.toString(j.get().statesNew()), ratio(r, "jpf")));
        } else {
          sb.append(" over budget | | | |");
        }
      }
      sb.append('\n');
    }
    if (jpf && results.stream().anyMatch(r -> r.verdictsDiffer("jpf"))) {
      sb.append("\nWhere the verdicts differ, the README's list of known disagreements (under The jpf engine) says "
          + "which engine is wrong and why.\n");
    }
    return sb.toString();
  }

  /**
   * The other engine's time over the embedded engine's: a bound where one engine was cut by
   * the time limit (at least, if the other engine was cut; at most, if the embedded engine
   * was), and no ratio where both reached a verdict and the verdicts differ.
   */
  static String ratio(BenchResult r, String other) {
    double ratio = r.ratio(other);
    if (Double.isNaN(ratio)) {
      return "-";
    }
    if (r.verdictsDiffer(other)) {
      return "verdicts differ";
    }
    boolean embeddedDecisive = BenchResult.decisive(r.engine("embedded").orElseThrow().verdict());
    boolean otherDecisive = BenchResult.decisive(r.engine(other).orElseThrow().verdict());
    if (embeddedDecisive == otherDecisive) {
      return embeddedDecisive ? String.format(Locale.ROOT, "%.1f×", ratio) : "-";
    }
    return String.format(Locale.ROOT, "%s %.1f×", embeddedDecisive ? "≥" : "≤", ratio);
  }

  private static String time(double millis) {
    return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000) : String.format(Locale.ROOT, "%.0f ms", millis);
  }

  public static String json(List<BenchResult> results) {
    List<Object> rows = new ArrayList<>();
    for (BenchResult r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("program", r.target().program());
      row.put("size", r.target().size());
      row.put("interleavings", r.interleavings());
      row.put("knownInterleavings", r.target().knownInterleavings());
      List<Object> engines = new ArrayList<>();
      for (BenchResult.EngineFigures f : r.engines()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("engine", f.engine());
        e.put("verdict", f.verdict().word());
        e.put("executions", f.executions());
        e.put("sleepSetBlocked", f.sleepSetBlocked());
        e.put("steps", f.steps());
        e.put("statesNew", f.statesNew());
        e.put("medianMillis", f.medianMillis());
        e.put("runs", f.runs());
        e.put("stepsPerSecond", f.stepsPerSecond());
        e.put("executionsPerSecond", f.executionsPerSecond());
        e.put("peakHeapBytes", f.peakHeapBytes());
        engines.add(e);
      }
      row.put("engines", engines);
      rows.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("machine", machine());
    doc.put("results", rows);
    return Json.write(doc) + "\n";
  }
}
