package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import pinmc.embedded.search.FakeProgram.Search;
import pinmc.embedded.search.FakeProgram.Step;

/** The replay strategy on a fake program: it follows a schedule, and says where an execution leaves it. */
class ReplayTest {
  private static final FakeProgram PROGRAM = new FakeProgram(List.of(List.of(Step.write(1), Step.choice(3)),
      List.of(Step.write(1)), List.of(Step.read(1))));

  private static Search replay(int[][] decisions, long[] signatures) {
    return PROGRAM.run(Explorer.following(decisions, signatures), true);
  }

  @Test
  void aScheduleIsFollowedThenTheRestRunsAsPlainEnumerationStartsIt() {
    Search s = replay(new int[][] {{1, -1}, {0, -1}, {0, 2}}, null);
    assertEquals(Decision.End.NO_THREAD, s.lastEnd());
    assertEquals(List.of("1w1 0w1 0c2 2r1=0"), s.schedules());
  }

  @Test
  void aThreadThatCannotTakeItsStepIsADivergence() {
    Explorer explorer = Explorer.following(new int[][] {{1, -1}, {1, -1}}, null);
    Search s = PROGRAM.run(explorer, true);
    assertEquals(Decision.End.DIVERGED, s.lastEnd());
    assertEquals("thread 1 was to take step 1 but is not enabled", explorer.divergence());
  }

  @Test
  void aValueTheStepDoesNotHaveIsADivergence() {
    Explorer explorer = Explorer.following(new int[][] {{0, -1}, {0, 3}}, null);
    assertEquals(Decision.End.DIVERGED, PROGRAM.run(explorer, true).lastEnd());
    assertEquals("thread 0 was to choose value 3 at step 1 but its step has 3 values", explorer.divergence());
  }

  @Test
  void withTheSearchsSignaturesAStepThatDoesSomethingElseIsADivergence() {
    // The fake view's signature of a step is 1000 * thread + its index in the thread.
    int[][] decisions = {{0, -1}, {1, -1}};
    Explorer same = Explorer.following(decisions, new long[] {0, 1000});
    assertEquals(Decision.End.NO_THREAD, PROGRAM.run(same, true).lastEnd());
    assertNull(same.divergence());
    Explorer other = Explorer.following(decisions, new long[] {0, 1001});
    assertEquals(Decision.End.DIVERGED, PROGRAM.run(other, true).lastEnd());
    assertEquals("thread 1 was to repeat step 1 but did something else", other.divergence());
  }
}
