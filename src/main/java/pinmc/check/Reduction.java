package pinmc.check;

/** How much of the interleaving space the embedded engine may skip as equivalent. */
public enum Reduction {
  /**
   * Optimal dynamic partial-order reduction (source sets, sleep sets and wakeup trees): one
   * execution per equivalence class (Mazurkiewicz trace) of interleavings.
   */
  DPOR,
  /**
   * Source-set DPOR with sleep sets but no wakeup trees: also explores every equivalence
   * class, but may start executions that its sleep sets then block as redundant.
   */
  SOURCE,
  /** Plain enumeration of every interleaving: slow, and the reference DPOR is checked against. */
  NONE,
  /**
   * Plain enumeration with state caching: an execution stops where it reaches a state (heap,
   * each thread's frames and the engine's synchronisation state) that an earlier one reached,
   * whose future was explored from there. Suits programs whose threads block and wake each
   * other, where many interleavings lead to one state.
   */
  STATES,
  /**
   * Stateful DPOR: source-set DPOR with sleep sets that stops an execution where it reaches a
   * state whose future an earlier execution explored in full (and with no thread asleep that
   * is awake now), treating every step of that future as racing with the path: fewer
   * executions than DPOR where many traces meet in one state, fewer states than {@link
   * #STATES} where steps commute.
   */
  STATEFUL,
  /**
   * {@link #DPOR}, until an execution has a thread wait on a monitor or a condition
   * ({@code Object.wait}, {@code Condition.await}) or park ({@code LockSupport.park}): then the
   * search starts again under {@link #STATEFUL}. Waiting threads re-check their guards in loops, and every order of those
   * checks, wake-ups and critical sections is a trace of its own, many of them meeting in one
   * state: DPOR's executions grow with the traces, stateful DPOR's with the states. Stays
   * {@link #DPOR} where stateful DPOR refuses the options (a preemption bound, data races).
   */
  AUTO;

  /** The name {@code --reduction} takes. */
  public String optionName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
