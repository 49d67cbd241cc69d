package pinmc.embedded.instrument;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Random;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import pinmc.embedded.runtime.Hooks;
import pinmc.embedded.runtime.JdkObjectHooks;
import pinmc.embedded.runtime.ThreadHooks;

/**
 * Every call instrumented code makes into the runtime: one entry per hook method (of
 * {@link Hooks} unless another class is named), with its Java parameter and return types.
 * The owner, name and descriptor written into the bytecode are taken from the method
 * itself, found by reflection when this class is loaded, so a hook that was renamed or
 * given other parameters fails here, at once, and not as a {@link NoSuchMethodError} in a
 * model.
 */
enum HookCall {
  GET_FIELD("getField", void.class, Object.class, int.class),
  PUT_FIELD("putField", void.class, Object.class, int.class),
  GET_STATIC("getStatic", void.class, int.class),
  PUT_STATIC("putStatic", void.class, int.class),
  ARRAY_LOAD("arrayLoad", void.class, Object.class, int.class, int.class),
  ARRAY_STORE("arrayStore", void.class, Object.class, int.class, int.class),

  MONITOR_ENTER("monitorEnter", void.class, Object.class, int.class),
  MONITOR_EXIT("monitorExit", void.class, Object.class, int.class),
  OBJECT_WAIT("objectWait", void.class, Object.class, int.class),
  OBJECT_WAIT_MILLIS("objectWait", void.class, Object.class, long.class, int.class),
  OBJECT_WAIT_NANOS("objectWait", void.class, Object.class, long.class, int.class, int.class),
  OBJECT_NOTIFY("objectNotify", void.class, Object.class, int.class),
  OBJECT_NOTIFY_ALL("objectNotifyAll", void.class, Object.class, int.class),

  THREAD_START(ThreadHooks.class, "threadStart", void.class, Thread.class, int.class),
  THREAD_JOIN(ThreadHooks.class, "threadJoin", void.class, Thread.class, int.class),
  THREAD_JOIN_MILLIS(ThreadHooks.class, "threadJoin", void.class, Thread.class, long.class, int.class),
  THREAD_JOIN_NANOS(ThreadHooks.class, "threadJoin", void.class, Thread.class, long.class, int.class, int.class),
  THREAD_INTERRUPT(ThreadHooks.class, "interrupt", void.class, Thread.class, int.class),
  THREAD_IS_INTERRUPTED(ThreadHooks.class, "isInterrupted", boolean.class, Thread.class, int.class),
  THREAD_IS_ALIVE(ThreadHooks.class, "isAlive", boolean.class, Thread.class, int.class),
  THREAD_ID(ThreadHooks.class, "threadId", long.class, Thread.class),
  CURRENT_THREAD(ThreadHooks.class, "currentThread", Thread.class),
  SLEEP(ThreadHooks.class, "sleep", void.class, long.class, int.class),
  SLEEP_NANOS(ThreadHooks.class, "sleep", void.class, long.class, int.class, int.class),
  YIELD(ThreadHooks.class, "yield", void.class, int.class),
  INTERRUPTED(ThreadHooks.class, "interrupted", boolean.class, int.class),

  PARK(ThreadHooks.class, "park", void.class, int.class),
  PARK_BLOCKER(ThreadHooks.class, "park", void.class, Object.class, int.class),
  PARK_NANOS(ThreadHooks.class, "parkNanos", void.class, long.class, int.class),
  PARK_NANOS_BLOCKER(ThreadHooks.class, "parkNanos", void.class, Object.class, long.class, int.class),
  UNPARK(ThreadHooks.class, "unpark", void.class, Thread.class, int.class),

  ATOMIC_OP_BEGIN("atomicOpBegin", void.class, Object.class, int.class, boolean.class, int.class),
  ATOMIC_OP_END("atomicOpEnd", void.class),
  JDK_CALL_BEGIN(JdkObjectHooks.class, "jdkCallBegin", int.class, Object.class, int.class, int.class),
  JDK_ARGUMENT(JdkObjectHooks.class, "jdkArgument", void.class, Object.class, int.class, int.class),
  JDK_OBJECT_READ(JdkObjectHooks.class, "jdkObjectRead", void.class, Object.class, int.class),
  JDK_CALL_END(JdkObjectHooks.class, "jdkCallEnd", void.class, Object.class, Object.class, int.class, int.class),

  RANDOM_NEXT_INT("randomNextInt", int.class, Random.class, int.class, int.class),
  RANDOM_NEXT_BOOLEAN("randomNextBoolean", boolean.class, Random.class, int.class),
  MODEL_OUT("modelOut", PrintStream.class),

  BACK_EDGE("backEdge", void.class),
  CLASS_EPOCH("classEpoch", int.class),
  CLASS_INIT_BEGIN("classInitBegin", long.class, String.class),
  CLASS_INIT_END("classInitEnd", void.class, long.class),
  ALLOCATED("allocated", void.class, Object.class),
  IDENTITY_HASH("identityHash", int.class, Object.class),
  UNSUPPORTED("unsupported", void.class, String.class, String.class);

  /** The internal name of the class the entry calls. */
  final String owner;
  final String methodName;
  final Class<?> returns;
  private final Class<?> hooks;
  private final Class<?>[] parameters;
  /** The descriptor of the method found, which is what the bytecode names. */
  final String descriptor;

  HookCall(String methodName, Class<?> returns, Class<?>... parameters) {
    this(Hooks.class, methodName, returns, parameters);
  }

  HookCall(Class<?> owner, String methodName, Class<?> returns, Class<?>... parameters) {
    this.hooks = owner;
    this.owner = Type.getInternalName(owner);
    this.methodName = methodName;
    this.returns = returns;
    this.parameters = parameters;
    this.descriptor = Type.getMethodDescriptor(resolve());
  }

  /**
   * The public static hook method this entry stands for, with the return type the
   * entry says; throws if there is none.
   */
  Method resolve() {
    Method m;
    try {
      m = hooks.getMethod(methodName, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("no hook " + this + ": " + hooks.getSimpleName() + " has no public " + methodName
          + " with these parameters", e);
    }
    if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != returns) {
      throw new IllegalStateException("hook " + this + ": " + m + " is not static or does not return " + returns);
    }
    return m;
  }

  /** Whether the hook takes the number of the call's site: then as its last argument, an {@code int}. */
  boolean takesSite() {
    return parameters.length > 0 && parameters[parameters.length - 1] == int.class;
  }

  /** Writes the call into {@code mv}; its arguments are on the operand stack. */
  void invoke(MethodVisitor mv) {
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, methodName, descriptor, false);
  }
}
