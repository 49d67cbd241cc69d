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
  private final CallRewriter calls;

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
    this.calls = new CallRewriter(this, cls);
  }

  /** Writes a call as it is, past this rewriter (for {@link CallRewriter}). */
  void emitCall(int opcode, String owner, String name, String desc, boolean isInterface) {
    super.visitMethodInsn(opcode, owner, name, desc, isInterface);
  }

  int site(int field) {
    return cls.addSite(new SourceLocation(cls.className.replace('/', '.'), methodName, cls.sourceFile, line), field);
  }

  void push(int value) {
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

  void hook(HookCall call) {
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

  /**
   * Leaves out javac's catch-all entry that covers its own handler ({@code synchronized}
   * blocks: if the handler's {@code monitorexit} throws, release again). Once that
   * {@code monitorexit} is a call into the engine, HotSpot's C1 compiler refuses every method
   * with such an entry ("exception handler covers itself"), so a model method with a
   * {@code synchronized} block ran interpreted until C2 took it, if ever. A hook that throws
   * in the handler (the execution ends) leaves the method at once instead of releasing again.
   */
  @Override
  public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
    if (start != handler) {
      super.visitTryCatchBlock(start, end, handler, type);
    }
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
    if (calls.rewrite(opcode, owner, name, desc, isInterface)) {
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
}
