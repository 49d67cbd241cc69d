package pinmc.embedded.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a finished state's explorations let a later visit stop there (stateful DPOR's sleep-set rule). */
class StateSummariesTest {
  private static final long[] NOTHING = new long[1];

  @Test
  void explorationsUnderTwoSleepSetsDoNotCoverWhatBothLeftOut() {
    // Asleep {0}, then {1}: an execution that thread 0 and thread 1 could each start was
    // taken by neither exploration, so a visit with nothing asleep must explore again.
    StateSummaries.Finished f = new StateSummaries.Finished(ThreadSet.of(0), NOTHING);
    f.explored(ThreadSet.of(1), NOTHING);
    assertFalse(f.covers(ThreadSet.EMPTY));
    assertFalse(f.covers(ThreadSet.of(2)));
    assertTrue(f.covers(ThreadSet.of(0)));
    assertTrue(f.covers(ThreadSet.of(1, 2)));
  }

  @Test
  void anExplorationWithFewerAsleepCoversMore() {
    StateSummaries.Finished f = new StateSummaries.Finished(ThreadSet.of(0, 1), NOTHING);
    assertFalse(f.covers(ThreadSet.of(1)));
    f.explored(ThreadSet.of(1), NOTHING);
    assertTrue(f.covers(ThreadSet.of(1)));
    f.explored(ThreadSet.EMPTY, NOTHING);
    assertTrue(f.covers(ThreadSet.EMPTY));
  }
}
