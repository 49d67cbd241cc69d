package pinmc.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A counterexample as a table a person reads top to bottom. When every operation fits, one
 * column per thread (in the order they first ran), one row per step with the step's operation
 * in its thread's column, and the step's {@code File.java:line} in a last column. When the
 * lanes would not fit in {@link #WIDTH}, a narrow layout: one line per step with its thread,
 * operation and location, a long operation wrapping under itself.
 */
final class Swimlanes {
  static final int WIDTH = 100;
  /** Room the report's own indentation takes. */
  static final int INDENT = 2;
  private static final int MIN_OPERATION = 30;
  private static final String STEP = "step";
  private static final String THREAD = "thread";
  private static final String OPERATION = "operation";
  private static final String SOURCE = "source";

  private Swimlanes() {}

  /** The table's lines, without trailing blanks. */
  static List<String> render(List<CounterexampleView.Row> rows, Style style) {
    Map<String, Integer> columnOf = new LinkedHashMap<>();
    int sourceWidth = SOURCE.length();
    int stepWidth = STEP.length();
    for (CounterexampleView.Row s : rows) {
      columnOf.putIfAbsent(s.thread(), columnOf.size());
      sourceWidth = Math.max(sourceWidth, s.location().length());
      stepWidth = Math.max(stepWidth, s.step().length());
    }
    List<String> threads = new ArrayList<>(columnOf.keySet());
    int[] widths = new int[threads.size() + 1];
    for (int c = 0; c < threads.size(); c++) {
      widths[c] = threads.get(c).length();
    }
    for (CounterexampleView.Row s : rows) {
      int c = columnOf.get(s.thread());
      widths[c] = Math.max(widths[c], s.op().length());
    }
    widths[threads.size()] = sourceWidth;
    int total = stepWidth;
    for (int w : widths) {
      total += w + 3;
    }
    if (total > WIDTH - INDENT) {
      return narrow(rows, style, stepWidth, sourceWidth);
    }

    List<String> out = new ArrayList<>();
    List<List<String>> header = new ArrayList<>();
    for (String thread : threads) {
      header.add(List.of(thread));
    }
    header.add(List.of(SOURCE));
    addRow(out, pad(STEP, stepWidth), header, widths, style, true, " | ");
    StringBuilder rule = new StringBuilder("-".repeat(stepWidth));
    for (int w : widths) {
      rule.append("-+-").append("-".repeat(w));
    }
    out.add(rule.toString());
    for (CounterexampleView.Row s : rows) {
      List<List<String>> cells = new ArrayList<>();
      for (int c = 0; c < threads.size(); c++) {
        cells.add(c == columnOf.get(s.thread()) ? List.of(s.op()) : List.of());
      }
      cells.add(List.of(s.location()));
      addRow(out, pad(s.step(), stepWidth), cells, widths, style, false, " | ");
    }
    return out;
  }

  /** One line per step: step, thread, operation (wrapped in its column), location. */
  private static List<String> narrow(List<CounterexampleView.Row> rows, Style style, int stepWidth, int sourceWidth) {
    int threadWidth = THREAD.length();
    for (CounterexampleView.Row s : rows) {
      threadWidth = Math.max(threadWidth, s.thread().length());
    }
    int longest = OPERATION.length();
    for (CounterexampleView.Row s : rows) {
      longest = Math.max(longest, s.op().length());
    }
    int room = WIDTH - INDENT - stepWidth - threadWidth - sourceWidth - 6;
    boolean sourceBelow = room < Math.min(longest, MIN_OPERATION);
    int opWidth = Math.min(longest, sourceBelow ? WIDTH - INDENT - stepWidth - threadWidth - 4 : room);
    int[] widths = sourceBelow ? new int[] {threadWidth, opWidth} : new int[] {threadWidth, opWidth, sourceWidth};
    List<String> out = new ArrayList<>();
    List<List<String>> header = new ArrayList<>(List.of(List.of(THREAD), List.of(OPERATION)));
    if (!sourceBelow) {
      header.add(List.of(SOURCE));
    }
    addRow(out, pad(STEP, stepWidth), header, widths, style, true, "  ");
    for (CounterexampleView.Row s : rows) {
      List<String> op = wrap(s.op(), opWidth);
      List<List<String>> cells = new ArrayList<>(List.of(List.of(s.thread()), op));
      if (sourceBelow) {
        if (!s.location().isEmpty()) {
          List<String> withSource = new ArrayList<>(op);
          withSource.add("at " + s.location());
          cells.set(1, withSource);
        }
      } else {
        cells.add(List.of(s.location()));
      }
      addRow(out, pad(s.step(), stepWidth), cells, widths, style, false, "  ");
    }
    return out;
  }

  private static void addRow(List<String> out, String step, List<List<String>> cells, int[] widths, Style style,
      boolean header, String separator) {
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
        sb.append(separator).append(header ? style.bold(text) : text).append(fill);
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
