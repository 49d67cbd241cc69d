package pinmc.report;

import java.util.Locale;
import pinmc.check.CheckResult;
import pinmc.check.Property;
import pinmc.check.SourceLocation;
import pinmc.check.Stats;
import pinmc.check.Verdict;

/** The phrases every report format shares, so that they describe a result in the same words. */
final class Words {
  private Words() {}

  /** {@code VIOLATION (invariant pins-balanced)}, {@code INCONCLUSIVE (bound max-steps)}, {@code PASS}. */
  static String headline(CheckResult r) {
    String what = what(r);
    String verdict = r.verdict().name();
    return what.isEmpty() ? verdict : verdict + " (" + what + ")";
  }

  /** What was violated or what cut the search, or an empty string. */
  static String what(CheckResult r) {
    if (r.verdict() == Verdict.INCONCLUSIVE && r.stats().boundHit() != null) {
      return "bound " + r.stats().boundHit().optionName();
    }
    if (r.verdict() != Verdict.VIOLATION || r.property() == null) {
      return "";
    }
    return property(r.property(), r.invariant());
  }

  static String property(Property p, String invariant) {
    return switch (p) {
      case INVARIANT -> "invariant " + invariant;
      case ASSERTION -> "assertion";
      case UNCAUGHT_EXCEPTION -> "uncaught exception";
      case DEADLOCK -> "deadlock";
      case DATA_RACE -> "data race";
    };
  }

  /** How the outcome compares with the expectation, for gate mode. */
  static String comparison(ReportEntry e) {
    return e.asExpected() ? "as expected" : "UNEXPECTED: expected " + e.expected() + ", found " + e.result().outcome();
  }

  /**
   * Where a step happened, {@code File.java:42}, or an empty string when the engine does not know
   * (a thread's first step has no source line of its own).
   */
  static String location(SourceLocation l) {
    return l == null || l.equals(SourceLocation.UNKNOWN) ? "" : l.toString();
  }

  /** {@code executions: 12, steps: 340, max depth: 31, time: 0.21 s (1,619 steps/s)}. */
  static String stats(Stats s) {
    StringBuilder sb = new StringBuilder();
    sb.append("executions: ").append(count(s.executions()));
    if (s.sleepSetBlocked() > 0) {
      sb.append(" (").append(count(s.sleepSetBlocked())).append(" cut by sleep sets)");
    }
    sb.append(", steps: ").append(count(s.steps()));
    sb.append(", max depth: ").append(count(s.maxDepth()));
    if (s.statesNew() >= 0) {
      sb.append(", states: ").append(count(s.statesNew())).append(" new, ")
          .append(count(Math.max(0, s.statesVisited()))).append(" visited");
    }
    sb.append(", time: ").append(seconds(s.timeMillis()));
    if (s.timeMillis() > 0) {
      sb.append(" (").append(count(Math.round(s.stepsPerSecond()))).append(" steps/s)");
    }
    sb.append(", bound hit: ").append(s.boundHit() == null ? "none" : s.boundHit().optionName());
    if (s.reduction() != null) {
      sb.append(", reduction: ").append(s.reduction().optionName());
    }
    return sb.toString();
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Milliseconds as seconds, {@code 1.25 s}. */
  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }

  /**
   * For an inconclusive search: how far it got and what to try next, in one line, e.g.
   * {@code got through 1,000 executions (52,311 steps); try a smaller size in target.args, ...}.
   */
  static String nextTry(CheckResult r) {
    Stats s = r.stats();
    String far = "got through " + count(s.executions()) + (s.executions() == 1 ? " execution" : " executions")
        + " (" + count(s.steps()) + " steps) in " + seconds(s.timeMillis());
    if (s.boundHit() == null) {
      return far;
    }
    String smaller = "a smaller size in target.args (e.g. pages=1)";
    String next = switch (s.boundHit()) {
      case STEPS -> "if the loop does end, a higher --max-steps; if it spins, a Thread.yield() in it, or " + smaller;
      case PREEMPTIONS -> "a higher --preemption-bound, or none to explore every schedule";
      case EXECUTIONS -> smaller + ", a higher --max-executions, or --preemption-bound 2 for the likeliest schedules first";
      case TIME -> smaller + ", a longer --time-limit, or --preemption-bound 2 for the likeliest schedules first";
      case LOCAL_PROGRESS -> "a Thread.yield() or a shared access in the loop that never reaches a scheduling point";
    };
    return far + "; try " + next;
  }
}
