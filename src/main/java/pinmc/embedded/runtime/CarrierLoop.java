package pinmc.embedded.runtime;

import java.time.Duration;
import java.util.List;
import pinmc.check.Bound;

/**
 * The search loop of a check run on a carrier of its own, which also drives the model threads
 * of its executions as continuations (JDK 21 and later, see {@link Continuations}); and the
 * watchdog that the check's own thread becomes meanwhile.
 *
 * <p>Why: with the loop on the check's thread, every execution cost two hand-overs between
 * platform threads (to a driver carrier and back), and a carrier's start. With the loop on the
 * driver, an execution is a method call: the first model thread's continuation runs on the
 * loop's own stack.
 *
 * <p>The cost is the watchdog. A model thread that runs in a JDK call without reaching a
 * scheduling point (its loops are counted, see {@link Hooks#backEdge}) holds the driver, and
 * the loop with it. The check's thread watches the running execution's progress; when a thread
 * has not handed over or stepped for the local-progress timeout, it ends that execution with
 * {@link Bound#LOCAL_PROGRESS}, naming where the thread is, abandons the driver (if the
 * thread ever comes back, the execution throws {@link Abandoned} there), and goes on with the
 * loop itself from that outcome through {@link Body#resume}, on its own thread, where each
 * execution has its own driver and watchdog again (see {@link TurnPassing#awaitEnd}).
 */
public final class CarrierLoop {
  /** A search loop that can be taken over after any execution. */
  public interface Body<R> {
    /** Runs the loop from its start (on the driver, or on the check's thread without continuations). */
    R run();

    /** Goes on with the loop after {@code ex} ended with {@code outcome}, on the thread that calls this. */
    R resume(Execution ex, Outcome outcome);
  }

  /** Thrown on an abandoned driver, once the thread stuck there comes back, to leave the loop. */
  static final class Abandoned extends Error {
    private static final long serialVersionUID = 1L;

    Abandoned() {
      super("abandoned by the watchdog", null, false, false);
    }
  }

  private final Carrier driver;
  private final Duration localProgressTimeout;
  /** Set when the watching thread is interrupted: the running execution and every later one end at once. */
  volatile boolean interrupted;
  private boolean done;
  private Object result;
  private Throwable failure;

  private CarrierLoop(Carrier driver, Duration localProgressTimeout) {
    this.driver = driver;
    this.localProgressTimeout = localProgressTimeout;
  }

  /**
   * Runs {@code body} on a carrier of {@code pool} that drives its executions' threads, and
   * watches it from the calling thread; without continuations, runs it on the calling thread.
   */
  public static <R> R run(CarrierPool pool, Duration localProgressTimeout, Body<R> body) {
    if (!Continuations.enabled()) {
      return body.run();
    }
    CarrierLoop loop = new CarrierLoop(pool.acquire(), localProgressTimeout);
    loop.driver.loop = loop;
    loop.driver.assign(() -> loop.runOnDriver(body));
    return loop.watch(body);
  }

  private void runOnDriver(Body<?> body) {
    Object r = null;
    Throwable thrown = null;
    try {
      r = body.run();
    } catch (Abandoned a) {
      return; // the watching thread has gone on with the loop
    } catch (Throwable t) {
      thrown = t;
    } finally {
      driver.loop = null;
    }
    synchronized (this) {
      result = r;
      failure = thrown;
      done = true;
      notifyAll();
    }
  }

  @SuppressWarnings("unchecked")
  private <R> R watch(Body<R> body) {
    long timeoutNanos = localProgressTimeout.toNanos();
    Execution watched = null;
    long lastMark = -1;
    long since = System.nanoTime();
    boolean wasInterrupted = false;
    try {
      while (true) {
        synchronized (this) {
          if (done) {
            break;
          }
          try {
            wait(100);
          } catch (InterruptedException e) {
            wasInterrupted = true;
            interrupted = true;
            Execution ex = driver.execution;
            if (ex != null) {
              ex.finish(new Outcome(Outcome.Kind.BOUND, null, null, "interrupted", List.of(), Bound.TIME));
            }
          }
          if (done) {
            break;
          }
        }
        Execution ex = driver.execution;
        long mark = ex == null ? -1 : ex.progressMark();
        if (ex != watched || mark != lastMark || ex == null) {
          watched = ex;
          lastMark = mark;
          since = System.nanoTime();
        } else if (System.nanoTime() - since > timeoutNanos) {
          Outcome stuck = ex.abandonStuck();
          if (stuck != null) {
            return body.resume(ex, stuck);
          }
          since = System.nanoTime(); // it ended meanwhile: the loop goes on
        }
      }
    } finally {
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    return (R) result;
  }
}
