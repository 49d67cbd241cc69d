package pinmc.embedded.runtime;

/**
 * A location, what a step reads or writes: an object's number and a field of it (a model
 * field id, an array index, or a primitive's negative field such as
 * {@link ExclusiveLocks#MONITOR}), packed in one {@code long} with the object in the high
 * half. Kept a primitive on purpose: every step records its locations in the event log, and
 * an object per access would cost there. This class is the one place that packs and unpacks
 * them. Object 0 stands for no object: a static field is a field of object 0.
 */
final class Locations {
  private Locations() {}

  static long of(int object, int field) {
    return ((long) object << 32) | (field & 0xffffffffL);
  }

  static int object(long location) {
    return (int) (location >>> 32);
  }

  static int field(long location) {
    return (int) location;
  }

  /** The location that stands for a whole object (its field 0); a static field is an object of its own. */
  static long wholeObject(long location) {
    return object(location) == 0 ? location : of(object(location), 0);
  }
}
