package pinmc.difftest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Draws a {@link Program} from a seed. Programs are small on purpose (two or three threads, a
 * few operations each, two shared variables and one monitor per program most of the time) so
 * that plain enumeration finishes, and so that operations meet on the same objects.
 */
final class Generator {
  /** Groups of constructs that can be switched on and off. */
  enum Construct {
    MEMORY("rwki"),
    FAILURE("dx"),
    MONITOR("SMWTNA"),
    THREAD("jlyoOQIhHv"),
    PARK("pPu"),
    ATOMIC("gGncefq"),
    /** java.util.concurrent's locks, their conditions, semaphores and count-down latches. */
    LOCK("KUBDEVLCJm"),
    RW_LOCK("RX"),
    API("ZabF"),
    RANDOM("Y"),
    INVARIANT("");

    final String kinds;

    Construct(String kinds) {
      this.kinds = kinds;
    }
  }

  /** Knobs: constructs, children (1 or more besides main), operations per child thread. */
  record Knobs(Set<Construct> constructs, int maxChildren, int maxOps) {
    static Knobs all() {
      return new Knobs(EnumSet.allOf(Construct.class), 2, 3);
    }
  }

  private final Knobs knobs;

  Generator(Knobs knobs) {
    this.knobs = knobs;
  }

  /** What an operation may be, where it is generated. */
  private record Context(int me, int threads, Set<Integer> monitors, boolean locked, boolean atomic, int depth) {}

  Program generate(long seed) {
    Random r = new Random(seed);
    // Each program draws on memory accesses and up to three other groups, so that the few
    // operations it has meet on the same objects.
    List<Construct> enabled = new ArrayList<>(knobs.constructs());
    Set<Construct> chosen = EnumSet.noneOf(Construct.class);
    if (enabled.remove(Construct.MEMORY)) {
      chosen.add(Construct.MEMORY);
    }
    if (!enabled.isEmpty()) {
      // One group in turn, so that any ten consecutive seeds draw on every group.
      Construct turn = enabled.remove((int) Math.floorMod(seed, (long) enabled.size()));
      chosen.add(turn);
      java.util.Collections.shuffle(enabled, r);
      chosen.addAll(enabled.subList(0, Math.min(enabled.size(), r.nextInt(3))));
    }
    int[] vars = {r.nextInt(6), r.nextInt(6)};
    int mainMonitor = r.nextInt(3);
    // Plain enumeration grows with the product of the threads' steps: three threads get fewer operations.
    int children = knobs.maxChildren() > 1 && r.nextInt(3) == 0 ? 2 + r.nextInt(knobs.maxChildren() - 1) : 1;
    int n = children + 1;
    int maxOps = children == 1 ? knobs.maxOps() + 1 : Math.max(1, knobs.maxOps() - 1);
    List<List<Op>> threads = new ArrayList<>();
    List<Op> main = new ArrayList<>();
    int mainOps = r.nextInt(children == 1 ? 3 : 2);
    for (int i = 0; i < mainOps; i++) {
      main.add(op(r, chosen, new Context(0, n, Set.of(), false, false, 0), vars, mainMonitor));
    }
    for (int t = 1; t < n; t++) {
      if (r.nextInt(10) < 7) {
        main.add(r.nextInt(main.size() + 1), Op.of('s', t, 0));
      }
    }
    threads.add(main);
    for (int t = 1; t < n; t++) {
      List<Op> ops = new ArrayList<>();
      int count = 1 + r.nextInt(maxOps);
      for (int i = 0; i < count; i++) {
        ops.add(op(r, chosen, new Context(t, n, Set.of(), false, false, 0), vars, mainMonitor));
      }
      threads.add(ops);
    }
    int[] invariant = null;
    if (chosen.contains(Construct.INVARIANT)) {
      int c = vars[0] == vars[1] ? (vars[0] + 1) % 6 : vars[1];
      invariant = new int[] {vars[0], 1 + r.nextInt(2), c, 1 + r.nextInt(2)};
    }
    Program p = new Program(invariant, threads);
    String why = p.malformed();
    if (why != null) {
      throw new IllegalStateException("generated a malformed program (" + why + "): " + p.encode());
    }
    return p;
  }

  private Op op(Random r, Set<Construct> chosen, Context ctx, int[] vars, int mainMonitor) {
    StringBuilder allowed = new StringBuilder();
    for (Construct c : chosen) {
      for (char k : c.kinds.toCharArray()) {
        if (allowedHere(k, ctx)) {
          // Memory accesses are the glue between threads, and waits and wake-ups are what a
          // monitor or lock block is for: weigh them up.
          int weight = c == Construct.MEMORY ? 4 : "WTNABD".indexOf(k) >= 0 ? 8 : 1;
          allowed.append(String.valueOf(k).repeat(weight));
        }
      }
    }
    if (allowed.length() == 0) {
      allowed.append('r');
    }
    char k = allowed.charAt(r.nextInt(allowed.length()));
    int v = vars[r.nextInt(2)];
    int monitor = r.nextInt(4) == 0 ? r.nextInt(3) : mainMonitor;
    return switch (k) {
      case 'r', 'w', 'i', 'O' -> Op.of(k, v, 0);
      case 'k', 'd', 'x' -> Op.of(k, v, r.nextInt(3));
      case 'c' -> Op.of(k, 0, r.nextInt(3));
      case 'q' -> Op.of(k, r.nextInt(2), 0);
      case 'W' -> Op.of(k, pick(r, ctx.monitors()), r.nextBoolean() ? 0 : v + 1);
      case 'T', 'N', 'A' -> Op.of(k, pick(r, ctx.monitors()), 0);
      case 'B' -> r.nextInt(3) == 0 ? Op.of(k, 1, 0) : Op.of(k, 0, r.nextBoolean() ? 0 : v + 1);
      case 'D', 'C', 'm' -> Op.of(k, r.nextInt(2), 0);
      case 'J' -> Op.of(k, r.nextInt(2), r.nextInt(3) == 0 ? 1 : 0);
      case 'j' -> Op.of(k, joinable(r, ctx), r.nextInt(3) == 0 ? 1 : 0);
      case 'I', 'v', 'u' -> Op.of(k, r.nextInt(ctx.threads()), 0);
      case 'Z', 'Y' -> Op.of(k, 2 + r.nextInt(2), 0);
      case 'S', 'M' -> Op.block(k, monitor, body(r, chosen, withMonitor(ctx, monitor), vars, mainMonitor));
      case 'E' -> Op.block(k, r.nextInt(2), body(r, chosen, deeper(ctx, false), vars, mainMonitor));
      case 'K', 'U' -> new Op(k, k == 'U' ? r.nextInt(2) : 0, 0,
          body(r, chosen, new Context(ctx.me(), ctx.threads(), ctx.monitors(), true, false, ctx.depth() + 1), vars, mainMonitor));
      case 'R', 'X' -> Op.block(k, 0, body(r, chosen, deeper(ctx, false), vars, mainMonitor));
      case 'a', 'b' -> Op.block(k, 0, body(r, chosen, deeper(ctx, true), vars, mainMonitor));
      case 'F' -> Op.block('F', v, body(r, chosen, deeper(ctx, true), vars, mainMonitor));
      default -> Op.of(k, 0, 0);
    };
  }

  private static Context withMonitor(Context ctx, int monitor) {
    Set<Integer> held = new java.util.HashSet<>(ctx.monitors());
    held.add(monitor);
    return new Context(ctx.me(), ctx.threads(), held, ctx.locked(), false, ctx.depth() + 1);
  }

  private static Context deeper(Context ctx, boolean atomic) {
    return new Context(ctx.me(), ctx.threads(), ctx.monitors(), ctx.locked(), atomic, ctx.depth() + 1);
  }

  private List<Op> body(Random r, Set<Construct> chosen, Context ctx, int[] vars, int mainMonitor) {
    List<Op> body = new ArrayList<>();
    int count = 1 + r.nextInt(2);
    for (int i = 0; i < count; i++) {
      body.add(op(r, chosen, ctx, vars, mainMonitor));
    }
    return body;
  }

  private static int pick(Random r, Set<Integer> set) {
    List<Integer> list = new ArrayList<>(set);
    java.util.Collections.sort(list);
    return list.get(r.nextInt(list.size()));
  }

  private static int joinable(Random r, Context ctx) {
    List<Integer> targets = new ArrayList<>();
    for (int t = 1; t < ctx.threads(); t++) {
      if (t != ctx.me()) {
        targets.add(t);
      }
    }
    return targets.get(r.nextInt(targets.size()));
  }

  /** Whether {@code k} may be generated in {@code ctx}. */
  private static boolean allowedHere(char k, Context ctx) {
    if (ctx.atomic()) {
      return Op.NON_BLOCKING.contains(k);
    }
    if (Op.BLOCKS.contains(k) && ctx.depth() >= 2) {
      return false;
    }
    return switch (k) {
      case 'W', 'T', 'N', 'A' -> !ctx.monitors().isEmpty();
      case 'B', 'D' -> ctx.locked();
      case 'j' -> ctx.threads() > 2 || ctx.me() == 0;
      default -> true;
    };
  }
}
