package pinmc.report;

import pinmc.check.CheckResult;
import pinmc.check.Verdict;

/**
 * One line of a report: a result, and in gate mode what its properties file expected.
 *
 * @param result what checking found
 * @param expected the expected outcome ({@code pinmc.expect}), or null outside gate mode
 * @param source the properties file the target came from, as the user named it, or null
 */
public record ReportEntry(CheckResult result, String expected, String source) {

  /** A result checked without an expectation. */
  public static ReportEntry of(CheckResult result) {
    return new ReportEntry(result, null, null);
  }

  /** Whether an expectation was given (gate mode). */
  public boolean hasExpectation() {
    return expected != null;
  }

  /**
   * Whether the result is what was wanted: the expected outcome in gate mode, a pass otherwise
   * (an inconclusive search is never what was wanted).
   */
  public boolean asExpected() {
    return expected != null ? expected.equals(result.outcome()) : result.verdict() == Verdict.PASS;
  }
}
