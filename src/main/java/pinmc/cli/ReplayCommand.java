package pinmc.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.check.Verdict;
import pinmc.report.ReportEntry;
import pinmc.report.TraceFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pinmc replay}: re-runs a saved counterexample and says whether it still happens. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Re-runs the one execution a trace file (from 'check --save-trace') records, and prints it.",
      "Exits 0 if the replay reproduces the saved outcome, 1 if it does not (the model changed, or it "
          + "depends on something outside the schedule)."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TRACE.json", description = "A trace file written by 'pinmc check --save-trace'.")
  Path trace;

  @Option(names = "--engine", paramLabel = "embedded|jpf", description = "Replay with this engine (default: the one that found the trace).")
  String engineName;

  @Mixin ReportOptions report;

  @Override
  public Integer call() throws InputException {
    TraceFile.Saved saved = read();
    if (saved.result().schedule() == null) {
      throw new InputException(trace + ": the trace holds no schedule to replay");
    }
    Engine engine = EngineOption.engine(engineName != null ? engineName : saved.result().engine());
    TargetResolver.checkMainClass(saved.target());
    CheckResult replayed = engine.replay(saved.target(), saved.options(), saved.result().schedule());
    if (replayed.verdict() == Verdict.PASS && saved.result().foundBug()) {
      // A passing run is not a counterexample: say what it means instead of showing it as one.
      replayed = new CheckResult(replayed.target(), replayed.engine(), Verdict.PASS, null, null,
          "the bug is gone: the saved schedule now runs to completion without " + saved.result().outcome()
              + " (the model or the kernel library changed since the trace was saved; 'pinmc check' searches again)",
          List.of(), List.of(), replayed.schedule(), replayed.stats());
    }
    ReportEntry entry = new ReportEntry(replayed, saved.result().outcome(), trace.toString());
    report.write(List.of(entry), spec.commandLine().getOut());
    if (replayed.verdict() == Verdict.ERROR) {
      return ExitCode.INPUT;
    }
    return entry.asExpected() ? ExitCode.OK : ExitCode.VIOLATION;
  }

  private TraceFile.Saved read() throws InputException {
    try {
      return TraceFile.read(trace);
    } catch (NoSuchFileException e) {
      throw new InputException("no such file: " + trace, e);
    } catch (IOException e) {
      throw new InputException("cannot read " + trace + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
  }
}
