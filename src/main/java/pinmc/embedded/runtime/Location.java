package pinmc.embedded.runtime;

/**
 * A location, what a step reads or writes: an object's number and a field of it. A field is
 * a model field's id or an array index (0 and up), or an engine field (below 0): state a
 * primitive keeps for an object, each declared by its primitive under a name, such as
 * {@link ExclusiveLocks#MONITOR} or {@link ThreadLifeCycle#ALIVE}. Object 0 stands for no
 * object: a static field is a field of object 0.
 *
 * <p>A location is a {@code long} with the object in the high half, not an object, on
 * purpose: every access of every step is recorded in the event log under its location, and
 * the log's table of locations already had to stop boxing them (a {@code HashMap<Long, ...>}
 * cost a tenth of the search's time). This class is the one place that packs and unpacks them.
 */
final class Location {
  private Location() {}

  static long of(int object, int field) {
    return ((long) object << 32) | (field & 0xffffffffL);
  }

  static int object(long location) {
    return (int) (location >>> 32);
  }

  static int field(long location) {
    return (int) location;
  }

  /** Whether {@code field} is an engine field (a primitive's state), not a model field or an array element. */
  static boolean isEngineField(int field) {
    return field < 0;
  }

  /** The location that stands for a whole object (its field 0); a static field is an object of its own. */
  static long wholeObject(long location) {
    return object(location) == 0 ? location : of(object(location), 0);
  }
}
