package pinmc.props;

import java.util.regex.Pattern;
import pinmc.check.CheckResult;

/**
 * What a properties file's {@code pinmc.expect} says checking it should find, in the words of
 * {@link CheckResult#outcome()}: {@code pass}, {@code deadlock}, {@code violation:assertion},
 * {@code violation:exception}, {@code violation:race} or {@code violation:<invariant>}.
 */
public record Expectation(String outcome) {
  private static final Pattern INVARIANT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final String VIOLATION = "violation:";
  private static final String FORMS =
      "pass | deadlock | violation:<invariant> | violation:assertion | violation:exception | violation:race";

  /** Parses the value of {@code pinmc.expect}; throws {@link IllegalArgumentException} saying what is allowed. */
  public static Expectation parse(String text) {
    String t = text.strip();
    if (t.equals("pass") || t.equals("deadlock")) {
      return new Expectation(t);
    }
    if (t.startsWith(VIOLATION) && INVARIANT_NAME.matcher(t.substring(VIOLATION.length())).matches()) {
      return new Expectation(t);
    }
    String hint = Spelling.hint(t, java.util.List.of("pass", "deadlock", "violation:assertion", "violation:exception",
        "violation:race"));
    if (hint.isEmpty() && !t.startsWith(VIOLATION) && INVARIANT_NAME.matcher(t).matches()) {
      hint = " (did you mean 'violation:" + t + "'?)";
    }
    throw new IllegalArgumentException("'" + text + "' is not an expected outcome" + hint + ": one of " + FORMS);
  }

  /** Whether {@code result} is what was expected. */
  public boolean matches(CheckResult result) {
    return outcome.equals(result.outcome());
  }

  @Override
  public String toString() {
    return outcome;
  }
}
