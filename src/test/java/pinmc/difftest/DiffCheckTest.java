package pinmc.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pinmc.check.Bound;
import pinmc.check.CheckResult;
import pinmc.check.Property;
import pinmc.check.Reduction;
import pinmc.check.Stats;
import pinmc.check.Verdict;
import pinmc.difftest.DiffCheck.Config;
import pinmc.difftest.DiffCheck.Kind;
import pinmc.difftest.DiffCheck.Run;

/** The comparison rules of {@link DiffCheck} on made-up runs. */
class DiffCheckTest {
  private static final Program P = Program.parse("#s10;r00|w00");
  private static final Config DPOR = new Config(Reduction.DPOR, -1);
  private static final Config BOUNDED = new Config(Reduction.DPOR, 1);

  private static Run run(Verdict verdict, Property property, Bound bound, String... states) {
    Stats stats = new Stats(1, 0, 1, 1, 1, bound, -1, -1);
    CheckResult r = new CheckResult("t", "embedded", verdict, property, null, "m", List.of(), List.of(), null, stats);
    return new Run(r, Set.of(states));
  }

  private static Run pass(String... states) {
    return run(Verdict.PASS, null, null, states);
  }

  @Test
  void aMissedBugIsAVerdictDisagreement() {
    Run none = run(Verdict.VIOLATION, Property.ASSERTION, null, "a");
    assertEquals(Kind.VERDICT, DiffCheck.compare(P, none, pass("a"), DPOR, true).kind());
    assertEquals(Kind.VERDICT, DiffCheck.compare(P, pass("a"), none, DPOR, true).kind());
  }

  @Test
  void differentFirstBugsAgree() {
    Run assertion = run(Verdict.VIOLATION, Property.ASSERTION, null);
    Run deadlock = run(Verdict.DEADLOCK, Property.DEADLOCK, null);
    assertNull(DiffCheck.compare(P, assertion, deadlock, DPOR, true));
  }

  @Test
  void aLostFinalStateIsAStatesDisagreement() {
    assertEquals(Kind.STATES, DiffCheck.compare(P, pass("a", "b"), pass("a"), DPOR, true).kind());
    assertNull(DiffCheck.compare(P, pass("a", "b"), pass("b", "a"), DPOR, true));
    assertNull(DiffCheck.compare(P, pass("a", "b"), pass("a"), DPOR, false));
  }

  @Test
  void anInconclusiveSearchAgainstAPassIsAnOutcomeDisagreement() {
    assertEquals(Kind.OUTCOME, DiffCheck.compare(P, pass("a"), run(Verdict.INCONCLUSIVE, null, Bound.STEPS, "a"), DPOR, true).kind());
  }

  @Test
  void aBoundedPassMustMatchUnboundedPlainEnumeration() {
    Run unbounded = pass("a", "b");
    Run noneBounded = run(Verdict.INCONCLUSIVE, null, Bound.PREEMPTIONS, "a", "b");
    assertNull(DiffCheck.compareBounded(P, unbounded, noneBounded, pass("a", "b"), BOUNDED, false));
    assertEquals(Kind.STATES, DiffCheck.compareBounded(P, unbounded, noneBounded, pass("a"), BOUNDED, false).kind());
  }

  @Test
  void aBoundedInconclusiveSearchReachesOnlyReachableStates() {
    Run unbounded = pass("a", "b");
    Run noneBounded = run(Verdict.INCONCLUSIVE, null, Bound.PREEMPTIONS, "a", "b");
    Run reduced = run(Verdict.INCONCLUSIVE, null, Bound.PREEMPTIONS, "a");
    assertNull(DiffCheck.compareBounded(P, unbounded, noneBounded, reduced, BOUNDED, false));
    assertEquals(Kind.STATES, DiffCheck.compareBounded(P, unbounded, noneBounded, reduced, BOUNDED, true).kind());
    Run impossible = run(Verdict.INCONCLUSIVE, null, Bound.PREEMPTIONS, "c");
    assertEquals(Kind.STATES, DiffCheck.compareBounded(P, unbounded, noneBounded, impossible, BOUNDED, false).kind());
  }

  @Test
  void aBugUnderTheBoundMustBeFoundByBoth() {
    Run unbounded = run(Verdict.VIOLATION, Property.ASSERTION, null);
    Run noneBounded = run(Verdict.VIOLATION, Property.ASSERTION, null);
    Run reduced = run(Verdict.INCONCLUSIVE, null, Bound.PREEMPTIONS);
    assertEquals(Kind.VERDICT, DiffCheck.compareBounded(P, unbounded, noneBounded, reduced, BOUNDED, false).kind());
  }
}
