package pinmc.embedded.runtime;

import pinmc.check.CheckOptions;

/** When a search may cache states ({@code --reduction states}), and why not when it may not. */
public final class StateCaching {
  private StateCaching() {}

  /** Why {@code options} rule out state caching, as one line, or null if they do not. */
  public static String refusal(CheckOptions options) {
    if (options.preemptionBound().isPresent()) {
      // A state reached with fewer preemptions left has a smaller future: the count would
      // have to be part of the state, which leaves little to share.
      return "--reduction states explores without a preemption bound; drop --preemption-bound or use --reduction dpor";
    }
    if (options.detectRaces()) {
      // Whether two accesses race depends on the path to them, not on the state.
      return "--reduction states cannot report data races, which depend on the path to a state; use --reduction dpor";
    }
    String frames = FrameSnapshot.unavailable();
    if (frames != null) {
      return "--reduction states is unavailable: " + frames;
    }
    return null;
  }
}
