package pinmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code check --races} on unsynchronised calls to a shared JDK list: a race report naming the list and both lines. */
class JdkRaceReportTest {
  @Test
  void theRaceReportNamesTheListAndBothCalls() {
    Cli.Run r = Cli.run("check", "--races", "pinmc.corpus.control.CheckThenAdd", "plain");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().startsWith("pinmc.corpus.control.CheckThenAdd: VIOLATION (data race)"), r.out());
    assertTrue(r.out().contains("data race on ArrayList#"), r.out());
    assertTrue(r.out().contains("add ArrayList#"), "the trace shows the calls: " + r.out());
    Cli.Run quiet = Cli.run("check", "pinmc.corpus.control.CheckThenAdd", "plain");
    assertEquals(0, quiet.code(), "each add is one step, so without --races it passes: " + quiet);
  }
}
