package pinmc.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.report.ReportEntry;
import pinmc.report.TraceFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pinmc check}: checks one model and reports what it found. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Explores every interleaving of one model and reports the first violation, with its counterexample.",
      "",
      "TARGET is a .jpf properties file, a model name as 'pinmc list' shows it, or a main class "
          + "found on --classpath. ARGS, if given, are added to the target's target.args: key=value replaces the same key, a plain argument the plain one at its position (the variant).",
      "The exit code follows the verdict (see below); use 'pinmc gate' to compare with pinmc.expect."
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TARGET", description = "A .jpf file, a model name or a main class.")
  String target;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the model's main, added to target.args (key=value replaces the same key).")
  List<String> args = new ArrayList<>();

  @Option(names = {"-cp", "--classpath"}, paramLabel = "PATH",
      description = "Directories and jars holding the model's classes, separated by '${sys:path.separator}' (repeatable); put before a .jpf's classpath.")
  List<String> classpath = new ArrayList<>();

  @Option(names = "--save-trace", paramLabel = "FILE",
      description = "Save the counterexample to FILE (JSON) for 'pinmc replay'.")
  Path saveTrace;

  @Mixin EngineOption engine;
  @Mixin SearchOptions search;
  @Mixin PropertiesDirOption properties;
  @Mixin ReportOptions report;

  @Override
  public Integer call() throws InputException {
    PrintWriter err = spec.commandLine().getErr();
    TargetResolver.Resolved resolved = TargetResolver.resolve(target, args, splitPath(classpath), properties.dir);
    Engine checker = engine.engine();
    CheckOptions.Builder options = search.toBuilder();
    if (report.verbose) {
      err.println("pinmc: checking " + resolved.target().mainClass() + " " + resolved.target().args()
          + " with the " + checker.name() + " engine, class path " + resolved.target().classpath());
    }
    CheckResult result;
    try (ProgressLine progress = ProgressLine.onTerminal(err, "check " + resolved.target().name())) {
      result = checker.check(resolved.target(), options.progress(progress).build());
    }
    String source = resolved.propertiesFile() == null ? null : resolved.propertiesFile().toString();
    report.write(List.of(new ReportEntry(result, null, source)), spec.commandLine().getOut());
    if (saveTrace != null) {
      saveTrace(resolved, options.build(), result, err);
    }
    return ExitCode.of(result.verdict());
  }

  private void saveTrace(TargetResolver.Resolved resolved, CheckOptions options, CheckResult result, PrintWriter err) throws InputException {
    if (result.schedule() == null) {
      err.println("pinmc: no counterexample to save: " + saveTrace + " not written");
      return;
    }
    try {
      TraceFile.write(saveTrace, resolved.target(), options, result);
    } catch (IOException e) {
      throw new InputException("cannot write " + saveTrace + ": " + e.getMessage(), e);
    }
  }

  /** Class path options as entries: each option may itself hold several, separated as the platform does. */
  static List<Path> splitPath(List<String> options) {
    List<Path> out = new ArrayList<>();
    for (String option : options) {
      for (String entry : option.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          out.add(Path.of(entry.strip()));
        }
      }
    }
    return out;
  }
}
