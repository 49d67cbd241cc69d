package pinmc.jpf;

/** Java PathFinder cannot be used as installed: not found, not built, or the wrong JDK. One line, saying what to do. */
public final class JpfSetupException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean notConfigured;

  public JpfSetupException(String message) {
    this(message, false);
  }

  private JpfSetupException(String message, boolean notConfigured) {
    super(message);
    this.notConfigured = notConfigured;
  }

  /** Nothing names a jpf-core at all (no --jpf-home, JPF_HOME or site.properties), as opposed to one that cannot be used. */
  static JpfSetupException notConfigured(String message) {
    return new JpfSetupException(message, true);
  }

  /**
   * Whether no jpf-core was named anywhere: then a command that uses JPF only if it is there
   * ({@code bench}) goes on without it, where a named but unusable one is an error.
   */
  public boolean notConfigured() {
    return notConfigured;
  }
}
