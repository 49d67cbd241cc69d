package pinmc.embedded.runtime;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Which local variables of a model method are live after the call at a bytecode index: read
 * again before being written, on some path. A frame's dead locals are no part of its state,
 * and the JVM reports them inconsistently (the interpreter keeps a dead slot's last value,
 * even a reference as raw bits; compiled code reports it empty), so {@link StateFingerprint}
 * hashes live locals only: one state, one fingerprint, whatever the JIT did.
 *
 * <p>Computed once per class from the bytes its loader defined (for a class the model shares
 * uninstrumented, its class file). Bytecode indices are taken
 * by writing the class again with a label before every instruction; if that does not give
 * back the same bytes, the class's frames keep every local (never a wrong fingerprint, only
 * fewer states found equal).
 */
final class LiveLocals {
  /**
   * What each slot of a frame holds after the call at one bytecode index: {@link #DEAD} (not
   * read again, or empty), {@link #INT} (an int, short, char, byte, boolean or float: 32
   * bits, which compiled frames may report in a 64-bit slot with junk above),
   * {@link #WIDE} (a long or double, or its second slot), {@link #REFERENCE}.
   */
  record Slots(byte[] locals, byte[] stack) {}

  static final byte DEAD = 0;
  static final byte INT = 1;
  static final byte WIDE = 2;
  static final byte REFERENCE = 3;

  private static final ClassValue<Map<String, Slots[]>> BY_CLASS = new ClassValue<>() {
    @Override
    protected Map<String, Slots[]> computeValue(Class<?> c) {
      try {
        return analyse(c);
      } catch (AnalyzerException | RuntimeException e) {
        return Map.of(); // every slot is hashed as the JVM reports it: fewer states found equal, never more
      }
    }
  };

  private LiveLocals() {}

  /**
   * The class file of a class the model shares uninstrumented (pinmc's API, such as {@code
   * Atomic.when}, and the JDK), whose frames lie between model frames: the JIT reports their
   * dead locals as it does a model frame's. Null for a class without one (a lambda's hidden
   * class): its slots are hashed as reported.
   */
  private static byte[] classFile(Class<?> c) {
    String name = c.getName();
    try (java.io.InputStream in = c.getResourceAsStream(name.substring(name.lastIndexOf('.') + 1) + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /**
   * One method of one class as a frame's fingerprint names it: a number of its own in this
   * JVM (two frames have the same number exactly when they are frames of the same method of
   * the same class, so the number stands for the class name, method name and descriptor the
   * fingerprint used to hash for each frame), and its slots by bytecode index.
   */
  record Method(int number, Slots[] byIndex) {
    /** What the slots hold at the call at {@code bci}, or null if unknown. */
    Slots slotsAt(int bci) {
      return byIndex == null || bci < 0 || bci >= byIndex.length ? null : byIndex[bci];
    }
  }

  private record MethodKey(String name, String descriptor) {}

  private static final java.util.concurrent.atomic.AtomicInteger METHODS = new java.util.concurrent.atomic.AtomicInteger();

  private static final ClassValue<java.util.concurrent.ConcurrentHashMap<MethodKey, Method>> METHODS_BY_CLASS =
      new ClassValue<>() {
        @Override
        protected java.util.concurrent.ConcurrentHashMap<MethodKey, Method> computeValue(Class<?> c) {
          return new java.util.concurrent.ConcurrentHashMap<>();
        }
      };

  /**
   * The names of the methods and constructors {@code c} declares more than once (overloads), or
   * null if reflection cannot list them: a frame of any other method is named by its name alone.
   */
  private static final ClassValue<java.util.Set<String>> OVERLOADED = new ClassValue<>() {
    @Override
    protected java.util.Set<String> computeValue(Class<?> c) {
      try {
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<String> twice = new java.util.HashSet<>();
        for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
          if (!seen.add(m.getName())) {
            twice.add(m.getName());
          }
        }
        if (c.getDeclaredConstructors().length > 1) {
          twice.add("<init>");
        }
        return twice;
      } catch (LinkageError | RuntimeException e) {
        return null;
      }
    }
  };

  /** Method {@code name} with {@code descriptor} of {@code c}, numbered when first asked for. */
  static Method method(Class<?> c, String name, String descriptor) {
    return METHODS_BY_CLASS.get(c).computeIfAbsent(new MethodKey(name, descriptor),
        k -> new Method(METHODS.incrementAndGet(), BY_CLASS.get(c).get(name + descriptor)));
  }

  /**
   * The method {@code frame} runs. Its descriptor is asked for only where its class overloads
   * its name: JDK 22 and later parse the descriptor into a {@code MethodType} each time a frame
   * is asked for it (8% of a stateful search of ConditionBuffer went there on JDK 25), and the name alone
   * tells every other method apart.
   */
  static Method method(StackWalker.StackFrame frame) {
    Class<?> c = frame.getDeclaringClass();
    String name = frame.getMethodName();
    java.util.Set<String> overloaded = OVERLOADED.get(c);
    if (overloaded == null || overloaded.contains(name)) {
      return method(c, name, frame.getDescriptor());
    }
    java.util.concurrent.ConcurrentHashMap<String, Method> byName = METHODS_BY_NAME.get(c);
    Method m = byName.get(name);
    if (m == null) {
      m = method(c, name, frame.getDescriptor());
      byName.putIfAbsent(name, m);
    }
    return m;
  }

  /** The methods of a class it does not overload, by name: the same {@link Method}s as {@link #METHODS_BY_CLASS}'s. */
  private static final ClassValue<java.util.concurrent.ConcurrentHashMap<String, Method>> METHODS_BY_NAME =
      new ClassValue<>() {
        @Override
        protected java.util.concurrent.ConcurrentHashMap<String, Method> computeValue(Class<?> c) {
          return new java.util.concurrent.ConcurrentHashMap<>();
        }
      };

  private static Map<String, Slots[]> analyse(Class<?> c) throws AnalyzerException {
    byte[] bytes = c.getClassLoader() instanceof DefinedClasses d ? d.definedBytes(c) : classFile(c);
    if (bytes == null) {
      return Map.of();
    }
    ClassNode node = new ClassNode();
    ClassReader reader = new ClassReader(bytes);
    reader.accept(node, 0);
    // Write it again with a label before each instruction: the labels' offsets are the
    // instructions' bytecode indices, if every method's code comes out the same (the rest of
    // a class javac wrote, such as its debug tables, may come out in another order).
    ClassWriter writer = new ClassWriter(reader, 0);
    Map<String, Label[]> labels = new HashMap<>();
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        MethodNode m = method(node.methods, name, desc);
        Label[] at = new Label[m.instructions.size()];
        labels.put(name + desc, at);
        MethodVisitor out = super.visitMethod(access, name, desc, signature, exceptions);
        return new InstructionLabels(out, at, m.instructions);
      }
    }, 0);
    if (!codeOf(writer.toByteArray()).equals(codeOf(bytes))) {
      return Map.of();
    }
    Map<String, Slots[]> out = new HashMap<>();
    for (MethodNode m : node.methods) {
      if (m.instructions.size() == 0) {
        continue;
      }
      Label[] at = labels.get(m.name + m.desc);
      BitSet[] liveOut = liveOut(m);
      Frame<BasicValue>[] types = new Analyzer<>(new BasicInterpreter()).analyze(node.name, m);
      int codeLength = 0;
      for (Label l : at) {
        if (l != null) {
          codeLength = Math.max(codeLength, l.getOffset() + 1);
        }
      }
      Slots[] byIndex = new Slots[codeLength];
      for (int i = 0; i < at.length; i++) {
        if (at[i] != null && types[i] != null) {
          byIndex[at[i].getOffset()] = slots(types[i], liveOut[i]);
        }
      }
      out.put(m.name + m.desc, byIndex);
    }
    return out;
  }

  /** Each method's code array, by name and descriptor, read from a class file. */
  private static Map<String, List<Byte>> codeOf(byte[] classFile) {
    ClassReader r = new ClassReader(classFile);
    char[] buf = new char[r.getMaxStringLength()];
    int at = r.header + 6;
    at += 2 + 2 * r.readUnsignedShort(at); // interfaces
    for (int members = 0; members < 2; members++) { // fields, then methods
      int count = r.readUnsignedShort(at);
      at += 2;
      Map<String, List<Byte>> code = new HashMap<>();
      for (int i = 0; i < count; i++) {
        String name = r.readUTF8(at + 2, buf) + r.readUTF8(at + 4, buf);
        int attributes = r.readUnsignedShort(at + 6);
        at += 8;
        for (int a = 0; a < attributes; a++) {
          int length = r.readInt(at + 2);
          if (members == 1 && r.readUTF8(at, buf).equals("Code")) {
            int codeLength = r.readInt(at + 10);
            List<Byte> bytes = new java.util.ArrayList<>(codeLength);
            for (int b = 0; b < codeLength; b++) {
              bytes.add((byte) r.readByte(at + 14 + b));
            }
            code.put(name, bytes);
          }
          at += 6 + length;
        }
      }
      if (members == 1) {
        return code;
      }
    }
    throw new AssertionError();
  }

  /** The slots at an instruction from the analyser's frame before it and the locals live after it. */
  private static Slots slots(Frame<BasicValue> frame, BitSet live) {
    byte[] locals = new byte[frame.getLocals()];
    for (int i = 0; i < locals.length; i++) {
      BasicValue v = frame.getLocal(i);
      boolean secondHalf = i > 0 && frame.getLocal(i - 1).getSize() == 2;
      boolean liveWide = secondHalf && live.get(i - 1);
      locals[i] = live.get(i) || liveWide ? (secondHalf ? WIDE : kind(v)) : DEAD;
    }
    byte[] stack = new byte[frame.getStackSize()];
    for (int i = 0; i < stack.length; i++) {
      stack[i] = kind(frame.getStack(i));
    }
    return new Slots(locals, stack);
  }

  private static byte kind(BasicValue v) {
    if (v == null || v == BasicValue.UNINITIALIZED_VALUE) {
      return DEAD;
    }
    if (v.getSize() == 2) {
      return WIDE;
    }
    return v.isReference() ? REFERENCE : v == BasicValue.RETURNADDRESS_VALUE ? WIDE : INT;
  }

  private static MethodNode method(List<MethodNode> methods, String name, String desc) {
    for (MethodNode m : methods) {
      if (m.name.equals(name) && m.desc.equals(desc)) {
        return m;
      }
    }
    throw new IllegalStateException("no method " + name + desc);
  }

  /** Places a label before each real instruction as the method is written. */
  private static final class InstructionLabels extends MethodVisitor {
    private final Label[] at;
    private final InsnList instructions;
    private int index;

    InstructionLabels(MethodVisitor out, Label[] at, InsnList instructions) {
      super(Opcodes.ASM9, out);
      this.at = at;
      this.instructions = instructions;
    }

    /** Called by every visitXxxInsn: the next real instruction of the tree is this one. */
    private void mark() {
      while (index < instructions.size() && instructions.get(index).getOpcode() < 0) {
        index++; // labels, line numbers, frames
      }
      if (index < instructions.size()) {
        Label l = new Label();
        super.visitLabel(l);
        at[index++] = l;
      }
    }

    @Override public void visitInsn(int opcode) { mark(); super.visitInsn(opcode); }
    @Override public void visitIntInsn(int opcode, int operand) { mark(); super.visitIntInsn(opcode, operand); }
    @Override public void visitVarInsn(int opcode, int var) { mark(); super.visitVarInsn(opcode, var); }
    @Override public void visitTypeInsn(int opcode, String type) { mark(); super.visitTypeInsn(opcode, type); }
    @Override public void visitFieldInsn(int opcode, String owner, String name, String desc) {
      mark();
      super.visitFieldInsn(opcode, owner, name, desc);
    }
    @Override public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
      mark();
      super.visitMethodInsn(opcode, owner, name, desc, itf);
    }
    @Override public void visitInvokeDynamicInsn(String name, String desc, org.objectweb.asm.Handle bsm, Object... args) {
      mark();
      super.visitInvokeDynamicInsn(name, desc, bsm, args);
    }
    @Override public void visitJumpInsn(int opcode, Label label) { mark(); super.visitJumpInsn(opcode, label); }
    @Override public void visitLdcInsn(Object value) { mark(); super.visitLdcInsn(value); }
    @Override public void visitIincInsn(int var, int increment) { mark(); super.visitIincInsn(var, increment); }
    @Override public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      mark();
      super.visitTableSwitchInsn(min, max, dflt, labels);
    }
    @Override public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      mark();
      super.visitLookupSwitchInsn(dflt, keys, labels);
    }
    @Override public void visitMultiANewArrayInsn(String desc, int dims) { mark(); super.visitMultiANewArrayInsn(desc, dims); }
  }

  /** Live-out sets of every instruction, by backward data flow to a fixed point. */
  private static BitSet[] liveOut(MethodNode m) {
    InsnList insns = m.instructions;
    int n = insns.size();
    int[][] successors = new int[n][];
    for (int i = 0; i < n; i++) {
      successors[i] = successors(m, insns, i);
    }
    BitSet[] in = new BitSet[n];
    BitSet[] out = new BitSet[n];
    for (int i = 0; i < n; i++) {
      in[i] = new BitSet();
      out[i] = new BitSet();
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = n - 1; i >= 0; i--) {
        BitSet o = new BitSet();
        for (int s : successors[i]) {
          o.or(in[s]);
        }
        BitSet newIn = (BitSet) o.clone();
        AbstractInsnNode insn = insns.get(i);
        if (insn instanceof VarInsnNode v) {
          int width = v.getOpcode() == Opcodes.LLOAD || v.getOpcode() == Opcodes.DLOAD
              || v.getOpcode() == Opcodes.LSTORE || v.getOpcode() == Opcodes.DSTORE ? 2 : 1;
          if (v.getOpcode() >= Opcodes.ISTORE && v.getOpcode() <= Opcodes.ASTORE) {
            newIn.clear(v.var, v.var + width);
          } else {
            newIn.set(v.var, v.var + width); // loads, and RET
          }
        } else if (insn instanceof IincInsnNode inc) {
          newIn.set(inc.var);
        }
        if (!o.equals(out[i]) || !newIn.equals(in[i])) {
          out[i] = o;
          in[i] = newIn;
          changed = true;
        }
      }
    }
    return out;
  }

  private static int[] successors(MethodNode m, InsnList insns, int i) {
    AbstractInsnNode insn = insns.get(i);
    int op = insn.getOpcode();
    BitSet s = new BitSet();
    boolean fallsThrough = !(op == Opcodes.GOTO || op == Opcodes.ATHROW || op == Opcodes.RET
        || (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) || insn instanceof TableSwitchInsnNode
        || insn instanceof LookupSwitchInsnNode);
    if (fallsThrough && i + 1 < insns.size()) {
      s.set(i + 1);
    }
    if (insn instanceof JumpInsnNode j) {
      s.set(insns.indexOf(j.label));
    } else if (insn instanceof TableSwitchInsnNode t) {
      s.set(insns.indexOf(t.dflt));
      t.labels.forEach(l -> s.set(insns.indexOf(l)));
    } else if (insn instanceof LookupSwitchInsnNode t) {
      s.set(insns.indexOf(t.dflt));
      t.labels.forEach(l -> s.set(insns.indexOf(l)));
    }
    for (TryCatchBlockNode tc : m.tryCatchBlocks) {
      if (insns.indexOf(tc.start) <= i && i < insns.indexOf(tc.end)) {
        s.set(insns.indexOf(tc.handler));
      }
    }
    return s.stream().toArray();
  }
}
