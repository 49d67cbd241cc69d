package pinmc.report;

import pinmc.check.Verdict;

/** ANSI colour for the text report, or none: reports only colour what they are told to. */
public enum Style {
  PLAIN,
  COLOR;

  private static final String RESET = "\u001b[0m";

  String bold(String s) {
    return wrap("\u001b[1m", s);
  }

  String dim(String s) {
    return wrap("\u001b[2m", s);
  }

  /** Green: an outcome as expected. */
  String good(String s) {
    return wrap("\u001b[32m", s);
  }

  /** Bold red: an outcome nobody expected. */
  String alarm(String s) {
    return wrap("\u001b[1;31m", s);
  }

  /** Green for a pass, red for a bug or an error, yellow for an inconclusive search. */
  String verdict(Verdict v, String s) {
    return switch (v) {
      case PASS -> wrap("\u001b[1;32m", s);
      case VIOLATION, DEADLOCK, ERROR -> wrap("\u001b[1;31m", s);
      case INCONCLUSIVE -> wrap("\u001b[1;33m", s);
    };
  }

  private String wrap(String code, String s) {
    return this == COLOR && !s.isEmpty() ? code + s + RESET : s;
  }
}
