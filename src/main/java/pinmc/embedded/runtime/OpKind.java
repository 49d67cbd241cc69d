package pinmc.embedded.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A kind of visible operation a model thread is about to perform at a scheduling point.
 * The operations of the engine's first primitives are listed here, because the trace
 * recorder words them one by one; a primitive added later declares its own in its file
 * ({@link #declare}) and is worded from its verb and its {@link Primitive}'s answers.
 *
 * <p>A class and not an enum for that reason: the set of operations is open. Each has a
 * number, dense from 0 in the order declared, which indexes the table of primitives by
 * operation ({@link Primitive#byOperation}) and names the operation in a step's signature.
 */
public final class OpKind {
  private static final List<OpKind> ALL = new ArrayList<>();

  public static final OpKind BEGIN = new OpKind("BEGIN", "begins", false);
  public static final OpKind END = new OpKind("END", "ends", false);
  public static final OpKind READ = new OpKind("READ", "read", false);
  public static final OpKind WRITE = new OpKind("WRITE", "write", false);
  public static final OpKind LOCK = new OpKind("LOCK", "lock", false);
  public static final OpKind UNLOCK = new OpKind("UNLOCK", "unlock", false);
  public static final OpKind WAIT = new OpKind("WAIT", "wait", false);
  public static final OpKind REACQUIRE = new OpKind("REACQUIRE", "wakes, relocks", false);
  public static final OpKind NOTIFY = new OpKind("NOTIFY", "notify", false);
  public static final OpKind NOTIFY_ALL = new OpKind("NOTIFY_ALL", "notifyAll", false);
  public static final OpKind START = new OpKind("START", "start", false);
  public static final OpKind JOIN = new OpKind("JOIN", "join", false);
  public static final OpKind YIELD = new OpKind("YIELD", "yield", false);
  public static final OpKind SLEEP = new OpKind("SLEEP", "sleep", false);
  public static final OpKind CHOICE = new OpKind("CHOICE", "choose", false);
  public static final OpKind ATOMIC = new OpKind("ATOMIC", "atomic", false);
  public static final OpKind GUARDED = new OpKind("GUARDED", "atomic when", false);
  public static final OpKind ATOMIC_OP = new OpKind("ATOMIC_OP", "atomic op", false);
  public static final OpKind TRY_LOCK = new OpKind("TRY_LOCK", "tryLock", false);
  public static final OpKind PARK = new OpKind("PARK", "park", false);
  public static final OpKind UNPARK = new OpKind("UNPARK", "unpark", false);
  public static final OpKind INTERRUPT = new OpKind("INTERRUPT", "interrupt", false);
  public static final OpKind THREAD_QUERY = new OpKind("THREAD_QUERY", "query", false);
  public static final OpKind READ_LOCK = new OpKind("READ_LOCK", "read-lock", false);
  public static final OpKind READ_UNLOCK = new OpKind("READ_UNLOCK", "read-unlock", false);

  private final String name;
  /** How a step of this operation is called in a trace ("lock", "wakes, relocks"). */
  final String verb;
  private final int number;
  /** Declared by a primitive in its own file: the trace recorder words it from the primitive's answers. */
  final boolean declaredByPrimitive;

  private OpKind(String name, String verb, boolean declaredByPrimitive) {
    this.name = name;
    this.verb = verb;
    this.declaredByPrimitive = declaredByPrimitive;
    synchronized (ALL) {
      this.number = ALL.size();
      ALL.add(this);
    }
  }

  /** A new operation, for a primitive's own static field; {@code verb} is how a trace calls its steps. */
  static OpKind declare(String name, String verb) {
    return new OpKind(name, verb, true);
  }

  /** Every operation declared so far (those of a primitive whose class is loaded). */
  static List<OpKind> all() {
    synchronized (ALL) {
      return List.copyOf(ALL);
    }
  }

  /** The operation's number: 0, 1, ... in the order operations were declared. */
  int ordinal() {
    return number;
  }

  /** Whether this is one of {@code kinds}. */
  boolean in(OpKind... kinds) {
    for (OpKind k : kinds) {
      if (k == this) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return name;
  }
}
