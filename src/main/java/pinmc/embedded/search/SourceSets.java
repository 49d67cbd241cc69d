package pinmc.embedded.search;

/**
 * Source-set DPOR (Abdulla et al., POPL 2014, Algorithm 1): for each race, one thread among
 * the initials of its reversal is added where the race begins; the rest of the reversal must
 * fall into place, and where it does not, an execution ends blocked by its sleep set. Under
 * a preemption bound, {@link PreemptionBound} wraps it: no sleep sets, and the bound places
 * each thread it adds.
 */
final class SourceSets implements Strategy {
  private final Explorer search;

  SourceSets(Explorer search) {
    this.search = search;
  }

  @Override
  public boolean sleepSets() {
    return true;
  }

  @Override
  public ThreadSet backtrackOf(int chosen, ThreadSet affordable) {
    return ThreadSet.of(chosen);
  }

  @Override
  public void reverseRaces(Backtracks into) {
    search.forEachRace((i, node, v) -> {
      ThreadSet initials = v.initials(search.log());
      if (initials.intersects(node.backtrack) || initials.intersects(node.sleep)) {
        return;
      }
      ThreadSet candidates = initials.intersect(node.enabled).minus(node.sleep);
      into.add(i, candidates.isEmpty() ? node.enabled.minus(node.sleep) : ThreadSet.of(candidates.first()));
    });
  }
}
