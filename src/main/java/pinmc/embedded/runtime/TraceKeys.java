package pinmc.embedded.runtime;

import java.util.IdentityHashMap;

/**
 * The objects a recorded trace touches, numbered in the order it first touched them, and
 * the {@link Location} (object number and field) its steps read and write. A trace numbers
 * objects itself: the execution's object numbers are not given to every object a trace names.
 */
final class TraceKeys {
  private final IdentityHashMap<Object, Integer> keys = new IdentityHashMap<>();

  long location(Object o, int field) {
    return Location.of(key(o), field);
  }

  private int key(Object o) {
    if (o == null) {
      return 0;
    }
    Integer k = keys.get(o);
    if (k == null) {
      k = keys.size() + 1;
      keys.put(o, k);
    }
    return k;
  }

  /** The object of {@code location}, or null. */
  Object objectOf(long location) {
    int key = Location.object(location);
    for (var e : keys.entrySet()) {
      if (e.getValue() == key) {
        return e.getKey();
      }
    }
    return null;
  }
}
