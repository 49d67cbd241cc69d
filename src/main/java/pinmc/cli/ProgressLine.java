package pinmc.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import pinmc.check.ProgressListener;

/**
 * A line on stderr that says how a long search is going and is rewritten in place
 * ({@code \r}). It stays silent for the first {@link #QUIET_MILLIS}, so that quick runs print
 * nothing, updates at most a few times a second, and is wiped by {@link #close()} so the report
 * that follows starts on a clean line. Only created when stderr is a terminal: in a pipe or a
 * CI log the carriage returns would only be noise.
 */
final class ProgressLine implements ProgressListener, AutoCloseable {
  static final long QUIET_MILLIS = 1000;
  private static final long INTERVAL_MILLIS = 250;

  private final PrintWriter err;
  private final String label;
  private final LongSupplier clock;
  private final long start;
  private long lastShown;
  private int shownLength;

  ProgressLine(PrintWriter err, String label, LongSupplier clockMillis) {
    this.err = err;
    this.label = label;
    this.clock = clockMillis;
    this.start = clockMillis.getAsLong();
    this.lastShown = start - INTERVAL_MILLIS;
  }

  /** A progress line for a real terminal, or a listener that does nothing if there is none. */
  static ProgressLine onTerminal(PrintWriter err, String label) {
    return new ProgressLine(Terminal.interactive() ? err : null, label, System::currentTimeMillis);
  }

  /** Engine progress: executions, their rate, steps, elapsed time. */
  @Override
  public void progress(long executions, long steps, long elapsedMillis) {
    String rate = elapsedMillis > 0 ? String.format(Locale.ROOT, " (%,d/s)", executions * 1000 / elapsedMillis) : "";
    show(String.format(Locale.ROOT, "%,d executions%s, %,d steps", executions, rate, steps));
  }

  /** Free-form progress, such as the gate's count of files done. */
  synchronized void show(String what) {
    long now = clock.getAsLong();
    if (err == null || now - start < QUIET_MILLIS || now - lastShown < INTERVAL_MILLIS) {
      return;
    }
    lastShown = now;
    String line = String.format(Locale.ROOT, "%s: %s, %.1f s", label, what, (now - start) / 1000.0);
    err.print("\r" + line + " ".repeat(Math.max(0, shownLength - line.length())));
    err.flush();
    shownLength = line.length();
  }

  @Override
  public synchronized void close() {
    if (err != null && shownLength > 0) {
      err.print("\r" + " ".repeat(shownLength) + "\r");
      err.flush();
      shownLength = 0;
    }
  }
}
