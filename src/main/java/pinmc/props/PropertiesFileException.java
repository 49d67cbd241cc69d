package pinmc.props;

import java.nio.file.Path;

/**
 * A properties file that cannot be read or makes no sense. The message is one line that
 * starts with {@code file:line:} (or {@code file:} when no line is to blame), the way
 * compilers report errors, so that an editor or a terminal can jump to the place.
 */
public final class PropertiesFileException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final int line;
  private final String problem;

  /** A problem on {@code line} (1-based) of {@code file}, or with the whole file if line is 0. */
  public PropertiesFileException(Path file, int line, String problem) {
    this(file, line, problem, null);
  }

  public PropertiesFileException(Path file, int line, String problem, Throwable cause) {
    super((line > 0 ? file + ":" + line : file.toString()) + ": " + problem, cause);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  public Path file() {
    return file;
  }

  /** The 1-based line at fault, or 0 when the problem is with the whole file. */
  public int line() {
    return line;
  }

  /** The message without the file and line. */
  public String problem() {
    return problem;
  }
}
