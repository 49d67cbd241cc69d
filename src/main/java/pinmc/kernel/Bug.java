package pinmc.kernel;

import pinmc.api.Invariants;

/**
 * The kernel's {@code BUG_ON}/{@code VM_BUG_ON_PAGE}/{@code WARN_ON} for conditions that only
 * make sense at one point of an operation (unlocking a page nobody locked, dropping a
 * reference that is not there): a named invariant failing there, so a checker reports it by
 * name with the model's schedule.
 */
final class Bug {
  private Bug() {}

  /** Fails invariant {@code name} with {@code message} when {@code condition} holds. */
  static void on(boolean condition, String name, String message) {
    if (condition) {
      Invariants.check(name, false, message);
    }
  }
}
