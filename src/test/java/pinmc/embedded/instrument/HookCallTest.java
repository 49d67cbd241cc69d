package pinmc.embedded.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import pinmc.embedded.hooksample.Sample;
import pinmc.embedded.runtime.Hooks;
import pinmc.embedded.runtime.Sites;

/** The instrumenter's calls into the runtime come from one table, and every entry names a real hook. */
class HookCallTest {
  /** Every hook class is in the runtime package: a call into it, other than a constructor of a replacement class, must be a table entry. */
  private static final String RUNTIME = Type.getInternalName(Hooks.class).substring(0,
      Type.getInternalName(Hooks.class).lastIndexOf('/') + 1);

  @Test
  void everyEntryIsAPublicStaticHookWithTheDeclaredReturnTypeAndDescriptor() {
    for (HookCall call : HookCall.values()) {
      Method m = call.resolve();
      assertEquals(Type.getInternalName(m.getDeclaringClass()), call.owner, call.toString());
      assertTrue(Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()), call + " is public static");
      assertEquals(call.methodName, m.getName(), call.toString());
      assertEquals(call.returns, m.getReturnType(), call.toString());
      assertEquals(Type.getMethodDescriptor(m), call.descriptor, call.toString());
    }
  }

  @Test
  void instrumentedCodeCallsTheRuntimeOnlyThroughTableEntries() throws IOException {
    byte[] original;
    try (InputStream in = Sample.class.getResourceAsStream("Sample.class")) {
      original = in.readAllBytes();
    }
    Sites sites = new Sites();
    ModelClassLoader loader = new ModelClassLoader(List.of(), getClass().getClassLoader(), sites);
    byte[] instrumented = new Instrumenter(sites, new ClassHierarchy(loader::classBytes)).instrument(original).bytes();
    Set<HookCall> used = EnumSet.noneOf(HookCall.class);
    new ClassReader(instrumented).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String method, String descriptor, boolean isInterface) {
            if (!owner.startsWith(RUNTIME) || owner.indexOf('/', RUNTIME.length()) >= 0 || method.equals("<init>")) {
              return;
            }
            HookCall match = null;
            for (HookCall call : HookCall.values()) {
              if (call.owner.equals(owner) && call.methodName.equals(method) && call.descriptor.equals(descriptor)) {
                match = call;
              }
            }
            assertTrue(match != null, "a call to " + owner + "." + method + descriptor + " that the table does not hold");
            assertEquals(Opcodes.INVOKESTATIC, opcode);
            used.add(match);
          }
        };
      }
    }, 0);
    Set<HookCall> expected = EnumSet.of(HookCall.GET_FIELD, HookCall.PUT_FIELD, HookCall.ARRAY_LOAD, HookCall.ARRAY_STORE,
        HookCall.MONITOR_ENTER, HookCall.MONITOR_EXIT, HookCall.OBJECT_WAIT, HookCall.OBJECT_WAIT_MILLIS,
        HookCall.OBJECT_NOTIFY, HookCall.OBJECT_NOTIFY_ALL, HookCall.THREAD_START, HookCall.THREAD_JOIN,
        HookCall.THREAD_JOIN_MILLIS, HookCall.THREAD_INTERRUPT, HookCall.THREAD_IS_INTERRUPTED, HookCall.THREAD_IS_ALIVE,
        HookCall.INTERRUPTED, HookCall.SLEEP, HookCall.YIELD, HookCall.PARK, HookCall.PARK_NANOS_BLOCKER, HookCall.UNPARK,
        HookCall.MODEL_OUT, HookCall.RANDOM_NEXT_INT, HookCall.CURRENT_THREAD, HookCall.THREAD_ID, HookCall.BACK_EDGE,
        HookCall.ALLOCATED, HookCall.ATOMIC_OP_BEGIN, HookCall.ATOMIC_OP_END, HookCall.CLASS_EPOCH, HookCall.JDK_CALL_BEGIN,
        HookCall.JDK_CALL_END);
    expected.removeAll(used);
    assertTrue(expected.isEmpty(), "not called by the instrumented sample: " + expected);
  }
}
