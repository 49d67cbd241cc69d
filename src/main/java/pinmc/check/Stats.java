package pinmc.check;

/**
 * What a search did. Fields an engine does not measure are -1 (the embedded engine has no
 * states; JPF does not count sleep-set-blocked executions).
 *
 * @param executions complete or cut executions run
 * @param sleepSetBlocked executions abandoned because every enabled thread was asleep
 * @param steps steps taken over all executions
 * @param maxDepth the most steps in one execution
 * @param timeMillis wall-clock time of the search
 * @param boundHit the bound that cut the search, or null
 * @param statesNew new states (JPF), -1 otherwise
 * @param statesVisited revisited states (JPF), -1 otherwise
 * @param reduction the reduction the embedded engine's search ran under (what {@link
 *     Reduction#AUTO} chose), or null (JPF, a stored result without it)
 */
public record Stats(
    long executions,
    long sleepSetBlocked,
    long steps,
    long maxDepth,
    long timeMillis,
    Bound boundHit,
    long statesNew,
    long statesVisited,
    Reduction reduction) {

  public static final Stats NONE = new Stats(0, 0, 0, 0, 0, null, -1, -1);

  /** Figures of a search whose reduction is not known. */
  public Stats(long executions, long sleepSetBlocked, long steps, long maxDepth, long timeMillis, Bound boundHit,
      long statesNew, long statesVisited) {
    this(executions, sleepSetBlocked, steps, maxDepth, timeMillis, boundHit, statesNew, statesVisited, null);
  }

  /** Steps per second over the whole search, or 0 if it took no measurable time. */
  public double stepsPerSecond() {
    return timeMillis <= 0 ? 0 : steps * 1000.0 / timeMillis;
  }
}
