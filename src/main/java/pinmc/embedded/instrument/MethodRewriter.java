package pinmc.embedded.instrument;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import pinmc.check.SourceLocation;
import pinmc.embedded.runtime.JdkObjects;
import pinmc.embedded.runtime.SharedPackages;

/**
 * Rewrites one method's code so that each visible operation calls {@code Hooks} first (or
 * instead), with the number of its site. The operand stack is shuffled in place so that the
 * original instruction still runs on the original operands.
 */
final class MethodRewriter extends MethodVisitor implements Opcodes {
  private final Instrumenter.ClassRewriter cls;
  private final String methodName;
  private final boolean synchronizedMethod;
  private final boolean isStatic;
  private final boolean entryInit;
  private final boolean isConstructor;
  private int line = -1;
  private final Set<Label> visited = new HashSet<>();
  /** For each {@code new} not yet constructed: whether its class was replaced. */
  private final ArrayDeque<String> pendingNew = new ArrayDeque<>();
  private boolean thisInitialized;
  private final Label bodyStart = new Label();

  MethodRewriter(Instrumenter.ClassRewriter cls, MethodVisitor next, int access, String name, String desc,
      boolean synchronizedMethod, boolean entryInit) {
    super(ASM9, next);
    this.cls = cls;
    this.methodName = name;
    this.synchronizedMethod = synchronizedMethod;
    this.isStatic = (access & ACC_STATIC) != 0;
    this.entryInit = entryInit;
    this.isConstructor = name.equals("<init>");
    this.thisInitialized = !isConstructor;
  }

  private int site(int field) {
    return cls.addSite(new SourceLocation(cls.className.replace('/', '.'), methodName, cls.sourceFile, line), field);
  }

  private void push(int value) {
    if (value >= -1 && value <= 5) {
      super.visitInsn(ICONST_0 + value);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      super.visitIntInsn(BIPUSH, value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      super.visitIntInsn(SIPUSH, value);
    } else {
      super.visitLdcInsn(value);
    }
  }

  private void hook(HookCall call) {
    super.visitMethodInsn(INVOKESTATIC, call.owner, call.methodName, call.descriptor, false);
  }

  private void unsupported(String construct, String why) {
    super.visitLdcInsn(construct);
    super.visitLdcInsn(why);
    hook(HookCall.UNSUPPORTED);
  }

  private void pushLock() {
    if (isStatic) {
      super.visitLdcInsn(Type.getObjectType(cls.className));
    } else {
      super.visitVarInsn(ALOAD, 0);
    }
  }

  @Override
  public void visitCode() {
    super.visitCode();
    if (entryInit) {
      super.visitMethodInsn(INVOKESTATIC, cls.className, Instrumenter.INIT, "()V", false);
    }
    if (isConstructor && cls.unsupportedSuper != null) {
      unsupported(cls.className.replace('/', '.'), cls.unsupportedSuper);
    }
    if (synchronizedMethod) {
      pushLock();
      push(site(0));
      hook(HookCall.MONITOR_ENTER);
      super.visitLabel(bodyStart);
    }
  }

  @Override
  public void visitLineNumber(int line, Label start) {
    this.line = line;
    super.visitLineNumber(line, start);
  }

  @Override
  public void visitLabel(Label label) {
    visited.add(label);
    super.visitLabel(label);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    if (visited.contains(label)) {
      hook(HookCall.BACK_EDGE); // a loop: lets an aborted execution unwind, bounds local spinning
    }
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitInsn(int opcode) {
    switch (opcode) {
      case IALOAD, LALOAD, FALOAD, DALOAD, AALOAD, BALOAD, CALOAD, SALOAD -> {
        super.visitInsn(DUP2);
        push(site(0));
        hook(HookCall.ARRAY_LOAD);
      }
      case IASTORE, FASTORE, AASTORE, BASTORE, CASTORE, SASTORE -> {
        // [arr, idx, v] -> [arr, idx, v, arr, idx]
        super.visitInsn(DUP_X2);
        super.visitInsn(POP);
        super.visitInsn(DUP2_X1);
        push(site(0));
        hook(HookCall.ARRAY_STORE);
      }
      case LASTORE, DASTORE -> {
        super.visitInsn(DUP2_X2);
        super.visitInsn(POP2);
        super.visitInsn(DUP2_X2);
        push(site(0));
        hook(HookCall.ARRAY_STORE);
      }
      case MONITORENTER -> {
        push(site(0));
        hook(HookCall.MONITOR_ENTER);
        return;
      }
      case MONITOREXIT -> {
        push(site(0));
        hook(HookCall.MONITOR_EXIT);
        return;
      }
      case IRETURN, LRETURN, FRETURN, DRETURN, ARETURN, RETURN -> {
        if (synchronizedMethod) {
          pushLock();
          push(site(0));
          hook(HookCall.MONITOR_EXIT);
        }
      }
      default -> {
        // not a visible operation
      }
    }
    super.visitInsn(opcode);
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    if (synchronizedMethod) {
      // Release the method's monitor when an exception leaves it, as the JVM does.
      Label end = new Label();
      Label handler = new Label();
      super.visitLabel(end);
      super.visitTryCatchBlock(bodyStart, end, handler, null);
      super.visitLabel(handler);
      pushLock();
      push(site(0));
      hook(HookCall.MONITOR_EXIT);
      super.visitInsn(ATHROW);
    }
    super.visitMaxs(maxStack, maxLocals);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    if (opcode == NEW) {
      String replacement = Constructs.replacementAtNew(type);
      pendingNew.push(replacement != null ? type : "");
      if (replacement != null) {
        super.visitTypeInsn(NEW, replacement);
        return;
      }
    }
    super.visitTypeInsn(opcode, type);
    if (opcode == ANEWARRAY) {
      allocatedOnStack();
    }
  }

  @Override
  public void visitIntInsn(int opcode, int operand) {
    super.visitIntInsn(opcode, operand);
    if (opcode == NEWARRAY) {
      allocatedOnStack();
    }
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
    allocatedOnStack();
  }

  private void allocatedOnStack() {
    super.visitInsn(DUP);
    hook(HookCall.ALLOCATED);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String desc) {
    if (opcode == GETSTATIC && owner.equals("java/lang/System") && (name.equals("out") || name.equals("err"))) {
      hook(HookCall.MODEL_OUT);
      return;
    }
    if (ModelClassLoader.isShared(owner.replace('/', '.'))) {
      super.visitFieldInsn(opcode, owner, name, desc);
      return;
    }
    ClassHierarchy.FieldInfo f = cls.hierarchy().resolveField(owner, name);
    String declaring = f != null ? f.owner() : owner;
    boolean isStaticAccess = opcode == GETSTATIC || opcode == PUTSTATIC;
    if (isStaticAccess && !declaring.equals(cls.className) && !cls.hierarchy().isInterface(declaring)) {
      super.visitMethodInsn(INVOKESTATIC, declaring, Instrumenter.INIT, "()V", false);
    }
    boolean skip = f == null || f.isFinal() || name.startsWith("__pinmc$")
        || (opcode == PUTFIELD && !thisInitialized); // writes before super(): the object is not yet shared
    if (skip) {
      super.visitFieldInsn(opcode, owner, name, desc);
      return;
    }
    int site = site(cls.fieldId(declaring.replace('/', '.'), name, f.isVolatile()));
    boolean wide = desc.equals("J") || desc.equals("D");
    switch (opcode) {
      case GETFIELD -> {
        super.visitInsn(DUP);
        push(site);
        hook(HookCall.GET_FIELD);
      }
      case PUTFIELD -> {
        if (wide) {
          super.visitInsn(DUP2_X1);
          super.visitInsn(POP2);
          super.visitInsn(DUP_X2);
        } else {
          super.visitInsn(SWAP);
          super.visitInsn(DUP_X1);
        }
        push(site);
        hook(HookCall.PUT_FIELD);
      }
      case GETSTATIC -> {
        push(site);
        hook(HookCall.GET_STATIC);
      }
      default -> {
        push(site);
        hook(HookCall.PUT_STATIC);
      }
    }
    super.visitFieldInsn(opcode, owner, name, desc);
  }

  @Override
  public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
    boolean construction = name.equals("<init>") && opcode == INVOKESPECIAL;
    String replaced = construction && !pendingNew.isEmpty() ? pendingNew.pop() : null;
    String why = Constructs.unsupported(owner, name, desc);
    if (why != null) {
      unsupported(owner.replace('/', '.').replace('$', '.') + (name.equals("<init>") ? "" : "." + name)
          + (Constructs.nondeterministic(owner, name, desc) != null ? "()" : ""), why);
      super.visitMethodInsn(opcode, owner, name, desc, isInterface); // unreachable: keeps the verifier's view
      return;
    }
    if (construction) {
      if (replaced == null) {
        thisInitialized = true; // super(...) or this(...)
      } else {
        if (replaced.isEmpty() && SharedPackages.isJdk(owner) && JdkCalls.readsItsArgument(desc)) {
          // new ArrayList<>(shared), new StringBuilder(shared): the copy reads the argument
          super.visitInsn(DUP);
          push(site(cls.fieldId(JdkObjects.STATE_OWNER, JdkObjects.STATE, false)));
          hook(HookCall.JDK_OBJECT_READ);
        }
        super.visitMethodInsn(opcode, replaced.isEmpty() ? owner : Constructs.replacementAtNew(owner), name, desc,
            replaced.isEmpty() && isInterface);
        super.visitInsn(DUP); // javac leaves the new object on the stack (NEW, DUP, ..., <init>)
        hook(HookCall.ALLOCATED);
        return;
      }
    }
    if (rewriteObjectMonitorCall(opcode, name, desc)
        || rewriteThreadCall(opcode, owner, name, desc)
        || rewriteLockSupport(opcode, owner, name, desc)
        || rewriteAtomic(opcode, owner, name, desc)
        || rewriteRandom(opcode, owner, name, desc)
        || rewriteJdkCall(opcode, owner, name, desc, isInterface)) {
      return;
    }
    super.visitMethodInsn(opcode, owner, name, desc, isInterface);
  }

  /**
   * A method reference to a JDK method ({@code counter::incrementAndGet}, {@code list::add},
   * {@code Thread::yield}) is called from a class the JDK generates, which is not
   * instrumented: it goes through a bridge in this class instead, whose call is rewritten
   * like any other.
   */
  @Override
  public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... args) {
    if (bootstrap.getOwner().equals("java/lang/invoke/LambdaMetafactory") && args.length > 1
        && args[1] instanceof Handle impl && SharedPackages.isJdk(impl.getOwner())
        && (impl.getTag() == H_INVOKEVIRTUAL || impl.getTag() == H_INVOKEINTERFACE || impl.getTag() == H_INVOKESTATIC)) {
      Object[] bridged = args.clone();
      bridged[1] = cls.methodReferenceBridge(impl, line);
      super.visitInvokeDynamicInsn(name, desc, bootstrap, bridged);
      return;
    }
    if (bootstrap.getOwner().equals("java/lang/invoke/StringConcatFactory") && JdkCalls.mayConcatenateAJdkObject(desc)) {
      // The JDK's concatenation calls toString on its arguments: a bridge reads them first.
      int site = site(cls.fieldId(JdkObjects.STATE_OWNER, JdkObjects.STATE, false));
      String bridge = cls.concatenationBridge(name, desc, bootstrap, args, site);
      super.visitMethodInsn(INVOKESTATIC, cls.className, bridge, desc, cls.isInterface);
      return;
    }
    super.visitInvokeDynamicInsn(name, desc, bootstrap, args);
  }

  /** A call that may land on a JDK collection or builder: through a wrapper that makes it one step (see JdkCalls). */
  private boolean rewriteJdkCall(int opcode, String owner, String name, String desc, boolean isInterface) {
    int mode = JdkCalls.mode(opcode, owner, name, desc);
    if (mode < 0 || (!owner.equals("java/lang/Object") && cls.hierarchy().isSubtypeOf(cls.className, owner))) {
      return false; // a call through our own superclass may be protected: the wrapper could not make it
    }
    push(site(cls.fieldId(JdkObjects.STATE_OWNER, JdkObjects.STATE, false)));
    String[] wrapper = cls.jdkWrapper(opcode, owner, name, desc, isInterface, mode);
    super.visitMethodInsn(INVOKESTATIC, cls.className, wrapper[0], wrapper[1], cls.isInterface);
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
    if (hook == null) {
      return false;
    }
    push(site(0));
    hook(hook);
    return true;
  }

  private boolean rewriteThreadCall(int opcode, String owner, String name, String desc) {
    boolean threadOwner = owner.equals(Constructs.THREAD)
        || (opcode != INVOKESTATIC && cls.hierarchy().isSubtypeOf(owner, Constructs.THREAD));
    if (!threadOwner) {
      return false;
    }
    if (opcode == INVOKESTATIC) {
      switch (name + desc) {
        case "currentThread()Ljava/lang/Thread;" -> hook(HookCall.CURRENT_THREAD);
        case "sleep(J)V" -> {
          push(site(0));
          hook(HookCall.SLEEP);
        }
        case "sleep(JI)V" -> {
          push(site(0));
          hook(HookCall.SLEEP_NANOS);
        }
        case "yield()V", "onSpinWait()V" -> {
          push(site(0));
          hook(HookCall.YIELD);
        }
        case "interrupted()Z" -> {
          push(site(0));
          hook(HookCall.INTERRUPTED);
        }
        default -> {
          return false;
        }
      }
      return true;
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
    if (hook == null) {
      return false;
    }
    if (hook != HookCall.THREAD_ID) {
      push(site(0));
    }
    hook(hook);
    return true;
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
    if (hook == null) {
      return false;
    }
    push(site(0));
    hook(hook);
    return true;
  }

  private boolean rewriteAtomic(int opcode, String owner, String name, String desc) {
    boolean scalar = Constructs.ATOMICS.contains(owner);
    boolean indexed = Constructs.ATOMIC_ARRAYS.contains(owner);
    if (opcode != INVOKEVIRTUAL || !(scalar || indexed) || name.equals("length")) {
      return false;
    }
    boolean write = !Constructs.isAtomicRead(name);
    boolean takesIndex = indexed && desc.startsWith("(I");
    String wrapper = cls.atomicWrapper(opcode, owner, name, desc, write, takesIndex);
    push(site(0));
    super.visitMethodInsn(INVOKESTATIC, cls.className, wrapper,
        Instrumenter.ClassRewriter.wrapperDescriptor(cls.atomicWrappers.get(opcode + owner + "." + name + desc)),
        cls.isInterface);
    return true;
  }

  private boolean rewriteRandom(int opcode, String owner, String name, String desc) {
    if (opcode != INVOKEVIRTUAL || !owner.equals("java/util/Random")) {
      return false;
    }
    switch (name + desc) {
      case "nextInt(I)I" -> {
        push(site(0));
        hook(HookCall.RANDOM_NEXT_INT);
      }
      case "nextBoolean()Z" -> {
        push(site(0));
        hook(HookCall.RANDOM_NEXT_BOOLEAN);
      }
      default -> {
        return false;
      }
    }
    return true;
  }
}
