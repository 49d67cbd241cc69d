package pinmc.embedded.runtime;

import java.util.List;

/**
 * What state caching needs from the loader of the model's classes: which classes it defined
 * (their static fields are state) and the bytes it defined each from (for {@link LiveLocals}).
 */
public interface DefinedClasses {
  /**
   * The static field the instrumenter adds to each class: the number of the execution its
   * static fields were last initialised in (they are initialised again in each execution).
   */
  String EPOCH_FIELD = "__pinmc$epoch";

  /** The classes defined so far, by name. */
  List<Class<?>> definedClasses();

  /** The bytes {@code c} was defined from, or null if this loader did not define it. */
  byte[] definedBytes(Class<?> c);
}
