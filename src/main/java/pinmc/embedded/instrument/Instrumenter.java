package pinmc.embedded.instrument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
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
  static final String INIT = "__pinmc$init";
  static final String CLINIT = "__pinmc$clinit";
  static final String EPOCH = pinmc.embedded.runtime.DefinedClasses.EPOCH_FIELD;
  static final String IDENTITY_HASH = "__pinmc$hash";

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

  final class ClassRewriter extends ClassVisitor {
    String className;
    String superName;
    String sourceFile;
    boolean isInterface;
    boolean hadClinit;
    private boolean declaresHashCode;
    String unsupportedSuper;
    private final List<AddedMethods.StaticField> statics = new ArrayList<>();
    /** The wrappers this class's calls on atomics and JDK objects go through, written at its end. */
    final CallWrappers wrappers;
    private final ClassHierarchy hierarchy;
    final List<SiteRegistration> registrations = new ArrayList<>();

    ClassRewriter(ClassVisitor next, ClassHierarchy hierarchy) {
      super(Opcodes.ASM9, next);
      this.hierarchy = hierarchy;
      this.wrappers = new CallWrappers(next);
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
        statics.add(new AddedMethods.StaticField(name, descriptor, value != null));
        access &= ~Opcodes.ACC_FINAL; // re-initialised outside <clinit> in every execution
      }
      return super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      if (name.equals("hashCode") && descriptor.equals("()I") && (access & Opcodes.ACC_STATIC) == 0) {
        declaresHashCode = true;
      }
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
        AddedMethods.writeInit(cv, className, superName, statics, hadClinit, hierarchy);
        if (!declaresHashCode && AddedMethods.inheritsIdentityHashCode(superName, hierarchy)) {
          AddedMethods.writeHashCode(cv, className);
        }
      }
      // Bridges first: their calls may ask for wrappers.
      for (MethodReference r : methodReferences.values()) {
        generateMethodReferenceBridge(r);
      }
      for (Concatenation c : concatenations) {
        generateConcatenationBridge(c);
      }
      wrappers.writeAll();
      super.visitEnd();
    }

    private record MethodReference(Handle target, String name, String desc, int line) {}

    private final Map<Handle, MethodReference> methodReferences = new LinkedHashMap<>();

    /**
     * A static method of this class that calls {@code target} (its receiver first), for a
     * method reference to use instead of the JDK method: the bridge's call is instrumented.
     */
    Handle methodReferenceBridge(Handle target, int line) {
      MethodReference r = methodReferences.get(target);
      if (r == null) {
        String desc = target.getTag() == Opcodes.H_INVOKESTATIC ? target.getDesc()
            : "(" + Type.getObjectType(target.getOwner()).getDescriptor() + target.getDesc().substring(1);
        r = new MethodReference(target, "__pinmc$ref$" + target.getName() + "$" + methodReferences.size(), desc, line);
        methodReferences.put(target, r);
      }
      return new Handle(Opcodes.H_INVOKESTATIC, className, r.name(), r.desc(), isInterface);
    }

    private record Concatenation(String bridge, String name, String desc, Handle bootstrap, Object[] args, int site) {}

    private final List<Concatenation> concatenations = new ArrayList<>();

    /**
     * A static method of this class that reads each argument that is a controlled JDK object
     * (a step, see {@code JdkObjectHooks.jdkObjectRead}), then concatenates as the original
     * {@code invokedynamic} did.
     */
    String concatenationBridge(String name, String desc, Handle bootstrap, Object[] args, int site) {
      Concatenation c = new Concatenation("__pinmc$concat$" + concatenations.size(), name, desc, bootstrap, args.clone(), site);
      concatenations.add(c);
      return c.bridge();
    }

    private void generateConcatenationBridge(Concatenation c) {
      MethodVisitor mv = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
          c.bridge(), c.desc(), null, null);
      mv.visitCode();
      Type[] args = Type.getArgumentTypes(c.desc());
      int slot = 0;
      for (Type arg : args) {
        if (arg.getSort() == Type.OBJECT) {
          mv.visitVarInsn(Opcodes.ALOAD, slot);
          mv.visitLdcInsn(c.site());
          HookCall.JDK_OBJECT_READ.invoke(mv);
        }
        slot += arg.getSize();
      }
      CallWrappers.loadArguments(mv, args, args.length);
      mv.visitInvokeDynamicInsn(c.name(), c.desc(), c.bootstrap(), c.args());
      mv.visitInsn(Opcodes.ARETURN);
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }

    private void generateMethodReferenceBridge(MethodReference r) {
      int access = Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
      MethodVisitor mv = new MethodRewriter(this, super.visitMethod(access, r.name(), r.desc(), null, null),
          access, r.name(), r.desc(), false, false);
      mv.visitCode();
      Label start = new Label();
      mv.visitLabel(start);
      mv.visitLineNumber(Math.max(r.line(), 1), start);
      Type[] args = Type.getArgumentTypes(r.desc());
      CallWrappers.loadArguments(mv, args, args.length);
      Handle t = r.target();
      int opcode = switch (t.getTag()) {
        case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
        case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
        default -> Opcodes.INVOKEVIRTUAL;
      };
      mv.visitMethodInsn(opcode, t.getOwner(), t.getName(), t.getDesc(), t.isInterface());
      mv.visitInsn(Type.getReturnType(r.desc()).getOpcode(Opcodes.IRETURN));
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }

  }
}
