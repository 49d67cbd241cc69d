package pinmc.embedded.instrument;

import pinmc.embedded.runtime.JdkObjects;

/**
 * The calls in model code that {@link MethodRewriter} replaces with calls into the runtime:
 * {@code Object.wait}/{@code notify}, {@code Thread} life-cycle and interrupt calls,
 * {@code LockSupport}, {@code java.util.concurrent.atomic}, an enumerated {@code Random}, and
 * calls that may land on a JDK object the engine controls (through a {@link CallWrappers}
 * wrapper). Each replacement is an entry of {@link HookCall}.
 */
final class CallRewriter implements org.objectweb.asm.Opcodes {
  private final MethodRewriter out;
  private final Instrumenter.ClassRewriter cls;

  CallRewriter(MethodRewriter out, Instrumenter.ClassRewriter cls) {
    this.out = out;
    this.cls = cls;
  }

  /**
   * Writes a call of {@code hook} in place of the original, with the call's site number as
   * its last argument if it takes one; returns false, writing nothing, for no hook.
   */
  private boolean replaceWith(HookCall hook) {
    if (hook == null) {
      return false;
    }
    if (hook.takesSite()) {
      out.push(out.site(0));
    }
    out.hook(hook);
    return true;
  }

  /** Writes the replacement of a call and returns true, or returns false if the call stays as it is. */
  boolean rewrite(int opcode, String owner, String name, String desc, boolean isInterface) {
    return rewriteObjectMonitorCall(opcode, name, desc)
        || rewriteThreadCall(opcode, owner, name, desc)
        || rewriteLockSupport(opcode, owner, name, desc)
        || rewriteAtomic(opcode, owner, name, desc)
        || rewriteRandom(opcode, owner, name, desc)
        || rewriteJdkCall(opcode, owner, name, desc, isInterface);
  }

  /** A call that may land on a JDK collection or builder: through a wrapper that makes it one step (see JdkCalls). */
  private boolean rewriteJdkCall(int opcode, String owner, String name, String desc, boolean isInterface) {
    int mode = JdkCalls.mode(opcode, owner, name, desc);
    if (mode < 0 || (!owner.equals("java/lang/Object") && cls.hierarchy().isSubtypeOf(cls.className, owner))) {
      return false; // a call through our own superclass may be protected: the wrapper could not make it
    }
    out.push(out.site(cls.fieldId(JdkObjects.STATE_OWNER, JdkObjects.STATE, false)));
    String[] wrapper = cls.wrappers.jdk(opcode, owner, name, desc, isInterface, mode);
    out.emitCall(INVOKESTATIC, cls.className, wrapper[0], wrapper[1], cls.isInterface);
    return true;
  }

  private boolean rewriteObjectMonitorCall(int opcode, String name, String desc) {
    if (opcode != INVOKEVIRTUAL && opcode != INVOKESPECIAL) {
      return false;
    }
    HookCall hook = switch (name + desc) {
      case "wait()V" -> HookCall.OBJECT_WAIT;
      case "wait(J)V" -> HookCall.OBJECT_WAIT_MILLIS;
      case "wait(JI)V" -> HookCall.OBJECT_WAIT_NANOS;
      case "notify()V" -> HookCall.OBJECT_NOTIFY;
      case "notifyAll()V" -> HookCall.OBJECT_NOTIFY_ALL;
      default -> null;
    };
    return replaceWith(hook);
  }

  private boolean rewriteThreadCall(int opcode, String owner, String name, String desc) {
    boolean threadOwner = owner.equals(Constructs.THREAD)
        || (opcode != INVOKESTATIC && cls.hierarchy().isSubtypeOf(owner, Constructs.THREAD));
    if (!threadOwner) {
      return false;
    }
    if (opcode == INVOKESTATIC) {
      return replaceWith(switch (name + desc) {
        case "currentThread()Ljava/lang/Thread;" -> HookCall.CURRENT_THREAD;
        case "sleep(J)V" -> HookCall.SLEEP;
        case "sleep(JI)V" -> HookCall.SLEEP_NANOS;
        case "yield()V", "onSpinWait()V" -> HookCall.YIELD;
        case "interrupted()Z" -> HookCall.INTERRUPTED;
        default -> null;
      });
    }
    if (!owner.equals(Constructs.THREAD) && declaresOwn(owner, name, desc)) {
      return false; // the model's own override runs
    }
    HookCall hook = switch (name + desc) {
      case "start()V" -> HookCall.THREAD_START;
      case "join()V" -> HookCall.THREAD_JOIN;
      case "join(J)V" -> HookCall.THREAD_JOIN_MILLIS;
      case "join(JI)V" -> HookCall.THREAD_JOIN_NANOS;
      case "interrupt()V" -> HookCall.THREAD_INTERRUPT;
      case "isInterrupted()Z" -> HookCall.THREAD_IS_INTERRUPTED;
      case "isAlive()Z" -> HookCall.THREAD_IS_ALIVE;
      case "getId()J" -> HookCall.THREAD_ID;
      default -> null;
    };
    return replaceWith(hook);
  }

  private boolean declaresOwn(String owner, String name, String desc) {
    // Conservative: only the model's classes can override; JDK subclasses of Thread do not matter here.
    for (String c = owner; c != null && !c.equals(Constructs.THREAD); c = cls.hierarchy().info(c).superName()) {
      if (ModelClassLoader.isShared(c.replace('/', '.'))) {
        return false;
      }
      if (cls.hierarchy().declaresMethod(c, name, desc)) {
        return true;
      }
    }
    return false;
  }

  private boolean rewriteLockSupport(int opcode, String owner, String name, String desc) {
    if (opcode != INVOKESTATIC || !owner.equals("java/util/concurrent/locks/LockSupport")) {
      return false;
    }
    HookCall hook = switch (name + desc) {
      case "park()V" -> HookCall.PARK;
      case "park(Ljava/lang/Object;)V" -> HookCall.PARK_BLOCKER;
      case "parkNanos(J)V", "parkUntil(J)V" -> HookCall.PARK_NANOS;
      case "parkNanos(Ljava/lang/Object;J)V", "parkUntil(Ljava/lang/Object;J)V" -> HookCall.PARK_NANOS_BLOCKER;
      case "unpark(Ljava/lang/Thread;)V" -> HookCall.UNPARK;
      default -> null;
    };
    return replaceWith(hook);
  }

  private boolean rewriteAtomic(int opcode, String owner, String name, String desc) {
    boolean scalar = Constructs.ATOMICS.contains(owner);
    boolean indexed = Constructs.ATOMIC_ARRAYS.contains(owner);
    if (opcode != INVOKEVIRTUAL || !(scalar || indexed) || name.equals("length")) {
      return false;
    }
    boolean write = !Constructs.isAtomicRead(name);
    boolean takesIndex = indexed && desc.startsWith("(I");
    String[] wrapper = cls.wrappers.atomic(opcode, owner, name, desc, write, takesIndex);
    out.push(out.site(0));
    out.emitCall(INVOKESTATIC, cls.className, wrapper[0], wrapper[1], cls.isInterface);
    return true;
  }

  private boolean rewriteRandom(int opcode, String owner, String name, String desc) {
    if (opcode != INVOKEVIRTUAL || !owner.equals("java/util/Random")) {
      return false;
    }
    return replaceWith(switch (name + desc) {
      case "nextInt(I)I" -> HookCall.RANDOM_NEXT_INT;
      case "nextBoolean()Z" -> HookCall.RANDOM_NEXT_BOOLEAN;
      default -> null;
    });
  }
}
