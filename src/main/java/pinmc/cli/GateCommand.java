package pinmc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import pinmc.gate.Gate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pinmc gate}: the CI gate over every properties file. */
@Command(name = "gate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Checks every .jpf file (under the properties directory, or the PATHs given) and compares each "
          + "outcome with its pinmc.expect.",
      "Exits 0 only if every outcome is as expected. Files run in parallel."
    })
final class GateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = ".jpf files or directories to search for them (default: the properties directory).")
  List<Path> paths = new ArrayList<>();

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Files to check at once (default: the number of cores, ${DEFAULT-VALUE}).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Mixin EngineOption engine;
  @Mixin SearchOptions search;
  @Mixin PropertiesDirOption properties;
  @Mixin ReportOptions report;

  @Override
  public Integer call() throws InputException, InterruptedException {
    if (jobs < 1) {
      throw new InputException("--jobs must be at least 1, not " + jobs);
    }
    List<Path> roots = paths.isEmpty() ? List.of(properties.existing()) : paths;
    List<Path> files;
    try {
      files = Gate.findPropertiesFiles(roots);
    } catch (NoSuchFileException e) {
      throw new InputException("no such file or directory: " + e.getFile(), e);
    } catch (IOException e) {
      throw new InputException("cannot search " + roots + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new InputException("no .jpf files in " + roots.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }
    PrintWriter err = spec.commandLine().getErr();
    Gate.Run run;
    try (ProgressLine progress = ProgressLine.onTerminal(err, "gate")) {
      Gate gate = new Gate(engine.engine(), search.toBuilder().build(), jobs);
      run = gate.run(files, (entry, done, total) -> progress.show(done + " of " + total + " files checked"));
    }
    report.gate = true;
    report.write(run.entries(), spec.commandLine().getOut());
    for (Throwable crash : run.crashes()) {
      if (report.verbose) {
        crash.printStackTrace(err);
      }
    }
    if (!run.crashes().isEmpty() && !report.verbose) {
      err.println("pinmc: internal error while checking " + run.crashes().size() + " file(s) (--verbose shows the stack traces)");
    }
    err.flush();
    return ExitCode.ofGate(run.entries(), !run.crashes().isEmpty());
  }
}
