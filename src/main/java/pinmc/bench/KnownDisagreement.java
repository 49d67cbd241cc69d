package pinmc.bench;

import java.util.Set;
import pinmc.check.Verdict;

/**
 * A program on which Java PathFinder is known to be wrong, for a reason of its own that the
 * README's list of known disagreements gives with the interleaving argument. A row of such a
 * program where JPF gives one of {@code jpfVerdicts} and the embedded engine another is
 * marked with it, and counts against the second target (decisive within 3 s) instead
 * of the speed-up.
 *
 * @param number its number in the README's list
 * @param jpfVerdicts what JPF gives there instead of the right verdict
 */
public record KnownDisagreement(int number, Set<Verdict> jpfVerdicts) {
  /** The README section with the list. */
  public static final String README_ANCHOR = "README.md#known-disagreements-with-jpf";

  public KnownDisagreement {
    jpfVerdicts = Set.copyOf(jpfVerdicts);
  }

  /** Whether JPF's {@code jpf} against the embedded engine's {@code embedded} is this disagreement. */
  public boolean explains(Verdict embedded, Verdict jpf) {
    return jpfVerdicts.contains(jpf) && embedded != jpf;
  }

  /** A Markdown link to the README's entry. */
  public String link() {
    return "[known disagreement " + number + "](" + README_ANCHOR + ")";
  }
}
