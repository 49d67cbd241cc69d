package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pinmc.check.Reduction;
import pinmc.embedded.search.FakeProgram.Search;
import pinmc.embedded.search.FakeProgram.Step;

/**
 * Each search strategy on programs given as lists of steps, run by a fake scheduling view
 * instead of the runtime ({@link FakeProgram}): the executions a strategy explores, counted
 * exactly, and the orders of dependent steps they reach, compared with plain enumeration.
 */
class ExplorerTest {
  private static Search search(Reduction reduction, List<List<Step>> threads) {
    return new FakeProgram(threads).run(new Explorer(reduction, -1), false);
  }

  private static void assertLikePlainEnumeration(List<List<Step>> program, int dporExecutions) {
    Search none = search(Reduction.NONE, program);
    Search dpor = search(Reduction.DPOR, program);
    Search source = search(Reduction.SOURCE, program);
    assertEquals(none.outcomes(), dpor.outcomes(), "optimal DPOR");
    assertEquals(none.outcomes(), source.outcomes(), "source-set DPOR");
    assertEquals(dporExecutions, dpor.executions(), "optimal DPOR runs one execution per trace");
  }

  @Test
  void twoWritesOfOneLocationAreExploredInBothOrders() {
    assertLikePlainEnumeration(List.of(List.of(Step.write(1)), List.of(Step.write(1))), 2);
  }

  @Test
  void independentThreadsTakeOneExecutionWhereEnumerationTakesAll() {
    List<List<Step>> program = List.of(List.of(Step.write(1), Step.write(2)), List.of(Step.write(3)), List.of(Step.read(4)));
    assertLikePlainEnumeration(program, 1);
    assertEquals(12, search(Reduction.NONE, program).executions(), "4!/2! interleavings of a two-step thread and two one-step threads");
  }

  @Test
  void readersOfOneWriteTakeTwoToTheNExecutions() {
    // readers(N) from the optimal-DPOR paper: each reader sees the write or not.
    assertLikePlainEnumeration(List.of(List.of(Step.write(1)), List.of(Step.read(1)), List.of(Step.read(1)),
        List.of(Step.read(1))), 8);
  }

  @Test
  void aSleepingThreadIsNotExploredAgainAfterAnIndependentStep() {
    // t2 and t0's read are independent of everything: the two orders of the writes of 1 take
    // one execution each, none for the places the independent steps could go.
    assertLikePlainEnumeration(List.of(List.of(Step.write(1), Step.read(2)), List.of(Step.write(1)),
        List.of(Step.write(3))), 2);
  }

  @Test
  void aChoiceIsExploredWithEveryValueAndItsLaterRacesWithEach() {
    List<List<Step>> program = List.of(List.of(Step.choice(2), Step.write(1)), List.of(Step.read(1)));
    Search dpor = search(Reduction.DPOR, program);
    assertLikePlainEnumeration(program, 4);
    assertEquals(4, dpor.outcomes().size(), "two values, each with the read before and after the write");
  }

  @Test
  void wakeupTreesFollowAReversalOfSeveralSteps() {
    // Reversing t1's write before t0's needs t1's read of 2 first: a reversal of two steps.
    assertLikePlainEnumeration(List.of(List.of(Step.write(1), Step.write(2)), List.of(Step.read(2), Step.write(1))), 3);
  }

  @Test
  void threadsNumberedAbove63AreSearchedLikeTheFirstOnes() {
    // Threads 0, 64 and 69 write one location; 1..63 and 65..68 have no steps. With thread
    // sets of one long, 64 would be 0 again and 69 would be 5.
    List<List<Step>> program = new ArrayList<>();
    for (int t = 0; t < 70; t++) {
      program.add(t == 0 || t == 64 || t == 69 ? List.of(Step.write(1), Step.read(2)) : List.of());
    }
    assertLikePlainEnumeration(program, 6);
    Search none = search(Reduction.NONE, program);
    assertEquals(90, none.executions(), "6!/2!^3 interleavings of three two-step threads");
    assertTrue(none.schedules().stream().anyMatch(s -> s.startsWith("69w1 64w1 0w1")), none.schedules().get(0));
  }
}
