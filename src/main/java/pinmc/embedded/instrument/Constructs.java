package pinmc.embedded.instrument;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Type;
import pinmc.embedded.runtime.Primitives;
import pinmc.embedded.runtime.SharedPackages;

/**
 * The JDK constructs the engine replaces with its own, and those it cannot control and
 * reports instead of running uncontrolled (where their internal waits and accesses would be
 * invisible to the search).
 */
final class Constructs {
  private Constructs() {}

  static final String THREAD = "java/lang/Thread";

  /**
   * JDK classes replaced by engine-controlled subclasses at {@code new}: those the engine's
   * primitives serve, as registered in {@link Primitives}.
   */
  static final Map<String, String> REPLACED = Primitives.replacedJdkClasses();

  /**
   * Classes whose {@code new} creates the engine's subclass instead: the lock replacements,
   * and {@code java.util.Random}, whose unseeded values are refused (a model may still extend it).
   */
  static String replacementAtNew(String type) {
    return type.equals("java/util/Random") ? "pinmc/embedded/runtime/ModelRandom" : REPLACED.get(type);
  }

  static final Set<String> ATOMICS = Set.of(
      "java/util/concurrent/atomic/AtomicInteger",
      "java/util/concurrent/atomic/AtomicLong",
      "java/util/concurrent/atomic/AtomicBoolean",
      "java/util/concurrent/atomic/AtomicReference");

  static final Set<String> ATOMIC_ARRAYS = Set.of(
      "java/util/concurrent/atomic/AtomicIntegerArray",
      "java/util/concurrent/atomic/AtomicLongArray",
      "java/util/concurrent/atomic/AtomicReferenceArray");

  private static final Set<String> ATOMIC_READS = Set.of(
      "get", "getPlain", "getOpaque", "getAcquire", "intValue", "longValue", "floatValue", "doubleValue",
      "toString", "length", "byteValue", "shortValue");

  static boolean isAtomicRead(String method) {
    return ATOMIC_READS.contains(method);
  }

  private static final String WHY_UNCONTROLLED =
      "its threads, waits or internal accesses are invisible to the engine, so interleavings would be missed";

  /** Classes whose use is reported as unsupported, with the reason. */
  private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
      Map.entry("java/util/concurrent/Executor", "use java.lang.Thread; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/ExecutorService", "use java.lang.Thread; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/Executors", "use java.lang.Thread; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/ThreadPoolExecutor", "use java.lang.Thread; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/ScheduledThreadPoolExecutor", "use java.lang.Thread; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/ForkJoinPool", "use java.lang.Thread; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/ForkJoinTask", "use java.lang.Thread; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/RecursiveTask", "use java.lang.Thread; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/RecursiveAction", "use java.lang.Thread; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/CompletableFuture", "use java.lang.Thread; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/FutureTask", "use java.lang.Thread; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/CyclicBarrier", "use synchronized/wait/notifyAll or Atomic.when; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/Phaser", "use synchronized/wait/notifyAll or Atomic.when; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/Exchanger", "use synchronized/wait/notifyAll or Atomic.when; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/SynchronousQueue", "use a monitor-protected queue; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/ArrayBlockingQueue", "use a monitor-protected queue; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/LinkedBlockingQueue", "use a monitor-protected queue; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/LinkedBlockingDeque", "use a monitor-protected queue; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/PriorityBlockingQueue", "use a monitor-protected queue; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/DelayQueue", "use a monitor-protected queue; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/LinkedTransferQueue", "use a monitor-protected queue; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/ConcurrentHashMap", "use fields, arrays or a synchronized map; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/ConcurrentLinkedQueue", "use fields, arrays or a synchronized collection; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/ConcurrentLinkedDeque", "use fields, arrays or a synchronized collection; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/ConcurrentSkipListMap", "use fields, arrays or a synchronized collection; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/ConcurrentSkipListSet", "use fields, arrays or a synchronized collection; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/CopyOnWriteArrayList", "use fields, arrays or a synchronized collection; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/CopyOnWriteArraySet", "use fields, arrays or a synchronized collection; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/locks/StampedLock", "use ReentrantReadWriteLock; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/atomic/AtomicIntegerFieldUpdater", "use AtomicInteger; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/atomic/AtomicLongFieldUpdater", "use AtomicLong; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/atomic/AtomicReferenceFieldUpdater", "use AtomicReference; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/atomic/LongAdder", "use AtomicLong; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/atomic/DoubleAdder", "use AtomicLong; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/atomic/LongAccumulator", "use AtomicLong; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/atomic/DoubleAccumulator", "use AtomicLong; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/atomic/AtomicStampedReference", "use AtomicReference; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/atomic/AtomicMarkableReference", "use AtomicReference; " + WHY_UNCONTROLLED),
      Map.entry("java/lang/invoke/VarHandle", "use volatile fields or atomics; " + WHY_UNCONTROLLED),
      Map.entry("java/lang/ThreadLocal", "model threads share carriers, so thread-local values would leak between them"),
      Map.entry("java/lang/InheritableThreadLocal", "model threads share carriers, so thread-local values would leak between them"),
      Map.entry("java/lang/ThreadGroup", "thread groups are not modelled"),
      Map.entry("java/lang/Thread$Builder", "virtual threads are not supported; use platform threads"),
      Map.entry("java/lang/Thread$Builder$OfVirtual", "virtual threads are not supported; use platform threads"),
      Map.entry("java/util/Timer", "use java.lang.Thread; " + WHY_UNCONTROLLED),
      Map.entry("java/util/concurrent/locks/AbstractQueuedSynchronizer", "use ReentrantLock or monitors; " + WHY_UNCONTROLLED));

  private static final String WHY_NONDETERMINISTIC =
      "its result differs from run to run, so a verdict would depend on luck, not on the interleaving";

  /**
   * Sources of values the schedule does not determine: time, identity hash codes, unseeded
   * randomness. Keyed by {@code owner.name} (any descriptor) or {@code owner.name+descriptor}.
   */
  private static final Map<String, String> NONDETERMINISTIC = Map.ofEntries(
      Map.entry("java/lang/System.nanoTime", "use a counter or Choice; " + WHY_NONDETERMINISTIC),
      Map.entry("java/lang/System.currentTimeMillis", "use a counter or Choice; " + WHY_NONDETERMINISTIC),
      Map.entry("java/lang/System.identityHashCode", "give the class its own hashCode; " + WHY_NONDETERMINISTIC),
      Map.entry("java/lang/Math.random", "use Choice.nextInt or a seeded java.util.Random; " + WHY_NONDETERMINISTIC),
      Map.entry("java/lang/StrictMath.random", "use Choice.nextInt or a seeded java.util.Random; " + WHY_NONDETERMINISTIC),
      Map.entry("java/util/UUID.randomUUID", "use UUID.nameUUIDFromBytes or a counter; " + WHY_NONDETERMINISTIC),
      Map.entry("java/util/Collections.shuffle(Ljava/util/List;)V",
          "pass a seeded java.util.Random; " + WHY_NONDETERMINISTIC),
      Map.entry("java/util/Date.<init>()V", "give the time explicitly; " + WHY_NONDETERMINISTIC),
      Map.entry("java/util/SplittableRandom.<init>()V", "give a seed; " + WHY_NONDETERMINISTIC),
      Map.entry("java/time/Clock.systemUTC", "use Clock.fixed; " + WHY_NONDETERMINISTIC),
      Map.entry("java/time/Clock.systemDefaultZone", "use Clock.fixed; " + WHY_NONDETERMINISTIC),
      Map.entry("java/time/Clock.system", "use Clock.fixed; " + WHY_NONDETERMINISTIC),
      Map.entry("java/time/Clock.tick", "use Clock.fixed; " + WHY_NONDETERMINISTIC),
      Map.entry("java/time/Clock.tickMillis", "use Clock.fixed; " + WHY_NONDETERMINISTIC),
      Map.entry("java/time/Clock.tickSeconds", "use Clock.fixed; " + WHY_NONDETERMINISTIC),
      Map.entry("java/time/Clock.tickMinutes", "use Clock.fixed; " + WHY_NONDETERMINISTIC),
      Map.entry("java/util/concurrent/ThreadLocalRandom.current",
          "use Choice.nextInt or a seeded java.util.Random; " + WHY_NONDETERMINISTIC),
      Map.entry("java/security/SecureRandom.<init>", "use a seeded java.util.Random; " + WHY_NONDETERMINISTIC),
      Map.entry("java/security/SecureRandom.getInstance", "use a seeded java.util.Random; " + WHY_NONDETERMINISTIC),
      Map.entry("java/security/SecureRandom.getInstanceStrong", "use a seeded java.util.Random; " + WHY_NONDETERMINISTIC));

  /** Why calling {@code owner.method} makes a run depend on more than its schedule, or null. */
  static String nondeterministic(String owner, String method, String desc) {
    if (method.equals("now") && owner.startsWith("java/time/")) {
      return "the current time: give it explicitly (or use Clock.fixed); " + WHY_NONDETERMINISTIC;
    }
    String why = NONDETERMINISTIC.get(owner + "." + method);
    return why != null ? why : NONDETERMINISTIC.get(owner + "." + method + desc);
  }

  /** Why calls to {@code owner.method} are unsupported, or null if they are fine. */
  static String unsupported(String owner, String method, String desc) {
    String nondeterministic = nondeterministic(owner, method, desc);
    if (nondeterministic != null) {
      return nondeterministic;
    }
    if (owner.equals(THREAD) && (method.equals("startVirtualThread") || method.equals("ofVirtual") || method.equals("ofPlatform"))) {
      return "virtual threads and thread builders are not supported; use new Thread(...).start()";
    }
    if (owner.equals(THREAD) && (method.equals("stop") || method.equals("suspend") || method.equals("resume"))) {
      return "Thread." + method + " is not modelled";
    }
    if (owner.equals("java/lang/Object") && method.equals("wait")) {
      return null;
    }
    if (method.equals("parallelStream") || (method.equals("parallel") && owner.startsWith("java/util/stream/"))
        || (owner.equals("java/util/Arrays") && method.startsWith("parallel"))) {
      return "use a sequential stream or java.lang.Thread: parallel streams run model code on the common fork-join pool; "
          + WHY_UNCONTROLLED;
    }
    if (REPLACED.containsKey(owner)) {
      // A class a primitive serves is never refused, whatever the list says of it; only what
      // its stand-in does not answer is.
      return standInLeavesToJdk(owner, method, desc);
    }
    return UNSUPPORTED.get(owner);
  }

  /**
   * Why a call of {@code name desc} on {@code owner}, a JDK class a stand-in replaces, is refused,
   * or null: a public method of the JDK class's own that the stand-in does not override (it
   * cannot if the method is final) would answer from the JDK class's state, which the stand-in
   * leaves unused.
   */
  static String standInLeavesToJdk(String owner, String name, String desc) {
    try {
      Class<?> jdk = Class.forName(owner.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
      Class<?> standIn = Class.forName(REPLACED.get(owner).replace('/', '.'), false, Constructs.class.getClassLoader());
      for (Method m : jdk.getMethods()) {
        if (!m.getName().equals(name) || !Type.getMethodDescriptor(m).equals(desc) || Modifier.isStatic(m.getModifiers())
            || m.getDeclaringClass() == Object.class) {
          continue;
        }
        String jdkName = jdk.getName();
        if (Modifier.isFinal(m.getModifiers())) {
          return name + " is final in " + jdkName + ", so the engine's stand-in cannot answer it: "
              + "it would report the JDK class's own, unused, state";
        }
        if (standIn.getMethod(name, m.getParameterTypes()).getDeclaringClass() != standIn) {
          return name + " of " + jdkName + " is not modelled by the engine's stand-in: "
              + "it would report the JDK class's own, unused, state";
        }
      }
      return null;
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  /**
   * A JDK collection, map or string builder with state of its own (not an abstract skeleton
   * such as AbstractList, whose methods call the model's own, instrumented ones).
   */
  private static boolean isConcreteJdkContainer(String internalName) {
    if (!SharedPackages.isJdk(internalName)) {
      return false;
    }
    try {
      Class<?> c = Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
      boolean container = java.util.Collection.class.isAssignableFrom(c) || java.util.Map.class.isAssignableFrom(c)
          || java.util.BitSet.class.isAssignableFrom(c);
      return container && !Modifier.isAbstract(c.getModifiers());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The reason a model class may not extend {@code superName}, or null. */
  static String unsupportedSuperclass(String superName) {
    if (superName == null) {
      return null;
    }
    if (REPLACED.containsKey(superName)) {
      return "extending " + superName.replace('/', '.') + " is not supported; use it as a field";
    }
    String why = UNSUPPORTED.get(superName);
    if (why == null && isConcreteJdkContainer(superName)) {
      why = "its inherited methods would change its state outside the engine's control; use it as a field";
    }
    return why == null ? null : "extending " + superName.replace('/', '.') + ": " + why;
  }
}
