package pinmc.jpf.runtime;

import gov.nasa.jpf.vm.Verify;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import pinmc.api.InvariantViolation;
import pinmc.api.spi.Backend;

/**
 * The model API under Java PathFinder. pinmc compiles it at run time against the user's
 * jpf-classes.jar and puts it on the model's class path; JPF's system property
 * {@code pinmc.backend} names it, so {@code pinmc.api.spi.Backends} picks it for every model
 * thread. JPF executes this class like model code, so it uses only what JPF explores
 * exactly: {@link Verify}'s atomic sections and choices, and one monitor.
 *
 * <ul>
 *   <li>An atomic block is a JPF atomic section: no thread switch inside it, and its start
 *       and end are scheduling points, so it is one step as in the embedded engine.
 *   <li>{@code Atomic.when} checks its guard inside an atomic section and runs its body in the
 *       same section when it holds. When it does not, the thread leaves the section and waits
 *       on a monitor until some atomic block has ended (the only steps that change what guards
 *       read in pinmc's kernel library), then tries again. A thread whose guard never holds
 *       again stays in {@code Object.wait}, which JPF's NotDeadlockedProperty counts as
 *       blocked. (JPF counts a thread that blocks inside an atomic section as a deadlock, so
 *       the wait must come after the section ends; the generation count closes the window
 *       in between against lost wake-ups.)
 *   <li>A choice is {@code Verify.getInt}, a JPF data choice point.
 *   <li>Invariants are checked when an outermost atomic block ends, still inside it, and
 *       at every choice. A failure throws {@link InvariantViolation}, which pinmc's listener
 *       reports at once by name.
 * </ul>
 */
public final class JpfBackend implements Backend {
  private final Object wakeups = new Object();
  private final List<Registered> invariants = new ArrayList<>();
  /** Nesting of the atomic block running now; only one thread can be inside one at a time. */
  private int depth;
  /** Threads between seeing their guard false and waking up again. */
  private int waiters;
  /**
   * Atomic blocks ended while some thread waited: a waiter sleeps until it changes. Reset to
   * 0 when nobody waits, so that it does not make otherwise equal states look different to
   * JPF's state matching.
   */
  private int generation;

  private record Registered(String name, BooleanSupplier holds, Supplier<String> message) {}

  @Override
  public void atomicBegin() {
    Verify.beginAtomic();
    depth++;
  }

  @Override
  public void atomicBeginWhen(BooleanSupplier guard) {
    Verify.beginAtomic();
    while (!guard.getAsBoolean()) {
      if (depth > 0) {
        Verify.endAtomic();
        throw new IllegalStateException("Atomic.when inside an atomic block: the block would have to block");
      }
      int seen = generation;
      waiters++;
      Verify.endAtomic();
      synchronized (wakeups) {
        while (generation == seen) {
          try {
            wakeups.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in Atomic.when", e);
          }
        }
      }
      Verify.beginAtomic();
      if (--waiters == 0) {
        generation = 0;
      }
    }
    depth++;
  }

  @Override
  public void atomicEnd() {
    if (depth == 0) {
      throw new IllegalStateException("Atomic.end() without Atomic.begin()");
    }
    if (--depth > 0) {
      Verify.endAtomic();
      return;
    }
    boolean wake = waiters > 0;
    if (wake) {
      generation++;
    }
    try {
      checkInvariants();
    } finally {
      Verify.endAtomic();
      if (wake) {
        synchronized (wakeups) {
          wakeups.notifyAll();
        }
      }
    }
  }

  @Override
  public int choose(int bound) {
    Verify.beginAtomic();
    try {
      checkInvariants();
      return Verify.getInt(0, bound - 1);
    } finally {
      Verify.endAtomic();
    }
  }

  @Override
  public void registerInvariant(String name, BooleanSupplier holds, Supplier<String> message) {
    Verify.beginAtomic();
    try {
      invariants.add(new Registered(name, holds, message));
    } finally {
      Verify.endAtomic();
    }
  }

  @Override
  public void invariantFailed(String name, String message) {
    throw new InvariantViolation(name, message);
  }

  private void checkInvariants() {
    for (Registered r : invariants) {
      if (!r.holds().getAsBoolean()) {
        throw new InvariantViolation(r.name(), r.message().get());
      }
    }
  }
}
