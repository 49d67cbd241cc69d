package pinmc.cli;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import pinmc.check.ModelTarget;
import pinmc.props.Expectation;
import pinmc.props.ModelSpec;
import pinmc.props.PropertiesFileException;

/**
 * Turns the TARGET of {@code check} into a {@link ModelTarget}: a {@code .jpf} file; else a
 * model name as {@code list} shows it (a properties file's name under the properties
 * directory); else a main class on the class path. Whichever it is, the main class must load
 * and have a {@code main} method, so that a typo is a one-line input error and not an engine
 * failure.
 */
final class TargetResolver {
  /** A resolved target, with the properties file it came from, if any. */
  record Resolved(ModelTarget target, Path propertiesFile, Optional<Expectation> expectation) {}

  private TargetResolver() {}

  /**
   * @param args arguments added to the target's {@code target.args} (see {@link #mergeArgs})
   * @param classpath entries to put before the target's own class path
   */
  static Resolved resolve(String target, List<String> args, List<Path> classpath, Path propertiesDir) throws InputException {
    Resolved r = find(target, propertiesDir);
    ModelTarget t = r.target();
    if (!args.isEmpty()) {
      t = t.withArgs(mergeArgs(t.args(), args));
    }
    if (!classpath.isEmpty()) {
      List<Path> cp = new ArrayList<>(classpath);
      cp.addAll(t.classpath());
      t = t.withClasspath(cp);
    }
    checkMainClass(t);
    return new Resolved(t, r.propertiesFile(), r.expectation());
  }

  /**
   * The file's {@code target.args} with the command line's added: a {@code key=value} argument
   * replaces the file's argument with the same key, or is appended; a plain argument replaces the
   * file's plain argument at the same position (the variant, for the protocol models), or is appended.
   * So {@code check fork-cow writes=3} keeps the file's variant and sets one size.
   */
  static List<String> mergeArgs(List<String> fromFile, List<String> given) {
    List<String> out = new ArrayList<>(fromFile);
    int plain = 0;
    for (String arg : given) {
      int eq = arg.indexOf('=');
      int at = -1;
      if (eq > 0) {
        String key = arg.substring(0, eq + 1);
        for (int i = 0; i < out.size() && at < 0; i++) {
          at = out.get(i).startsWith(key) ? i : -1;
        }
      } else {
        int seen = 0;
        for (int i = 0; i < out.size() && at < 0; i++) {
          if (out.get(i).indexOf('=') <= 0 && seen++ == plain) {
            at = i;
          }
        }
        plain++;
      }
      if (at >= 0) {
        out.set(at, arg);
      } else {
        out.add(arg);
      }
    }
    return out;
  }

  private static Resolved find(String target, Path propertiesDir) throws InputException {
    if (target.endsWith(ModelSpec.EXTENSION)) {
      return load(Path.of(target));
    }
    List<Path> named = propertiesFilesNamed(target, propertiesDir);
    if (named.size() > 1) {
      throw new InputException("model name '" + target + "' is ambiguous: "
          + named.stream().map(Path::toString).collect(Collectors.joining(", ")) + " (give the .jpf path)");
    }
    if (named.size() == 1) {
      return load(named.get(0));
    }
    if (!target.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*")) {
      throw new InputException("no model named '" + target + "' in " + propertiesDir + "/ (see 'pinmc list'), and it is not a class name");
    }
    return new Resolved(ModelTarget.of(target), null, Optional.empty());
  }

  private static Resolved load(Path file) throws InputException {
    try {
      ModelSpec spec = ModelSpec.load(file);
      return new Resolved(spec.target(), file, spec.expectation());
    } catch (PropertiesFileException e) {
      throw new InputException(e.getMessage(), e);
    }
  }

  private static List<Path> propertiesFilesNamed(String name, Path dir) throws InputException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().equals(name + ModelSpec.EXTENSION)).sorted().toList();
    } catch (IOException e) {
      throw new InputException("cannot search " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Loads (without initialising) the main class from the target's class path and finds its main method. */
  static void checkMainClass(ModelTarget t) throws InputException {
    List<URL> urls = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Path p : t.classpath()) {
      if (!Files.exists(p)) {
        missing.add(p.toString());
      }
      try {
        urls.add(p.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new InputException("class path entry '" + p + "' is not usable: " + e.getMessage(), e);
      }
    }
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), TargetResolver.class.getClassLoader())) {
      Class<?> main = Class.forName(t.mainClass(), false, loader);
      Method m = main.getMethod("main", String[].class);
      if (!Modifier.isStatic(m.getModifiers())) {
        throw new NoSuchMethodException();
      }
    } catch (ClassNotFoundException e) {
      String where = t.classpath().isEmpty() ? "pinmc's class path (add --classpath)" : "the class path " + t.classpath();
      String hint = missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing) + " (is the project built?)";
      throw new InputException("no class " + t.mainClass() + " on " + where + hint, e);
    } catch (NoSuchMethodException e) {
      throw new InputException("class " + t.mainClass() + " has no public static void main(String[])", e);
    } catch (LinkageError e) {
      throw new InputException("class " + t.mainClass() + " cannot be loaded: " + e, e);
    } catch (IOException e) {
      throw new InputException("cannot close the class loader of " + t.mainClass() + ": " + e.getMessage(), e);
    }
  }
}
