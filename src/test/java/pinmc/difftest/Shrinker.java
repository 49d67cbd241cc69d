package pinmc.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a program while a property (a disagreement) persists: drops threads, the invariant,
 * operations, unwraps blocks into their bodies and lowers operands, greedily, until no single
 * edit keeps the property. Candidates the interpreter would not run as intended are skipped.
 */
final class Shrinker {
  private Shrinker() {}

  /** The smallest program reached from {@code p} by single edits that keep {@code holds}; {@code p} must satisfy it. */
  static Program shrink(Program p, Predicate<Program> holds, int maxAttempts) {
    Program current = p;
    int attempts = 0;
    boolean progress = true;
    while (progress && attempts < maxAttempts) {
      progress = false;
      for (Program candidate : candidates(current)) {
        if (candidate.malformed() != null) {
          continue;
        }
        if (++attempts > maxAttempts) {
          break;
        }
        if (holds.test(candidate)) {
          current = candidate;
          progress = true;
          break;
        }
      }
    }
    return current;
  }

  /** Every program one edit away from {@code p}, biggest cuts first. */
  static List<Program> candidates(Program p) {
    List<Program> out = new ArrayList<>();
    for (int t = p.threads().size() - 1; t >= 1; t--) {
      out.add(withoutThread(p, t));
    }
    if (p.invariant() != null) {
      out.add(new Program(null, p.threads()));
    }
    for (int t = 0; t < p.threads().size(); t++) {
      for (List<Op> variant : variants(p.threads().get(t))) {
        List<List<Op>> threads = new ArrayList<>(p.threads());
        threads.set(t, variant);
        out.add(new Program(p.invariant(), threads));
      }
    }
    if (p.invariant() != null) {
      int[] inv = p.invariant();
      for (int i : new int[] {1, 3}) {
        if (inv[i] > 1) {
          int[] lower = inv.clone();
          lower[i] = 1;
          out.add(new Program(lower, p.threads()));
        }
      }
    }
    return out;
  }

  /** {@code p} without thread {@code t}: operations on it are dropped, later threads renumbered. */
  static Program withoutThread(Program p, int t) {
    List<List<Op>> threads = new ArrayList<>();
    for (int u = 0; u < p.threads().size(); u++) {
      if (u != t) {
        threads.add(renumber(p.threads().get(u), t));
      }
    }
    return new Program(p.invariant(), threads);
  }

  private static List<Op> renumber(List<Op> ops, int removed) {
    List<Op> out = new ArrayList<>();
    for (Op op : ops) {
      if (Op.ON_THREAD.contains(op.kind())) {
        if (op.a() == removed) {
          continue;
        }
        out.add(op.a() > removed ? op.withOperands(op.a() - 1, op.b()) : op);
      } else if (op.isBlock()) {
        out.add(op.withBody(renumber(op.body(), removed)));
      } else {
        out.add(op);
      }
    }
    return out;
  }

  /** Every list one edit away from {@code ops}: an operation dropped, a block unwrapped or edited inside, an operand lowered. */
  static List<List<Op>> variants(List<Op> ops) {
    List<List<Op>> out = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      List<Op> without = new ArrayList<>(ops);
      without.remove(i);
      out.add(without);
    }
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      if (op.isBlock()) {
        List<Op> unwrapped = new ArrayList<>(ops.subList(0, i));
        unwrapped.addAll(op.body());
        unwrapped.addAll(ops.subList(i + 1, ops.size()));
        out.add(unwrapped);
        for (List<Op> body : variants(op.body())) {
          out.add(replace(ops, i, op.withBody(body)));
        }
      }
      if (op.kind() != 's') {
        if (op.a() > 0) {
          out.add(replace(ops, i, op.withOperands(0, op.b())));
        }
        if (op.a() > 1) {
          out.add(replace(ops, i, op.withOperands(op.a() - 1, op.b())));
        }
        if (op.b() > 0) {
          out.add(replace(ops, i, op.withOperands(op.a(), 0)));
        }
        if (op.b() > 1) {
          out.add(replace(ops, i, op.withOperands(op.a(), op.b() - 1)));
        }
      }
    }
    return out;
  }

  private static List<Op> replace(List<Op> ops, int i, Op op) {
    List<Op> out = new ArrayList<>(ops);
    out.set(i, op);
    return out;
  }
}
