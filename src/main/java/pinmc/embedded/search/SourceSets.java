package pinmc.embedded.search;

/**
 * Source-set DPOR (Abdulla et al., POPL 2014, Algorithm 1): for each race, one thread among
 * the initials of its reversal is added where the race begins; the rest of the reversal must
 * fall into place, and where it does not, an execution ends blocked by its sleep set. Under
 * a preemption bound it runs without sleep sets, and the bound places each thread (see
 * {@link PreemptionBound#addBacktrack}).
 */
final class SourceSets implements Strategy {
  private final Explorer search;
  private final PreemptionBound bound;

  SourceSets(Explorer search, PreemptionBound bound) {
    this.search = search;
    this.bound = bound;
  }

  @Override
  public boolean sleepSets() {
    // A sleep set claims that a thread's subtree was explored in full; under a preemption
    // bound it may have been cut, so sleep sets would hide schedules within the bound.
    return !bound.isSet();
  }

  @Override
  public long backtrackOf(int chosen, long affordable) {
    return 1L << chosen;
  }

  @Override
  public void reverseRaces() {
    search.forEachRace((i, node, v) -> {
      long initials = v.initials(search.log());
      if ((initials & (node.backtrack | node.sleep)) != 0) {
        return;
      }
      long candidates = initials & node.enabled & ~node.sleep;
      long add = candidates != 0 ? Long.lowestOneBit(candidates) : node.enabled & ~node.sleep;
      bound.addBacktrack(search::node, i, add);
    });
  }
}
