package pinmc.embedded.runtime;

/**
 * How an object is called in a trace and in reports: a thread by its name, an object of a
 * model class with a {@code toString} of its own by that, any other as {@code Class#n} with
 * its display number. The engine's stand-ins for JDK classes ({@code juc.ModelSemaphore})
 * are called by the JDK class they stand for.
 */
final class ObjectNames {
  private ObjectNames() {}

  private static final String STAND_INS = "pinmc.embedded.runtime.juc";

  static String describe(Object o, Execution ex) {
    if (o == null) {
      return "null";
    }
    if (o instanceof Thread t) {
      // Before start, an unnamed thread still has the JVM's global number, which differs
      // from run to run; it is numbered per execution when it starts.
      return ex.threads.of(t) == null && ThreadLifeCycle.isJvmThreadName(t.getName()) ? "new Thread" : t.getName();
    }
    Class<?> c = o.getClass();
    if (c.getPackageName().equals(STAND_INS)) {
      c = c.getSuperclass() != Object.class ? c.getSuperclass() : c.getInterfaces()[0];
    }
    String simple = c.isArray() ? c.getComponentType().getSimpleName() + "[]" : c.getSimpleName();
    if (c.isHidden()) {
      // A lambda: the JVM names its class with an address that differs from run to run.
      simple = c.getInterfaces().length > 0 ? c.getInterfaces()[0].getSimpleName() : "lambda";
    } else if (simple.isEmpty()) {
      simple = c.getName().substring(c.getName().lastIndexOf('.') + 1);
    }
    if (ex.trace != null) {
      String own = ex.trace.ownName(o);
      if (own != null) {
        return own;
      }
    }
    return simple + "#" + ex.objects.displayId(o);
  }
}
