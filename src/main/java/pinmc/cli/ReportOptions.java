package pinmc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import pinmc.report.AtomicFiles;
import pinmc.report.ReportEntry;
import pinmc.report.ReportFormat;
import pinmc.report.Style;
import pinmc.report.TextReport;
import picocli.CommandLine.Option;

/** How and where a command reports: the options shared by every command that prints results. */
final class ReportOptions {
  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), json, junit (JUnit XML), markdown (a table and Mermaid diagrams) or sarif "
          + "(SARIF 2.1.0: each counterexample a code flow with one thread flow per thread).")
  ReportFormat format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report to FILE (replaced in one step, never left half-written); "
          + "stdout then gets one line per target.")
  Path output;

  @Option(names = "--no-color", description = "No colour, even on a terminal (also: the NO_COLOR environment variable).")
  boolean noColor;

  @Option(names = {"-q", "--quiet"}, description = "Print only the first line of each result.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"},
      description = "Say more on stderr, and show stack traces of errors; gate: every counterexample, not only the unexpected ones.")
  boolean verbose;

  @Option(names = "--full-trace",
      description = "Text: every step of a counterexample, not only the set-up folded and the steps the failure depends on.")
  boolean fullTrace;

  /** Set by the gate: an outcome as expected gets only its headline unless --verbose. */
  boolean gate;

  private TextReport.Detail detail() {
    return new TextReport.Detail(quiet, fullTrace, !gate || verbose);
  }

  /**
   * Writes the report: to {@code --output} if given (and then each target's headline to
   * {@code out} unless quiet), else to {@code out}. Colour only in text on a terminal, unless
   * switched off.
   */
  void write(List<ReportEntry> entries, PrintWriter out) throws InputException {
    if (output != null) {
      try {
        AtomicFiles.write(output, format.render(entries, Style.PLAIN, detail()));
      } catch (IOException e) {
        throw new InputException("cannot write " + output + ": " + e.getMessage(), e);
      }
      if (!quiet) {
        out.print(new TextReport(Style.PLAIN, true).render(entries));
      }
    } else {
      boolean colour = format == ReportFormat.TEXT && !noColor && Terminal.interactive() && System.getenv("NO_COLOR") == null;
      out.print(format.render(entries, colour ? Style.COLOR : Style.PLAIN, detail()));
    }
    out.flush();
  }
}
