package pinmc.corpus;

/**
 * One thread that runs long alone: it reaches a scheduling point at every write of {@code
 * counter} but never hands the turn to another thread, so a watchdog that counted only
 * hand-overs would take it for a thread stuck without scheduling points.
 */
public class LongSoloRun {
  static long counter;

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int limit = Integer.parseInt(args[1]);
    for (int i = 0; i < n; i++) {
      long local = i;
      for (int k = 0; k < limit; k++) {
        local = local * 6364136223846793005L + 1442695040888963407L;
      }
      counter = local;
    }
  }
}
