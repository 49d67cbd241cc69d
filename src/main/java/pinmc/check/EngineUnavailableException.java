package pinmc.check;

/** The engine a user asked for does not exist, is not in this build, or could not start. */
public final class EngineUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
