package pinmc.matrix;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.check.ModelTarget;
import pinmc.check.Verdict;

/**
 * The kernel-version table: for each scenario (a race a commit closed), on which releases the
 * models show it exposed (with the counterexample's length) and on which fixed, and the
 * closing commit. Read from {@code kernel-versions.txt} beside this class; each file's release
 * is the {@code version=} argument of its target.
 *
 * @param scenarios the rows, in order
 * @param files the properties files, each with its scenario
 */
public record VersionTable(List<Scenario> scenarios, List<Run> files) {
  /** The resource that holds the project's table. */
  public static final String RESOURCE = "kernel-versions.txt";

  /** A row: a race and the commit that closed it. */
  public record Scenario(String id, String label, String closedBy) {}

  /** A properties file that runs a scenario on one release. */
  public record Run(String propertiesFile, String scenarioId) {}

  public VersionTable {
    scenarios = ImmutableList.copyOf(scenarios);
    files = ImmutableList.copyOf(files);
  }

  /** The project's table. */
  public static VersionTable load() {
    return parse(MappingText.resource(RESOURCE));
  }

  /** Parses the table's text; a malformed line or an unknown scenario names its line. */
  public static VersionTable parse(String text) {
    List<Scenario> scenarios = new ArrayList<>();
    List<Run> files = new ArrayList<>();
    for (MappingText.Line line : MappingText.lines(text)) {
      String kind = line.kind();
      String[] f = line.fields();
      if (kind.equals("scenario") && f.length == 3) {
        scenarios.add(new Scenario(f[0], f[1], f[2]));
      } else if (kind.equals("file") && f.length == 2 && scenarios.stream().anyMatch(s -> s.id().equals(f[1]))) {
        files.add(new Run(f[0], f[1]));
      } else {
        throw new IllegalArgumentException(line.where() + "expected 'scenario <id> | <label> | <closing commit>'"
            + " or 'file <name.jpf> | <known scenario id>'");
      }
    }
    return new VersionTable(scenarios, files);
  }

  /** The release a target runs: its {@code version=} argument, or null. */
  static String versionOf(ModelTarget target) {
    for (String arg : target.args()) {
      String a = arg.strip();
      if (a.startsWith("version=")) {
        return a.substring("version=".length()).strip();
      }
    }
    return null;
  }

  /** One checked file: its release and what the engine found. */
  public record Outcome(String version, CheckResult result) {
    /** {@code exposed 4.8 (37 steps)}, {@code 4.9}, or {@code ? 4.9 (error)}. */
    String describe() {
      if (result.verdict() == Verdict.PASS) {
        return version;
      }
      if (result.foundBug()) {
        return version + " (" + result.trace().size() + " steps)";
      }
      return "? " + version + " (" + result.outcome() + ")";
    }
  }

  /**
   * Checks every file with {@code engine}, reusing {@code known} results (the design matrix's,
   * keyed by file name) where they exist; a file that cannot be read becomes an error outcome.
   */
  public Map<String, List<Outcome>> compute(Engine engine, CheckOptions options, Path dir, DesignMatrix.TargetReader reader,
      Map<String, CheckResult> known) {
    Map<String, List<Outcome>> out = new LinkedHashMap<>();
    for (Scenario s : scenarios) {
      out.put(s.id(), new ArrayList<>());
    }
    for (Run run : files) {
      Path file = dir.resolve(run.propertiesFile());
      Outcome o;
      try {
        ModelTarget target = reader.read(file);
        String v = versionOf(target);
        CheckResult r = known.get(run.propertiesFile());
        o = new Outcome(v == null ? "default" : v, r != null ? r : engine.check(target, options));
      } catch (Exception e) {
        o = new Outcome(run.propertiesFile(), CheckResult.error(run.propertiesFile(), engine.name(), "cannot read " + file + ": " + e.getMessage()));
      }
      out.get(run.scenarioId()).add(o);
    }
    return out;
  }

  /** The rows: scenario, releases exposed (with steps), releases fixed, closing commit. */
  public List<List<String>> rows(Map<String, List<Outcome>> outcomes) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("scenario", "exposed on (counterexample)", "fixed on", "closed by"));
    for (Scenario s : scenarios) {
      List<String> exposed = new ArrayList<>();
      List<String> fixed = new ArrayList<>();
      for (Outcome o : outcomes.getOrDefault(s.id(), List.of())) {
        (o.result().verdict() == Verdict.PASS ? fixed : exposed).add(o.describe());
      }
      rows.add(List.of(s.label(), String.join(", ", exposed), String.join(", ", fixed), s.closedBy()));
    }
    return rows;
  }

  /** The table in Markdown. */
  public String markdown(Map<String, List<Outcome>> outcomes) {
    StringBuilder sb = new StringBuilder();
    List<List<String>> rows = rows(outcomes);
    for (int i = 0; i < rows.size(); i++) {
      sb.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
      if (i == 0) {
        sb.append("|").append(" --- |".repeat(rows.get(0).size())).append('\n');
      }
    }
    return sb.toString();
  }

  /** The table as text within {@link TextBlocks#WIDTH} columns: one block per scenario. */
  public String text(Map<String, List<Outcome>> outcomes) {
    StringBuilder sb = new StringBuilder();
    List<List<String>> rows = rows(outcomes);
    for (List<String> row : rows.subList(1, rows.size())) {
      sb.append(row.get(0)).append('\n');
      TextBlocks.wrap(sb, "exposed on: " + (row.get(1).isEmpty() ? "none" : row.get(1)));
      TextBlocks.wrap(sb, "fixed on: " + (row.get(2).isEmpty() ? "none" : row.get(2)));
      TextBlocks.wrap(sb, "closed by: " + row.get(3));
    }
    return sb.toString();
  }
}
