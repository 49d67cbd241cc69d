package pinmc.kernel;

import pinmc.api.Atomic;

/** A sleeping lock ({@code struct mutex}), such as a driver's page-table lock. */
public final class Mutex {
  final String name;
  /** The holder's thread name, or null. */
  String owner;

  public Mutex(String name) {
    this.name = name;
  }

  /** {@code mutex_lock}. */
  public static void mutexLock(Mutex lock) {
    String me = Thread.currentThread().getName();
    Atomic.when(() -> lock.owner == null, () -> lock.owner = me);
  }

  /** {@code mutex_unlock}. */
  public static void mutexUnlock(Mutex lock) {
    String me = Thread.currentThread().getName();
    Atomic.run(
        () -> {
          Bug.on(!me.equals(lock.owner), "mutex-unlock-owner", lock + " unlocked by " + me + ", held by " + lock.owner);
          lock.owner = null;
        });
  }

  @Override
  public String toString() {
    return name;
  }
}
