package pinmc.embedded;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import pinmc.check.ModelTarget;
import pinmc.embedded.runtime.SharedPackages;

/** Finds a target's {@code public static void main(String[])} in the model's class loader, or says in one line why not. */
final class ModelMain {
  private ModelMain() {}

  static MethodHandle find(ModelTarget target, ClassLoader loader) throws BadTarget {
    if (SharedPackages.isShared(target.mainClass())) {
      // Classes of these packages come from the engine's own loader, not instrumented: the
      // model's threads would run unchecked, and every search would pass.
      throw new BadTarget("class " + target.mainClass() + " is in a package of the JDK or of pinmc's engine, which "
          + "pinmc does not instrument; put the model in a package of its own");
    }
    Class<?> mainClass;
    try {
      mainClass = Class.forName(target.mainClass(), false, loader);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new BadTarget("class " + target.mainClass() + " not found"
          + (target.classpath().isEmpty() ? " on pinmc's class path" : " on class path " + target.classpath()));
    } catch (LinkageError e) {
      throw new BadTarget("class " + target.mainClass() + " cannot be loaded: " + e);
    }
    try {
      java.lang.reflect.Method m = mainClass.getMethod("main", String[].class);
      if (!Modifier.isStatic(m.getModifiers())) {
        throw new BadTarget(target.mainClass() + ".main(String[]) is not static");
      }
      return MethodHandles.publicLookup().findStatic(mainClass, "main", MethodType.methodType(void.class, String[].class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new BadTarget(target.mainClass() + " has no public static void main(String[])");
    } catch (LinkageError e) {
      throw new BadTarget("class " + target.mainClass() + " cannot be loaded: " + e);
    }
  }

  static final class BadTarget extends Exception {
    private static final long serialVersionUID = 1L;

    BadTarget(String message) {
      super(message);
    }
  }
}
