package pinmc.embedded.runtime.juc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import pinmc.embedded.runtime.ExclusiveLocks;
import pinmc.embedded.runtime.Hooks;
import pinmc.embedded.runtime.ReadWriteLocks;

/**
 * What {@code new ReentrantReadWriteLock()} creates in model code. As in the JDK, a read
 * hold cannot be upgraded to a write hold (the writer would wait for itself), and the write
 * lock's holder may also take the read lock.
 */
public class ModelReentrantReadWriteLock extends ReentrantReadWriteLock {
  private static final long serialVersionUID = 1L;
  private final ReadLock read = new Read(this);
  private final WriteLock write = new Write(this);

  public ModelReentrantReadWriteLock() {}

  public ModelReentrantReadWriteLock(boolean fair) {}

  @Override
  public ReadLock readLock() {
    return read;
  }

  @Override
  public WriteLock writeLock() {
    return write;
  }

  @Override
  public String toString() {
    return "ReentrantReadWriteLock";
  }

  private static final class Read extends ReadLock {
    private static final long serialVersionUID = 1L;
    private final ModelReentrantReadWriteLock owner;

    Read(ModelReentrantReadWriteLock owner) {
      super(owner);
      this.owner = owner;
    }

    @Override
    public void lock() {
      ReadWriteLocks.readLock(owner);
    }

    @Override
    public void lockInterruptibly() {
      ReadWriteLocks.readLock(owner);
    }

    @Override
    public boolean tryLock() {
      return ReadWriteLocks.tryReadLock(owner);
    }

    @Override
    public boolean tryLock(long timeout, TimeUnit unit) {
      return tryLock();
    }

    @Override
    public void unlock() {
      ReadWriteLocks.readUnlock(owner);
    }
  }

  private static final class Write extends WriteLock {
    private static final long serialVersionUID = 1L;
    private final ModelReentrantReadWriteLock owner;

    Write(ModelReentrantReadWriteLock owner) {
      super(owner);
      this.owner = owner;
    }

    @Override
    public void lock() {
      ReadWriteLocks.writeLock(owner);
    }

    @Override
    public void lockInterruptibly() {
      ReadWriteLocks.writeLock(owner);
    }

    @Override
    public boolean tryLock() {
      return ReadWriteLocks.tryWriteLock(owner);
    }

    @Override
    public boolean tryLock(long timeout, TimeUnit unit) {
      return tryLock();
    }

    @Override
    public void unlock() {
      ExclusiveLocks.unlock(owner);
    }

    @Override
    public Condition newCondition() {
      ModelCondition c = new ModelCondition(owner);
      Hooks.allocated(c);
      return c;
    }

    @Override
    public boolean isHeldByCurrentThread() {
      return ExclusiveLocks.isHeldByCurrentThread(owner);
    }

    @Override
    public int getHoldCount() {
      return ExclusiveLocks.holdCount(owner);
    }
  }
}
