package pinmc.embedded.search;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * What a search with state caching remembers: every state reached ({@link VisitedStates}),
 * and the states the current path went through, so that a state met again on one execution
 * is told from one met on another (a loop, not a covered future). Under stateful DPOR, also
 * what {@link StateSummaries} keeps: a state reached before stops an execution only once its
 * exploration is finished, and only if it had no thread asleep that is awake now.
 */
public final class StateCache {
  /** What state caching makes of a state reached ({@link #visit}). */
  public enum Visit {
    /** Reached for the first time: explore on. */
    NEW,
    /** Reached before on another path, whose future from it was or is being explored. */
    REACHED_BEFORE,
    /** Reached before on this very execution: it can go round this loop forever. */
    ON_THIS_PATH
  }

  private final Explorer search;
  private final VisitedStates visited = new VisitedStates();
  /** The fingerprint of the state before each decision of the path. */
  private final ArrayList<byte[]> pathStates = new ArrayList<>();
  private int repeatedFrom = -1;
  /**
   * For {@link #replaysStepOf}, by thread number: the last decision of the current execution's
   * replayed prefix the thread takes (-1: none); null until first asked in an execution.
   */
  private int[] lastReplayedStep;
  /** See {@link #frameDepth(int)}, by thread number. */
  private int[] frameDepths = new int[8];
  /** Under stateful DPOR, the finished states and their summaries; null under plain state caching. */
  private final StateSummaries summaries;

  StateCache(Explorer search, boolean stateful) {
    this.search = search;
    this.summaries = stateful ? new StateSummaries() : null;
  }

  /** Under stateful DPOR, the summaries of finished states; null under plain state caching. */
  StateSummaries summaries() {
    return summaries;
  }

  /** The fingerprint of the state before decision {@code depth} of the current path. */
  byte[] pathState(int depth) {
    return depth < pathStates.size() ? pathStates.get(depth) : null;
  }

  /**
   * Whether the state before decision {@code depth} is one this execution reaches for the
   * first time on its path: past the replayed prefix, whose states were reached before by
   * the execution that made it.
   */
  public boolean isNewState(int depth) {
    return depth >= search.replayLength();
  }

  /**
   * Whether the replayed prefix has {@code thread} take a step at {@code depth} or later: then
   * it runs again before any state this execution reaches for the first time.
   */
  public boolean replaysStepOf(int thread, int depth) {
    if (lastReplayedStep == null) {
      // Once an execution: asked at every scheduling point, a walk of the rest of the prefix
      // each time was quadratic in its length.
      int[] last = new int[8];
      Arrays.fill(last, -1);
      for (int k = 0; k < search.replayLength(); k++) {
        int t = search.node(k).chosen;
        if (t >= last.length) {
          int old = last.length;
          last = Arrays.copyOf(last, Math.max(t + 1, 2 * old));
          Arrays.fill(last, old, last.length, -1);
        }
        last[t] = k;
      }
      lastReplayedStep = last;
    }
    return thread < lastReplayedStep.length && lastReplayedStep[thread] >= depth;
  }

  /** A new execution begins: its replayed prefix is the path's, fixed until it ends. */
  void executionStarted() {
    lastReplayedStep = null;
  }

  /**
   * Records the fingerprint of the state before decision {@code depth} (a state its execution
   * reaches for the first time on its path, see {@link #isNewState}) and says whether
   * it was reached before. Decisions before {@code depth} are the path's: their states were
   * recorded when the path first went through them.
   */
  public Visit visit(int depth, byte[] fingerprint) {
    while (pathStates.size() <= depth) {
      pathStates.add(null);
    }
    pathStates.set(depth, fingerprint);
    if (visited.add(fingerprint)) {
      return Visit.NEW;
    }
    for (int k = 0; k < depth; k++) {
      if (Arrays.equals(pathStates.get(k), fingerprint)) {
        repeatedFrom = k;
        return Visit.ON_THIS_PATH;
      }
    }
    if (summaries != null && !summaries.cutsAt(fingerprint, depth, search.sleepBefore(depth))) {
      // Not finished (a state where an execution ended, which costs nothing to reach again),
      // or explored with a thread asleep that is awake now: explore it (again).
      return Visit.NEW;
    }
    return Visit.REACHED_BEFORE;
  }

  /** After {@link Visit#ON_THIS_PATH}: the decision before which the execution was in the repeated state. */
  public int repeatedFrom() {
    return repeatedFrom;
  }

  /**
   * How many stack frames the runtime last walked to take thread {@code thread}'s frames (0 if
   * it never did): the size of the next walk's first batch, as a thread's stack tends to be as
   * deep at each of its scheduling points.
   */
  public int frameDepth(int thread) {
    return thread < frameDepths.length ? frameDepths[thread] : 0;
  }

  /** Thread {@code thread}'s frames were taken by walking {@code walked} frames. */
  public void frameDepth(int thread, int walked) {
    if (thread >= frameDepths.length) {
      frameDepths = Arrays.copyOf(frameDepths, Math.max(thread + 1, 2 * frameDepths.length));
    }
    frameDepths[thread] = walked;
  }

  /** Distinct states reached. */
  public long distinct() {
    return visited.size();
  }

  /** Times a state was reached again. */
  public long matched() {
    return visited.matched();
  }
}
