package pinmc.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pinmc.check.CheckResult;
import pinmc.check.TraceStep;

/**
 * Markdown for CI step summaries and pull requests: a table with one row per target, then for
 * each counterexample a Mermaid {@code sequenceDiagram} with one participant per thread and each
 * step as a note over its thread, which GitHub and GitLab render as a picture.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(List<ReportEntry> entries) {
    boolean gate = entries.stream().anyMatch(ReportEntry::hasExpectation);
    StringBuilder out = new StringBuilder("## pinmc results\n\n");
    out.append(gate ? "| target | verdict | expected | as expected | executions | time |\n"
                    : "| target | verdict | message | executions | time |\n");
    out.append(gate ? "| --- | --- | --- | --- | ---: | ---: |\n" : "| --- | --- | --- | ---: | ---: |\n");
    for (ReportEntry e : entries) {
      CheckResult r = e.result();
      out.append("| ").append(cell(r.target())).append(" | ").append(cell(Words.headline(r)));
      if (gate) {
        out.append(" | ").append(cell(e.expected() == null ? "" : e.expected()))
            .append(" | ").append(e.asExpected() ? "yes" : "**no**");
      } else {
        out.append(" | ").append(cell(firstLine(r.message())));
      }
      out.append(" | ").append(Words.count(r.stats().executions()))
          .append(" | ").append(Words.seconds(r.stats().timeMillis())).append(" |\n");
    }
    if (gate) {
      out.append('\n').append(TextReport.summary(entries)).append('\n');
    }
    for (ReportEntry e : entries) {
      CheckResult r = e.result();
      if (r.trace().isEmpty()) {
        continue;
      }
      out.append("\n### ").append(inline(r.target())).append(": ").append(inline(Words.headline(r))).append("\n\n");
      if (r.message() != null && !r.message().isBlank()) {
        out.append(inline(r.message().strip())).append("\n\n");
      }
      sequenceDiagram(out, r);
    }
    return out.toString();
  }

  private static void sequenceDiagram(StringBuilder out, CheckResult r) {
    Map<String, String> participant = new LinkedHashMap<>();
    for (TraceStep s : r.trace()) {
      participant.putIfAbsent(s.thread(), "T" + participant.size());
    }
    out.append("```mermaid\nsequenceDiagram\n");
    for (Map.Entry<String, String> p : participant.entrySet()) {
      out.append("    participant ").append(p.getValue()).append(" as ").append(mermaid(p.getKey())).append('\n');
    }
    for (TraceStep s : r.trace()) {
      out.append("    Note over ").append(participant.get(s.thread())).append(": ")
          .append(s.step()).append(". ").append(mermaid(s.op()));
      String where = Words.location(s.location());
      if (!where.isEmpty()) {
        out.append("<br/>").append(mermaid(where));
      }
      out.append('\n');
    }
    String all = participant.size() == 1 ? "T0" : "T0,T" + (participant.size() - 1);
    out.append("    Note over ").append(all).append(": ").append(mermaid(Words.headline(r))).append('\n');
    out.append("```\n");
  }

  /**
   * Text safe inside a Mermaid statement: {@code ;} would end the statement, {@code #} starts an
   * entity, and angle brackets would be read as HTML, so all four become Mermaid entity codes.
   */
  static String mermaid(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.replaceAll("\\s+", " ").strip().toCharArray()) {
      switch (c) {
        case '#' -> out.append("#35;");
        case ';' -> out.append("#59;");
        case '<' -> out.append("#60;");
        case '>' -> out.append("#62;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Text safe in a table cell: one line, pipes escaped. */
  static String cell(String s) {
    return inline(s).replace("|", "\\|");
  }

  /** One line of Markdown text, with characters that would start HTML escaped. */
  private static String inline(String s) {
    return s.replaceAll("\\s*\n\\s*", " ").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
