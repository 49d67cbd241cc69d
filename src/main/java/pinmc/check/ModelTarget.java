package pinmc.check;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.List;

/**
 * What to check: a model's main class, the arguments that select its variant and sizes,
 * and where its classes are.
 *
 * @param name what reports call the target (a properties file, a model name, a class)
 * @param mainClass the binary name of the class whose {@code main} starts the model
 * @param args the arguments given to {@code main}
 * @param classpath directories and jars holding the model's classes; empty means the
 *     classes are on pinmc's own class path
 */
public record ModelTarget(String name, String mainClass, List<String> args, List<Path> classpath) {
  public ModelTarget {
    Preconditions.checkArgument(mainClass != null && !mainClass.isBlank(), "no main class");
    name = name == null || name.isBlank() ? mainClass : name;
    args = ImmutableList.copyOf(args);
    classpath = ImmutableList.copyOf(classpath);
  }

  /** A class on pinmc's own class path, run with {@code args}. */
  public static ModelTarget of(Class<?> mainClass, String... args) {
    return new ModelTarget(mainClass.getName(), mainClass.getName(), List.of(args), List.of());
  }

  /** A class by name on pinmc's own class path. */
  public static ModelTarget of(String mainClass, String... args) {
    return new ModelTarget(mainClass, mainClass, List.of(args), List.of());
  }

  public ModelTarget withName(String newName) {
    return new ModelTarget(newName, mainClass, args, classpath);
  }

  public ModelTarget withArgs(List<String> newArgs) {
    return new ModelTarget(name, mainClass, newArgs, classpath);
  }

  public ModelTarget withClasspath(List<Path> newClasspath) {
    return new ModelTarget(name, mainClass, args, newClasspath);
  }
}
