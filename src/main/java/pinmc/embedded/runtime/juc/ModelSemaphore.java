package pinmc.embedded.runtime.juc;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import pinmc.embedded.runtime.Semaphores;

/**
 * What {@code new Semaphore(n)} creates in model code: every operation goes through the
 * engine's {@code Semaphores} instead of the JDK's queue, whose parking the engine could not
 * see. The engine keeps the permits per execution; this object only remembers how many it
 * started with.
 *
 * <p>{@code hasQueuedThreads} and {@code getQueueLength} are final in the JDK class, so
 * they would answer from its own, unused, queue: the instrumenter refuses calls to them.
 */
public class ModelSemaphore extends Semaphore {
  private static final long serialVersionUID = 1L;

  private final int initialPermits;

  public ModelSemaphore(int permits) {
    super(permits);
    this.initialPermits = permits;
  }

  public ModelSemaphore(int permits, boolean fair) {
    // Fairness orders real waiting threads; the search explores every order anyway.
    super(permits, fair);
    this.initialPermits = permits;
  }

  @Override
  public void acquire() throws InterruptedException {
    Semaphores.acquire(this, initialPermits, 1, true);
  }

  @Override
  public void acquire(int permits) throws InterruptedException {
    Semaphores.acquire(this, initialPermits, permits, true);
  }

  @Override
  public void acquireUninterruptibly() {
    acquireUninterruptibly(1);
  }

  @Override
  public void acquireUninterruptibly(int permits) {
    try {
      Semaphores.acquire(this, initialPermits, permits, false);
    } catch (InterruptedException e) {
      throw new AssertionError("an uninterruptible acquisition was interrupted", e);
    }
  }

  @Override
  public boolean tryAcquire() {
    return Semaphores.tryAcquire(this, initialPermits, 1);
  }

  @Override
  public boolean tryAcquire(int permits) {
    return Semaphores.tryAcquire(this, initialPermits, permits);
  }

  @Override
  public boolean tryAcquire(long timeout, TimeUnit unit) {
    return Semaphores.tryAcquire(this, initialPermits, 1);
  }

  @Override
  public boolean tryAcquire(int permits, long timeout, TimeUnit unit) {
    return Semaphores.tryAcquire(this, initialPermits, permits);
  }

  @Override
  public void release() {
    Semaphores.release(this, initialPermits, 1);
  }

  @Override
  public void release(int permits) {
    Semaphores.release(this, initialPermits, permits);
  }

  @Override
  public int availablePermits() {
    return Semaphores.availablePermits(this, initialPermits);
  }

  @Override
  public int drainPermits() {
    return Semaphores.drainPermits(this, initialPermits);
  }

  /** The fairness given to the constructor, which the JDK class keeps: it is no state of the search. */
  @Override
  public boolean isFair() {
    return super.isFair();
  }

  @Override
  public String toString() {
    return "Semaphore";
  }
}
