package pinmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void helpPrintsUsageAndExitsZero() {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(new PrintWriter(out));
    int code = cmd.execute("--help");
    assertEquals(0, code);
    assertTrue(out.toString().contains("Usage: pinmc"), out.toString());
  }

  @Test
  void unknownOptionIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new Main());
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute("--no-such-option");
    assertEquals(2, code);
    assertTrue(err.toString().contains("Unknown option"), err.toString());
  }
}
