package pinmc.corpus;

import java.util.Arrays;
import pinmc.api.Atomic;
import pinmc.api.Choice;

/**
 * A small program drawn at random from a seed, for checking the reductions against plain
 * enumeration on shapes nobody wrote by hand. Each thread runs a few operations on a shared
 * array: plain reads and writes, unlocked read-modify-writes, increments under one of two
 * monitors, atomic blocks, a {@code Choice} between two values, and a blocking {@code
 * Atomic.when} (which can deadlock). Operations are computed from (seed, thread, position)
 * without touching the heap, so the only scheduling points are the operations' own accesses.
 *
 * <p>At the end, the final state (the shared array and each thread's local result) is added
 * to the system property {@value #STATES}, which outlives an execution: a test compares the
 * set of final states each reduction reaches with the one plain enumeration reaches.
 * Arguments: seed, threads, operations per thread, shared variables, and optionally {@code
 * no-blocking} and/or {@code no-choice} (as one argument) to leave out {@code Atomic.when}
 * or {@code Choice}.
 */
public class RandomProgram {
  public static final String STATES = "pinmc.test.random.states";
  static final Object[] LOCKS = {new Object(), new Object()};

  public static void main(String[] args) throws InterruptedException {
    long seed = Long.parseLong(args[0]);
    int threads = Integer.parseInt(args[1]);
    int ops = Integer.parseInt(args[2]);
    int vars = Integer.parseInt(args[3]);
    String leaveOut = args.length > 4 ? args[4] : "";
    int[] kinds = java.util.stream.IntStream.range(0, 7)
        .filter(k -> !(k == 5 && leaveOut.contains("no-choice")) && !(k == 6 && leaveOut.contains("no-blocking")))
        .toArray();
    // Locals captured by the threads (final fields, so no scheduling points of their own).
    int[] shared = new int[vars];
    int[] results = new int[threads];
    spawn(0, threads, seed, ops, shared, kinds, results);
    String state = Arrays.toString(shared) + Arrays.toString(results);
    String seen = System.getProperty(STATES, "");
    System.setProperty(STATES, seen + state + ";");
  }

  /**
   * Starts threads {@code t} and up, then joins them. Main keeps them in its own frames, not in
   * a collection or an array: a JDK list's calls and an array's elements are shared state, so
   * each would be a scheduling point of main's.
   */
  private static void spawn(int t, int threads, long seed, int ops, int[] shared, int[] kinds, int[] results)
      throws InterruptedException {
    if (t == threads) {
      return;
    }
    Thread thread = new Thread(() -> {
      int local = 0;
      for (int pc = 0; pc < ops; pc++) {
        local = step(seed, t, pc, shared, kinds, local);
      }
      results[t] = local;
    }, "t" + t);
    thread.start();
    spawn(t + 1, threads, seed, ops, shared, kinds, results);
    thread.join();
  }

  private static int step(long seed, int thread, int pc, int[] shared, int[] kinds, int local) {
    int vars = shared.length;
    long h = mix(seed * 1_000_003L + thread * 1_009L + pc);
    int kind = kinds[(int) Long.remainderUnsigned(h, kinds.length)];
    int v = (int) Long.remainderUnsigned(h >>> 8, vars);
    int w = (int) Long.remainderUnsigned(h >>> 16, vars);
    switch (kind) {
      case 0 -> local = local * 3 + shared[v];
      case 1 -> shared[v] = local + thread + 1;
      case 2 -> shared[v] = shared[v] + local + 1;
      case 3 -> {
        synchronized (LOCKS[(int) ((h >>> 24) & 1)]) {
          shared[v] = shared[v] + 1;
        }
      }
      case 4 -> {
        int l = local;
        local = Atomic.callInt(() -> {
          int read = shared[v];
          shared[w] = l + 2;
          return read;
        });
      }
      case 5 -> local = local * 2 + Choice.nextInt(2);
      default -> Atomic.when(() -> shared[v] != 0, () -> shared[w] = shared[w] + 3);
    }
    return local;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
