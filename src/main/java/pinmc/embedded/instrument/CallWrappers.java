package pinmc.embedded.instrument;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The static wrappers a rewritten class's calls on {@code java.util.concurrent.atomic}
 * objects and on JDK objects the engine may control go through: each makes the call one step
 * (the hooks before and after it, the end also when the call throws). One wrapper per
 * distinct call in the class, named after the method so that a trace can tell which call a
 * step made; written at the end of the class.
 */
final class CallWrappers {
  private final ClassVisitor out;
  private final Map<String, AtomicWrapper> atomicWrappers = new LinkedHashMap<>();
  private final Map<String, JdkWrapper> jdkWrappers = new LinkedHashMap<>();

  CallWrappers(ClassVisitor out) {
    this.out = out;
  }

  /** Writes every wrapper asked for so far into the class. */
  void writeAll() {
    for (AtomicWrapper w : atomicWrappers.values()) {
      generateAtomicWrapper(w);
    }
    for (JdkWrapper w : jdkWrappers.values()) {
      generateJdkWrapper(w);
    }
  }

/** A generated static wrapper around a call on a {@code java.util.concurrent.atomic} object. */
record AtomicWrapper(String name, int invokeOpcode, String owner, String method, String desc, boolean write, boolean indexed) {}

/** A generated static wrapper around a call that may land on a JDK object the engine controls (see JdkCalls). */
record JdkWrapper(String name, int invokeOpcode, String owner, String method, String desc, boolean isInterface, int mode) {}

  /** The name and descriptor of the wrapper for a call on an atomic variable, written at the end of the class. */
  String[] atomic(int opcode, String owner, String method, String desc, boolean write, boolean indexed) {
    AtomicWrapper w = once(atomicWrappers, opcode, owner, method, desc,
        n -> new AtomicWrapper("__pinmc$atomic$" + method + "$" + n, opcode, owner, method, desc, write, indexed));
    return new String[] {w.name(), wrapperDescriptor(w)};
  }

  /** The one wrapper of a call site's target in {@code wrappers}, made (numbered by its order) the first time. */
  private static <W> W once(Map<String, W> wrappers, int opcode, String owner, String method, String desc,
      java.util.function.IntFunction<W> make) {
    return wrappers.computeIfAbsent(opcode + owner + "." + method + desc, key -> make.apply(wrappers.size()));
  }

  static String wrapperDescriptor(AtomicWrapper w) {
    return wrapperDescriptor(w.owner(), w.desc());
  }

  /** A call's descriptor as a static method: the receiver first, the site number last. */
  static String wrapperDescriptor(String owner, String desc) {
    Type m = Type.getMethodType(desc);
    Type[] args = m.getArgumentTypes();
    Type[] all = new Type[args.length + 2];
    all[0] = Type.getObjectType(owner);
    System.arraycopy(args, 0, all, 1, args.length);
    all[all.length - 1] = Type.INT_TYPE;
    return Type.getMethodDescriptor(m.getReturnType(), all);
  }

  /** The name and descriptor of the wrapper for a call that may land on a controlled JDK object. */
  String[] jdk(int opcode, String owner, String method, String desc, boolean isInterface, int mode) {
    // The method's name in the wrapper's lets a trace say which call a step made.
    JdkWrapper w = once(jdkWrappers, opcode, owner, method, desc,
        n -> new JdkWrapper("__pinmc$jdk$" + method + "$" + n, opcode, owner, method, desc, isInterface, mode));
    return new String[] {w.name(), jdkWrapperDescriptor(w)};
  }

  /** A static call keeps its descriptor (its first argument stands for the receiver); any other gets the receiver first. */
  private static String jdkWrapperDescriptor(JdkWrapper w) {
    if (w.invokeOpcode() == Opcodes.INVOKESTATIC) {
      return w.desc().replace(")", "I)");
    }
    return wrapperDescriptor(w.owner(), w.desc());
  }

  /** A wrapper being written: its arguments (the site number last, in {@code siteSlot}) and result. */
  private record WrapperCode(MethodVisitor mv, Type[] args, Type ret, int siteSlot) {}

  private WrapperCode openWrapper(String name, String desc) {
    MethodVisitor mv = out.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, name, desc, null, null);
    mv.visitCode();
    Type[] args = Type.getArgumentTypes(desc);
    int siteSlot = 0;
    for (int i = 0; i < args.length - 1; i++) {
      siteSlot += args[i].getSize();
    }
    return new WrapperCode(mv, args, Type.getReturnType(desc), siteSlot);
  }

  /** Pushes the first {@code count} arguments of a static method. */
  static void loadArguments(MethodVisitor mv, Type[] args, int count) {
    int slot = 0;
    for (int i = 0; i < count; i++) {
      mv.visitVarInsn(args[i].getOpcode(Opcodes.ILOAD), slot);
      slot += args[i].getSize();
    }
  }

  /**
   * {@code token = JdkObjectHooks.jdkCallBegin(receiver, mode, site);
   * JdkObjectHooks.jdkArgument(each reference argument, token); result = receiver.method(args);
   * JdkObjectHooks.jdkCallEnd(result, receiver, token)}, the end also when the call throws.
   */
  private void generateJdkWrapper(JdkWrapper w) {
    WrapperCode code = openWrapper(w.name(), jdkWrapperDescriptor(w));
    MethodVisitor mv = code.mv();
    Type[] args = code.args();
    Type ret = code.ret();
    int siteSlot = code.siteSlot();
    int tokenSlot = siteSlot + 1;
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitLdcInsn(w.mode());
    mv.visitVarInsn(Opcodes.ILOAD, siteSlot);
    HookCall.JDK_CALL_BEGIN.invoke(mv);
    mv.visitVarInsn(Opcodes.ISTORE, tokenSlot);
    int slot = args[0].getSize();
    for (int i = 1; i < args.length - 1; i++) {
      if (args[i].getSort() == Type.OBJECT || args[i].getSort() == Type.ARRAY) {
        mv.visitVarInsn(Opcodes.ALOAD, slot);
        mv.visitVarInsn(Opcodes.ILOAD, tokenSlot);
        mv.visitVarInsn(Opcodes.ILOAD, siteSlot);
        HookCall.JDK_ARGUMENT.invoke(mv);
      }
      slot += args[i].getSize();
    }
    Label start = new Label();
    Label end = new Label();
    Label handler = new Label();
    mv.visitTryCatchBlock(start, end, handler, null);
    mv.visitLabel(start);
    loadArguments(mv, args, args.length - 1);
    mv.visitMethodInsn(w.invokeOpcode(), w.owner(), w.method(), w.desc(), w.isInterface());
    mv.visitLabel(end);
    if (ret.getSort() == Type.OBJECT || ret.getSort() == Type.ARRAY) {
      mv.visitInsn(Opcodes.DUP);
    } else {
      mv.visitInsn(Opcodes.ACONST_NULL);
    }
    callJdkCallEnd(mv, tokenSlot, siteSlot);
    mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));
    mv.visitLabel(handler);
    mv.visitInsn(Opcodes.ACONST_NULL);
    callJdkCallEnd(mv, tokenSlot, siteSlot);
    mv.visitInsn(Opcodes.ATHROW);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** {@code JdkObjectHooks.jdkCallEnd(result, receiver, token, site)}, with the result (or null) already on the stack. */
  private static void callJdkCallEnd(MethodVisitor mv, int tokenSlot, int siteSlot) {
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitVarInsn(Opcodes.ILOAD, tokenSlot);
    mv.visitVarInsn(Opcodes.ILOAD, siteSlot);
    HookCall.JDK_CALL_END.invoke(mv);
  }

  private void generateAtomicWrapper(AtomicWrapper w) {
    WrapperCode code = openWrapper(w.name(), wrapperDescriptor(w));
    MethodVisitor mv = code.mv();
    Type[] args = code.args();
    Type ret = code.ret();
    int siteSlot = code.siteSlot();
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    if (w.indexed()) {
      mv.visitVarInsn(Opcodes.ILOAD, 1);
    } else {
      mv.visitInsn(Opcodes.ICONST_M1);
    }
    mv.visitInsn(w.write() ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ILOAD, siteSlot);
    HookCall.ATOMIC_OP_BEGIN.invoke(mv);
    Label start = new Label();
    Label end = new Label();
    Label handler = new Label();
    mv.visitTryCatchBlock(start, end, handler, null);
    mv.visitLabel(start);
    loadArguments(mv, args, args.length - 1);
    mv.visitMethodInsn(w.invokeOpcode(), w.owner(), w.method(), w.desc(), false);
    mv.visitLabel(end);
    HookCall.ATOMIC_OP_END.invoke(mv);
    mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));
    mv.visitLabel(handler);
    HookCall.ATOMIC_OP_END.invoke(mv);
    mv.visitInsn(Opcodes.ATHROW);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }
}
