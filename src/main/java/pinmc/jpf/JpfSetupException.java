package pinmc.jpf;

/** Java PathFinder cannot be used as installed: not found, not built, or the wrong JDK. One line, saying what to do. */
public final class JpfSetupException extends Exception {
  private static final long serialVersionUID = 1L;

  public JpfSetupException(String message) {
    super(message);
  }
}
