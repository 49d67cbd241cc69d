package pinmc.embedded.instrument;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pinmc.embedded.runtime.Sites;

/**
 * Instrumented class files kept across the checks of one JVM (a benchmark, a gate run, a
 * test suite check the same models again and again), because instrumenting is most of what
 * a small check costs. Only bytes are kept: every check still defines its classes in a
 * loader of its own, so static state starts afresh as before.
 *
 * <p>An instrumented class is reused only if everything it was made from is the same: the
 * original class file, what the instrumenter learnt about other classes, and the numbers
 * the check's {@link Sites} gives when asked the same questions in the same order (which
 * holds when the model loads its classes in the same order as when the entry was made).
 * Otherwise the class is instrumented again.
 */
final class InstrumentedClassCache {
  /** Enough for every model a JVM is likely to check; beyond it classes are simply not kept. */
  private static final int MAX_CLASSES = 4096;

  private record Key(List<Path> classpath, String className) {}

  private record Entry(byte[] original, Instrumenter.Instrumented instrumented) {}

  private static final Map<Key, Entry> ENTRIES = new ConcurrentHashMap<>();

  private InstrumentedClassCache() {}

  /**
   * The instrumented form of {@code original}, from the cache if it still holds for this
   * check (the check's {@code sites} then get the same registrations as instrumenting would
   * make), else made by {@code instrumenter} and kept.
   */
  static byte[] instrument(List<Path> classpath, String className, byte[] original, Instrumenter instrumenter,
      ClassHierarchy hierarchy, Sites sites) {
    Key key = new Key(classpath, className);
    Entry cached = ENTRIES.get(key);
    if (cached != null && Arrays.equals(cached.original(), original) && sameHierarchy(cached.instrumented(), hierarchy)
        && replayed(cached.instrumented(), sites)) {
      return cached.instrumented().bytes();
    }
    // A failed replay may have left numbers no class uses: harmless, as numbers are only
    // looked up through the bytecode that carries them.
    Instrumenter.Instrumented fresh = instrumenter.instrument(original);
    if (ENTRIES.size() < MAX_CLASSES || cached != null) {
      ENTRIES.put(key, new Entry(original, fresh));
    }
    return fresh.bytes();
  }

  private static boolean sameHierarchy(Instrumenter.Instrumented instrumented, ClassHierarchy hierarchy) {
    for (Map.Entry<String, ClassHierarchy.ClassInfo> e : instrumented.consulted().entrySet()) {
      if (!hierarchy.info(e.getKey()).equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean replayed(Instrumenter.Instrumented instrumented, Sites sites) {
    for (Instrumenter.SiteRegistration r : instrumented.registrations()) {
      if (!r.replay(sites)) {
        return false;
      }
    }
    return true;
  }
}
