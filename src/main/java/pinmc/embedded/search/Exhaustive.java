package pinmc.embedded.search;

/** Plain enumeration: every enabled thread at every node, the reference the reductions are tested against. */
final class Exhaustive implements Strategy {
  @Override
  public boolean sleepSets() {
    return false;
  }

  @Override
  public ThreadSet backtrackOf(int chosen, ThreadSet affordable) {
    return affordable;
  }

  @Override
  public void reverseRaces(Backtracks into) {
    // every thread is explored anyway
  }
}
