package pinmc.embedded.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.out} and {@code System.err} as model code in one execution sees them: what
 * it prints is dropped during the search, and cut into lines, each a step, in a trace.
 */
final class ModelOutput extends OutputStream {
  private final Execution ex;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  /**
   * Made on first use: a PrintStream builds an encoder and buffers, which cost more than a
   * short execution, and most executions print nothing.
   */
  private PrintStream stream;

  ModelOutput(Execution ex) {
    this.ex = ex;
  }

  PrintStream stream() {
    if (stream == null) {
      stream = new PrintStream(this, true);
    }
    return stream;
  }

  @Override
  public void write(int b) {
    if (ex.trace == null) {
      return;
    }
    if (b == '\n') {
      ModelThread me = ex.current();
      ex.trace.printed(me != null ? me : ex.threads.all.get(0), line.toString(StandardCharsets.UTF_8));
      line.reset();
    } else {
      line.write(b);
    }
  }
}
