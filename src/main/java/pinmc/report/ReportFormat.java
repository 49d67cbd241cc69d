package pinmc.report;

import java.util.List;

/** The formats a report can be written in: the values of {@code --format}. */
public enum ReportFormat {
  TEXT,
  JSON,
  JUNIT,
  MARKDOWN,
  SARIF;

  /**
   * Renders {@code entries}; {@code style} and {@code detail} only affect the text format,
   * since the others are read by programs and always carry everything.
   */
  public String render(List<ReportEntry> entries, Style style, TextReport.Detail detail) {
    return switch (this) {
      case TEXT -> new TextReport(style, detail).render(entries);
      case JSON -> JsonReport.render(entries);
      case JUNIT -> JunitReport.render(entries);
      case MARKDOWN -> MarkdownReport.render(entries);
      case SARIF -> SarifReport.render(entries);
    };
  }
}
