package pinmc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import pinmc.check.Verdict;

/**
 * The speed targets (issue 13) for the embedded engine against Java PathFinder, judged on the rows of
 * one run: where JPF is right and needs at least 1 s, the embedded engine is at least 10
 * times faster with the same verdict; where JPF is wrong (a {@link KnownDisagreement}), the
 * embedded engine is decisive within 3 s. Times are the benchmark's medians: the embedded
 * engine's in its warm JVM, JPF's including its child JVM's start.
 */
public final class SpeedTargets {
  public static final double SPEED_UP = 10;
  public static final double JPF_MIN_MILLIS = 1000;
  public static final double DECISIVE_MILLIS = 3000;

  private SpeedTargets() {}

  /** What one row says about the targets. */
  public enum Row {
    /** One engine did not run it (over budget at a smaller size) or neither reached a verdict. */
    NOT_COMPARED,
    /** An engine failed (error): no comparison. */
    ERROR,
    /** Same verdict, but JPF needed under 1 s: outside the speed-up target. */
    JPF_UNDER_A_SECOND,
    /** Same verdict, JPF at least 1 s, at least 10 times the embedded engine's time. */
    MET,
    /** JPF was cut by the time limit, and even that is at least 10 times the embedded engine's time. */
    MET_BY_BOUND,
    /** JPF was cut by the time limit at less than 10 times the embedded engine's time: cannot tell. */
    UNKNOWN,
    /** Same verdict, JPF at least 1 s, under 10 times; or the embedded engine got no verdict where JPF did. */
    MISSED,
    /** JPF wrong, a known disagreement, and the embedded engine decisive within 3 s. */
    JPF_WRONG_DECIDED,
    /** JPF wrong, a known disagreement, and the embedded engine slower than 3 s or undecided. */
    JPF_WRONG_UNDECIDED,
    /** The verdicts differ and no known disagreement explains it: one engine has a bug to find. */
    UNEXPLAINED_DISAGREEMENT
  }

  /** Judges one row against JPF. */
  public static Row judge(BenchResult r) {
    Optional<BenchResult.EngineFigures> embedded = r.engine("embedded");
    Optional<BenchResult.EngineFigures> jpf = r.engine("jpf");
    if (embedded.isEmpty() || jpf.isEmpty()) {
      return Row.NOT_COMPARED;
    }
    Verdict e = embedded.get().verdict();
    Verdict j = jpf.get().verdict();
    if (e == Verdict.ERROR || j == Verdict.ERROR) {
      return Row.ERROR;
    }
    KnownDisagreement known = r.target().jpfWrong();
    if (known != null && known.explains(e, j)) {
      return BenchResult.decisive(e) && embedded.get().medianMillis() <= DECISIVE_MILLIS ? Row.JPF_WRONG_DECIDED
          : Row.JPF_WRONG_UNDECIDED;
    }
    if (r.verdictsDiffer("jpf")) {
      return Row.UNEXPLAINED_DISAGREEMENT;
    }
    boolean embeddedDecisive = BenchResult.decisive(e);
    boolean jpfDecisive = BenchResult.decisive(j);
    double ratio = r.ratio("jpf");
    if (embeddedDecisive && jpfDecisive) {
      if (jpf.get().medianMillis() < JPF_MIN_MILLIS) {
        return Row.JPF_UNDER_A_SECOND;
      }
      return ratio >= SPEED_UP ? Row.MET : Row.MISSED;
    }
    if (embeddedDecisive) {
      return ratio >= SPEED_UP ? Row.MET_BY_BOUND : Row.UNKNOWN;
    }
    return jpfDecisive ? Row.MISSED : Row.NOT_COMPARED;
  }

  /**
   * One line on a series' rows (all of one program): whether every row where JPF is right
   * and needs at least 1 s is at least 10 times faster, and, where JPF is wrong, whether the
   * embedded engine decided within 3 s.
   */
  public static String summary(List<BenchResult> series) {
    List<String> speedMissed = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> wrongSlow = new ArrayList<>();
    List<String> unexplained = new ArrayList<>();
    List<String> notCompared = new ArrayList<>();
    int speedRows = 0;
    int wrongRows = 0;
    double lowest = Double.POSITIVE_INFINITY;
    double slowestDecided = 0;
    KnownDisagreement known = null;
    for (BenchResult r : series) {
      Row row = judge(r);
      String size = r.target().size();
      switch (row) {
        case MET, MET_BY_BOUND -> {
          speedRows++;
          lowest = Math.min(lowest, r.ratio("jpf"));
        }
        case MISSED -> {
          speedRows++;
          speedMissed.add(size + " " + BenchReport.ratio(r, "jpf"));
        }
        case UNKNOWN -> {
          speedRows++;
          unknown.add(size + " " + BenchReport.ratio(r, "jpf"));
        }
        case JPF_WRONG_DECIDED, JPF_WRONG_UNDECIDED -> {
          wrongRows++;
          known = r.target().jpfWrong();
          if (row == Row.JPF_WRONG_UNDECIDED) {
            BenchResult.EngineFigures e = r.engine("embedded").orElseThrow();
            wrongSlow.add(size + " " + (BenchResult.decisive(e.verdict()) ? BenchReport.time(e.medianMillis()) : e.verdict().word()));
          } else {
            slowestDecided = Math.max(slowestDecided, r.engine("embedded").orElseThrow().medianMillis());
          }
        }
        case UNEXPLAINED_DISAGREEMENT -> unexplained.add(size);
        case NOT_COMPARED, ERROR -> notCompared.add(size);
        case JPF_UNDER_A_SECOND -> { }
      }
    }
    StringBuilder sb = new StringBuilder("Speed targets (issue 13): ");
    if (speedRows == 0) {
      sb.append("no row where JPF is right and needs at least 1 s");
    } else if (speedMissed.isEmpty() && unknown.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "at least %.0f× on every row where JPF is right and needs at least 1 s "
          + "(%s, lowest %.1f×): met", SPEED_UP, rows(speedRows), lowest));
    } else {
      sb.append(String.format(Locale.ROOT, "at least %.0f× where JPF is right and needs at least 1 s: %s on %d of %s",
          SPEED_UP, speedMissed.isEmpty() ? "cannot tell" : "not met", speedMissed.size() + unknown.size(), rows(speedRows)));
      if (!speedMissed.isEmpty()) {
        sb.append(" (").append(String.join(", ", speedMissed)).append(')');
      }
      if (!unknown.isEmpty()) {
        sb.append("; JPF cut by the time limit, no bound of 10× at ").append(String.join(", ", unknown));
      }
    }
    if (wrongRows > 0) {
      sb.append(String.format(Locale.ROOT, "; where JPF is wrong (%s), decisive within %.0f s: ", known.link(),
          DECISIVE_MILLIS / 1000));
      sb.append(wrongSlow.isEmpty()
          ? String.format(Locale.ROOT, "met (%s, slowest %s)", rows(wrongRows), BenchReport.time(slowestDecided))
          : "not met on " + wrongSlow.size() + " of " + rows(wrongRows) + " (" + String.join(", ", wrongSlow) + ")");
    }
    if (!unexplained.isEmpty()) {
      sb.append("; verdicts differ with no known disagreement at ").append(String.join(", ", unexplained));
    }
    if (!notCompared.isEmpty()) {
      sb.append("; not compared (an engine over budget, failed, or both undecided) at ").append(String.join(", ", notCompared));
    }
    return sb.append('.').toString();
  }

  private static String rows(int n) {
    return n == 1 ? "1 row" : n + " rows";
  }
}
