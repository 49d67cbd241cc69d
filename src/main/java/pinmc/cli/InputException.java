package pinmc.cli;

/**
 * Bad input from the user (an unknown model, a missing class, a malformed file): reported as one
 * line on stderr with exit code {@link ExitCode#INPUT}, without a stack trace.
 */
final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  InputException(String message) {
    super(message);
  }

  InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
