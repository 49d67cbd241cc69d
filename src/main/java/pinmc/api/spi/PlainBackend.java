package pinmc.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import pinmc.api.InvariantViolation;

/**
 * The model API in a plain JVM (and under Java PathFinder, which explores what this class
 * does): atomic blocks share one global monitor, guarded blocks wait on it, choices come
 * from {@link Random} (which JPF enumerates with {@code cg.enumerate_random}), and every
 * registered invariant is checked when an outermost atomic block ends, throwing
 * {@link InvariantViolation}.
 *
 * <p>It uses only {@code synchronized}, {@code wait} and {@code notifyAll} so that any
 * checker of Java programs can explore it.
 */
public final class PlainBackend implements Backend {
  private final Object monitor = new Object();
  private final Random random = new Random();
  private final List<Registered> invariants = new ArrayList<>();
  private Thread owner;
  private int depth;

  private record Registered(String name, BooleanSupplier holds, Supplier<String> message) {}

  @Override
  public void atomicBegin() {
    synchronized (monitor) {
      Thread me = Thread.currentThread();
      while (owner != null && owner != me) {
        awaitMonitor();
      }
      owner = me;
      depth++;
    }
  }

  @Override
  public void atomicBeginWhen(BooleanSupplier guard) {
    synchronized (monitor) {
      Thread me = Thread.currentThread();
      while ((owner != null && owner != me) || !guard.getAsBoolean()) {
        awaitMonitor();
      }
      owner = me;
      depth++;
    }
  }

  @Override
  public void atomicEnd() {
    synchronized (monitor) {
      if (owner != Thread.currentThread()) {
        throw new IllegalStateException("Atomic.end() without Atomic.begin()");
      }
      if (--depth == 0) {
        owner = null;
        monitor.notifyAll();
        checkInvariants();
      }
    }
  }

  @Override
  public int choose(int bound) {
    synchronized (monitor) {
      return random.nextInt(bound);
    }
  }

  @Override
  public void registerInvariant(String name, BooleanSupplier holds, Supplier<String> message) {
    synchronized (monitor) {
      invariants.add(new Registered(name, holds, message));
    }
  }

  @Override
  public void invariantFailed(String name, String message) {
    throw new InvariantViolation(name, message);
  }

  /** Forgets every registered invariant, for running several plain models in one JVM. */
  public void clearInvariants() {
    synchronized (monitor) {
      invariants.clear();
    }
  }

  private void checkInvariants() {
    for (Registered r : invariants) {
      if (!r.holds().getAsBoolean()) {
        throw new InvariantViolation(r.name(), r.message().get());
      }
    }
  }

  private void awaitMonitor() {
    try {
      monitor.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an atomic block", e);
    }
  }
}
