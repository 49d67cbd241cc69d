package pinmc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import pinmc.bench.BenchReport;
import pinmc.bench.BenchResult;
import pinmc.bench.BenchSeries;
import pinmc.bench.Benchmark;
import pinmc.check.Engine;
import pinmc.jpf.JpfEngine;
import pinmc.jpf.JpfSetupException;
import pinmc.report.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pinmc bench}: the engines on the literature's programs, the protocol models and the blocking programs at growing sizes. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Runs the DPOR literature's programs (readers, lastzero, indexer, filesystem) and a fully explored "
        + "variant of each protocol model (--series defaults), the blocking programs (--series blocking) or both "
        + "(--series all) at growing sizes, on the embedded engine and, when it is installed, Java PathFinder, "
        + "alternating runs between them. The embedded engine runs the defaults under --reduction dpor and the "
        + "blocking programs under --reduction stateful, unless --reduction names one for all. Prints one growth "
        + "table per program: reduction, verdict, executions, sleep-set-blocked executions, distinct interleavings, "
        + "distinct states, median time to verdict, steps and executions per second, peak heap, and JPF's verdict, "
        + "time, states and its time over the embedded engine's, then a line on issue 13's targets. An engine "
        + "stops going up a series once its median time exceeds --budget.")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SearchOptions search;

  @Option(names = "--runs", defaultValue = "3", description = "Measured runs per target and engine, after one warm-up run (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--jpf-runs", paramLabel = "N", description = "Measured runs per target for JPF (default: --runs). "
      + "JPF's runs take far longer and vary less in proportion: --runs 3 --jpf-runs 1 takes the embedded engine's "
      + "median of 3 at a third of JPF's time.")
  Integer jpfRuns;

  @Option(names = "--budget", defaultValue = "20s", converter = DurationConverter.class,
      description = "Stop growing a series for an engine once its median time exceeds this; also each run's time "
          + "limit unless --time-limit is given (default ${DEFAULT-VALUE}).")
  Duration budget;

  @Option(names = "--quick", description = "Only the smallest sizes of each program.")
  boolean quick;

  @Option(names = "--series", defaultValue = "defaults", paramLabel = "SET",
      description = "Which series: defaults (the literature and the protocol models), blocking (monitors, "
          + "wait/notify, conditions), or all (default ${DEFAULT-VALUE}).")
  String series;

  @Option(names = "--no-jpf", description = "Do not run Java PathFinder even if it is installed.")
  boolean noJpf;

  @Option(names = "--jpf-home", paramLabel = "DIR", description = "The jpf-core directory (default: JPF_HOME, then ~/.jpf/site.properties).")
  Path jpfHome;

  @Option(names = "--jpf-java", paramLabel = "JDK",
      description = "The JDK 17 that runs Java PathFinder's JVM (default: JPF_JAVA_HOME, then the JDK running pinmc if it "
          + "is a JDK 17, then a JDK 17 in the same directory as that one).")
  Path jpfJava;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the report as Markdown to FILE (BENCHMARKS.md).")
  Path markdownFile;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
  Path json;

  @Override
  public Integer call() throws InputException {
    if (runs < 1 || jpfRuns != null && jpfRuns < 1) {
      throw new InputException((runs < 1 ? "--runs" : "--jpf-runs") + " must be at least 1: " + (runs < 1 ? runs : jpfRuns));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Engine> engines = new ArrayList<>();
    engines.add(EngineOption.engine("embedded"));
    String jpfStatus = "not run (--no-jpf)";
    String jpfJvm = null;
    if (!noJpf) {
      EngineOption jpf = new EngineOption();
      jpf.name = "jpf";
      jpf.jpfHome = jpfHome;
      jpf.jpfJava = jpfJava;
      try {
        Engine engine = jpf.engine();
        engines.add(engine);
        if (engine instanceof JpfEngine j) {
          jpfStatus = "jpf-core at " + j.installation().home() + " (from " + j.installation().source() + ")";
          jpfJvm = j.installation().javaDescription();
        } else {
          jpfStatus = "installed";
        }
      } catch (InputException e) {
        if (!notConfigured(e)) {
          throw e; // a jpf-core was named but cannot run: say why instead of a long benchmark without it
        }
        jpfStatus = "not installed (" + e.getMessage() + ")";
      }
    }
    List<String> names = engines.stream().map(Engine::name).toList();
    long start = System.nanoTime();
    double loadAtStart = loadAverage();
    pinmc.check.CheckOptions.Builder options = search.toBuilder();
    if (search.timeLimit == null) {
      options.timeLimit(budget); // a run past the budget ends the series anyway: do not wait for it
    }
    List<BenchSeries> chosen = chosenSeries();
    Benchmark benchmark = new Benchmark(engines, runs, options.build(), budget);
    if (jpfRuns != null) {
      benchmark = benchmark.withRuns("jpf", jpfRuns);
    }
    List<BenchResult> results = benchmark.run(chosen, r -> {
          StringBuilder line = new StringBuilder(r.target().program() + " " + r.target().size() + ":");
          for (BenchResult.EngineFigures f : r.engines()) {
            line.append(String.format(Locale.ROOT, " %s %s %.0f ms;", f.engine(), f.verdict().word(), f.medianMillis()));
            if (f.error() != null) {
              line.append(" (").append(f.error()).append(')');
            }
          }
          err.println(line);
          err.flush();
        });
    String report = header(jpfStatus, jpfJvm, reductions(chosen), (System.nanoTime() - start) / 1e9, loadAtStart, loadAverage())
        + BenchReport.markdown(results, names);
    out.print(report);
    out.flush();
    try {
      if (markdownFile != null) {
        AtomicFiles.write(markdownFile, report);
      }
      if (json != null) {
        AtomicFiles.write(json, BenchReport.json(results, jpfJvm));
      }
    } catch (IOException e) {
      throw new InputException("cannot write the report: " + e.getMessage(), e);
    }
    return ExitCode.OK;
  }

  /** Whether the jpf engine could not start because no jpf-core is named anywhere (then the benchmark runs without it). */
  private static boolean notConfigured(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JpfSetupException s) {
        return s.notConfigured();
      }
    }
    return false;
  }

  /** The series chosen, each under its own reduction unless --reduction names one for all. */
  private List<BenchSeries> chosenSeries() throws InputException {
    List<BenchSeries> chosen = namedSeries();
    return search.reduction == null ? chosen : chosen.stream().map(s -> s.withReduction(search.reduction)).toList();
  }

  /** Which reduction the embedded engine ran which series under, for the header. */
  private static String reductions(List<BenchSeries> chosen) {
    Map<String, List<String>> byReduction = new LinkedHashMap<>();
    for (BenchSeries s : chosen) {
      byReduction.computeIfAbsent(s.reduction().optionName(), r -> new ArrayList<>()).add(s.program());
    }
    List<String> parts = new ArrayList<>();
    byReduction.forEach((r, programs) -> parts.add("`--reduction " + r + "` for " + String.join(", ", programs)));
    return String.join("; ", parts);
  }

  private List<BenchSeries> namedSeries() throws InputException {
    return switch (series) {
      case "defaults" -> BenchSeries.defaults(quick);
      case "blocking" -> BenchSeries.blocking(quick);
      case "all" -> {
        List<BenchSeries> all = new ArrayList<>(BenchSeries.defaults(quick));
        all.addAll(BenchSeries.blocking(quick));
        yield all;
      }
      default -> throw new InputException("--series must be defaults, blocking or all: " + series);
    };
  }

  private String header(String jpfStatus, String jpfJvm, String reductions, double seconds, double loadAtStart,
      double loadAtEnd) {
    String command = "./pinmc " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    return String.format(Locale.ROOT, "# pinmc benchmarks%n%n- command: `%s`%n- machine: %s%n"
        + "- embedded engine's JVM (the benchmark's own): %s%n- jpf: %s%n%s"
        + "- embedded engine's reduction: %s (JPF uses its own partial-order reduction and state matching)%n"
        + "- runs: %d measured%s after one warm-up run per engine, alternating between engines; medians%n"
        + "- budget: an engine stops going up a series once its median exceeds %d s%n"
        + "- the whole benchmark took %.0f s%n"
        + "- load average (1 minute, all of the machine's jobs): %s at the start, %s at the end%n",
        command, BenchReport.machine(), BenchReport.embeddedJvm(), jpfStatus,
        jpfJvm == null ? "" : String.format(Locale.ROOT, "- jpf's JVM (a child process per run): %s%n", jpfJvm),
        reductions, runs, jpfRuns == null || jpfRuns == runs ? "" : " (JPF: " + jpfRuns + ")", budget.toSeconds(), seconds, load(loadAtStart), load(loadAtEnd));
  }

  /** The system's one-minute load average, or a negative number where the platform has none. */
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String load(double average) {
    return average < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", average);
  }
}
