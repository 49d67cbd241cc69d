package pinmc.report;

import java.util.List;
import pinmc.check.CheckResult;

/**
 * The report a person reads on a terminal. Per target: the headline
 * ({@code btrfs-dma: VIOLATION (invariant stable-page-under-io)}), the message and details, the
 * counterexample as {@link Swimlanes}, and the statistics; in gate mode each headline also says
 * whether the outcome was expected, and a last line counts the surprises.
 */
public final class TextReport {
  private final Style style;
  private final boolean headlinesOnly;

  /** @param headlinesOnly print only each target's first line (for {@code --quiet}) */
  public TextReport(Style style, boolean headlinesOnly) {
    this.style = style;
    this.headlinesOnly = headlinesOnly;
  }

  public String render(List<ReportEntry> entries) {
    StringBuilder out = new StringBuilder();
    for (ReportEntry e : entries) {
      if (!headlinesOnly && out.length() > 0) {
        out.append('\n');
      }
      out.append(headline(e)).append('\n');
      if (!headlinesOnly) {
        body(out, e.result());
      }
    }
    if (entries.size() > 1 && entries.stream().anyMatch(ReportEntry::hasExpectation)) {
      out.append(headlinesOnly ? "" : "\n").append(summary(entries)).append('\n');
    }
    return out.toString();
  }

  /** The first line of a target's report. */
  public String headline(ReportEntry e) {
    CheckResult r = e.result();
    String line = r.target() + ": " + style.verdict(r.verdict(), Words.headline(r));
    if (e.hasExpectation()) {
      line += " - " + (e.asExpected() ? Words.comparison(e) : style.bold(Words.comparison(e)));
    }
    return line;
  }

  private void body(StringBuilder out, CheckResult r) {
    if (r.message() != null && !r.message().isBlank()) {
      for (String line : r.message().strip().split("\n")) {
        out.append("  ").append(line).append('\n');
      }
    }
    for (String d : r.details()) {
      out.append("    ").append(d).append('\n');
    }
    if (!r.trace().isEmpty()) {
      out.append('\n').append("  counterexample, ").append(r.trace().size()).append(" steps");
      if (r.schedule() != null) {
        out.append(" (schedule: ").append(r.schedule()).append(')');
      }
      out.append(":\n");
      for (String line : Swimlanes.render(r.trace(), style)) {
        out.append("  ").append(line).append('\n');
      }
      out.append('\n');
    }
    if (r.stats().executions() > 0 || r.stats().timeMillis() > 0) {
      out.append("  ").append(style.dim(Words.stats(r.stats()))).append('\n');
    }
  }

  /** {@code 13 of 14 as expected; unexpected: truncate-race-lease}. */
  static String summary(List<ReportEntry> entries) {
    long ok = entries.stream().filter(ReportEntry::asExpected).count();
    StringBuilder sb = new StringBuilder().append(ok).append(" of ").append(entries.size()).append(" as expected");
    List<String> surprises = entries.stream().filter(e -> !e.asExpected()).map(e -> e.result().target()).toList();
    if (!surprises.isEmpty()) {
      sb.append("; unexpected: ").append(String.join(", ", surprises));
    }
    return sb.toString();
  }
}
