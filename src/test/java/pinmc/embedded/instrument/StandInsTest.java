package pinmc.embedded.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;
import pinmc.embedded.runtime.Primitives;

/**
 * The engine's stand-ins for JDK classes (registered in {@link Primitives}): the instrumenter
 * rewrites {@code new} of the JDK class into the stand-in's constructor with the same
 * descriptor, and a call on the JDK class into a call the stand-in answers, so each constructor
 * must exist and each method be modelled by the stand-in or refused, never answered from the
 * JDK class's own, unused, state.
 */
class StandInsTest {
  private static Class<?> load(String internalName) throws ClassNotFoundException {
    return Class.forName(internalName.replace('/', '.'));
  }

  @Test
  void everyReplacedJdkClassIsReplacedByASubclassWithEachOfItsPublicConstructors() throws Exception {
    Map<String, String> replaced = Primitives.replacedJdkClasses();
    assertTrue(replaced.keySet().containsAll(Set.of("java/util/concurrent/locks/ReentrantLock",
        "java/util/concurrent/locks/ReentrantReadWriteLock", "java/util/concurrent/Semaphore",
        "java/util/concurrent/CountDownLatch")), replaced.toString());
    for (Map.Entry<String, String> e : replaced.entrySet()) {
      Class<?> jdk = load(e.getKey());
      Class<?> standIn = load(e.getValue());
      assertEquals(jdk, standIn.getSuperclass());
      for (Constructor<?> c : jdk.getConstructors()) {
        Constructor<?> own = standIn.getConstructor(c.getParameterTypes());
        assertTrue(Modifier.isPublic(own.getModifiers()), own.toString());
      }
    }
  }

  @Test
  void everyPublicMethodOfAReplacedJdkClassIsModelledByItsStandInOrRefused() throws Exception {
    Set<String> refused = new TreeSet<>();
    for (Map.Entry<String, String> e : Primitives.replacedJdkClasses().entrySet()) {
      Class<?> jdk = load(e.getKey());
      Class<?> standIn = load(e.getValue());
      for (Method m : jdk.getMethods()) {
        if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
          continue;
        }
        boolean modelled = standIn.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass() == standIn;
        String why = Constructs.unsupported(e.getKey(), m.getName(), Type.getMethodDescriptor(m));
        if (modelled) {
          assertNull(why, m.toString());
        } else {
          assertNotNull(why, m + " is answered by the JDK class");
          refused.add(jdk.getSimpleName() + "." + m.getName());
        }
      }
    }
    // Queries of the JDK classes' queues and of lock state the stand-ins do not model; the
    // latch's and the semaphore's stand-ins answer every method.
    assertEquals(Set.of("ReentrantLock.getQueueLength", "ReentrantLock.getWaitQueueLength", "ReentrantLock.hasQueuedThread",
        "ReentrantLock.hasQueuedThreads", "ReentrantLock.hasWaiters", "ReentrantLock.isFair", "ReentrantLock.isLocked",
        "ReentrantReadWriteLock.getQueueLength", "ReentrantReadWriteLock.getReadHoldCount",
        "ReentrantReadWriteLock.getReadLockCount", "ReentrantReadWriteLock.getWaitQueueLength",
        "ReentrantReadWriteLock.getWriteHoldCount", "ReentrantReadWriteLock.hasQueuedThread",
        "ReentrantReadWriteLock.hasQueuedThreads", "ReentrantReadWriteLock.hasWaiters", "ReentrantReadWriteLock.isFair",
        "ReentrantReadWriteLock.isWriteLocked", "ReentrantReadWriteLock.isWriteLockedByCurrentThread",
        "Semaphore.getQueueLength", "Semaphore.hasQueuedThreads"), refused);
  }

  @Test
  void aRefusalSaysWhetherTheMethodIsFinalOrNotModelled() {
    assertEquals("isLocked of java.util.concurrent.locks.ReentrantLock is not modelled by the engine's stand-in: "
        + "it would report the JDK class's own, unused, state",
        Constructs.unsupported("java/util/concurrent/locks/ReentrantLock", "isLocked", "()Z"));
    assertTrue(Constructs.unsupported("java/util/concurrent/Semaphore", "getQueueLength", "()I")
        .startsWith("getQueueLength is final in java.util.concurrent.Semaphore"));
    assertNull(Constructs.unsupported("java/util/concurrent/CountDownLatch", "await", "(JLjava/util/concurrent/TimeUnit;)Z"));
    assertNull(Constructs.unsupported("java/util/concurrent/CountDownLatch", "<init>", "(I)V"));
  }
}
