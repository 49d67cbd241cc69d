package pinmc.api.spi;

/**
 * Where {@link pinmc.api.Calls#describe} goes: to the one listener an engine installed, or
 * nowhere. The model API cannot know the engine, and the embedded engine's backend belongs to
 * its scheduler, so an engine that records counterexamples installs a listener here.
 */
public final class CallDescriptions {
  /** Told of each described call, on the model thread that makes it. */
  public interface Listener {
    void described(String call, String arguments);
  }

  private static volatile Listener listener;

  private CallDescriptions() {}

  /** Installs the listener (one for the whole JVM; an engine tells its own checks apart). */
  public static void listen(Listener l) {
    listener = l;
  }

  public static void described(String call, String arguments) {
    Listener l = listener;
    if (l != null) {
      l.described(call, arguments);
    }
  }
}
