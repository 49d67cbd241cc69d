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
}
