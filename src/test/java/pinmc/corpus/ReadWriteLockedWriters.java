package pinmc.corpus;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Two writers under one read-write lock, each setting a field of its own: both orders of the
 * critical sections end in the same state. State caching must see that: the JDK class the
 * engine's stand-in replaces keeps a ThreadLocal whose hash code comes from a JVM-wide
 * counter, and when the fingerprint read it, no state of one execution ever matched one of
 * another.
 */
public class ReadWriteLockedWriters {
  static final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  static int a;
  static int b;

  public static void main(String[] args) throws InterruptedException {
    Thread first = new Thread(() -> {
      lock.writeLock().lock();
      a = 1;
      lock.writeLock().unlock();
    });
    Thread second = new Thread(() -> {
      lock.writeLock().lock();
      b = 1;
      lock.writeLock().unlock();
    });
    first.start();
    second.start();
    first.join();
    second.join();
    assert a == 1 && b == 1;
  }
}
