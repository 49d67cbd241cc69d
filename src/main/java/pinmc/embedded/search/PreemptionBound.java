package pinmc.embedded.search;

/**
 * A strategy kept within a bound on the preemptions of a schedule (switching away from a
 * thread that could go on): a decorator over {@link Exhaustive} or {@link SourceSets}. It
 * filters what a node may take, moves each thread the inner strategy adds for a race to where
 * taking it fits the bound, and turns sleep sets off: a sleep set claims that a thread's
 * subtree was explored in full, and under a bound it may have been cut. A search cut by it
 * says so ({@link #boundHit}).
 */
final class PreemptionBound implements Strategy {
  private final Strategy inner;
  /** The most preemptions. */
  private final int limit;
  private final Path path;
  private boolean hit;

  PreemptionBound(Strategy inner, int limit, Path path) {
    if (limit < 0) {
      throw new IllegalArgumentException("preemption bound " + limit);
    }
    this.inner = inner;
    this.limit = limit;
    this.path = path;
  }

  @Override
  public boolean sleepSets() {
    return false;
  }

  @Override
  public void entered(Node prev, Node node) {
    node.preemptionsBefore = prev.preemptionsBefore + (prev.preempts(prev.chosen) ? 1 : 0);
    inner.entered(prev, node);
  }

  @Override
  public Decision planned(Node node, ThreadSet candidates, SchedulingView view) {
    return inner.planned(node, candidates, view);
  }

  /** Those of {@code threads} that {@code node} can take within the bound. */
  @Override
  public ThreadSet affordable(Node node, ThreadSet threads) {
    ThreadSet ok = threads;
    for (int t = threads.first(); t >= 0; t = threads.next(t + 1)) {
      if (node.preemptionsBefore + (node.preempts(t) ? 1 : 0) > limit) {
        ok = ok.without(t);
      }
    }
    return ok;
  }

  @Override
  public ThreadSet choosable(Node node, ThreadSet candidates) {
    ThreadSet ok = affordable(node, candidates);
    if (ok != candidates) {
      hit = true;
    }
    return ok;
  }

  @Override
  public ThreadSet backtrackOf(int chosen, ThreadSet affordable) {
    return inner.backtrackOf(chosen, affordable);
  }

  @Override
  public void firstRun(Node node, long signature, ThreadSet enabled) {
    inner.firstRun(node, signature, enabled);
  }

  @Override
  public void reverseRaces(Backtracks into) {
    inner.reverseRaces((i, threads) -> place(i, threads, into));
  }

  /**
   * Adds {@code threads} to explore at node {@code i}, within the bound. A reversal may be out
   * of reach where the race is, or reachable there only by a preemption although an earlier
   * node could take the thread for free. As in bounded partial-order reduction (Coons,
   * Musuvathi and McKinley, 2013), each thread is added at {@code i} if the bound allows, and
   * also at the latest earlier node where taking it is no preemption: the start of the run of
   * steps it would otherwise preempt. (Without that second point, a bug that needs one thread
   * to go first at no cost, and a preemption later, was left out under bound 1.)
   */
  void place(int i, ThreadSet threads, Backtracks into) {
    for (int q = threads.first(); q >= 0; q = threads.next(q + 1)) {
      boolean placed = false;
      ThreadSet just = ThreadSet.of(q);
      for (int k = i; k >= 0; k--) {
        Node node = path.node(k);
        if (!node.enabled.contains(q)) {
          continue;
        }
        boolean fits = !affordable(node, just).isEmpty();
        if (fits && (!placed || !node.preempts(q))) {
          into.add(k, just);
          placed = true;
        }
        if (k == i && !fits) {
          hit = true;
        }
        if (placed && !node.preempts(q)) {
          break; // taken here for free: nothing earlier is cheaper
        }
      }
    }
  }

  @Override
  public void valueChanged(Node node) {
    inner.valueChanged(node);
  }

  @Override
  public boolean nextPlanned(Node node) {
    return inner.nextPlanned(node);
  }

  @Override
  public boolean boundHit() {
    return hit;
  }
}
