package pinmc.report;

import java.util.List;
import pinmc.check.CheckResult;

/**
 * The report a person reads on a terminal. Per target: the headline
 * ({@code btrfs-dma: VIOLATION (invariant stable-page-under-io)}), the message and details, the
 * counterexample as {@link Swimlanes}, and the statistics. In gate mode each headline also says
 * whether the outcome was expected and how long the check took, an outcome that was expected
 * gets only that line unless {@link Detail#everything} is asked for, and a last line counts the
 * surprises.
 */
public final class TextReport {
  /**
   * How much of each result to print.
   *
   * @param headlinesOnly only each target's first line ({@code --quiet})
   * @param fullTrace every step of a counterexample, not only those the failure depends on ({@code --full-trace})
   * @param everything in gate mode, the body of an expected outcome too ({@code --verbose})
   */
  public record Detail(boolean headlinesOnly, boolean fullTrace, boolean everything) {
    public static final Detail DEFAULT = new Detail(false, false, true);
    public static final Detail HEADLINES = new Detail(true, false, true);
  }

  private final Style style;
  private final Detail detail;

  /** @param headlinesOnly print only each target's first line (for {@code --quiet}) */
  public TextReport(Style style, boolean headlinesOnly) {
    this(style, headlinesOnly ? Detail.HEADLINES : Detail.DEFAULT);
  }

  public TextReport(Style style, Detail detail) {
    this.style = style;
    this.detail = detail;
  }

  public String render(List<ReportEntry> entries) {
    StringBuilder out = new StringBuilder();
    boolean lastHadBody = false;
    for (ReportEntry e : entries) {
      boolean body = !detail.headlinesOnly() && (detail.everything() || !e.hasExpectation() || !e.asExpected());
      if ((body || lastHadBody) && out.length() > 0) {
        out.append('\n');
      }
      out.append(headline(e)).append('\n');
      if (body) {
        body(out, e.result());
      }
      lastHadBody = body;
    }
    if (entries.size() > 1 && entries.stream().anyMatch(ReportEntry::hasExpectation)) {
      out.append(lastHadBody ? "\n" : "").append(summary(entries)).append('\n');
    }
    return out.toString();
  }

  /** The first line of a target's report. */
  public String headline(ReportEntry e) {
    CheckResult r = e.result();
    if (!e.hasExpectation()) {
      return r.target() + ": " + style.verdict(r.verdict(), Words.headline(r));
    }
    // In the gate an expected violation is good news: only a surprise is coloured as alarming.
    // The outcome is named as pinmc.expect names it, which keeps the line short.
    String outcome = r.verdict() == pinmc.check.Verdict.INCONCLUSIVE ? Words.headline(r).toLowerCase(java.util.Locale.ROOT)
        : r.outcome();
    String comparison = e.asExpected() ? style.good("as expected") : style.alarm("UNEXPECTED (expected " + e.expected() + ")");
    return r.target() + ": " + style.bold(outcome) + ", " + comparison + ", " + Words.seconds(r.stats().timeMillis());
  }

  private void body(StringBuilder out, CheckResult r) {
    if (r.message() != null && !r.message().isBlank()) {
      for (String line : r.message().strip().split("\n")) {
        wrapped(out, line, "  ", "  ");
      }
    }
    for (String d : r.details()) {
      wrapped(out, d, "    ", "      ");
    }
    if (r.verdict() == pinmc.check.Verdict.INCONCLUSIVE) {
      wrapped(out, Words.nextTry(r), "  ", "    ");
    }
    if (!r.trace().isEmpty()) {
      CounterexampleView view = CounterexampleView.of(r.trace(), detail.fullTrace());
      out.append('\n').append("  ").append(view.heading());
      if (r.schedule() != null && detail.fullTrace()) {
        out.append(" (schedule: ").append(r.schedule()).append(')');
      }
      out.append(":\n");
      for (String line : Swimlanes.render(view.rows(), style)) {
        out.append("  ").append(line).append('\n');
      }
      if (r.minimized() != null) {
        wrapped(out, "minimized: " + r.minimized().text(), "  ", "    ");
      }
      out.append('\n');
    }
    if (r.stats().executions() > 0 || r.stats().timeMillis() > 0) {
      // Broken between its items, never inside one.
      StringBuilder line = new StringBuilder();
      for (String item : Words.stats(r.stats()).split(", ")) {
        // The indent, the line so far, ", ", the item and a comma after it must fit.
        if (line.length() > 0 && 2 + line.length() + 2 + item.length() + 1 > Swimlanes.WIDTH) {
          out.append("  ").append(style.dim(line.append(',').toString())).append('\n');
          line.setLength(0);
        }
        line.append(line.length() > 0 ? ", " : "").append(item);
      }
      out.append("  ").append(style.dim(line.toString())).append('\n');
    }
  }

  /** {@code text} in lines that fit the report's width, the first after {@code first}, the rest after {@code more}. */
  private static void wrapped(StringBuilder out, String text, String first, String more) {
    String prefix = first;
    for (String line : Swimlanes.wrap(text, Swimlanes.WIDTH - more.length())) {
      out.append(prefix).append(line).append('\n');
      prefix = more;
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
