package pinmc.bench;

import java.util.List;
import java.util.Locale;

/** The benchmark's results as a Markdown table and as JSON. */
public final class BenchReport {
  private BenchReport() {}

  /** The machine the numbers come from, for the report's heading. */
  public static String machine() {
    return String.format(Locale.ROOT, "%s %s, %d cores, max heap %d MiB, %s %s",
        System.getProperty("java.vm.name"), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  public static String markdown(List<BenchResult> results) {
    StringBuilder sb = new StringBuilder();
    sb.append("| program | N | verdict | executions | sleep-set blocked | distinct interleavings | executions / interleavings | steps | median time | steps/s | executions/s | peak heap |\n");
    sb.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (BenchResult r : results) {
      String interleavings = r.interleavings() < 0 ? "-" : Long.toString(r.interleavings());
      if (r.target().knownInterleavings() > 0 && r.interleavings() >= 0 && r.target().knownInterleavings() != r.interleavings()) {
        interleavings += " (literature: " + r.target().knownInterleavings() + ")";
      }
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %s | %s | %d | %.0f ms | %,.0f | %,.0f | %d MiB |%n",
          r.target().program(), r.target().size(), r.verdict().word(), r.executions(), r.sleepSetBlocked(), interleavings,
          Double.isNaN(r.redundancy()) ? "-" : String.format(Locale.ROOT, "%.2f", r.redundancy()),
          r.steps(), r.medianMillis(), r.stepsPerSecond(), r.executionsPerSecond(), r.peakHeapBytes() >> 20));
    }
    return sb.toString();
  }

  public static String json(List<BenchResult> results) {
    List<Object> rows = new java.util.ArrayList<>();
    for (BenchResult r : results) {
      java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
      row.put("program", r.target().program());
      row.put("size", r.target().size());
      row.put("verdict", r.verdict().word());
      row.put("executions", r.executions());
      row.put("sleepSetBlocked", r.sleepSetBlocked());
      row.put("interleavings", r.interleavings());
      row.put("knownInterleavings", r.target().knownInterleavings());
      row.put("steps", r.steps());
      row.put("medianMillis", r.medianMillis());
      row.put("runs", r.runs());
      row.put("stepsPerSecond", r.stepsPerSecond());
      row.put("executionsPerSecond", r.executionsPerSecond());
      row.put("peakHeapBytes", r.peakHeapBytes());
      rows.add(row);
    }
    java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("machine", machine());
    doc.put("results", rows);
    return pinmc.report.Json.write(doc) + "\n";
  }
}
