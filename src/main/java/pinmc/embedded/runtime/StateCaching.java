package pinmc.embedded.runtime;

import java.util.List;
import pinmc.check.Bound;
import pinmc.check.CheckOptions;
import pinmc.embedded.search.Explorer;
import pinmc.embedded.search.StateCache;

/**
 * State caching ({@code --reduction states}, and {@code stateful} under DPOR) in one execution: each thread's frames taken at
 * its scheduling points, and at each state the execution reaches for the first time on its
 * path, the fingerprint and what the search makes of it: go on, stop (reached before), or a
 * loop that can go on forever. Also when state caching is refused.
 */
public final class StateCaching {
  private final Execution ex;
  private final StateCache states;
  private final DefinedClasses modelClasses;
  /** While a fingerprint is taken: class initialisers it triggers leave the model alone (see {@link Hooks#classEpoch}). */
  private volatile boolean fingerprinting;

  private StateCaching(Execution ex, StateCache states, DefinedClasses modelClasses) {
    this.ex = ex;
    this.states = states;
    this.modelClasses = modelClasses;
  }

  /** State caching for {@code ex}, or null if its search does not cache states. */
  static StateCaching of(Execution ex, Explorer explorer, ClassLoader modelLoader) {
    return explorer.stateCache() != null && modelLoader instanceof DefinedClasses d ? new StateCaching(ex, explorer.stateCache(), d) : null;
  }

  /** Why {@code options} rule out state caching, as one line, or null if they do not. */
  public static String refusal(CheckOptions options) {
    String option = "--reduction " + options.reduction().optionName();
    if (options.preemptionBound().isPresent()) {
      // A state reached with fewer preemptions left has a smaller future: the count would
      // have to be part of the state, which leaves little to share.
      return option + " explores without a preemption bound; drop --preemption-bound or use --reduction dpor";
    }
    if (options.detectRaces()) {
      // Whether two accesses race depends on the path to them, not on the state.
      return option + " cannot report data races, which depend on the path to a state; use --reduction dpor";
    }
    String frames = FrameSnapshot.unavailable();
    if (frames != null) {
      return option + " is unavailable: " + frames;
    }
    return null;
  }

  boolean fingerprinting() {
    return fingerprinting;
  }

  /**
   * {@code me} reached a scheduling point before decision {@code depth}: it takes its frames,
   * unless the replayed prefix has it run again before any state is fingerprinted.
   */
  void atSchedulingPoint(ModelThread me, int depth) {
    if (!states.replaysStepOf(me.id, depth)) {
      FrameSnapshot.Captured c = FrameSnapshot.capture(states.frameDepth(me.id));
      me.frames = c.frames();
      states.frameDepth(me.id, c.walked());
    }
  }

  /**
   * Before decision {@code depth}: the outcome that ends the execution here (the state was
   * reached before, or the model cannot be fingerprinted), or null to go on.
   */
  Outcome visit(int depth) {
    if (!states.isNewState(depth)) {
      return null;
    }
    byte[] state;
    fingerprinting = true;
    try {
      state = StateFingerprint.of(ex, modelClasses.definedClasses());
    } catch (StateFingerprint.Refused r) {
      return new Outcome(Outcome.Kind.ERROR, null, null,
          "state caching cannot be used for this model: " + r.getMessage() + "; check it with --reduction dpor",
          List.of(), null);
    } finally {
      fingerprinting = false;
    }
    return switch (states.visit(depth, state)) {
      case NEW -> null;
      case REACHED_BEFORE -> Outcome.of(Outcome.Kind.STATE_MATCHED);
      // As a loop that never ends does without state caching: a bound, not a pass.
      case ON_THIS_PATH -> new Outcome(Outcome.Kind.BOUND, null, null,
          "the execution returned at step " + depth + " to the state it was in at step " + states.repeatedFrom()
              + (ex.threads.last == null ? ""
                  : "; thread " + ex.threads.last.name() + " was last at " + ex.sites.location(ex.threads.last.opSite))
              + " (a loop that can go on forever)",
          List.of(), Bound.STEPS);
    };
  }
}
