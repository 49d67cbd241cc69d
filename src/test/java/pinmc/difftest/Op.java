package pinmc.difftest;

import java.util.List;
import java.util.Set;

/**
 * One operation of a random program: a kind (one letter of {@link DiffProgram#step}), two
 * one-digit operands, and for a block the operations inside it (otherwise null).
 */
record Op(char kind, int a, int b, List<Op> body) {
  Op {
    if (a < 0 || a > 9 || b < 0 || b > 9) {
      throw new IllegalArgumentException("operands are one digit: " + kind + a + b);
    }
    body = body == null ? null : List.copyOf(body);
  }

  static Op of(char kind, int a, int b) {
    return new Op(kind, a, b, null);
  }

  static Op block(char kind, int a, List<Op> body) {
    return new Op(kind, a, 0, body);
  }

  /** Operations with a body. */
  static final Set<Character> BLOCKS = Set.of('S', 'M', 'K', 'U', 'R', 'X', 'a', 'b', 'F', 'E');
  /**
   * Operations allowed inside an atomic block: they never block and never start, join or wake
   * a thread. A choice is one of them, so that what a block touches can depend on the value
   * it chose.
   */
  static final Set<Character> NON_BLOCKING = Set.of('r', 'w', 'k', 'i', 'g', 'G', 'n', 'c', 'e', 'f', 'q', 'Z');
  /** Operations whose operand {@code a} names a thread. */
  static final Set<Character> ON_THREAD = Set.of('s', 'j', 'I', 'v', 'u');
  /** Operations whose operand {@code a} names a shared variable (0-5). */
  static final Set<Character> ON_VARIABLE = Set.of('r', 'w', 'k', 'i', 'd', 'x', 'O', 'F');

  boolean isBlock() {
    return body != null;
  }

  Op withBody(List<Op> newBody) {
    return new Op(kind, a, b, newBody);
  }

  Op withOperands(int newA, int newB) {
    return new Op(kind, newA, newB, body);
  }

  void encode(StringBuilder out) {
    out.append(kind).append(a).append(b);
    if (body != null) {
      out.append('{');
      Program.encodeOps(body, out);
      out.append('}');
    }
  }

  static String var(int v) {
    return switch (v) {
      case 0 -> "plain0";
      case 1 -> "plain1";
      case 2 -> "volatile0";
      case 3 -> "volatile1";
      default -> "array[" + (v - 4) + "]";
    };
  }

  static String thread(int t) {
    return t == 0 ? "main" : "t" + t;
  }

  /**
   * The operation as one Java statement run by thread {@code me}, computing what {@link
   * DiffProgram#step} computes, for the operations that are one statement and throw no checked
   * exception; null for the others (blocks, waits, joins, sleep). {@code classMonitor} is
   * monitor 2, the program's class.
   */
  String statement(int me, String classMonitor) {
    String written = "local + " + (me + 1);
    String monitor = a == 2 ? classMonitor + ".class" : "monitor" + a;
    return switch (kind) {
      case 'r' -> "local = local * 3 + " + var(a) + ";";
      case 'w' -> var(a) + " = " + written + ";";
      case 'k' -> var(a) + " = " + b + ";";
      case 'i' -> var(a) + " = " + var(a) + " + 1;";
      case 'd' -> "local = local + 12 / (" + var(a) + " - " + b + ");";
      case 'x' -> "assert " + var(a) + " != " + b + " : \"variable " + a + " is " + b + "\";";
      case 'N' -> monitor + ".notify();";
      case 'A' -> monitor + ".notifyAll();";
      case 's' -> thread(a) + ".start();";
      case 'y' -> "Thread.yield();";
      case 'o' -> "Thread.onSpinWait();";
      case 'O' -> "for (int n = 0; n < 2 && " + var(a) + " == 0; n++) Thread.onSpinWait();";
      case 'Q' -> "for (int n = 0; n < 2 && !Thread.currentThread().isInterrupted(); n++) Thread.onSpinWait();";
      case 'I' -> thread(a) + ".interrupt();";
      case 'h' -> "local = local * 2 + (Thread.currentThread().isInterrupted() ? 1 : 0);";
      case 'H' -> "local = local * 2 + (Thread.interrupted() ? 1 : 0);";
      case 'v' -> "local = local * 2 + (" + thread(a) + ".isAlive() ? 1 : 0);";
      case 'p' -> "LockSupport.park();";
      case 'P' -> "LockSupport.parkNanos(1_000_000L);";
      case 'u' -> "LockSupport.unpark(" + thread(a) + ");";
      case 'g' -> "local = local * 3 + atomic.get();";
      case 'G' -> "atomic.set(" + written + ");";
      case 'n' -> "local = local * 3 + atomic.incrementAndGet();";
      case 'c' -> "local = local * 2 + (atomic.compareAndSet(" + b + ", " + written + ") ? 1 : 0);";
      case 'e' -> "local = local * 3 + reference.getAndSet(" + written + ");";
      case 'f' -> "local = local * 3 + reference.get();";
      case 'q' -> "local = local * 3 + atomicArray.incrementAndGet(" + a + ");";
      case 'D' -> a == 0 ? "condition.signal();" : "condition.signalAll();";
      case 'V' -> "semaphore.release();";
      case 'L' -> "local = local * 3 + semaphore.availablePermits();";
      case 'C' -> "latch" + a + ".countDown();";
      case 'm' -> "local = local * 3 + (int) latch" + a + ".getCount();";
      case 'Z' -> "local = local * 2 + Choice.nextInt(" + a + ");";
      case 'Y' -> "local = local * 3 + new Random(1).nextInt(" + a + ");";
      default -> null;
    };
  }

  /** The operation as Java-like text, one line per statement, indented by {@code indent}. */
  void print(StringBuilder out, String indent, int me) {
    String monitor = a == 2 ? "DiffProgram.class" : "monitor" + a;
    String simple = statement(me, "DiffProgram");
    String line = simple != null ? simple : switch (kind) {
      case 'S' -> "synchronized (" + monitor + ") {";
      case 'M' -> (a == 2 ? "staticSynchronizedMethod" : monitor + ".synchronizedMethod") + "(() -> {";
      case 'W' -> b == 0 ? monitor + ".wait();" : "while (" + var(b - 1) + " == 0) " + monitor + ".wait();";
      case 'T' -> monitor + ".wait(1);";
      case 'j' -> thread(a) + (b == 0 ? ".join();" : ".join(1);");
      case 'l' -> "Thread.sleep(1);";
      case 'K' -> "lock.lock(); try {";
      case 'U' -> "if (lock.tryLock(" + (a == 0 ? "" : "1, MILLISECONDS") + ")) { local = local * 2 + 1; try {";
      case 'B' -> a == 1 ? "local = local * 2 + (condition.await(1, MILLISECONDS) ? 1 : 0);"
          : b == 0 ? "condition.await();" : "while (" + var(b - 1) + " == 0) condition.await();";
      case 'E' -> a == 0 ? "semaphore.acquire(); try {"
          : "if (semaphore.tryAcquire()) { local = local * 2 + 1; try {";
      case 'J' -> b == 1 ? "local = local * 2 + (latch" + a + ".await(1, MILLISECONDS) ? 1 : 0);" : "latch" + a + ".await();";
      case 'R' -> "rw.readLock().lock(); try {";
      case 'X' -> "rw.writeLock().lock(); try {";
      case 'a' -> "local = Atomic.callInt(() -> {";
      case 'b' -> "Atomic.run(() -> {";
      case 'F' -> "Atomic.when(() -> " + var(a) + " != 0, () -> {";
      default -> "?" + kind + a + b;
    };
    out.append(indent).append(line).append('\n');
    if (body != null) {
      for (Op op : body) {
        op.print(out, indent + "  ", me);
      }
      String end = switch (kind) {
        case 'S' -> "}";
        case 'M', 'a', 'b', 'F' -> "});";
        case 'K' -> "} finally { lock.unlock(); }";
        case 'U' -> "} finally { lock.unlock(); } } else local = local * 2;";
        case 'E' -> a == 0 ? "} finally { semaphore.release(); }" : "} finally { semaphore.release(); } } else local = local * 2;";
        case 'R' -> "} finally { rw.readLock().unlock(); }";
        case 'X' -> "} finally { rw.writeLock().unlock(); }";
        default -> "}";
      };
      out.append(indent).append(end).append('\n');
    }
  }
}
