package pinmc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import pinmc.check.Verdict;
import pinmc.report.Json;

/** The benchmark's results as Markdown (one growth table per series) and as JSON. */
public final class BenchReport {
  private BenchReport() {}

  /** The machine the numbers come from. */
  public static String machine() {
    return String.format(Locale.ROOT, "%d cores, %s %s", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  /** The JVM the embedded engine ran in (JPF's own JVM is the jpf engine's to describe). */
  public static String embeddedJvm() {
    return String.format(Locale.ROOT, "%s %s (%s), max heap %d MiB", System.getProperty("java.vm.name"),
        System.getProperty("java.version"), System.getProperty("java.vendor"), Runtime.getRuntime().maxMemory() >> 20);
  }

  /**
   * Growth tables, one per program, in the order run, each row with the embedded engine's
   * reduction; with JPF, its columns, the ratio and a line on issue 13's targets per program.
   */
  public static String markdown(List<BenchResult> results, List<String> engines) {
    StringBuilder sb = new StringBuilder();
    boolean jpf = engines.contains("jpf");
    List<BenchResult> program = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (BenchResult r : results) {
      if (!program.isEmpty() && !program.get(0).target().program().equals(r.target().program())) {
        endTable(sb, program, jpf);
      }
      if (program.isEmpty()) {
        sb.append("\n#### ").append(r.target().program()).append("\n\n");
        sb.append("| size | reduction | verdict | executions | sleep-set blocked | distinct interleavings | distinct states | time "
            + "| steps/s | executions/s | peak heap |");
        sb.append(jpf ? " jpf verdict | jpf time | jpf states | ratio (jpf / embedded) |\n" : "\n");
        sb.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        sb.append(jpf ? " --- | ---: | ---: | ---: |\n" : "\n");
      }
      program.add(r);
      Optional<BenchResult.EngineFigures> e = r.engine("embedded");
      String interleavings = r.interleavings() < 0 ? "-" : Long.toString(r.interleavings());
      if (r.target().knownInterleavings() > 0) {
        interleavings += " (expected " + r.target().knownInterleavings() + ")";
      }
      sb.append("| ").append(r.target().size()).append(" | ").append(r.reduction().optionName()).append(" | ");
      if (e.isPresent()) {
        BenchResult.EngineFigures f = e.get();
        sb.append(String.format(Locale.ROOT, "%s | %d | %d | %s | %s | %s | %,.0f | %,.0f | %d MiB |", f.verdict().word(),
            f.executions(), f.sleepSetBlocked(), interleavings, count(f.statesNew()), time(f.medianMillis()),
            f.stepsPerSecond(), f.executionsPerSecond(), f.peakHeapBytes() >> 20));
      } else {
        sb.append("over budget | | | | | | | | |");
      }
      if (jpf) {
        Optional<BenchResult.EngineFigures> j = r.engine("jpf");
        if (j.isPresent()) {
          sb.append(String.format(Locale.ROOT, " %s | %s | %s | %s |", j.get().verdict().word(), time(j.get().medianMillis()),
              count(j.get().statesNew()), ratio(r, "jpf")));
        } else {
          sb.append(" over budget | | | |");
        }
      }
      sb.append('\n');
      for (BenchResult.EngineFigures f : r.engines()) {
        if (f.error() != null) {
          errors.add(f.engine() + " on " + r.target().target().name() + ": " + f.error());
        }
      }
    }
    if (!program.isEmpty()) {
      endTable(sb, program, jpf);
    }
    if (!errors.isEmpty()) {
      sb.append("\nErrors:\n\n");
      errors.forEach(line -> sb.append("- ").append(line).append('\n'));
    }
    if (jpf && results.stream().anyMatch(r -> SpeedTargets.judge(r) == SpeedTargets.Row.UNEXPLAINED_DISAGREEMENT)) {
      sb.append("\nWhere the verdicts differ and no known disagreement explains it, one of the engines is wrong: "
          + "compare their counterexamples.\n");
    }
    return sb.toString();
  }

  /** After a program's table: the line on issue 13's targets, when JPF ran. */
  private static void endTable(StringBuilder sb, List<BenchResult> program, boolean jpf) {
    if (jpf) {
      sb.append('\n').append(SpeedTargets.summary(program)).append('\n');
    }
    program.clear();
  }

  private static String count(long n) {
    return n < 0 ? "-" : Long.toString(n);
  }

  /**
   * The other engine's time over the embedded engine's: a bound where one engine was cut by
   * the time limit (at least, if the other engine was cut; at most, if the embedded engine
   * was); where the verdicts differ, no ratio but the known disagreement that explains it,
   * or "verdicts differ".
   */
  static String ratio(BenchResult r, String other) {
    double ratio = r.ratio(other);
    if (Double.isNaN(ratio)) {
      return "-";
    }
    Verdict embedded = r.engine("embedded").orElseThrow().verdict();
    Verdict theirs = r.engine(other).orElseThrow().verdict();
    if (embedded == Verdict.ERROR || theirs == Verdict.ERROR) {
      return "error";
    }
    KnownDisagreement known = r.target().jpfWrong();
    if (other.equals("jpf") && known != null && known.explains(embedded, theirs)) {
      return "jpf wrong: " + known.link();
    }
    if (r.verdictsDiffer(other)) {
      return "verdicts differ";
    }
    boolean embeddedDecisive = BenchResult.decisive(embedded);
    boolean otherDecisive = BenchResult.decisive(theirs);
    if (embeddedDecisive == otherDecisive) {
      return embeddedDecisive ? String.format(Locale.ROOT, "%.1f×", ratio) : "-";
    }
    return String.format(Locale.ROOT, "%s %.1f×", embeddedDecisive ? "≥" : "≤", ratio);
  }

  static String time(double millis) {
    return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000) : String.format(Locale.ROOT, "%.0f ms", millis);
  }

  /** The results as JSON; {@code jpfJvm} describes the JVM JPF ran on, or is null. */
  public static String json(List<BenchResult> results, String jpfJvm) {
    List<Object> rows = new ArrayList<>();
    for (BenchResult r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("program", r.target().program());
      row.put("size", r.target().size());
      row.put("reduction", r.reduction().optionName());
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
        if (f.error() != null) {
          e.put("error", f.error());
        }
        engines.add(e);
      }
      row.put("engines", engines);
      if (r.engine("jpf").isPresent()) {
        row.put("targets", SpeedTargets.judge(r).name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (r.target().jpfWrong() != null) {
          row.put("jpfKnownDisagreement", r.target().jpfWrong().number());
        }
      }
      rows.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("machine", machine());
    doc.put("embeddedJvm", embeddedJvm());
    if (jpfJvm != null) {
      doc.put("jpfJvm", jpfJvm);
    }
    doc.put("results", rows);
    return Json.write(doc) + "\n";
  }
}
