package pinmc.cli;

import java.util.List;
import pinmc.check.Verdict;
import pinmc.report.ReportEntry;

/** The exit codes of every command, and how results map to them. */
final class ExitCode {
  static final int OK = 0;
  static final int VIOLATION = 1;
  static final int INPUT = 2;
  static final int INCONCLUSIVE = 3;
  static final int INTERNAL = 4;

  /** For {@code --help}: picocli prints these under "Exit codes:". */
  static final String[] HELP = {
    "0:as expected: no violation (gate: every outcome matched pinmc.expect)",
    "1:a violation or deadlock was found (gate: an unexpected outcome)",
    "2:usage or input error: bad option, unknown model, missing class, malformed .jpf, engine not available, model error",
    "3:inconclusive: a bound cut the search before it was complete",
    "4:internal error in pinmc",
  };

  private ExitCode() {}

  /** The exit code for one result of {@code check}. */
  static int of(Verdict verdict) {
    return switch (verdict) {
      case PASS -> OK;
      case VIOLATION, DEADLOCK -> VIOLATION;
      case INCONCLUSIVE -> INCONCLUSIVE;
      case ERROR -> INPUT;
    };
  }

  /**
   * The exit code of a gate: 0 only if every entry met its expectation; otherwise, of the
   * entries that did not, the most urgent to fix: a crash of pinmc, then an error (the input or
   * model is broken), then a wrong verdict, then a search a bound cut short.
   */
  static int ofGate(List<ReportEntry> entries, boolean crashed) {
    if (crashed) {
      return INTERNAL;
    }
    List<Verdict> missed = entries.stream().filter(e -> !e.asExpected()).map(e -> e.result().verdict()).toList();
    if (missed.contains(Verdict.ERROR)) {
      return INPUT;
    }
    if (missed.stream().anyMatch(v -> v != Verdict.INCONCLUSIVE)) {
      return VIOLATION;
    }
    return missed.isEmpty() ? OK : INCONCLUSIVE;
  }
}
