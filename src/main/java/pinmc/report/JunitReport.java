package pinmc.report;

import java.util.List;
import java.util.Locale;
import pinmc.check.Verdict;

/**
 * JUnit XML, the format CI systems (GitHub Actions reporters, GitLab, Jenkins) display natively:
 * one {@code testcase} per target (per properties file in gate mode), a {@code failure} when the
 * outcome is not what was wanted and an {@code error} when the check could not be carried out,
 * each with the text report of the target (its counterexample) as the body.
 */
public final class JunitReport {
  private JunitReport() {}

  public static String render(List<ReportEntry> entries) {
    TextReport text = new TextReport(Style.PLAIN, false);
    long failures = entries.stream().filter(e -> !e.asExpected() && e.result().verdict() != Verdict.ERROR).count();
    long errors = entries.stream().filter(e -> !e.asExpected() && e.result().verdict() == Verdict.ERROR).count();
    long millis = entries.stream().mapToLong(e -> e.result().stats().timeMillis()).sum();
    String counts = " tests=\"" + entries.size() + "\" failures=\"" + failures + "\" errors=\"" + errors
        + "\" skipped=\"0\" time=\"" + seconds(millis) + "\"";
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuites name=\"pinmc\"").append(counts).append(">\n");
    out.append("  <testsuite name=\"pinmc\"").append(counts).append(">\n");
    for (ReportEntry e : entries) {
      String engine = e.result().engine() == null ? "" : "." + e.result().engine();
      out.append("    <testcase name=\"").append(attr(e.result().target()))
          .append("\" classname=\"pinmc").append(attr(engine)).append('"');
      if (e.source() != null) {
        out.append(" file=\"").append(attr(e.source())).append('"');
      }
      out.append(" time=\"").append(seconds(e.result().stats().timeMillis())).append("\">\n");
      String report = text.render(List.of(e));
      if (!e.asExpected()) {
        String element = e.result().verdict() == Verdict.ERROR ? "error" : "failure";
        String message = e.hasExpectation() ? Words.comparison(e) : Words.headline(e.result());
        out.append("      <").append(element).append(" type=\"").append(attr(e.result().outcome()))
            .append("\" message=\"").append(attr(message)).append("\">")
            .append(text(report)).append("</").append(element).append(">\n");
      } else {
        out.append("      <system-out>").append(text(report)).append("</system-out>\n");
      }
      out.append("    </testcase>\n");
    }
    out.append("  </testsuite>\n</testsuites>\n");
    return out.toString();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /** Character data: markup escaped, and characters XML 1.0 forbids replaced by U+FFFD. */
  static String text(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(allowedInXml(s, i) ? c : '\uFFFD');
      }
    }
    return out.toString();
  }

  /** An attribute value: as {@link #text} and also quotes and line ends, which attribute normalisation would eat. */
  static String attr(String s) {
    return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
  }

  private static boolean allowedInXml(String s, int i) {
    char c = s.charAt(i);
    if (c == '\t' || c == '\n' || c == '\r') {
      return true;
    }
    if (c < 0x20 || c == '\uFFFE' || c == '\uFFFF') {
      return false;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
    return true;
  }
}
