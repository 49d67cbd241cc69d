package pinmc.embedded.search;

/**
 * A bound on the preemptions of a schedule (switching away from a thread that could go on),
 * or none. It filters what a node may take, and it moves a race's reversal to an earlier
 * node where the reversal is within the bound; a search cut by it says so.
 */
final class PreemptionBound {
  /** The nodes of a search's current path, by depth. */
  interface Path {
    Node node(int depth);
  }

  /** The most preemptions, or -1 for no bound. */
  private final int limit;
  private boolean hit;

  PreemptionBound(int limit) {
    this.limit = limit;
  }

  boolean isSet() {
    return limit >= 0;
  }

  /** Whether some schedule was left out for going over the bound. */
  boolean hit() {
    return hit;
  }

  void markHit() {
    hit = true;
  }

  /** Those of {@code threads} that {@code node} can take within the bound. */
  long within(Node node, long threads) {
    if (limit < 0) {
      return threads;
    }
    long ok = 0;
    for (long s = threads; s != 0; s &= s - 1) {
      int t = Long.numberOfTrailingZeros(s);
      if (node.preemptionsBefore + (node.preempts(t) ? 1 : 0) <= limit) {
        ok |= 1L << t;
      }
    }
    return ok;
  }

  /**
   * Adds {@code threads} to explore at node {@code i}. Under a bound a reversal may be out of
   * reach where the race is, or reachable there only by a preemption although an earlier
   * node could take the thread for free. As in bounded partial-order reduction (Coons,
   * Musuvathi and McKinley, 2013), each thread is added at {@code i} if the bound allows,
   * and also at the latest earlier node where taking it is no preemption: the start of the
   * run of steps it would otherwise preempt. (Without that second point, a bug that needs
   * one thread to go first at no cost, and a preemption later, was left out under bound 1.)
   */
  void addBacktrack(Path search, int i, long threads) {
    if (limit < 0) {
      search.node(i).backtrack |= threads;
      return;
    }
    for (long s = threads; s != 0; s &= s - 1) {
      int q = Long.numberOfTrailingZeros(s);
      boolean placed = false;
      for (int k = i; k >= 0; k--) {
        Node node = search.node(k);
        if ((node.enabled & (1L << q)) == 0) {
          continue;
        }
        boolean affordable = within(node, 1L << q) != 0;
        if (affordable && (!placed || !node.preempts(q))) {
          node.backtrack |= 1L << q;
          placed = true;
        }
        if (k == i && !affordable) {
          hit = true;
        }
        if (placed && !node.preempts(q)) {
          break; // taken here for free: nothing earlier is cheaper
        }
      }
    }
  }
}
