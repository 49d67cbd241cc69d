package pinmc.cli;

/** Whether pinmc runs attached to a person's terminal, which decides colour and progress lines. */
final class Terminal {
  private Terminal() {}

  /** True when the JVM has a console; false when output goes to a pipe, a file or a test. */
  static boolean interactive() {
    return System.console() != null;
  }
}
