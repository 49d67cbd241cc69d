package pinmc.api.spi;

/**
 * Finds the backend of the running thread: the engine's when the thread is one of its
 * carriers, otherwise the default backend, which is {@link PlainBackend} unless the system
 * property {@code pinmc.backend} names another class with a public no-argument constructor
 * (how an engine that cannot own the threads, such as Java PathFinder, plugs in).
 */
public final class Backends {
  private static final Backend DEFAULT = loadDefault();

  private Backends() {}

  public static Backend current() {
    return Thread.currentThread() instanceof BackendThread bt ? bt.pinmcBackend() : DEFAULT;
  }

  private static Backend loadDefault() {
    String name = System.getProperty("pinmc.backend");
    if (name == null || name.isEmpty()) {
      return new PlainBackend();
    }
    try {
      return (Backend) Class.forName(name).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("pinmc.backend=" + name + " is not a usable backend: " + e, e);
    }
  }
}
