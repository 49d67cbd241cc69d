package pinmc.jpf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles the Java sources pinmc ships as resources for the inside of a JPF run (its listener
 * and the model API's backend) against the user's jpf-core jars, because pinmc may not depend
 * on jpf-core when it is built. The classes are cached in a directory named by a hash of
 * everything they depend on (the sources, the jars, pinmc's own API classes), so they are
 * compiled once per installation and pinmc version; concurrent compilers race harmlessly,
 * each into a directory of its own that is then renamed into place.
 */
final class RuntimeCompiler {
  private final Path cacheRoot;

  RuntimeCompiler(Path cacheRoot) {
    this.cacheRoot = cacheRoot.toAbsolutePath(); // the child JVM runs in another directory
  }

  /** {@code $XDG_CACHE_HOME/pinmc/jpf}, or {@code ~/.cache/pinmc/jpf}. */
  static Path defaultCacheRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("pinmc").resolve("jpf");
  }

  /**
   * The directory holding the compiled classes of {@code resources} (resource paths of
   * {@code .java} files), compiled with {@code classpath}; compiles them if not cached yet.
   * {@code fingerprint} are further bytes the result depends on.
   */
  Path compile(String name, List<String> resources, List<Path> classpath, byte[] fingerprint) throws JpfSetupException {
    List<String> sources = new ArrayList<>();
    for (String r : resources) {
      sources.add(readResource(r));
    }
    Path target = cacheRoot.resolve(name + "-" + hash(sources, classpath, fingerprint));
    if (Files.isDirectory(target)) {
      return target;
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new JpfSetupException("the jpf engine compiles its JPF listener at run time and needs a JDK, not a JRE: "
          + System.getProperty("java.home") + " has no compiler");
    }
    try {
      Files.createDirectories(cacheRoot);
      Path work = Files.createTempDirectory(cacheRoot, name + "-tmp");
      Path src = work.resolve("src");
      Path classes = work.resolve("classes");
      List<String> args = new ArrayList<>(List.of("-g", "--release", "17", "-nowarn", "-d", classes.toString(),
          "-cp", classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator))));
      for (int i = 0; i < resources.size(); i++) {
        Path file = src.resolve(resources.get(i));
        Files.createDirectories(file.getParent());
        Files.writeString(file, sources.get(i));
        args.add(file.toString());
      }
      ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
      int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
      if (rc != 0) {
        throw new JpfSetupException("cannot compile pinmc's JPF " + name + " against " + classpath + ": "
            + diagnostics.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("javac failed"));
      }
      try {
        Files.move(classes, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        // Another pinmc compiled the same classes meanwhile: theirs are as good as ours.
      } catch (IOException e) {
        if (!Files.isDirectory(target)) {
          throw e;
        }
      }
      deleteTree(work);
      return target;
    } catch (IOException e) {
      throw new JpfSetupException("cannot compile pinmc's JPF " + name + " into " + cacheRoot + ": " + e);
    }
  }

  static String readResource(String resource) throws JpfSetupException {
    try (InputStream in = RuntimeCompiler.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new JpfSetupException("this build of pinmc lacks its resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new JpfSetupException("cannot read pinmc's resource " + resource + ": " + e);
    }
  }

  private static String hash(List<String> sources, List<Path> classpath, byte[] fingerprint) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (String s : sources) {
        d.update(s.getBytes(StandardCharsets.UTF_8));
      }
      for (Path p : classpath) {
        d.update(p.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
        try {
          d.update(Long.toString(Files.getLastModifiedTime(p).toMillis()).getBytes(StandardCharsets.UTF_8));
          d.update(Long.toString(Files.isRegularFile(p) ? Files.size(p) : 0).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // a missing entry changes nothing javac sees
        }
      }
      d.update(fingerprint);
      return HexFormat.of().formatHex(d.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
