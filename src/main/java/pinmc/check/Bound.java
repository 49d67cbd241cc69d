package pinmc.check;

/** The bounds that can cut a search short; a search cut by one is {@link Verdict#INCONCLUSIVE}. */
public enum Bound {
  /** One execution took more steps than {@code maxSteps}: a thread may spin forever. */
  STEPS("max-steps"),
  /** Schedules with more preemptions than the preemption bound were not explored. */
  PREEMPTIONS("preemption-bound"),
  /** The search reached {@code maxExecutions}. */
  EXECUTIONS("max-executions"),
  /** The search ran out of its wall-clock budget. */
  TIME("time-limit"),
  /** A thread ran without reaching a scheduling point for longer than the engine waits. */
  LOCAL_PROGRESS("local-progress");

  private final String optionName;

  Bound(String optionName) {
    this.optionName = optionName;
  }

  /** The name of the option (or limit) that set this bound. */
  public String optionName() {
    return optionName;
  }
}
