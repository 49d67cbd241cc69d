package pinmc.embedded.runtime.juc;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import pinmc.embedded.runtime.CountDownLatches;

/**
 * What {@code new CountDownLatch(n)} creates in model code: every operation goes through the
 * engine's {@code CountDownLatches} instead of the JDK's queue, whose parking the engine could
 * not see. The engine keeps the count per execution; this object only remembers where it
 * started. A timed {@code await} may time out at any point, which covers every timing a real
 * clock gives, whatever the timeout.
 */
public class ModelCountDownLatch extends CountDownLatch {
  private final int initialCount;

  public ModelCountDownLatch(int count) {
    super(count); // refuses a negative count, as the JDK's does
    this.initialCount = count;
  }

  @Override
  public void await() throws InterruptedException {
    CountDownLatches.await(this, initialCount);
  }

  @Override
  public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return CountDownLatches.timedAwait(this, initialCount);
  }

  @Override
  public void countDown() {
    CountDownLatches.countDown(this, initialCount);
  }

  @Override
  public long getCount() {
    return CountDownLatches.getCount(this, initialCount);
  }

  @Override
  public String toString() {
    return "CountDownLatch";
  }
}
