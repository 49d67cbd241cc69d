package pinmc.matrix;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shape of the design matrix, read from {@code design-matrix.txt} beside this class: the
 * proposals (rows), the properties files that are evidence about each, and what each file
 * checks (the columns). The mapping lives there and nowhere else.
 *
 * @param proposals the rows, in order
 * @param evidence the properties files, each belonging to one proposal
 * @param columns the invariants, in the order they first appear in {@code evidence}
 */
public record MatrixLayout(List<Proposal> proposals, List<Evidence> evidence, List<String> columns) {
  /** The resource that holds the project's mapping. */
  public static final String RESOURCE = "design-matrix.txt";
  /** The column for the deadlock check, which is a property rather than an invariant. */
  public static final String NO_DEADLOCK = "no-deadlock";

  /** A row: a design proposal. */
  public record Proposal(String id, String label) {}

  /** A properties file, the proposal it is evidence about, and what it checks. */
  public record Evidence(String propertiesFile, String proposalId, List<String> checks) {
    public Evidence {
      checks = ImmutableList.copyOf(checks);
    }
  }

  public MatrixLayout {
    proposals = ImmutableList.copyOf(proposals);
    evidence = ImmutableList.copyOf(evidence);
    columns = ImmutableList.copyOf(columns);
  }

  /** The project's mapping. */
  public static MatrixLayout load() {
    return parse(MappingText.resource(RESOURCE));
  }

  /**
   * Parses the mapping's text; a malformed line, an unknown proposal or a file listed twice is
   * an {@link IllegalArgumentException} naming the line.
   */
  public static MatrixLayout parse(String text) {
    List<Proposal> proposals = new ArrayList<>();
    List<Evidence> evidence = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    for (MappingText.Line line : MappingText.lines(text)) {
      String kind = line.kind();
      String[] fields = line.fields();
      String where = line.where();
      if (kind.equals("proposal") && fields.length == 2) {
        for (Proposal p : proposals) {
          if (p.id().equals(fields[0])) {
            throw new IllegalArgumentException(where + "proposal " + fields[0] + " is declared twice");
          }
        }
        proposals.add(new Proposal(fields[0], fields[1]));
      } else if (kind.equals("file") && fields.length == 3) {
        if (proposals.stream().noneMatch(p -> p.id().equals(fields[1]))) {
          throw new IllegalArgumentException(where + "unknown proposal " + fields[1]);
        }
        if (evidence.stream().anyMatch(e -> e.propertiesFile().equals(fields[0]))) {
          throw new IllegalArgumentException(where + fields[0] + " is listed twice");
        }
        List<String> checks = new ArrayList<>();
        for (String c : fields[2].split(",")) {
          if (!c.isBlank()) {
            checks.add(c.strip());
          }
        }
        if (checks.isEmpty()) {
          throw new IllegalArgumentException(where + fields[0] + " checks nothing");
        }
        evidence.add(new Evidence(fields[0], fields[1], checks));
        columns.addAll(checks);
      } else {
        throw new IllegalArgumentException(where + "expected 'proposal <id> | <label>' or 'file <name.jpf> | <proposal> | <checks>'");
      }
    }
    return new MatrixLayout(proposals, evidence, new ArrayList<>(columns));
  }

  /** The files that are evidence about {@code proposalId} and check {@code column}. */
  public List<Evidence> evidenceFor(String proposalId, String column) {
    return evidence.stream().filter(e -> e.proposalId().equals(proposalId) && e.checks().contains(column)).toList();
  }
}
