package pinmc.embedded.instrument;

import java.util.List;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The members the {@link Instrumenter} adds to a model class, written straight to the next
 * visitor (they are not instrumented again): {@code __pinmc$init}, which zeroes the class's
 * static fields and re-runs its initialiser once per execution, and, for a class that would
 * inherit {@code Object}'s identity hash code, a {@code hashCode} the schedule determines.
 */
final class AddedMethods {
  private AddedMethods() {}

  /** A static field of the class being rewritten; a constant keeps the value the class file gives it. */
  record StaticField(String name, String desc, boolean constant) {}

  static void writeInit(ClassVisitor out, String className, String superName, List<StaticField> statics,
      boolean hadClinit, ClassHierarchy hierarchy) {
    out.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, Instrumenter.EPOCH, "I", null, null).visitEnd();

    MethodVisitor mv = out.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, Instrumenter.INIT, "()V", null, null);
    mv.visitCode();
    Label run = new Label();
    Label done = new Label();
    HookCall.CLASS_EPOCH.invoke(mv);
    mv.visitInsn(Opcodes.DUP);
    mv.visitLdcInsn(Integer.MIN_VALUE);
    Label notOutside = new Label();
    mv.visitJumpInsn(Opcodes.IF_ICMPNE, notOutside);
    mv.visitInsn(Opcodes.POP);
    mv.visitJumpInsn(Opcodes.GOTO, done);
    mv.visitLabel(notOutside);
    mv.visitInsn(Opcodes.DUP);
    mv.visitFieldInsn(Opcodes.GETSTATIC, className, Instrumenter.EPOCH, "I");
    mv.visitJumpInsn(Opcodes.IF_ICMPNE, run);
    mv.visitInsn(Opcodes.POP);
    mv.visitJumpInsn(Opcodes.GOTO, done);
    mv.visitLabel(run);
    mv.visitFieldInsn(Opcodes.PUTSTATIC, className, Instrumenter.EPOCH, "I");
    if (superName != null && !ModelClassLoader.isShared(superName.replace('/', '.'))
        && hierarchy.info(superName).superName() != null && !hierarchy.isInterface(superName)) {
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, superName, Instrumenter.INIT, "()V", false);
    }
    for (StaticField f : statics) {
      if (f.constant()) {
        continue;
      }
      mv.visitInsn(zeroOf(f.desc()));
      mv.visitFieldInsn(Opcodes.PUTSTATIC, className, f.name(), f.desc());
    }
    if (hadClinit) {
      Label start = new Label();
      Label end = new Label();
      Label handler = new Label();
      mv.visitTryCatchBlock(start, end, handler, null);
      mv.visitLdcInsn(className.replace('/', '.'));
      HookCall.CLASS_INIT_BEGIN.invoke(mv);
      mv.visitVarInsn(Opcodes.LSTORE, 0); // the initialiser context to restore
      mv.visitLabel(start);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, className, Instrumenter.CLINIT, "()V", false);
      mv.visitLabel(end);
      mv.visitVarInsn(Opcodes.LLOAD, 0);
      HookCall.CLASS_INIT_END.invoke(mv);
      mv.visitJumpInsn(Opcodes.GOTO, done);
      mv.visitLabel(handler);
      mv.visitVarInsn(Opcodes.LLOAD, 0);
      HookCall.CLASS_INIT_END.invoke(mv);
      mv.visitInsn(Opcodes.ATHROW);
    }
    mv.visitLabel(done);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();

    MethodVisitor clinit = out.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
    clinit.visitCode();
    clinit.visitMethodInsn(Opcodes.INVOKESTATIC, className, Instrumenter.INIT, "()V", false);
    clinit.visitInsn(Opcodes.RETURN);
    clinit.visitMaxs(0, 0);
    clinit.visitEnd();
  }

  /**
   * Whether this class is the first model class on its superclass chain and inherits the
   * identity hash code of {@code Object}, which differs from run to run (so would the order
   * of a HashSet of such objects, and any branch on it).
   */
  static boolean inheritsIdentityHashCode(String superName, ClassHierarchy hierarchy) {
    if (superName == null || !ModelClassLoader.isShared(superName)) {
      return false; // a model superclass has its own hashCode, or was given one
    }
    for (String c = superName; c != null; c = hierarchy.info(c).superName()) {
      if (hierarchy.declaresMethod(c, "hashCode", "()I")) {
        return c.equals("java/lang/Object");
      }
    }
    return false;
  }

  /**
   * {@code hashCode()} from the number the execution gave the object (where it was
   * allocated in the schedule), kept in a field so that it never changes once handed out.
   */
  static void writeHashCode(ClassVisitor out, String className) {
    out.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_TRANSIENT, Instrumenter.IDENTITY_HASH, "I", null, null).visitEnd();
    MethodVisitor mv = out.visitMethod(Opcodes.ACC_PUBLIC, "hashCode", "()I", null, null);
    mv.visitCode();
    Label known = new Label();
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitFieldInsn(Opcodes.GETFIELD, className, Instrumenter.IDENTITY_HASH, "I");
    mv.visitJumpInsn(Opcodes.IFNE, known);
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    HookCall.IDENTITY_HASH.invoke(mv);
    mv.visitFieldInsn(Opcodes.PUTFIELD, className, Instrumenter.IDENTITY_HASH, "I");
    mv.visitLabel(known);
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitFieldInsn(Opcodes.GETFIELD, className, Instrumenter.IDENTITY_HASH, "I");
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static int zeroOf(String desc) {
    return switch (desc.charAt(0)) {
      case 'J' -> Opcodes.LCONST_0;
      case 'F' -> Opcodes.FCONST_0;
      case 'D' -> Opcodes.DCONST_0;
      case 'L', '[' -> Opcodes.ACONST_NULL;
      default -> Opcodes.ICONST_0;
    };
  }
}
