package pinmc.matrix;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.check.ModelTarget;

/**
 * The design matrix of the seeds' proposals: for each proposal (row) and invariant (column),
 * whether the models show it holds, is violated (with the counterexample's length), or does
 * not apply. Computed by checking the properties files that {@link MatrixLayout} maps to
 * each proposal with a given engine; rendered as Markdown (for the README) or plain text.
 */
public final class DesignMatrix {
  /** How to turn a properties file into a target; the CLI passes its own reader. */
  @FunctionalInterface
  public interface TargetReader {
    ModelTarget read(Path propertiesFile) throws Exception;
  }

  private final MatrixLayout layout;
  private final Map<String, CheckResult> results;

  private DesignMatrix(MatrixLayout layout, Map<String, CheckResult> results) {
    this.layout = layout;
    this.results = ImmutableMap.copyOf(results);
  }

  /**
   * Checks every file of {@code layout} under {@code propertiesDir} with {@code engine}, one
   * after another. A file that cannot be read becomes an error result, so its cells are unknown.
   */
  public static DesignMatrix compute(MatrixLayout layout, Engine engine, CheckOptions options, Path propertiesDir, TargetReader reader) {
    Map<String, CheckResult> results = new LinkedHashMap<>();
    for (MatrixLayout.Evidence e : layout.evidence()) {
      Path file = propertiesDir.resolve(e.propertiesFile());
      CheckResult result;
      try {
        result = engine.check(reader.read(file), options);
      } catch (Exception ex) {
        result = CheckResult.error(e.propertiesFile(), engine.name(), "cannot read " + file + ": " + ex.getMessage());
      }
      results.put(e.propertiesFile(), result);
    }
    return new DesignMatrix(layout, results);
  }

  /** A matrix from results already at hand, keyed by properties file name. */
  public static DesignMatrix of(MatrixLayout layout, Map<String, CheckResult> results) {
    return new DesignMatrix(layout, results);
  }

  public MatrixLayout layout() {
    return layout;
  }

  /** The result of each properties file, keyed by its file name. */
  public Map<String, CheckResult> results() {
    return results;
  }

  /** The cell of {@code proposalId} and {@code column}. */
  public Cell cell(String proposalId, String column) {
    List<CheckResult> evidence = new ArrayList<>();
    for (MatrixLayout.Evidence e : layout.evidenceFor(proposalId, column)) {
      CheckResult r = results.get(e.propertiesFile());
      if (r != null) {
        evidence.add(r);
      }
    }
    return Cell.of(column, evidence);
  }

  /** The matrix as a Markdown table, one row per proposal. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    List<List<String>> rows = table();
    for (int i = 0; i < rows.size(); i++) {
      sb.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
      if (i == 0) {
        sb.append("|").append(" --- |".repeat(rows.get(0).size())).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * The matrix as plain text within {@link TextBlocks#WIDTH} columns (a table of ten invariants
   * would not fit a terminal): one block per proposal, the invariants grouped by their cell.
   */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (MatrixLayout.Proposal p : layout.proposals()) {
      sb.append(p.label()).append('\n');
      for (Cell.State state : Cell.State.values()) {
        StringBuilder line = new StringBuilder();
        for (String column : layout.columns()) {
          Cell c = cell(p.id(), column);
          if (c.state() == state && state != Cell.State.NOT_APPLICABLE) {
            line.append(line.length() == 0 ? "" : ", ").append(column)
                .append(state == Cell.State.VIOLATED ? " (" + c.counterexampleSteps() + " steps)" : "");
          }
        }
        if (line.length() > 0) {
          String label = switch (state) {
            case HOLDS -> "holds";
            case VIOLATED -> "violated";
            case UNKNOWN -> "unknown (?)";
            case NOT_APPLICABLE -> "n/a";
          };
          TextBlocks.wrap(sb, label + ": " + line);
        }
      }
    }
    return sb.toString();
  }

  private List<List<String>> table() {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("proposal");
    header.addAll(layout.columns());
    rows.add(header);
    for (MatrixLayout.Proposal p : layout.proposals()) {
      List<String> row = new ArrayList<>();
      row.add(p.label());
      for (String column : layout.columns()) {
        row.add(cell(p.id(), column).text());
      }
      rows.add(ImmutableList.copyOf(row));
    }
    return rows;
  }
}
