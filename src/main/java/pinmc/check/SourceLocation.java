package pinmc.check;

/**
 * Where in the model a step happened. {@code line} is -1 and {@code file} may be null when
 * the class has no debug information.
 */
public record SourceLocation(String className, String method, String file, int line) {
  public static final SourceLocation UNKNOWN = new SourceLocation("?", "?", null, -1);

  /** {@code File.java:42}, as a person looks it up. */
  @Override
  public String toString() {
    String f = file != null ? file : simpleName() + ".java";
    return line >= 0 ? f + ":" + line : f;
  }

  /** {@code Class.method (File.java:42)}. */
  public String describe() {
    return simpleName() + "." + method + " (" + this + ")";
  }

  private String simpleName() {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? className : className.substring(dot + 1);
  }
}
