package pinmc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import pinmc.gate.Gate;
import pinmc.props.ModelSpec;
import pinmc.props.PropertiesFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pinmc list}: every properties file, with its model, expectation and description. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists every model variant (.jpf file) with its expected outcome, main class and arguments, and description.")
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PropertiesDirOption properties;

  @Override
  public Integer call() throws InputException {
    Path dir = properties.existing();
    List<Path> files;
    try {
      files = Gate.findPropertiesFiles(List.of(dir));
    } catch (IOException e) {
      throw new InputException("cannot search " + dir + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "EXPECT", "MODEL", "DESCRIPTION"});
    boolean broken = false;
    for (Path file : files) {
      try {
        ModelSpec s = ModelSpec.load(file);
        String model = s.target().mainClass() + (s.target().args().isEmpty() ? "" : " " + String.join(" ", s.target().args()));
        rows.add(new String[] {s.name(), s.expectation().map(Object::toString).orElse("-"), model, s.description()});
      } catch (PropertiesFileException e) {
        err.println("pinmc: " + e.getMessage());
        broken = true;
      }
    }
    if (rows.size() == 1 && !broken) {
      out.println("no .jpf files in " + dir);
    } else {
      printTable(out, rows);
    }
    out.flush();
    err.flush();
    return broken ? ExitCode.INPUT : ExitCode.OK;
  }

  /** The width a listing fits in, as the reports do. */
  static final int WIDTH = 100;

  /**
   * Columns padded to their widest cell when a row fits in {@link #WIDTH}; otherwise each model
   * takes two lines: its name and expectation, then, indented, its main class and arguments
   * and its description, wrapped.
   */
  private static void printTable(PrintWriter out, List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    int total = 0;
    for (int w : widths) {
      total += w + 2;
    }
    if (total - 2 > WIDTH) {
      printNarrow(out, rows, widths[0]);
      return;
    }
    for (String[] row : rows) {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        sb.append(row[c]);
        if (c < columns - 1) {
          sb.append(" ".repeat(widths[c] - row[c].length() + 2));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  private static void printNarrow(PrintWriter out, List<String[]> rows, int nameWidth) {
    for (String[] row : rows) {
      out.println((row[0] + " ".repeat(nameWidth - row[0].length() + 2) + row[1]).stripTrailing());
      String rest = row[2] + (row[3].isEmpty() ? "" : ": " + row[3]);
      String indent = "    ";
      StringBuilder line = new StringBuilder(indent);
      for (String word : rest.split(" ")) {
        if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
          out.println(line);
          line = new StringBuilder(indent + "  ");
        }
        line.append(line.toString().isBlank() ? "" : " ").append(word);
      }
      out.println(line);
    }
  }
}
