package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import pinmc.check.Reduction;
import pinmc.embedded.search.FakeProgram.Search;
import pinmc.embedded.search.FakeProgram.Step;

/**
 * The preemption bound, a decorator over another strategy: on hand-built nodes, what a node
 * may take and where a reversal goes; on fake programs, what a bounded search explores.
 */
class PreemptionBoundTest {
  private static Node node(int depth, ThreadSet enabled, int lastThread, int preemptionsBefore) {
    Node n = new Node(depth);
    n.enabled = enabled;
    n.lastThread = lastThread;
    n.preemptionsBefore = preemptionsBefore;
    return n;
  }

  private static PreemptionBound bound(int limit, List<Node> path) {
    return new PreemptionBound(new SourceSets(null), limit, path::get);
  }

  @Test
  void atTheBoundOnlyTheThreadThatRanLastMayGoOn() {
    PreemptionBound one = bound(1, List.of());
    ThreadSet all = ThreadSet.of(0, 1, 2);
    // Thread 0 ran last and is still enabled: switching to 1 or 2 is a preemption.
    assertEquals(all, one.affordable(node(3, all, 0, 0), all));
    assertEquals(ThreadSet.of(0), one.affordable(node(3, all, 0, 1), all));
    // Thread 0 is blocked: switching is no preemption, whoever goes.
    ThreadSet others = ThreadSet.of(1, 2);
    assertEquals(others, one.affordable(node(3, others, 0, 1), others));
    assertFalse(one.boundHit(), "asking what fits cuts nothing");
    assertEquals(ThreadSet.of(0), one.choosable(node(3, all, 0, 1), all));
    assertTrue(one.boundHit(), "choosing among fewer than the candidates does");
  }

  @Test
  void aReversalOutOfReachWhereTheRaceIsGoesToTheLatestEarlierNodeWithinTheBound() {
    // Node 0: nothing ran yet, thread 1 can start for free. Node 1: thread 0 ran last and
    // can go on, so taking thread 1 there would be a preemption.
    Node first = node(0, ThreadSet.of(0, 1), -1, 0);
    Node second = node(1, ThreadSet.of(0, 1), 0, 0);
    List<Node> path = List.of(first, second);
    PreemptionBound zero = bound(0, path);
    zero.place(1, ThreadSet.of(1), Strategy.Backtracks.onto(path::get));
    assertEquals(ThreadSet.EMPTY, second.backtrack, "not where the race is");
    assertEquals(ThreadSet.of(1), first.backtrack, "one node up, without a preemption");
    assertTrue(zero.boundHit(), "the search is told that the bound moved a reversal");
  }

  @Test
  void aReversalThatCostsAPreemptionIsAlsoTriedWhereItIsFree() {
    // Bound 1: at node 1 thread 1 fits the bound by preempting thread 0; at node 0 nothing
    // ran yet and thread 1 goes first for free, which leaves the preemption for later.
    Node first = node(0, ThreadSet.of(0, 1), -1, 0);
    Node second = node(1, ThreadSet.of(0, 1), 0, 0);
    Node third = node(2, ThreadSet.of(0, 1), 0, 0);
    List<Node> path = List.of(first, second, third);
    PreemptionBound one = bound(1, path);
    one.place(2, ThreadSet.of(1), Strategy.Backtracks.onto(path::get));
    assertEquals(ThreadSet.of(1), third.backtrack, "where the race is: one preemption, within the bound");
    assertEquals(ThreadSet.EMPTY, second.backtrack, "a preemption again: no better than the race's own node");
    assertEquals(ThreadSet.of(1), first.backtrack, "and where it costs nothing");
    assertFalse(one.boundHit());
  }

  @Test
  void theBoundTurnsTheSleepSetsOfTheStrategyItWrapsOff() {
    assertTrue(new SourceSets(null).sleepSets());
    assertFalse(bound(2, List.of()).sleepSets());
  }

  /** Two threads of three steps, the first and last of each racing on one location. */
  private static final List<List<Step>> RACING = List.of(List.of(Step.write(1), Step.write(2), Step.read(1)),
      List.of(Step.write(1), Step.write(3), Step.read(1)));

  private static Search bounded(Reduction reduction, int bound) {
    return new FakeProgram(RACING).run(new Explorer(reduction, bound), false);
  }

  @Test
  void boundZeroRunsEachThreadToItsEndAndTheReductionsAgree() {
    Search none = bounded(Reduction.NONE, 0);
    assertEquals(2, none.executions(), "thread 0 then 1, and 1 then 0");
    assertEquals(none.outcomes(), bounded(Reduction.SOURCE, 0).outcomes());
    assertEquals(none.outcomes(), bounded(Reduction.DPOR, 0).outcomes());
    Explorer explorer = new Explorer(Reduction.SOURCE, 0);
    new FakeProgram(RACING).run(explorer, false);
    assertTrue(explorer.preemptionBoundHit());
  }

  @Test
  void aBoundNoScheduleReachesExploresWhatTheUnboundedSearchDoes() {
    Search unbounded = new FakeProgram(RACING).run(new Explorer(Reduction.NONE, -1), false);
    assertEquals(20, unbounded.executions(), "6!/(3!3!) interleavings");
    for (Reduction reduction : Reduction.values()) {
      Explorer explorer = new Explorer(reduction, 5);
      Search s = new FakeProgram(RACING).run(explorer, false);
      assertEquals(unbounded.outcomes(), s.outcomes(), reduction.toString());
      assertFalse(explorer.preemptionBoundHit(), reduction.toString());
    }
    Explorer one = new Explorer(Reduction.NONE, 1);
    Search s = new FakeProgram(RACING).run(one, false);
    assertTrue(s.executions() > 2 && s.executions() < 20, "bound 1 lies between: " + s.executions());
    assertEquals(s.outcomes(), bounded(Reduction.SOURCE, 1).outcomes());
  }
}
