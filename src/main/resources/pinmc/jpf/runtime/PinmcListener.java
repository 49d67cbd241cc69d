package pinmc.jpf.runtime;

import gov.nasa.jpf.Config;
import gov.nasa.jpf.JPF;
import gov.nasa.jpf.PropertyListenerAdapter;
import gov.nasa.jpf.search.Search;
import gov.nasa.jpf.vm.ElementInfo;
import gov.nasa.jpf.vm.ExceptionInfo;
import gov.nasa.jpf.vm.Instruction;
import gov.nasa.jpf.vm.MethodInfo;
import gov.nasa.jpf.vm.NoUncaughtExceptionsProperty;
import gov.nasa.jpf.vm.StackFrame;
import gov.nasa.jpf.vm.Step;
import gov.nasa.jpf.vm.ThreadInfo;
import gov.nasa.jpf.vm.Transition;
import gov.nasa.jpf.vm.VM;
import gov.nasa.jpf.vm.bytecode.FieldInstruction;
import gov.nasa.jpf.vm.bytecode.InvokeInstruction;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * pinmc's window into a Java PathFinder search. It is compiled by pinmc at run time against
 * the user's jpf.jar (pinmc has no compile-time dependency on jpf-core) and writes what the
 * search found to the JSON file named by {@code pinmc.result.file}, which pinmc reads instead
 * of JPF's console text. It also
 *
 * <ul>
 *   <li>is the property that reports a failed named invariant as soon as the model's backend
 *       throws {@code pinmc.api.InvariantViolation}, before any {@code finally} of the model
 *       can run other threads;
 *   <li>finds executions that can run forever (a state repeated on the current path), which
 *       pinmc's embedded engine reports as a search cut by {@code --max-steps}, keeping its
 *       fairness for threads that yield: a cycle in which a thread yields while another
 *       runnable thread never moves is an unfair schedule the embedded engine never runs;
 *   <li>counts executions (paths that end in an end state or a state seen before) and stops
 *       the search at {@code pinmc.max_executions}.
 * </ul>
 *
 * <p>Every field it writes is documented in pinmc's README (the jpf engine section).
 */
public class PinmcListener extends PropertyListenerAdapter {
  private static final String INVARIANT_VIOLATION = "pinmc.api.InvariantViolation";

  private final Path resultFile;
  private final long maxExecutions;
  private final long startNanos = System.nanoTime();

  // The current path, by depth: the state reached, the thread that got there, whether it yielded.
  private int[] stateAt = new int[256];
  private int[] threadAt = new int[256];
  private boolean[] yieldedAt = new boolean[256];
  private boolean yieldedNow;

  private long statesNew;
  private long statesVisited;
  private long transitions;
  private long executions;
  private int maxDepth;

  private String invariant;
  private String invariantMessage;
  private String invariantThread;
  private String invariantWhere;

  private String spin;
  private String constraint;
  private boolean executionsCut;
  private final List<String> violation = new ArrayList<>();
  /** Where each thread last threw, by thread id: by the time an exception is found uncaught, its frames are gone. */
  private final java.util.Map<Integer, String> throwSites = new java.util.HashMap<>();
  private boolean written;

  public PinmcListener(Config config, JPF jpf) {
    this.resultFile = Paths.get(config.getString("pinmc.result.file", "pinmc-result.json"));
    this.maxExecutions = config.getLong("pinmc.max_executions", 0);
  }

  // --- the invariant property

  @Override
  public boolean check(Search search, VM vm) {
    return invariant == null;
  }

  @Override
  public String getErrorMessage() {
    return "invariant " + invariant + " violated: " + invariantMessage;
  }

  @Override
  public void reset() {
    invariant = null;
  }

  @Override
  public void exceptionThrown(VM vm, ThreadInfo ti, ElementInfo exception) {
    throwSites.put(ti.getId(), modelFrame(ti));
    if (invariant == null && exception.getClassInfo().isInstanceOf(INVARIANT_VIOLATION)) {
      invariant = exception.getStringField("invariant");
      invariantMessage = exception.getStringField("detail");
      invariantThread = ti.getName();
      invariantWhere = modelFrame(ti);
    }
  }

  // --- search bookkeeping

  @Override
  public void searchStarted(Search search) {
    search.addProperty(this);
  }

  @Override
  public void executeInstruction(VM vm, ThreadInfo ti, Instruction insn) {
    if (insn instanceof InvokeInstruction call && "java.lang.Thread".equals(call.getInvokedMethodClassName())) {
      String m = call.getInvokedMethodName();
      if (m.startsWith("onSpinWait(")) {
        // JPF's java.lang.Thread has no onSpinWait (JDK 9); it is only a hint, so skip the call.
        yieldedNow = true;
        ti.skipInstruction(insn.getNext());
      } else if (m.startsWith("yield(") || m.startsWith("sleep(")) {
        yieldedNow = true;
      }
    }
  }

  @Override
  public void stateAdvanced(Search search) {
    transitions++;
    int depth = search.getDepth();
    maxDepth = Math.max(maxDepth, depth);
    VM vm = search.getVM();
    ensureCapacity(depth);
    stateAt[depth] = search.getStateId();
    threadAt[depth] = vm.getCurrentThread().getId();
    yieldedAt[depth] = yieldedNow;
    yieldedNow = false;
    if (search.isNewState()) {
      statesNew++;
    } else {
      statesVisited++;
      if (spin == null) {
        noteCycle(vm, depth, search.getStateId());
      }
    }
    if (search.isEndState() || !search.isNewState()) {
      executions++;
      if (maxExecutions > 0 && executions >= maxExecutions && !search.isDone()) {
        executionsCut = true;
        search.terminate();
      }
    }
  }

  @Override
  public void stateBacktracked(Search search) {
    yieldedNow = false;
  }

  @Override
  public void searchConstraintHit(Search search) {
    if (constraint == null) {
      constraint = search.getSearchConstraint();
    }
  }

  /** The state just reached was already on the current path: some execution can run forever. */
  private void noteCycle(VM vm, int depth, int stateId) {
    int from = -1;
    for (int d = depth - 1; d >= 0; d--) {
      if (stateAt[d] == stateId) {
        from = d;
        break;
      }
    }
    if (from < 0) {
      return; // seen on another path: no cycle
    }
    Set<Integer> moved = new HashSet<>();
    boolean yielded = false;
    for (int d = from + 1; d <= depth; d++) {
      moved.add(threadAt[d]);
      yielded |= yieldedAt[d];
    }
    boolean fair = true;
    for (ThreadInfo t : vm.getThreadList().getTimeoutRunnables()) {
      fair &= moved.contains(t.getId());
    }
    if (fair || !yielded) {
      ThreadInfo t = vm.getCurrentThread();
      spin = "thread " + t.getName() + " can run forever: it comes back to the same state at " + modelFrame(t);
    }
  }

  private void ensureCapacity(int depth) {
    if (depth >= stateAt.length) {
      int n = Math.max(depth + 1, stateAt.length * 2);
      stateAt = java.util.Arrays.copyOf(stateAt, n);
      threadAt = java.util.Arrays.copyOf(threadAt, n);
      yieldedAt = java.util.Arrays.copyOf(yieldedAt, n);
    }
  }

  // --- the result

  @Override
  public void propertyViolated(Search search) {
    if (!violation.isEmpty()) {
      return;
    }
    gov.nasa.jpf.Error error = search.getCurrentError();
    Json j = new Json();
    j.field("property", error.getProperty().getClass().getName());
    if (error.getProperty() == this) {
      j.field("invariant", invariant).field("message", invariantMessage)
          .field("thread", invariantThread).field("where", invariantWhere);
    } else if (error.getProperty() instanceof NoUncaughtExceptionsProperty p && p.getUncaughtExceptionInfo() != null) {
      ExceptionInfo x = p.getUncaughtExceptionInfo();
      ElementInfo e = x.getException();
      ThreadInfo ti = x.getThread();
      j.field("exception", x.getExceptionClassname());
      if (e != null && e.getClassInfo().isInstanceOf(INVARIANT_VIOLATION)) {
        j.field("invariant", e.getStringField("invariant")).field("message", e.getStringField("detail"));
      } else if (e != null) {
        j.field("message", e.getStringField("detailMessage"));
        j.field("assertion", e.getClassInfo().isInstanceOf("java.lang.AssertionError"));
      }
      j.field("thread", ti.getName()).field("where", throwSites.getOrDefault(ti.getId(), "?"));
      j.field("onlyThread", ti.getId() == 0 && search.getVM().getThreadList().getThreads().length == 1);
    } else {
      j.field("message", firstLine(error.getDetails()));
      j.stringList("details", blockedThreads(search.getVM()));
    }
    j.raw("trace", trace(error.getPath()));
    violation.add(j.toString());
  }

  @Override
  public void searchFinished(Search search) {
    write();
  }

  private void write() {
    if (written) {
      return;
    }
    written = true;
    Json j = new Json();
    if (!violation.isEmpty()) {
      j.raw("violation", violation.get(0));
    }
    j.field("spin", spin).field("constraint", constraint).field("executionsCut", executionsCut);
    Json stats = new Json();
    stats.number("executions", executions).number("steps", transitions).number("maxDepth", maxDepth)
        .number("statesNew", statesNew).number("statesVisited", statesVisited)
        .number("searchMillis", (System.nanoTime() - startNanos) / 1_000_000);
    j.raw("stats", stats.toString());
    try {
      Path tmp = resultFile.resolveSibling(resultFile.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write(j.toString());
      }
      Files.move(tmp, resultFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException("pinmc: cannot write " + resultFile + ": " + e, e);
    }
  }

  // --- what the threads did and where they are

  /**
   * The counterexample, one row per thing a reader of the model cares about: calls the model
   * makes into its own methods and the kernel library (the library's own insides, including
   * invariant checks, are left out: its operations are named after the kernel's), the model's
   * field writes, and for a transition without either, where it ran.
   */
  private String trace(gov.nasa.jpf.vm.Path path) {
    StringBuilder rows = new StringBuilder("[");
    int step = 0;
    for (Transition t : path) {
      String thread = t.getThreadInfo().getName();
      String lastRow = null;
      Instruction lastModel = null;
      boolean any = false;
      for (Step s : t) {
        Instruction insn = s.getInstruction();
        MethodInfo mi = insn.getMethodInfo();
        if (mi == null || mi.getClassInfo() == null || insn.getLineNumber() <= 0) {
          continue;
        }
        String caller = mi.getClassInfo().getName();
        if (!isModelClass(caller)) {
          continue;
        }
        lastModel = insn;
        if (caller.startsWith("pinmc.kernel.")) {
          continue;
        }
        String op = null;
        if (insn instanceof InvokeInstruction call && isModelClass(call.getInvokedMethodClassName())
            && !call.getInvokedMethodName().startsWith("lambda$") && !call.getInvokedMethodName().startsWith("<")) {
          String name = call.getInvokedMethodName();
          op = simpleName(call.getInvokedMethodClassName()) + "." + name.substring(0, name.indexOf('('));
        } else if (insn instanceof FieldInstruction f && insn.getMnemonic().startsWith("put")) {
          op = "write " + simpleName(f.getClassName()) + "." + f.getFieldName();
        }
        if (op == null) {
          continue;
        }
        String row = thread + "|" + op + "|" + insn.getFileLocation();
        if (row.equals(lastRow)) {
          continue; // a loop: once is enough
        }
        lastRow = row;
        any = true;
        rows.append(step == 0 ? "" : ",").append(row(++step, thread, op, insn));
      }
      if (!any && lastModel != null) {
        rows.append(step == 0 ? "" : ",").append(row(++step, thread, "runs", lastModel));
      }
    }
    return rows.append(']').toString();
  }

  private static String row(int step, String thread, String op, Instruction insn) {
    MethodInfo mi = insn.getMethodInfo();
    return new Json().number("step", step).field("thread", thread).field("op", op)
        .field("class", mi.getClassInfo().getName()).field("method", mi.getName())
        .field("file", fileName(mi)).number("line", insn.getLineNumber()).toString();
  }

  /** {@code Bio.java}: JPF gives the source file with its package directories. */
  private static String fileName(MethodInfo mi) {
    String file = mi.getClassInfo().getSourceFileName();
    return file == null ? null : file.substring(file.lastIndexOf('/') + 1);
  }

  private static List<String> blockedThreads(VM vm) {
    List<String> out = new ArrayList<>();
    for (ThreadInfo t : vm.getThreadList().getThreads()) {
      if (!t.isAlive()) {
        continue;
      }
      StringBuilder line = new StringBuilder(t.getName());
      if (inWhen(t)) {
        line.append(" waits in Atomic.when for its guard");
      } else if (t.getLockObject() != null) {
        ElementInfo lock = t.getLockObject();
        ThreadInfo holder = lock.getLockingThread();
        line.append(" waits for ").append(lock.toString());
        if (holder != null && holder != t) {
          line.append(" held by ").append(holder.getName());
        }
      } else {
        line.append(" is ").append(t.getStateName());
      }
      line.append(" at ").append(modelFrame(t));
      out.add(line.toString());
    }
    return out;
  }

  private static boolean inWhen(ThreadInfo t) {
    for (StackFrame f : t) {
      if (f.getMethodInfo() != null && "atomicBeginWhen".equals(f.getMethodInfo().getName())) {
        return true;
      }
    }
    return false;
  }

  /** The innermost frame of model code on {@code t}'s stack, as {@code Class.method (File.java:line)}. */
  private static String modelFrame(ThreadInfo t) {
    for (StackFrame f : t) {
      MethodInfo mi = f.getMethodInfo();
      if (mi != null && mi.getClassInfo() != null && isModelClass(mi.getClassInfo().getName())) {
        return simpleName(mi.getClassInfo().getName()) + "." + mi.getName() + " (" + fileName(mi) + ":" + f.getLine() + ")";
      }
    }
    return "?";
  }

  /** Code a model's reader knows: neither the JDK, nor JPF, nor pinmc's own plumbing. */
  private static boolean isModelClass(String name) {
    return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
        || name.startsWith("gov.nasa.") || name.startsWith("pinmc.api.") || name.startsWith("pinmc.jpf."));
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Just enough JSON to write one flat object at a time. */
  private static final class Json {
    private final StringBuilder out = new StringBuilder("{");

    Json field(String key, String value) {
      return raw(key, value == null ? "null" : quote(value));
    }

    Json field(String key, boolean value) {
      return raw(key, Boolean.toString(value));
    }

    Json number(String key, long value) {
      return raw(key, Long.toString(value));
    }

    Json stringList(String key, List<String> values) {
      StringBuilder a = new StringBuilder("[");
      for (String v : values) {
        a.append(a.length() == 1 ? "" : ",").append(quote(v));
      }
      return raw(key, a.append(']').toString());
    }

    Json raw(String key, String json) {
      out.append(out.length() == 1 ? "" : ",").append(quote(key)).append(':').append(json);
      return this;
    }

    static String quote(String s) {
      StringBuilder q = new StringBuilder("\"");
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          q.append('\\').append(c);
        } else if (c < 0x20) {
          q.append(String.format("\\u%04x", (int) c));
        } else {
          q.append(c);
        }
      }
      return q.append('"').toString();
    }

    @Override
    public String toString() {
      return out + "}";
    }
  }
}
