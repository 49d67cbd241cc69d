package pinmc.check;

/** A model checker that can check a {@link ModelTarget}. Engines are safe to use from several threads. */
public interface Engine {
  /** The name users select it by ({@code embedded}, {@code jpf}). */
  String name();

  /** Checks {@code target}; never throws for a broken model, which is an {@link Verdict#ERROR} result. */
  CheckResult check(ModelTarget target, CheckOptions options);

  /**
   * Runs the one execution that {@code schedule} determines and reports what it found, with
   * the full trace. Engines that cannot replay return an {@link Verdict#ERROR} result.
   */
  default CheckResult replay(ModelTarget target, CheckOptions options, Schedule schedule) {
    return CheckResult.error(target.name(), name(), "the " + name() + " engine cannot replay schedules");
  }
}
