package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The preemption bound on hand-built nodes: what a node may take, and where a reversal goes. */
class PreemptionBoundTest {
  private static Node node(int depth, long enabled, int lastThread, int preemptionsBefore) {
    Node n = new Node(depth);
    n.enabled = enabled;
    n.lastThread = lastThread;
    n.preemptionsBefore = preemptionsBefore;
    return n;
  }

  @Test
  void noBoundLetsEveryThreadThrough() {
    PreemptionBound none = new PreemptionBound(-1);
    assertFalse(none.isSet());
    assertEquals(0b111, none.within(node(0, 0b111, 0, 5), 0b111));
  }

  @Test
  void atTheBoundOnlyTheThreadThatRanLastMayGoOn() {
    PreemptionBound one = new PreemptionBound(1);
    // Thread 0 ran last and is still enabled: switching to 1 or 2 is a preemption.
    assertEquals(0b111, one.within(node(3, 0b111, 0, 0), 0b111));
    assertEquals(0b001, one.within(node(3, 0b111, 0, 1), 0b111));
    // Thread 0 is blocked: switching is no preemption, whoever goes.
    assertEquals(0b110, one.within(node(3, 0b110, 0, 1), 0b110));
  }

  @Test
  void aReversalOutOfReachWhereTheRaceIsGoesToTheLatestEarlierNodeWithinTheBound() {
    PreemptionBound zero = new PreemptionBound(0);
    // Node 0: nothing ran yet, thread 1 can start for free. Node 1: thread 0 ran last and
    // can go on, so taking thread 1 there would be a preemption.
    Node first = node(0, 0b11, -1, 0);
    Node second = node(1, 0b11, 0, 0);
    java.util.List<Node> path = java.util.List.of(first, second);
    PreemptionBound.Path view = path::get;
    zero.addBacktrack(view, 1, 0b10);
    assertEquals(0, second.backtrack, "not where the race is");
    assertEquals(0b10, first.backtrack, "one node up, without a preemption");
    assertTrue(zero.hit(), "the search is told that the bound moved a reversal");
  }

  @Test
  void aReversalThatCostsAPreemptionIsAlsoTriedWhereItIsFree() {
    // Bound 1: at node 1 thread 1 fits the bound by preempting thread 0; at node 0 nothing
    // ran yet and thread 1 goes first for free, which leaves the preemption for later.
    PreemptionBound one = new PreemptionBound(1);
    Node first = node(0, 0b11, -1, 0);
    Node second = node(1, 0b11, 0, 0);
    Node third = node(2, 0b11, 0, 0);
    java.util.List<Node> path = java.util.List.of(first, second, third);
    one.addBacktrack(path::get, 2, 0b10);
    assertEquals(0b10, third.backtrack, "where the race is: one preemption, within the bound");
    assertEquals(0, second.backtrack, "a preemption again: no better than the race's own node");
    assertEquals(0b10, first.backtrack, "and where it costs nothing");
    assertFalse(one.hit());
  }
}
