package pinmc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import pinmc.bench.BenchReport;
import pinmc.bench.BenchResult;
import pinmc.bench.BenchTarget;
import pinmc.bench.Benchmark;
import pinmc.report.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pinmc bench}: the embedded engine on the DPOR literature's programs at growing sizes. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Runs the DPOR literature's programs (readers, lastzero, indexer, filesystem) at growing sizes "
        + "on the embedded engine and prints, per program and size: verdict, executions, sleep-set-blocked "
        + "executions, distinct interleavings, median time to verdict, steps and executions per second, peak heap. "
        + "Each figure is the median of --runs runs after one warm-up run.")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SearchOptions search;

  @Option(names = "--runs", defaultValue = "5", description = "Measured runs per target (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--quick", description = "Only the two smallest sizes of each program.")
  boolean quick;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
  Path json;

  @Override
  public Integer call() throws InputException {
    if (runs < 1) {
      throw new InputException("--runs must be at least 1: " + runs);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.println("machine: " + BenchReport.machine());
    out.flush();
    List<BenchResult> results = new Benchmark(runs, search.toBuilder().build()).run(BenchTarget.literature(quick),
        r -> {
          err.printf("%s(%s): %s, %d executions, %.0f ms%n", r.target().program(), r.target().size(), r.verdict().word(),
              r.executions(), r.medianMillis());
          err.flush();
        });
    out.print(BenchReport.markdown(results));
    out.flush();
    if (json != null) {
      try {
        AtomicFiles.write(json, BenchReport.json(results));
      } catch (IOException e) {
        throw new InputException("cannot write " + json + ": " + e.getMessage(), e);
      }
    }
    return ExitCode.OK;
  }
}
