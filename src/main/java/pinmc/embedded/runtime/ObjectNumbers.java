package pinmc.embedded.runtime;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The number of each object the model allocated in one execution, which names it in
 * locations ({@link #location}). Numbers come from where the object was allocated (the
 * allocating thread and how many objects it had allocated before; or the class whose
 * initialiser allocated it), so the same object has the same number in every execution
 * that shares the prefix that created it: sleep sets and replay compare steps across
 * executions by these numbers.
 */
final class ObjectNumbers {
  /** Objects the model did not allocate share one number: more dependence, never less. */
  static final int UNKNOWN_OBJECT = 1;
  static final int MAIN_THREAD_OBJECT = 2;
  static final int ARGS_OBJECT = 3;

  private final IdentityHashMap<Object, Integer> objectIds = new IdentityHashMap<>();
  /** JDK views and iterators, each with the object whose state it stands for (see {@link #viewOf}). */
  private final IdentityHashMap<Object, Object> jdkViews = new IdentityHashMap<>();
  /** Display numbers for traces, in order of first mention. */
  private final IdentityHashMap<Object, Integer> displayIds = new IdentityHashMap<>();

  /** Gives {@code o} a fixed number (the main thread, the arguments of main). */
  void fix(Object o, int id) {
    objectIds.put(o, id);
  }

  /** The location of {@code field} of {@code o} (see {@link Location}). */
  long location(Object o, int field) {
    return Location.of(objectId(o), field);
  }

  int objectId(Object o) {
    if (o == null) {
      return 0;
    }
    Integer id = objectIds.get(o);
    return id == null ? UNKNOWN_OBJECT : id;
  }

  /** The object with number {@code id} (the last one, as {@link #UNKNOWN_OBJECT} has none of its own), or null. */
  Object objectNumbered(int id) {
    Object target = null;
    for (Map.Entry<Object, Integer> e : objectIds.entrySet()) {
      if (e.getValue() == id) {
        target = e.getKey();
      }
    }
    return target;
  }

  /**
   * The JDK object whose state a view, iterator, entry or stream reads and writes (see
   * {@link JdkObjects}), or the object itself.
   */
  Object viewedObject(Object o) {
    Object viewed = jdkViews.get(o);
    return viewed != null ? viewed : o;
  }

  /**
   * {@code view}, returned by a call on {@code of}, stands for {@code of}'s state, unless the
   * model allocated it (then it is an object of its own, such as an element).
   */
  void viewOf(Object view, Object of) {
    if (!objectIds.containsKey(view) && !jdkViews.containsKey(view)) {
      jdkViews.put(view, viewedObject(of));
    }
  }

  /** {@code t} allocated {@code o}; {@code initClass} is the class whose initialiser runs, or -1. */
  void allocated(ModelThread t, Object o, int initClass) {
    int id;
    if (initClass >= 0) {
      int n = ++t.initAllocations;
      id = initClass < 0x8000 && n < 0x10000 ? 0x80000000 | (initClass << 16) | n : UNKNOWN_OBJECT;
    } else {
      id = allocationNumber(t.id, ++t.allocations);
    }
    objectIds.put(o, id);
  }

  /**
   * The number of the {@code n}th object thread {@code thread} allocated: threads 0..63 with
   * 24 bits for the count, the next 16,320 threads with 16 bits, below the numbers of the
   * first 64 (and above the fixed ones). An object past those counts shares {@link
   * #UNKNOWN_OBJECT}.
   */
  static int allocationNumber(int thread, int n) {
    if (thread < 64) {
      return n < 0x1000000 ? 0x40000000 | (thread << 24) | n : UNKNOWN_OBJECT;
    }
    return thread < 0x4000 && n < 0x10000 ? (thread << 16) | n : UNKNOWN_OBJECT;
  }

  /** A number for {@code o} in a trace: 1, 2, ... in order of first mention. */
  int displayId(Object o) {
    Integer id = displayIds.get(o);
    if (id == null) {
      id = displayIds.size() + 1;
      displayIds.put(o, id);
    }
    return id;
  }
}
