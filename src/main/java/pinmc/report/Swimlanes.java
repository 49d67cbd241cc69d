package pinmc.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pinmc.check.TraceStep;

/**
 * A counterexample as a table a person reads top to bottom: one column per thread (in the order
 * they first ran), one row per step with the step's operation in its thread's column, and the
 * step's {@code File.java:line} in a last column. Keeping locations out of the thread columns
 * lets three or four threads sit side by side within {@link #WIDTH}; a longer operation wraps
 * inside its column rather than widening the table.
 */
final class Swimlanes {
  static final int WIDTH = 120;
  private static final int MIN_COLUMN = 16;
  private static final String STEP = "step";
  private static final String SOURCE = "source";

  private Swimlanes() {}

  /** The table's lines, without trailing blanks. */
  static List<String> render(List<TraceStep> trace, Style style) {
    Map<String, Integer> columnOf = new LinkedHashMap<>();
    int sourceWidth = SOURCE.length();
    int stepWidth = STEP.length();
    for (TraceStep s : trace) {
      columnOf.putIfAbsent(s.thread(), columnOf.size());
      sourceWidth = Math.max(sourceWidth, Words.location(s.location()).length());
      stepWidth = Math.max(stepWidth, Integer.toString(s.step()).length());
    }
    List<String> threads = new ArrayList<>(columnOf.keySet());
    int[] widths = new int[threads.size() + 1];
    for (int c = 0; c < threads.size(); c++) {
      widths[c] = threads.get(c).length();
    }
    for (TraceStep s : trace) {
      int c = columnOf.get(s.thread());
      widths[c] = Math.max(widths[c], s.op().length());
    }
    fit(widths, threads.size(), WIDTH - stepWidth - sourceWidth - 3);
    widths[threads.size()] = sourceWidth;

    List<String> out = new ArrayList<>();
    List<List<String>> header = new ArrayList<>();
    for (int c = 0; c < threads.size(); c++) {
      header.add(wrap(threads.get(c), widths[c]));
    }
    header.add(List.of(SOURCE));
    addRow(out, pad(STEP, stepWidth), header, widths, style, true);
    StringBuilder rule = new StringBuilder("-".repeat(stepWidth));
    for (int w : widths) {
      rule.append("-+-").append("-".repeat(w));
    }
    out.add(rule.toString());
    for (TraceStep s : trace) {
      List<List<String>> cells = new ArrayList<>();
      for (int c = 0; c < threads.size(); c++) {
        cells.add(c == columnOf.get(s.thread()) ? wrap(s.op(), widths[c]) : List.of());
      }
      cells.add(List.of(Words.location(s.location())));
      addRow(out, pad(Integer.toString(s.step()), stepWidth), cells, widths, style, false);
    }
    return out;
  }

  /**
   * Narrows the widest of the first {@code n} columns, one character at a time, until they and
   * their separators fit in {@code room}: short columns keep their natural width and only the
   * long operations wrap.
   */
  private static void fit(int[] widths, int n, int room) {
    while (true) {
      int total = 0;
      int widest = 0;
      for (int c = 0; c < n; c++) {
        total += widths[c] + 3;
        widest = widths[c] > widths[widest] ? c : widest;
      }
      if (total <= room || widths[widest] <= MIN_COLUMN) {
        return;
      }
      widths[widest]--;
    }
  }

  private static void addRow(List<String> out, String step, List<List<String>> cells, int[] widths, Style style, boolean header) {
    int height = 1;
    for (List<String> cell : cells) {
      height = Math.max(height, cell.size());
    }
    for (int line = 0; line < height; line++) {
      StringBuilder sb = new StringBuilder(line == 0 ? step : " ".repeat(step.length()));
      for (int c = 0; c < cells.size(); c++) {
        List<String> cell = cells.get(c);
        String text = line < cell.size() ? cell.get(line) : "";
        String fill = " ".repeat(Math.max(0, widths[c] - text.length()));
        sb.append(" | ").append(header ? style.bold(text) : text).append(fill);
      }
      out.add(sb.toString().replaceAll("\\s+$", ""));
    }
  }

  /** {@code s} right-aligned in {@code width}. */
  private static String pad(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }

  /** Breaks {@code text} into lines of at most {@code width}, at blanks where it can. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    String rest = text.strip();
    while (rest.length() > width) {
      int cut = rest.lastIndexOf(' ', width);
      if (cut <= 0) {
        cut = width;
      }
      lines.add(rest.substring(0, cut).stripTrailing());
      rest = rest.substring(cut).stripLeading();
    }
    lines.add(rest);
    return lines;
  }
}
