package pinmc.difftest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A random program as data: an optional invariant and the operations of each thread, main's
 * first. Main runs its operations, then starts every thread its operations did not start,
 * joins them all and records the final state.
 *
 * <p>Text form ({@link #encode()}, what {@link DiffProgram} runs): {@code HEADER#MAIN|T1|T2},
 * where HEADER is empty or {@code Iabcd} (invariant {@code inv}: not both variable a == b and
 * variable c == d), and each thread is its operations separated by {@code ;}, each operation
 * its letter and two digits, a block followed by its body in braces: {@code S00{r00;w10}}.
 *
 * @param invariant {a, b, c, d} of the invariant, or null for none
 * @param threads each thread's operations; thread 0 is main
 */
record Program(int[] invariant, List<List<Op>> threads) {
  Program {
    threads = threads.stream().map(List::copyOf).toList();
  }

  String encode() {
    StringBuilder out = new StringBuilder();
    if (invariant != null) {
      out.append('I');
      for (int x : invariant) {
        out.append(x);
      }
    }
    out.append('#');
    for (int t = 0; t < threads.size(); t++) {
      if (t > 0) {
        out.append('|');
      }
      encodeOps(threads.get(t), out);
    }
    return out.toString();
  }

  static void encodeOps(List<Op> ops, StringBuilder out) {
    for (int i = 0; i < ops.size(); i++) {
      if (i > 0) {
        out.append(';');
      }
      ops.get(i).encode(out);
    }
  }

  static Program parse(String text) {
    int hash = text.indexOf('#');
    if (hash < 0) {
      throw new IllegalArgumentException("no '#' in program " + text);
    }
    int[] invariant = null;
    if (hash > 0) {
      String h = text.substring(0, hash);
      if (h.length() != 5 || h.charAt(0) != 'I') {
        throw new IllegalArgumentException("bad header " + h);
      }
      invariant = new int[] {h.charAt(1) - '0', h.charAt(2) - '0', h.charAt(3) - '0', h.charAt(4) - '0'};
    }
    List<List<Op>> threads = new ArrayList<>();
    for (String code : text.substring(hash + 1).split("\\|", -1)) {
      int[] pos = {0};
      threads.add(parseOps(code, pos));
      if (pos[0] != code.length()) {
        throw new IllegalArgumentException("trailing text at " + pos[0] + " in " + code);
      }
    }
    return new Program(invariant, threads);
  }

  private static List<Op> parseOps(String code, int[] pos) {
    List<Op> ops = new ArrayList<>();
    while (pos[0] < code.length() && code.charAt(pos[0]) != '}') {
      int i = pos[0];
      char kind = code.charAt(i);
      int a = code.charAt(i + 1) - '0';
      int b = code.charAt(i + 2) - '0';
      pos[0] = i + 3;
      List<Op> body = null;
      if (pos[0] < code.length() && code.charAt(pos[0]) == '{') {
        pos[0]++;
        body = parseOps(code, pos);
        if (pos[0] >= code.length() || code.charAt(pos[0]) != '}') {
          throw new IllegalArgumentException("unclosed block in " + code);
        }
        pos[0]++;
      }
      ops.add(new Op(kind, a, b, body));
      if (pos[0] < code.length() && code.charAt(pos[0]) == ';') {
        pos[0]++;
      }
    }
    return ops;
  }

  /** Operations in all threads, blocks and their bodies each counted. */
  int size() {
    int n = 0;
    for (List<Op> ops : threads) {
      n += count(ops);
    }
    return n;
  }

  private static int count(List<Op> ops) {
    int n = 0;
    for (Op op : ops) {
      n += 1 + (op.isBlock() ? count(op.body()) : 0);
    }
    return n;
  }

  /** The program as Java-like text. */
  String print() {
    StringBuilder out = new StringBuilder();
    if (invariant != null) {
      out.append("invariant inv: !(").append(var(invariant[0])).append(" == ").append(invariant[1]).append(" && ")
          .append(var(invariant[2])).append(" == ").append(invariant[3]).append(")\n");
    }
    for (int t = 0; t < threads.size(); t++) {
      out.append(t == 0 ? "main:" : "t" + t + ":").append('\n');
      for (Op op : threads.get(t)) {
        op.print(out, "  ", t);
      }
    }
    Set<Integer> started = startedByMain();
    StringBuilder epilogue = new StringBuilder();
    for (int t = 1; t < threads.size(); t++) {
      if (!started.contains(t)) {
        epilogue.append(" t").append(t).append(".start();");
      }
    }
    out.append("main, at the end:").append(epilogue).append(" join every thread; record the final state\n");
    return out.toString();
  }

  private static String var(int v) {
    return Op.var(v);
  }

  Set<Integer> startedByMain() {
    Set<Integer> started = new HashSet<>();
    for (Op op : threads.get(0)) {
      if (op.kind() == 's') {
        started.add(op.a());
      }
    }
    return started;
  }

  /** Null if the program is one the interpreter runs as intended, otherwise what is wrong. */
  String malformed() {
    int n = threads.size();
    if (n < 1 || n > DiffProgram.MAX_THREADS) {
      return "thread count " + n;
    }
    if (invariant != null && (invariant[0] > 5 || invariant[2] > 5 || invariant[0] == invariant[2])) {
      return "invariant";
    }
    Set<Integer> started = new HashSet<>();
    for (int t = 0; t < n; t++) {
      String why = malformed(threads.get(t), t, n, new HashSet<>(), false, false, true, started);
      if (why != null) {
        return "thread " + t + ": " + why;
      }
    }
    return null;
  }

  private static String malformed(List<Op> ops, int me, int n, Set<Integer> monitors, boolean locked,
      boolean atomic, boolean topLevel, Set<Integer> started) {
    for (Op op : ops) {
      char k = op.kind();
      if (atomic && !Op.NON_BLOCKING.contains(k)) {
        return k + " inside an atomic block";
      }
      if (op.isBlock() != Op.BLOCKS.contains(k)) {
        return k + " with or without a body";
      }
      if (Op.ON_THREAD.contains(k) && op.a() >= n) {
        return k + " on thread " + op.a();
      }
      if (Op.ON_VARIABLE.contains(k) && op.a() > 5) {
        return k + " on variable " + op.a();
      }
      String why = switch (k) {
        case 's' -> me != 0 || !topLevel || op.a() == 0 || !started.add(op.a()) ? "start" : null;
        case 'j' -> op.a() == 0 || op.a() == me ? "join" : null;
        case 'S', 'M', 'W', 'T', 'N', 'A' -> op.a() > 2 ? "monitor " + op.a()
            : (k == 'W' || k == 'T' || k == 'N' || k == 'A') && !monitors.contains(op.a()) ? k + " without monitor" : null;
        case 'B', 'D' -> !locked ? k + " without the lock" : null;
        case 'Z', 'Y' -> op.a() < 2 || op.a() > 3 ? "choice bound" : null;
        case 'q' -> op.a() > 1 ? "atomic array index" : null;
        case 'E' -> op.a() > 1 ? "semaphore acquisition " + op.a() : null;
        case 'C', 'J', 'm' -> op.a() > 1 ? "latch " + op.a() : k == 'J' && op.b() > 1 ? "latch await " + op.b() : null;
        default -> null;
      };
      if (why == null && (k == 'W' || k == 'B') && op.b() > 6) {
        why = "guard variable";
      }
      if (why != null) {
        return why;
      }
      if (op.isBlock()) {
        Set<Integer> inner = monitors;
        if (k == 'S' || k == 'M') {
          inner = new HashSet<>(monitors);
          inner.add(op.a());
        }
        why = malformed(op.body(), me, n, inner, locked || k == 'K' || k == 'U', atomic || k == 'a' || k == 'b' || k == 'F',
            false, started);
        if (why != null) {
          return why;
        }
      }
    }
    return null;
  }
}
