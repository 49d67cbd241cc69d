package pinmc.embedded.runtime;

/** Where in the model a thread is: its innermost frame that is neither the JDK's nor pinmc's. */
final class ModelFrames {
  private ModelFrames() {}

  /** Whether a stack frame belongs to the model (not the JDK, not pinmc's engine or API). */
  static boolean isModelFrame(StackTraceElement e) {
    // The instrumenter's wrappers around calls on JDK objects and atomics have no line of their own
    // (TraceRecorder reads the called method from their names).
    return !SharedPackages.isShared(e.getClassName())
        && !e.getMethodName().startsWith("__pinmc$jdk$") && !e.getMethodName().startsWith("__pinmc$atomic$");
  }

  /** The innermost model frame of a stack, as {@code Class.method (File.java:42)}. */
  static String modelFrame(StackTraceElement[] stack) {
    for (StackTraceElement e : stack) {
      if (isModelFrame(e)) {
        String c = e.getClassName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName() + " (" + e.getFileName() + ":" + e.getLineNumber() + ")";
      }
    }
    return "an unknown place";
  }

  /**
   * The method a step calls on a JDK or atomic object: it is in the name of the instrumenter's
   * wrapper for the call ({@code __pinmc$jdk$add$3}, {@code __pinmc$atomic$incrementAndGet$0}).
   */
  static String wrappedCall(StackTraceElement[] stack) {
    for (StackTraceElement e : stack) {
      String m = e.getMethodName();
      for (String prefix : WRAPPERS) {
        int end = m.lastIndexOf('$');
        if (m.startsWith(prefix) && end > prefix.length()) {
          return m.substring(prefix.length(), end);
        }
      }
    }
    return null;
  }

  private static final String[] WRAPPERS = {"__pinmc$jdk$", "__pinmc$atomic$"};

  /** A method's name as the model wrote it: a lambda's body by its enclosing method. */
  static String cleanMethodName(String m) {
    if (m.startsWith("lambda$")) {
      int end = m.indexOf('$', 7);
      return end > 7 ? m.substring(7, end) : m;
    }
    return m;
  }
}
