package pinmc.embedded.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import pinmc.embedded.runtime.Sites;

/**
 * A compiler may hand a collection to string concatenation as it is (javac 17 since a fix
 * calls String.valueOf first, which is covered elsewhere); the instrumenter then routes the
 * {@code invokedynamic} through a bridge that reads the collection. The bridge must
 * concatenate exactly as the original did.
 */
class ConcatenationBridgeTest {
  private static final String NAME = "pinmc/embedded/instrument/GeneratedConcat"; // the test's package: defined as a hidden class

  /** {@code static String describe(List l) { return "pages " + l; }} with l passed to the indy as a List. */
  private static byte[] concatenatingClass() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, NAME, null, "java/lang/Object", null);
    cw.visitSource("Concat.java", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "describe", "(Ljava/util/List;)Ljava/lang/String;", null, null);
    mv.visitCode();
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    Handle bootstrap = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/StringConcatFactory", "makeConcatWithConstants",
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;",
        false);
    mv.visitInvokeDynamicInsn("makeConcatWithConstants", "(Ljava/util/List;)Ljava/lang/String;", bootstrap, "pages \u0001");
    mv.visitInsn(Opcodes.ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  @Test
  void theBridgeReadsTheListAndConcatenatesAsBefore() throws Throwable {
    Sites sites = new Sites();
    ModelClassLoader loader = new ModelClassLoader(List.of(), getClass().getClassLoader(), sites);
    ClassHierarchy hierarchy = new ClassHierarchy(loader::classBytes);
    byte[] instrumented = new Instrumenter(sites, hierarchy).instrument(concatenatingClass()).bytes();
    String text = new String(instrumented, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("__pinmc$concat$0") && text.contains("jdkObjectRead"), "the indy goes through a bridge");
    Class<?> c = MethodHandles.lookup().defineHiddenClass(instrumented, true).lookupClass();
    String result = (String) MethodHandles.lookup().findStatic(c, "describe",
        MethodType.methodType(String.class, List.class)).invoke(List.of(1, 2));
    assertEquals("pages [1, 2]", result);
  }
}
