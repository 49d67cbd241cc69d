package pinmc.difftest;

import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import pinmc.api.Atomic;
import pinmc.api.Choice;
import pinmc.api.Invariants;

/**
 * The one model the differential tester checks: an interpreter of a small concurrent program
 * given as a string (its only argument, the format {@link Program#encode()} writes and {@link
 * Program#parse} documents). It runs the program deterministically: every schedule-dependent
 * value comes from a scheduling point of the engine.
 *
 * <p>The interpreter walks the program text with {@code String.charAt} (JDK code, never a
 * scheduling point) and keeps its own position and each thread's result in locals, so the only
 * scheduling points are the operations' own. Shared state: plain, volatile and array ints
 * (variables 0-5), monitors, an atomic integer, reference and integer array, a reentrant lock
 * with a condition, a read-write lock, a semaphore of one permit and latches of count 1 and 2.
 * Each thread folds what it observes into one local result. When every thread has joined, main
 * adds the final state (the shared values, each thread's result and interrupt status) to the
 * system property {@value #STATES}, which outlives an execution.
 */
public class DiffProgram {
  /** The system property final states are appended to, separated by {@code ;}. */
  public static final String STATES = "pinmc.difftest.states";
  static final int MAX_THREADS = 4;

  static int plain0;
  static int plain1;
  static volatile int volatile0;
  static volatile int volatile1;
  static final int[] ARRAY = new int[2];
  static final Monitor MONITOR0 = new Monitor();
  static final Monitor MONITOR1 = new Monitor();
  static final AtomicInteger ATOMIC = new AtomicInteger();
  static final AtomicReference<Integer> REFERENCE = new AtomicReference<>(0);
  static final AtomicIntegerArray ATOMIC_ARRAY = new AtomicIntegerArray(2);
  static final ReentrantLock LOCK = new ReentrantLock();
  static final Condition CONDITION = LOCK.newCondition();
  static final ReentrantReadWriteLock RW = new ReentrantReadWriteLock();
  static final Semaphore SEMAPHORE = new Semaphore(1);
  static final CountDownLatch LATCH0 = new CountDownLatch(1);
  static final CountDownLatch LATCH1 = new CountDownLatch(2);
  static final Thread[] THREADS = new Thread[MAX_THREADS];
  static final int[] RESULTS = new int[MAX_THREADS];
  static final int[] INTERRUPTED = new int[MAX_THREADS];

  /** Marks a caught {@code InterruptedException} in a thread's result. */
  private static final int INTERRUPTED_MARK = 7;

  /** A monitor with synchronized instance methods. */
  static final class Monitor {
    synchronized int run(String code, int from, int to, int me, int local) {
      return exec(code, from, to, me, local);
    }
  }

  public static void main(String[] args) {
    String program = args[0];
    int hash = program.indexOf('#');
    String header = program.substring(0, hash);
    String[] threads = program.substring(hash + 1).split("\\|", -1);
    if (header.length() == 5 && header.charAt(0) == 'I') {
      int a = header.charAt(1) - '0';
      int b = header.charAt(2) - '0';
      int c = header.charAt(3) - '0';
      int d = header.charAt(4) - '0';
      Invariants.register("inv", () -> !(read(a) == b && read(c) == d));
    }
    THREADS[0] = Thread.currentThread();
    for (int t = 1; t < threads.length; t++) {
      String code = threads[t];
      int me = t;
      THREADS[t] = new Thread(() -> {
        int local = exec(code, 0, code.length(), me, 0);
        record(me, local);
      }, "t" + t);
    }
    String mainCode = threads[0];
    int local = exec(mainCode, 0, mainCode.length(), 0, 0);
    for (int t = 1; t < threads.length; t++) {
      if (!startsAtTopLevel(mainCode, t)) {
        THREADS[t].start();
      }
    }
    for (int t = 1; t < threads.length; t++) {
      while (true) {
        try {
          THREADS[t].join();
          break;
        } catch (InterruptedException e) {
          local = local * 2 + INTERRUPTED_MARK; // an interrupt from a child; join again
        }
      }
    }
    record(0, local);
    StringBuilder state = new StringBuilder();
    for (int v = 0; v < 6; v++) {
      state.append(read(v)).append(',');
    }
    state.append(ATOMIC.get()).append(',').append(REFERENCE.get()).append(',')
        .append(ATOMIC_ARRAY.get(0)).append(',').append(ATOMIC_ARRAY.get(1)).append(" /");
    for (int t = 0; t < threads.length; t++) {
      state.append(' ').append(RESULTS[t]).append(INTERRUPTED[t] == 1 ? "i" : "");
    }
    System.setProperty(STATES, System.getProperty(STATES, "") + state + ";");
  }

  /**
   * Records a thread's result and interrupt status in one step, so that plain enumeration does
   * not multiply its interleavings by three more scheduling points per thread.
   */
  static void record(int me, int local) {
    Atomic.run(() -> {
      RESULTS[me] = local;
      INTERRUPTED[me] = Thread.currentThread().isInterrupted() ? 1 : 0;
    });
  }

  /** Whether main's own code starts thread {@code t} (start operations are only at main's top level). */
  static boolean startsAtTopLevel(String code, int t) {
    int depth = 0;
    for (int i = 0; i < code.length(); i++) {
      char ch = code.charAt(i);
      if (ch == '{') {
        depth++;
      } else if (ch == '}') {
        depth--;
      } else if (depth == 0 && ch == 's' && (i == 0 || code.charAt(i - 1) == ';') && code.charAt(i + 1) - '0' == t) {
        return true;
      }
    }
    return false;
  }

  static int read(int v) {
    return switch (v) {
      case 0 -> plain0;
      case 1 -> plain1;
      case 2 -> volatile0;
      case 3 -> volatile1;
      default -> ARRAY[v - 4];
    };
  }

  static void write(int v, int value) {
    switch (v) {
      case 0 -> plain0 = value;
      case 1 -> plain1 = value;
      case 2 -> volatile0 = value;
      case 3 -> volatile1 = value;
      default -> ARRAY[v - 4] = value;
    }
  }

  static Object monitor(int m) {
    return m == 0 ? MONITOR0 : m == 1 ? MONITOR1 : DiffProgram.class;
  }

  static CountDownLatch latch(int l) {
    return l == 0 ? LATCH0 : LATCH1;
  }

  static synchronized int runStaticSynchronized(String code, int from, int to, int me, int local) {
    return exec(code, from, to, me, local);
  }

  /** The index just past the '}' that closes the '{' at {@code open}. */
  static int close(String code, int open) {
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char ch = code.charAt(i);
      if (ch == '{') {
        depth++;
      } else if (ch == '}' && --depth == 0) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("unbalanced braces in " + code);
  }

  /** Runs the operations in {@code code[from, to)} as thread {@code me}; returns the thread's new result. */
  static int exec(String code, int from, int to, int me, int local) {
    int i = from;
    while (i < to) {
      char kind = code.charAt(i);
      int a = code.charAt(i + 1) - '0';
      int b = code.charAt(i + 2) - '0';
      i += 3;
      int bodyFrom = i;
      int bodyTo = i;
      if (i < to && code.charAt(i) == '{') {
        int end = close(code, i);
        bodyFrom = i + 1;
        bodyTo = end - 1;
        i = end;
      }
      if (i < to && code.charAt(i) == ';') {
        i++;
      }
      local = step(kind, a, b, code, bodyFrom, bodyTo, me, local);
    }
    return local;
  }

  /** One operation; the letters are those of {@link Op.Kind}. */
  @SuppressWarnings("removal")
  static int step(char kind, int a, int b, String code, int bodyFrom, int bodyTo, int me, int local) {
    try {
      switch (kind) {
        // shared variables
        case 'r' -> local = local * 3 + read(a);
        case 'w' -> write(a, local + me + 1);
        case 'k' -> write(a, b);
        case 'i' -> write(a, read(a) + 1);
        case 'd' -> local = local + 12 / (read(a) - b);
        case 'x' -> {
          assert read(a) != b : "variable " + a + " is " + b;
        }
        // monitors
        case 'S' -> {
          synchronized (monitor(a)) {
            local = exec(code, bodyFrom, bodyTo, me, local);
          }
        }
        case 'M' -> local = a == 2 ? runStaticSynchronized(code, bodyFrom, bodyTo, me, local)
            : (a == 0 ? MONITOR0 : MONITOR1).run(code, bodyFrom, bodyTo, me, local);
        case 'W' -> {
          if (b == 0) {
            monitor(a).wait();
          } else {
            while (read(b - 1) == 0) {
              monitor(a).wait();
            }
          }
        }
        case 'T' -> monitor(a).wait(1);
        case 'N' -> monitor(a).notify();
        case 'A' -> monitor(a).notifyAll();
        // threads
        case 's' -> THREADS[a].start();
        case 'j' -> {
          if (b == 0) {
            THREADS[a].join();
          } else {
            THREADS[a].join(1);
          }
        }
        case 'l' -> Thread.sleep(1);
        case 'y' -> Thread.yield();
        case 'o' -> Thread.onSpinWait();
        case 'O' -> {
          for (int n = 0; n < 2 && read(a) == 0; n++) {
            Thread.onSpinWait();
          }
        }
        case 'Q' -> {
          for (int n = 0; n < 2 && !Thread.currentThread().isInterrupted(); n++) {
            Thread.onSpinWait();
          }
        }
        case 'I' -> THREADS[a].interrupt();
        case 'h' -> local = local * 2 + (Thread.currentThread().isInterrupted() ? 1 : 0);
        case 'H' -> local = local * 2 + (Thread.interrupted() ? 1 : 0);
        case 'v' -> local = local * 2 + (THREADS[a].isAlive() ? 1 : 0);
        case 'p' -> LockSupport.park();
        case 'P' -> LockSupport.parkNanos(1_000_000L);
        case 'u' -> LockSupport.unpark(THREADS[a]);
        // atomics
        case 'g' -> local = local * 3 + ATOMIC.get();
        case 'G' -> ATOMIC.set(local + me + 1);
        case 'n' -> local = local * 3 + ATOMIC.incrementAndGet();
        case 'c' -> local = local * 2 + (ATOMIC.compareAndSet(b, local + me + 1) ? 1 : 0);
        case 'e' -> local = local * 3 + REFERENCE.getAndSet(local + me + 1);
        case 'f' -> local = local * 3 + REFERENCE.get();
        case 'q' -> local = local * 3 + ATOMIC_ARRAY.incrementAndGet(a);
        // java.util.concurrent.locks
        case 'K' -> {
          LOCK.lock();
          try {
            local = exec(code, bodyFrom, bodyTo, me, local);
          } finally {
            LOCK.unlock();
          }
        }
        case 'U' -> {
          boolean locked = a == 0 ? LOCK.tryLock() : LOCK.tryLock(1, TimeUnit.MILLISECONDS);
          if (locked) {
            try {
              local = exec(code, bodyFrom, bodyTo, me, local * 2 + 1);
            } finally {
              LOCK.unlock();
            }
          } else {
            local = local * 2;
          }
        }
        case 'B' -> {
          if (a == 1) {
            local = local * 2 + (CONDITION.await(1, TimeUnit.MILLISECONDS) ? 1 : 0);
          } else if (b == 0) {
            CONDITION.await();
          } else {
            while (read(b - 1) == 0) {
              CONDITION.await();
            }
          }
        }
        case 'D' -> {
          if (a == 0) {
            CONDITION.signal();
          } else {
            CONDITION.signalAll();
          }
        }
        case 'R', 'X' -> {
          java.util.concurrent.locks.Lock lock = kind == 'R' ? RW.readLock() : RW.writeLock();
          lock.lock();
          try {
            local = exec(code, bodyFrom, bodyTo, me, local);
          } finally {
            lock.unlock();
          }
        }
        // java.util.concurrent.Semaphore, one permit to start with
        case 'E' -> {
          boolean acquired = true;
          if (a == 0) {
            SEMAPHORE.acquire();
          } else {
            acquired = SEMAPHORE.tryAcquire();
            local = local * 2 + (acquired ? 1 : 0);
          }
          if (acquired) {
            try {
              local = exec(code, bodyFrom, bodyTo, me, local);
            } finally {
              SEMAPHORE.release();
            }
          }
        }
        case 'V' -> SEMAPHORE.release();
        case 'L' -> local = local * 3 + SEMAPHORE.availablePermits();
        // java.util.concurrent.CountDownLatch: latch 0 counts from 1, latch 1 from 2
        case 'C' -> latch(a).countDown();
        case 'J' -> {
          if (b == 1) {
            local = local * 2 + (latch(a).await(1, TimeUnit.MILLISECONDS) ? 1 : 0);
          } else {
            latch(a).await();
          }
        }
        case 'm' -> local = local * 3 + (int) latch(a).getCount();
        // the model API and data choices
        case 'Z' -> local = local * 2 + Choice.nextInt(a);
        case 'Y' -> local = local * 3 + new Random(1).nextInt(a);
        case 'a' -> {
          int before = local;
          local = Atomic.callInt(() -> exec(code, bodyFrom, bodyTo, me, before));
        }
        case 'b' -> {
          int before = local;
          Atomic.run(() -> exec(code, bodyFrom, bodyTo, me, before));
        }
        case 'F' -> {
          int before = local;
          Atomic.when(() -> read(a) != 0, () -> exec(code, bodyFrom, bodyTo, me, before));
        }
        default -> throw new IllegalArgumentException("unknown operation '" + kind + "' in " + code);
      }
    } catch (InterruptedException e) {
      local = local * 2 + INTERRUPTED_MARK;
    }
    return local;
  }
}
