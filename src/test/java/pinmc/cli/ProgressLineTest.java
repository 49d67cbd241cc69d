package pinmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ProgressLineTest {
  private final AtomicLong now = new AtomicLong(10_000);
  private final StringWriter err = new StringWriter();
  private final ProgressLine line = new ProgressLine(new PrintWriter(err), "check m", now::get);

  @Test
  void silentDuringTheFirstSecond() {
    now.addAndGet(900);
    line.progress(10, 100, 900);
    line.close();
    assertEquals("", err.toString());
  }

  @Test
  void showsExecutionsRateStepsAndElapsedThenWipesItself() {
    now.addAndGet(2000);
    line.progress(5000, 120_000, 2000);
    String shown = "check m: 5,000 executions (2,500/s), 120,000 steps, 2.0 s";
    assertEquals("\r" + shown, err.toString());
    now.addAndGet(100);
    line.progress(5100, 121_000, 2100);
    assertEquals("\r" + shown, err.toString(), "at most a few updates a second");
    line.close();
    assertEquals("\r" + shown + "\r" + " ".repeat(shown.length()) + "\r", err.toString());
  }

  @Test
  void aShorterUpdateOverwritesTheLongerOne() {
    now.addAndGet(2000);
    line.show("1 of 10 files checked");
    now.addAndGet(1000);
    line.show("2 of 10");
    assertEquals("\rcheck m: 1 of 10 files checked, 2.0 s\rcheck m: 2 of 10, 3.0 s" + " ".repeat(14), err.toString());
  }

  @Test
  void durationsAsPeopleWriteThem() {
    DurationConverter c = new DurationConverter();
    assertEquals(Duration.ofSeconds(30), c.convert("30s"));
    assertEquals(Duration.ofMinutes(90), c.convert("1h30m"));
    assertEquals(Duration.ofMillis(500), c.convert("500ms"));
    assertEquals(Duration.ofMinutes(2), c.convert("PT2M"));
    for (String bad : new String[] {"", "30", "1x", "0s", "PTxx", "s30"}) {
      assertThrows(TypeConversionException.class, () -> c.convert(bad), bad);
    }
  }
}
