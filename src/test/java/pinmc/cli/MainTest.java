package pinmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void helpPrintsUsageCommandsAndExitCodes() {
    Cli.Run r = Cli.run("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("Usage: pinmc"), r.out());
    for (String command : new String[] {"list", "check", "gate", "replay"}) {
      assertTrue(r.out().contains("  " + command + " "), command + "\n" + r.out());
    }
    assertTrue(r.out().contains("Exit codes:"), r.out());
    assertTrue(r.out().contains("3   inconclusive: a bound cut the search"), r.out());
  }

  @Test
  void everyCommandDocumentsItsExitCodes() {
    for (String command : new String[] {"list", "check", "gate", "replay"}) {
      Cli.Run r = Cli.run(command, "--help");
      assertEquals(0, r.code(), command);
      assertTrue(r.out().contains("Exit codes:") && r.out().contains("4   internal error"), r.out());
    }
  }

  @Test
  void checkHelpNamesTheOptionsOfTheIssue() {
    String help = Cli.run("check", "--help").out();
    for (String option : new String[] {"--engine", "--format", "--output", "--max-steps", "--preemption-bound",
        "--max-executions", "--time-limit", "--reduction", "--races", "--save-trace", "--quiet", "--verbose",
        "--no-color", "--classpath"}) {
      assertTrue(help.contains(option), option + "\n" + help);
    }
  }

  @Test
  void versionIsPrinted() {
    Cli.Run r = Cli.run("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("pinmc "), r.out());
  }

  @Test
  void unknownOptionIsAUsageErrorOnOneLine() {
    Cli.Run r = Cli.run("--no-such-option");
    assertEquals(2, r.code());
    assertEquals("pinmc: Unknown option: '--no-such-option' (see 'pinmc --help')\n", r.err());
  }
}
