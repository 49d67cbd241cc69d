package pinmc.matrix;

import java.util.List;
import pinmc.check.CheckResult;
import pinmc.check.Verdict;

/**
 * One cell of the design matrix: what the files of one proposal say about one invariant.
 *
 * @param state the verdict on the invariant
 * @param counterexampleSteps for {@link State#VIOLATED}, the steps of the shortest counterexample
 * @param note for {@link State#UNKNOWN}, why (a bound hit, an error, another violation first)
 */
public record Cell(State state, int counterexampleSteps, String note) {
  /** What a cell can say. */
  public enum State {
    HOLDS,
    VIOLATED,
    NOT_APPLICABLE,
    /** The files that check it were cut by a bound, broke, or failed on something else first. */
    UNKNOWN
  }

  public static final Cell NOT_APPLICABLE = new Cell(State.NOT_APPLICABLE, 0, "");

  /**
   * The cell for {@code column} given the results of the files that check it: violated if any
   * result violates it (with the shortest counterexample), holds if every result is a pass,
   * unknown otherwise, not applicable if there are none.
   */
  public static Cell of(String column, List<CheckResult> results) {
    if (results.isEmpty()) {
      return NOT_APPLICABLE;
    }
    int shortest = Integer.MAX_VALUE;
    String unknown = null;
    for (CheckResult r : results) {
      if (violates(column, r)) {
        shortest = Math.min(shortest, r.trace().size());
      } else if (r.verdict() != Verdict.PASS && unknown == null) {
        unknown = r.target() + ": " + r.outcome();
      }
    }
    if (shortest != Integer.MAX_VALUE) {
      return new Cell(State.VIOLATED, shortest, "");
    }
    return unknown == null ? new Cell(State.HOLDS, 0, "") : new Cell(State.UNKNOWN, 0, unknown);
  }

  private static boolean violates(String column, CheckResult r) {
    if (column.equals(MatrixLayout.NO_DEADLOCK)) {
      return r.verdict() == Verdict.DEADLOCK;
    }
    return r.verdict() == Verdict.VIOLATION && r.outcome().equals("violation:" + column);
  }

  /** The cell in words: {@code holds}, {@code violated (12 steps)}, {@code n/a}, {@code ?}. */
  public String text() {
    return switch (state) {
      case HOLDS -> "holds";
      case VIOLATED -> "violated (" + counterexampleSteps + " steps)";
      case NOT_APPLICABLE -> "n/a";
      case UNKNOWN -> "?";
    };
  }
}
