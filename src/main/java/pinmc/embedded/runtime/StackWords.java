package pinmc.embedded.runtime;

import pinmc.check.SourceLocation;

/**
 * The words of a trace step that come from the model's stack rather than from the operation:
 * the model method an atomic block or a guard is (its name, shown where it was called), the
 * JDK or atomic call a step is, or the model line a yield, park or query is on.
 */
final class StackWords {
  private StackWords() {}

  /**
   * How a step is described: its text, where it is in the model (null if the stack has no
   * model frame), and the model method it names (an atomic block's, or null).
   */
  record Described(String text, SourceLocation at, String call) {}

  static Described of(ModelThread t, Execution ex) {
    StackTraceElement[] stack = t.carrier != null ? t.carrier.getStackTrace() : new StackTraceElement[0];
    int op = -1;
    for (int i = 0; i < stack.length; i++) {
      if (ModelFrames.isModelFrame(stack[i])) {
        op = i;
        break;
      }
    }
    String verb = t.op.verb;
    if (op < 0) {
      return new Described(verb, null, null);
    }
    String method = ModelFrames.cleanMethodName(stack[op].getMethodName());
    int caller = op + 1;
    while (caller < stack.length && !ModelFrames.isModelFrame(stack[caller])) {
      caller++;
    }
    boolean named = (t.op == OpKind.ATOMIC || t.op == OpKind.GUARDED)
        && !method.equals("run") && !method.equals("main") && !method.equals("call") && !method.equals("<init>");
    StackTraceElement frame = named && caller < stack.length ? stack[caller] : stack[op];
    SourceLocation at = new SourceLocation(frame.getClassName(), frame.getMethodName(), frame.getFileName(),
        frame.getLineNumber());
    if (t.op == OpKind.ATOMIC_OP || t.op == OpKind.THREAD_QUERY) {
      String wrapped = ModelFrames.wrappedCall(stack);
      return new Described((wrapped != null ? wrapped : method) + (t.opObject != null ? " " + ex.describe(t.opObject) : ""),
          at, null);
    }
    return named ? new Described(method, at, method) : new Described(verb, at, null);
  }

  /**
   * The model line {@code t} is at: for an operation without a site of its own (one made by
   * an engine stand-in such as {@code juc.ModelSemaphore}, which the instrumenter did not number).
   */
  static SourceLocation modelLine(ModelThread t) {
    StackTraceElement[] stack = t.carrier != null ? t.carrier.getStackTrace() : new StackTraceElement[0];
    for (StackTraceElement frame : stack) {
      if (ModelFrames.isModelFrame(frame)) {
        return new SourceLocation(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
      }
    }
    return SourceLocation.UNKNOWN;
  }

  /** A call on a JDK object, {@code add ArrayList#2}. */
  static String jdkCall(ModelThread t, Execution ex) {
    String wrapped = ModelFrames.wrappedCall(t.carrier != null ? t.carrier.getStackTrace() : new StackTraceElement[0]);
    return (wrapped != null ? wrapped : "call") + " " + ex.describe(t.opObject);
  }
}
