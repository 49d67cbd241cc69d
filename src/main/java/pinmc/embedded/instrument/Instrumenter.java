package pinmc.embedded.instrument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import pinmc.check.SourceLocation;
import pinmc.embedded.runtime.Sites;

/**
 * Rewrites one model class so the engine controls it:
 *
 * <ul>
 *   <li>its code reports every shared access, lock, wait/notify, thread and atomic
 *       operation to {@code Hooks} ({@link MethodRewriter});
 *   <li>its static state can be reset: {@code <clinit>} becomes {@code __pinmc$clinit},
 *       static fields lose {@code final}, and a generated {@code __pinmc$init} zeroes them and
 *       re-runs the initialiser once per execution (the first time the class is used in it),
 *       so that every execution starts from a fresh state without reloading classes, which
 *       would cost more than the executions themselves and keep the JIT cold.
 * </ul>
 */
final class Instrumenter {
  static final String HOOKS = "pinmc/embedded/runtime/Hooks";
  static final String INIT = "__pinmc$init";
  static final String CLINIT = "__pinmc$clinit";
  static final String EPOCH = "__pinmc$epoch";

  private final Sites sites;
  private final ClassHierarchy hierarchy;

  Instrumenter(Sites sites, ClassHierarchy hierarchy) {
    this.sites = sites;
    this.hierarchy = hierarchy;
  }

  /**
   * One instrumented class and everything its bytes depend on besides the original class
   * file: the numbers it was given by {@link Sites}, in the order it asked for them, and
   * what it learnt about other classes.
   */
  record Instrumented(byte[] bytes, List<SiteRegistration> registrations, Map<String, ClassHierarchy.ClassInfo> consulted) {}

  /** One request the instrumenter made to {@link Sites}, with the number it got. */
  sealed interface SiteRegistration {
    /** Makes the same request of {@code sites}; whether it got the same number. */
    boolean replay(Sites sites);
  }

  record SiteNumber(SourceLocation location, int field, int number) implements SiteRegistration {
    @Override
    public boolean replay(Sites sites) {
      return sites.addSite(location, field) == number;
    }
  }

  record FieldNumber(String owner, String name, boolean isVolatile, int number) implements SiteRegistration {
    @Override
    public boolean replay(Sites sites) {
      return sites.fieldId(owner, name, isVolatile) == number;
    }
  }

  Instrumented instrument(byte[] original) {
    ClassHierarchy recording = hierarchy.recording();
    ClassReader reader = new ClassReader(original);
    ClassWriter writer = new HierarchyClassWriter(reader, recording);
    ClassRewriter rewriter = new ClassRewriter(writer, recording);
    reader.accept(rewriter, ClassReader.SKIP_FRAMES);
    return new Instrumented(writer.toByteArray(), List.copyOf(rewriter.registrations), Map.copyOf(recording.consulted()));
  }

  /** Computes frames with our hierarchy, so that the writer never loads model classes itself. */
  private static final class HierarchyClassWriter extends ClassWriter {
    private final ClassHierarchy hierarchy;

    HierarchyClassWriter(ClassReader reader, ClassHierarchy hierarchy) {
      super(reader, ClassWriter.COMPUTE_FRAMES);
      this.hierarchy = hierarchy;
    }

    @Override
    protected String getCommonSuperClass(String a, String b) {
      if (hierarchy.isInterface(a) || hierarchy.isInterface(b)) {
        return "java/lang/Object";
      }
      for (String c = a; c != null; c = hierarchy.info(c).superName()) {
        if (hierarchy.isSubtypeOf(b, c)) {
          return c;
        }
      }
      return "java/lang/Object";
    }
  }

  private record StaticField(String name, String desc, boolean constant) {}

  /** A generated static wrapper around a call on a {@code java.util.concurrent.atomic} object. */
  record AtomicWrapper(String name, int invokeOpcode, String owner, String method, String desc, boolean write, boolean indexed) {}

  final class ClassRewriter extends ClassVisitor {
    String className;
    String superName;
    String sourceFile;
    boolean isInterface;
    boolean hadClinit;
    String unsupportedSuper;
    private final List<StaticField> statics = new ArrayList<>();
    final Map<String, AtomicWrapper> atomicWrappers = new LinkedHashMap<>();
    private final ClassHierarchy hierarchy;
    final List<SiteRegistration> registrations = new ArrayList<>();

    ClassRewriter(ClassVisitor next, ClassHierarchy hierarchy) {
      super(Opcodes.ASM9, next);
      this.hierarchy = hierarchy;
    }

    /** A new site number; see {@link Sites#addSite}. */
    int addSite(SourceLocation location, int field) {
      int number = sites.addSite(location, field);
      registrations.add(new SiteNumber(location, field, number));
      return number;
    }

    /** A field's number; see {@link Sites#fieldId}. */
    int fieldId(String owner, String name, boolean isVolatile) {
      int number = sites.fieldId(owner, name, isVolatile);
      registrations.add(new FieldNumber(owner, name, isVolatile, number));
      return number;
    }

    ClassHierarchy hierarchy() {
      return hierarchy;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      this.className = name;
      this.superName = superName;
      this.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
      this.unsupportedSuper = Constructs.unsupportedSuperclass(superName);
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitSource(String source, String debug) {
      this.sourceFile = source;
      super.visitSource(source, debug);
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
      if ((access & Opcodes.ACC_STATIC) != 0 && !isInterface) {
        statics.add(new StaticField(name, descriptor, value != null));
        access &= ~Opcodes.ACC_FINAL; // re-initialised outside <clinit> in every execution
      }
      return super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      boolean clinit = name.equals("<clinit>");
      if (clinit && !isInterface) {
        hadClinit = true;
        name = CLINIT;
        access = Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
      }
      boolean synchronizedMethod = (access & Opcodes.ACC_SYNCHRONIZED) != 0;
      access &= ~Opcodes.ACC_SYNCHRONIZED;
      MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
      if ((access & Opcodes.ACC_ABSTRACT) != 0 || (access & Opcodes.ACC_NATIVE) != 0) {
        return mv;
      }
      boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
      boolean entryInit = !isInterface && !clinit && (isStatic || name.equals("<init>"));
      return new MethodRewriter(this, mv, access, name, descriptor, synchronizedMethod, entryInit);
    }

    @Override
    public void visitEnd() {
      if (!isInterface) {
        generateInit();
      }
      for (AtomicWrapper w : atomicWrappers.values()) {
        generateAtomicWrapper(w);
      }
      super.visitEnd();
    }

    private void generateInit() {
      super.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, EPOCH, "I", null, null).visitEnd();

      MethodVisitor mv = super.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, INIT, "()V", null, null);
      mv.visitCode();
      Label run = new Label();
      Label done = new Label();
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "classEpoch", "()I", false);
      mv.visitInsn(Opcodes.DUP);
      mv.visitLdcInsn(Integer.MIN_VALUE);
      Label notOutside = new Label();
      mv.visitJumpInsn(Opcodes.IF_ICMPNE, notOutside);
      mv.visitInsn(Opcodes.POP);
      mv.visitJumpInsn(Opcodes.GOTO, done);
      mv.visitLabel(notOutside);
      mv.visitInsn(Opcodes.DUP);
      mv.visitFieldInsn(Opcodes.GETSTATIC, className, EPOCH, "I");
      mv.visitJumpInsn(Opcodes.IF_ICMPNE, run);
      mv.visitInsn(Opcodes.POP);
      mv.visitJumpInsn(Opcodes.GOTO, done);
      mv.visitLabel(run);
      mv.visitFieldInsn(Opcodes.PUTSTATIC, className, EPOCH, "I");
      if (superName != null && !ModelClassLoader.isShared(superName.replace('/', '.'))
          && hierarchy.info(superName).superName() != null && !hierarchy.isInterface(superName)) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, superName, INIT, "()V", false);
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
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "classInitBegin", "(Ljava/lang/String;)J", false);
        mv.visitVarInsn(Opcodes.LSTORE, 0); // the initialiser context to restore
        mv.visitLabel(start);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, className, CLINIT, "()V", false);
        mv.visitLabel(end);
        mv.visitVarInsn(Opcodes.LLOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "classInitEnd", "(J)V", false);
        mv.visitJumpInsn(Opcodes.GOTO, done);
        mv.visitLabel(handler);
        mv.visitVarInsn(Opcodes.LLOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "classInitEnd", "(J)V", false);
        mv.visitInsn(Opcodes.ATHROW);
      }
      mv.visitLabel(done);
      mv.visitInsn(Opcodes.RETURN);
      mv.visitMaxs(0, 0);
      mv.visitEnd();

      MethodVisitor clinit = super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
      clinit.visitCode();
      clinit.visitMethodInsn(Opcodes.INVOKESTATIC, className, INIT, "()V", false);
      clinit.visitInsn(Opcodes.RETURN);
      clinit.visitMaxs(0, 0);
      clinit.visitEnd();
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

    /** The name of the wrapper for a call, generating it at the end of the class. */
    String atomicWrapper(int opcode, String owner, String method, String desc, boolean write, boolean indexed) {
      String key = opcode + owner + "." + method + desc;
      AtomicWrapper w = atomicWrappers.get(key);
      if (w == null) {
        w = new AtomicWrapper("__pinmc$atomic$" + atomicWrappers.size(), opcode, owner, method, desc, write, indexed);
        atomicWrappers.put(key, w);
      }
      return w.name();
    }

    static String wrapperDescriptor(AtomicWrapper w) {
      Type m = Type.getMethodType(w.desc());
      Type[] args = m.getArgumentTypes();
      Type[] all = new Type[args.length + 2];
      all[0] = Type.getObjectType(w.owner());
      System.arraycopy(args, 0, all, 1, args.length);
      all[all.length - 1] = Type.INT_TYPE;
      return Type.getMethodDescriptor(m.getReturnType(), all);
    }

    private void generateAtomicWrapper(AtomicWrapper w) {
      String desc = wrapperDescriptor(w);
      Type[] args = Type.getArgumentTypes(desc);
      Type ret = Type.getReturnType(desc);
      MethodVisitor mv = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, w.name(), desc, null, null);
      mv.visitCode();
      int siteSlot = 0;
      for (int i = 0; i < args.length - 1; i++) {
        siteSlot += args[i].getSize();
      }
      mv.visitVarInsn(Opcodes.ALOAD, 0);
      if (w.indexed()) {
        mv.visitVarInsn(Opcodes.ILOAD, 1);
      } else {
        mv.visitInsn(Opcodes.ICONST_M1);
      }
      mv.visitInsn(w.write() ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
      mv.visitVarInsn(Opcodes.ILOAD, siteSlot);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "atomicOpBegin", "(Ljava/lang/Object;IZI)V", false);
      Label start = new Label();
      Label end = new Label();
      Label handler = new Label();
      mv.visitTryCatchBlock(start, end, handler, null);
      mv.visitLabel(start);
      int slot = 0;
      for (int i = 0; i < args.length - 1; i++) {
        mv.visitVarInsn(args[i].getOpcode(Opcodes.ILOAD), slot);
        slot += args[i].getSize();
      }
      mv.visitMethodInsn(w.invokeOpcode(), w.owner(), w.method(), w.desc(), false);
      mv.visitLabel(end);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "atomicOpEnd", "()V", false);
      mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));
      mv.visitLabel(handler);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "atomicOpEnd", "()V", false);
      mv.visitInsn(Opcodes.ATHROW);
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }
  }
}
