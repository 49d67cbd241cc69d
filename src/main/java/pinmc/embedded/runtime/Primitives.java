package pinmc.embedded.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import pinmc.embedded.runtime.juc.ModelCountDownLatch;
import pinmc.embedded.runtime.juc.ModelReentrantLock;
import pinmc.embedded.runtime.juc.ModelReentrantReadWriteLock;
import pinmc.embedded.runtime.juc.ModelSemaphore;

/**
 * Every primitive the engine has, each registered once, here: how an execution makes it, and
 * the model classes that stand for the JDK classes it serves. An execution makes one of each
 * in this order (a primitive may be given one made before it); the instrumenter creates the
 * model class wherever model code creates the JDK class it extends.
 *
 * <p>Everything else about a primitive is in its own file: its operations ({@link OpKind}
 * constants it declares), its state, when an operation is enabled, what it reads and writes,
 * how a blocked thread is described, and the entry points its model classes call.
 */
public final class Primitives {
  private Primitives() {}

  private record Registration(Function<Execution, Primitive> make, List<Class<?>> modelClasses) {}

  private static Registration of(Function<Execution, Primitive> make, Class<?>... modelClasses) {
    return new Registration(make, List.of(modelClasses));
  }

  private static final List<Registration> REGISTERED = List.of(
      of(ex -> new SharedMemory(ex, ex.sites, ex.config, ex.invariants)),
      of(ExclusiveLocks::new, ModelReentrantLock.class),
      of(ex -> new ReadWriteLocks(ex, ex.primitive(ExclusiveLocks.class)), ModelReentrantReadWriteLock.class),
      of(ex -> new WaitSets(ex, ex.primitive(ExclusiveLocks.class))),
      of(ThreadLifeCycle::new),
      of(Parking::new),
      of(ex -> new AtomicCells(ex, ex.sites)),
      of(ex -> new AtomicBlocks(ex, ex.config)),
      of(ex -> new FairYield(ex, ex.sites)),
      of(Semaphores::new, ModelSemaphore.class),
      of(CountDownLatches::new, ModelCountDownLatch.class));

  /** Makes every registered primitive for {@code ex}, in order, into {@code into}. */
  static void makeAll(Execution ex, List<Primitive> into) {
    for (Registration r : REGISTERED) {
      into.add(r.make().apply(ex));
    }
  }

  /**
   * Which of the primitives {@link #makeAll} makes answers for each operation, by position in
   * that list, indexed by {@link OpKind#ordinal()}: the same in every execution, so found once
   * (checked by {@link Primitive#byOperation}) rather than at every execution's start.
   */
  private static volatile int[] ownerPositions;

  /** {@link Primitive#byOperation} of the primitives {@link #makeAll} made, in its order. */
  static Primitive[] byOperation(List<Primitive> made) {
    int[] positions = ownerPositions;
    if (positions == null || made.size() != REGISTERED.size()) {
      Primitive[] table = Primitive.byOperation(made.toArray(Primitive[]::new));
      if (made.size() == REGISTERED.size()) {
        positions = new int[table.length];
        for (int op = 0; op < table.length; op++) {
          positions[op] = made.indexOf(table[op]);
        }
        ownerPositions = positions;
      }
      return table;
    }
    Primitive[] table = new Primitive[positions.length];
    for (int op = 0; op < positions.length; op++) {
      table[op] = made.get(positions[op]);
    }
    return table;
  }

  /** The primitive of class {@code kind} among {@code made}. */
  static <T extends Primitive> T find(List<Primitive> made, Class<T> kind) {
    for (Primitive p : made) {
      if (p.getClass() == kind) {
        return kind.cast(p);
      }
    }
    throw new IllegalStateException(kind.getSimpleName() + " is not registered in Primitives, or is made after its user");
  }

  /**
   * The JDK classes model code may create that the engine replaces, by internal name, with the
   * internal name of the model class (a subclass) created instead.
   */
  public static Map<String, String> replacedJdkClasses() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Registration r : REGISTERED) {
      for (Class<?> model : r.modelClasses()) {
        out.put(internalName(model.getSuperclass()), internalName(model));
      }
    }
    return out;
  }

  private static String internalName(Class<?> c) {
    return c.getName().replace('.', '/');
  }
}
