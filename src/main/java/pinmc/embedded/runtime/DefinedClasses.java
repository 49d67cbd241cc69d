package pinmc.embedded.runtime;

import java.util.List;

/**
 * What state caching needs from the loader of the model's classes: which classes it defined
 * (their static fields are state) and the bytes it defined each from (for {@link LiveLocals}).
 */
public interface DefinedClasses {
  /** The classes defined so far, by name. */
  List<Class<?>> definedClasses();

  /** The bytes {@code c} was defined from, or null if this loader did not define it. */
  byte[] definedBytes(Class<?> c);
}
