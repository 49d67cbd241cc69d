package pinmc.check;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Finds engines by the name users select them with. Engines are loaded reflectively by class
 * name, so that the CLI and the reports build and run before (or without) a given engine: a
 * missing class is a clear "not available" error, not a link failure. Engines are thread-safe,
 * so each is created once and shared.
 */
public final class EngineRegistry {
  /** The engine used when none is named. */
  public static final String DEFAULT = "embedded";

  private static final Map<String, String> CLASSES = Map.of(
      "embedded", "pinmc.embedded.EmbeddedEngine",
      "jpf", "pinmc.jpf.JpfEngine");
  private static final List<String> NAMES = List.of("embedded", "jpf");

  private static final Map<String, Engine> created = new ConcurrentHashMap<>();
  private static final Map<String, Supplier<Engine>> substitutes = new ConcurrentHashMap<>();

  private EngineRegistry() {}

  /** The names of the engines pinmc knows, available or not. */
  public static List<String> names() {
    return NAMES;
  }

  /** The engine called {@code name}; throws if there is none by that name or it cannot be loaded. */
  public static Engine get(String name) throws EngineUnavailableException {
    Supplier<Engine> substitute = substitutes.get(name);
    if (substitute != null) {
      return substitute.get();
    }
    String className = CLASSES.get(name);
    if (className == null) {
      throw new EngineUnavailableException("unknown engine '" + name + "' (known engines: " + String.join(", ", NAMES) + ")", null);
    }
    Engine engine = created.get(name);
    if (engine == null) {
      engine = load(name, className);
      Engine raced = created.putIfAbsent(name, engine);
      engine = raced != null ? raced : engine;
    }
    return engine;
  }

  private static Engine load(String name, String className) throws EngineUnavailableException {
    Class<?> type;
    try {
      type = Class.forName(className);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new EngineUnavailableException("engine " + name + " is not available: " + className + " is not in this build", e);
    }
    try {
      return (Engine) type.getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new EngineUnavailableException("engine " + name + " could not start: " + (cause.getMessage() != null ? cause.getMessage() : cause), cause);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new EngineUnavailableException("engine " + name + " is not available: " + className + " is not a usable engine (" + e + ")", e);
    }
  }

  /**
   * Test hook: makes {@code name} (a known engine or a new one) stand for what {@code factory}
   * makes until the returned handle is closed. Tests of the CLI use it to run commands on canned
   * results; nothing in {@code src/main} calls it.
   */
  public static AutoCloseable substituteForTesting(String name, Supplier<Engine> factory) {
    substitutes.put(name, factory);
    return () -> substitutes.remove(name);
  }
}
