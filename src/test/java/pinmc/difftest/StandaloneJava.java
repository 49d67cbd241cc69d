package pinmc.difftest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.ToolProvider;
import pinmc.api.Atomic;

/**
 * A {@link Program} as a standalone Java class that any JVM, and Java PathFinder, can run: the
 * statements {@link DiffProgram#step} interprets, written out. It computes what the interpreter
 * computes (each thread's {@code local}, what it writes, what it throws), so that a bug one
 * reaches the other reaches in the same interleaving; unlike the interpreter it reads no
 * program text at run time, so a checker that is not pinmc sees nothing but the operations.
 *
 * <p>Not rendered: the interpreter's final-state record (the states are compared among pinmc's
 * own reductions, never with JPF). Bodies of synchronized methods and atomic blocks become
 * methods taking and returning {@code local}, since a lambda cannot assign it.
 *
 * <p>Added: an empty atomic block right after each plain write to a variable the invariant or
 * an {@code Atomic.when} guard reads. The jpf engine checks invariants and re-evaluates guards
 * only when an atomic block ends (README, "The model API under JPF"), the embedded engine after
 * every step; the empty block is where the jpf engine sees such a write. It changes no verdict:
 * every interleaving in which the write breaks the invariant or enables the guard has one in
 * which the writing thread runs the empty block next, and the block changes no state.
 */
final class StandaloneJava {
  /** What the interpreter adds to a thread's result when a blocking operation is interrupted. */
  private static final String INTERRUPTED = "local = local * 2 + 7;";

  private final Program program;
  private final String className;
  /** Methods for block bodies: of the monitor class (synchronized instance methods) and of the program class. */
  private final List<String> monitorMethods = new ArrayList<>();
  private final List<String> classMethods = new ArrayList<>();
  /** Variables the invariant or an {@code Atomic.when} guard reads. */
  private final java.util.Set<Integer> watched = new java.util.HashSet<>();
  private int names;

  private StandaloneJava(Program program, String className) {
    this.program = program;
    this.className = className;
    if (program.invariant() != null) {
      watched.add(program.invariant()[0]);
      watched.add(program.invariant()[2]);
    }
    for (List<Op> ops : program.threads()) {
      guards(ops);
    }
  }

  private void guards(List<Op> ops) {
    for (Op op : ops) {
      if (op.kind() == 'F') {
        watched.add(op.a());
      }
      if (op.isBlock()) {
        guards(op.body());
      }
    }
  }

  /**
   * Renders {@code p} as class {@code className} and compiles it into {@code dir}, against
   * pinmc's model API; returns the source.
   */
  static String compile(Program p, String className, Path dir) throws IOException {
    return compile(Map.of(className, p), dir).get(className);
  }

  /** Renders and compiles each program under its class name, in one run of the compiler; returns the sources. */
  static Map<String, String> compile(Map<String, Program> programs, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, String> sources = new TreeMap<>();
    List<String> args = new ArrayList<>(List.of("-g", "-nowarn", "--release", "17", "-cp",
        Path.of(Atomic.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString(), "-d", dir.toString()));
    for (Map.Entry<String, Program> e : programs.entrySet()) {
      String source = render(e.getValue(), e.getKey());
      sources.put(e.getKey(), source);
      Path file = dir.resolve(e.getKey() + ".java");
      Files.writeString(file, source);
      args.add(file.toString());
    }
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    if (ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new)) != 0) {
      throw new IllegalStateException("the Java text of " + programs.keySet() + " does not compile:\n" + errors);
    }
    return sources;
  }

  /** The source of class {@code className} (default package) that runs {@code p}. */
  static String render(Program p, String className) {
    return new StandaloneJava(p, className).render();
  }

  private String render() {
    int n = program.threads().size();
    StringBuilder threadMethods = new StringBuilder();
    for (int t = 1; t < n; t++) {
      threadMethods.append("  static void run").append(t).append("() {\n    int local = 0;\n");
      ops(program.threads().get(t), threadMethods, "    ", t);
      threadMethods.append("  }\n\n");
    }
    StringBuilder main = new StringBuilder();
    main.append("  public static void main(String[] args) {\n");
    int[] inv = program.invariant();
    if (inv != null) {
      main.append("    Invariants.register(\"inv\", ").append(supplier("boolean", "!(" + Op.var(inv[0]) + " == " + inv[1]
          + " && " + Op.var(inv[2]) + " == " + inv[3] + ")")).append(");\n");
    }
    main.append("    main = Thread.currentThread();\n    int local = 0;\n");
    ops(program.threads().get(0), main, "    ", 0);
    for (int t = 1; t < n; t++) {
      if (!program.startedByMain().contains(t)) {
        main.append("    t").append(t).append(".start();\n");
      }
    }
    for (int t = 1; t < n; t++) {
      main.append("    while (true) {\n      try {\n        t").append(t).append(".join();\n        break;\n")
          .append("      } catch (InterruptedException e) {\n        ").append(INTERRUPTED).append("\n      }\n    }\n");
    }
    main.append("  }\n\n");

    StringBuilder out = new StringBuilder();
    out.append("// ").append(program.encode()).append('\n');
    out.append("import java.util.Random;\nimport java.util.concurrent.CountDownLatch;\nimport java.util.concurrent.Semaphore;\nimport java.util.concurrent.TimeUnit;\n")
        .append("import java.util.concurrent.atomic.AtomicInteger;\nimport java.util.concurrent.atomic.AtomicIntegerArray;\n")
        .append("import java.util.concurrent.atomic.AtomicReference;\nimport java.util.concurrent.locks.Condition;\n")
        .append("import java.util.concurrent.locks.LockSupport;\nimport java.util.concurrent.locks.ReentrantLock;\n")
        .append("import java.util.concurrent.locks.ReentrantReadWriteLock;\nimport pinmc.api.Atomic;\n")
        .append("import pinmc.api.Choice;\nimport pinmc.api.Invariants;\n\n");
    out.append("public class ").append(className).append(" {\n")
        .append("  static int plain0;\n  static int plain1;\n  static volatile int volatile0;\n  static volatile int volatile1;\n")
        .append("  static final int[] array = new int[2];\n")
        .append("  static final Monitor monitor0 = new Monitor();\n  static final Monitor monitor1 = new Monitor();\n")
        .append("  static final AtomicInteger atomic = new AtomicInteger();\n")
        .append("  static final AtomicReference<Integer> reference = new AtomicReference<>(0);\n")
        .append("  static final AtomicIntegerArray atomicArray = new AtomicIntegerArray(2);\n")
        .append("  static final ReentrantLock lock = new ReentrantLock();\n")
        .append("  static final Condition condition = lock.newCondition();\n")
        .append("  static final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();\n")
        .append("  static final Semaphore semaphore = new Semaphore(1);\n")
        .append("  static final CountDownLatch latch0 = new CountDownLatch(1);\n")
        .append("  static final CountDownLatch latch1 = new CountDownLatch(2);\n")
        .append("  static Thread main;\n");
    for (int t = 1; t < n; t++) {
      out.append("  static final Thread t").append(t).append(" = new Thread(new Runnable() {\n")
          .append("    public void run() {\n      run").append(t).append("();\n    }\n  }, \"t").append(t).append("\");\n");
    }
    out.append("\n  static final class Monitor {\n");
    monitorMethods.forEach(out::append);
    out.append("  }\n\n");
    out.append(main).append(threadMethods);
    classMethods.forEach(out::append);
    out.append("}\n");
    return out.toString();
  }

  private void ops(List<Op> ops, StringBuilder out, String indent, int me) {
    for (Op op : ops) {
      op(op, out, indent, me);
    }
  }

  /** A method {@code int name(int local)} running {@code body}; returns its name. */
  private String method(List<Op> body, String modifiers, List<String> into, int me) {
    String name = "block" + names++;
    StringBuilder m = new StringBuilder("  ").append(modifiers).append(" int ").append(name).append("(int local) {\n");
    ops(body, m, "    ", me);
    m.append("    return local;\n  }\n\n");
    into.add(into == monitorMethods ? m.toString().indent(2) : m.toString());
    return name;
  }

  private String monitor(int m) {
    return m == 2 ? className + ".class" : "monitor" + m;
  }

  /**
   * An anonymous {@code IntSupplier} or {@code BooleanSupplier} returning {@code expression}.
   * Not a lambda: jpf-core's java-17 branch crashed (ArrayIndexOutOfBoundsException in
   * FunctionObjectFactory.setFuncObjFields) creating a lambda that captures an int (seed 56).
   */
  private static String supplier(String type, String expression) {
    String upper = Character.toUpperCase(type.charAt(0)) + type.substring(1);
    return "new java.util.function." + upper + "Supplier() { public " + type + " getAs" + upper + "() { return "
        + expression + "; } }";
  }

  /** An anonymous {@code Runnable} running {@code statement}; see {@link #supplier}. */
  private static String runnable(String call) {
    return "new Runnable() { public void run() { " + call + "; } }";
  }

  /** {@code statement}, which may throw InterruptedException, caught as the interpreter catches it. */
  private static void interruptible(StringBuilder out, String indent, String statement) {
    out.append(indent).append("try {\n").append(indent).append("  ").append(statement).append('\n')
        .append(indent).append("} catch (InterruptedException e) {\n").append(indent).append("  ").append(INTERRUPTED)
        .append('\n').append(indent).append("}\n");
  }

  private void op(Op op, StringBuilder out, String indent, int me) {
    int a = op.a();
    int b = op.b();
    String line = op.statement(me, className);
    if (line != null) {
      out.append(indent).append(line).append('\n');
      if ("wki".indexOf(op.kind()) >= 0 && watched.contains(a)) {
        out.append(indent).append("Atomic.begin(); // the jpf engine checks invariants and guards here\n")
            .append(indent).append("Atomic.end();\n");
      }
      return;
    }
    String inner = indent + "  ";
    switch (op.kind()) {
      case 'W' -> interruptible(out, indent, b == 0 ? monitor(a) + ".wait();"
          : "while (" + Op.var(b - 1) + " == 0) " + monitor(a) + ".wait();");
      case 'T' -> interruptible(out, indent, monitor(a) + ".wait(1);");
      case 'j' -> interruptible(out, indent, Op.thread(a) + (b == 0 ? ".join();" : ".join(1);"));
      case 'l' -> interruptible(out, indent, "Thread.sleep(1);");
      case 'J' -> interruptible(out, indent, b == 1
          ? "local = local * 2 + (latch" + a + ".await(1, TimeUnit.MILLISECONDS) ? 1 : 0);" : "latch" + a + ".await();");
      case 'B' -> interruptible(out, indent, a == 1
          ? "local = local * 2 + (condition.await(1, TimeUnit.MILLISECONDS) ? 1 : 0);"
          : b == 0 ? "condition.await();" : "while (" + Op.var(b - 1) + " == 0) condition.await();");
      case 'S' -> {
        out.append(indent).append("synchronized (").append(monitor(a)).append(") {\n");
        ops(op.body(), out, inner, me);
        out.append(indent).append("}\n");
      }
      case 'M' -> {
        String name = a == 2 ? method(op.body(), "static synchronized", classMethods, me)
            : method(op.body(), "synchronized", monitorMethods, me);
        out.append(indent).append("local = ").append(a == 2 ? "" : monitor(a) + ".").append(name).append("(local);\n");
      }
      case 'K', 'R', 'X' -> {
        String l = op.kind() == 'K' ? "lock" : op.kind() == 'R' ? "rw.readLock()" : "rw.writeLock()";
        out.append(indent).append(l).append(".lock();\n").append(indent).append("try {\n");
        ops(op.body(), out, inner, me);
        out.append(indent).append("} finally {\n").append(inner).append(l).append(".unlock();\n").append(indent).append("}\n");
      }
      case 'U' -> {
        // The interpreter's catch covers the whole operation, but only the timed tryLock can
        // throw there: the body's operations catch their own interrupts.
        String attempt = a == 0 ? "lock.tryLock()" : "lock.tryLock(1, TimeUnit.MILLISECONDS)";
        String at = a == 0 ? indent : inner;
        if (a != 0) {
          out.append(indent).append("try {\n");
        }
        out.append(at).append("if (").append(attempt).append(") {\n").append(at).append("  local = local * 2 + 1;\n")
            .append(at).append("  try {\n");
        ops(op.body(), out, at + "    ", me);
        out.append(at).append("  } finally {\n").append(at).append("    lock.unlock();\n").append(at).append("  }\n")
            .append(at).append("} else {\n").append(at).append("  local = local * 2;\n").append(at).append("}\n");
        if (a != 0) {
          out.append(indent).append("} catch (InterruptedException e) {\n").append(inner).append(INTERRUPTED).append('\n')
              .append(indent).append("}\n");
        }
      }
      case 'E' -> {
        if (a == 0) {
          // Only the acquisition can throw here: the body's operations catch their own interrupts.
          out.append(indent).append("try {\n").append(inner).append("semaphore.acquire();\n");
        } else {
          out.append(indent).append("if (semaphore.tryAcquire()) {\n").append(inner).append("local = local * 2 + 1;\n");
        }
        String body = inner;
        out.append(body).append("try {\n");
        ops(op.body(), out, body + "  ", me);
        out.append(body).append("} finally {\n").append(body).append("  semaphore.release();\n").append(body).append("}\n");
        if (a == 0) {
          out.append(indent).append("} catch (InterruptedException e) {\n").append(inner).append(INTERRUPTED).append('\n')
              .append(indent).append("}\n");
        } else {
          out.append(indent).append("} else {\n").append(inner).append("local = local * 2;\n").append(indent).append("}\n");
        }
      }
      case 'a', 'b', 'F' -> {
        String name = method(op.body(), "static", classMethods, me);
        String before = "before" + names++;
        out.append(indent).append("final int ").append(before).append(" = local;\n").append(indent);
        String call = name + "(" + before + ")";
        if (op.kind() == 'a') {
          out.append("local = Atomic.callInt(").append(supplier("int", call)).append(");\n");
        } else if (op.kind() == 'b') {
          out.append("Atomic.run(").append(runnable(call)).append(");\n");
        } else {
          out.append("Atomic.when(").append(supplier("boolean", Op.var(a) + " != 0")).append(", ").append(runnable(call))
              .append(");\n");
        }
      }
      default -> throw new IllegalArgumentException("no Java for operation " + op.kind());
    }
  }
}
