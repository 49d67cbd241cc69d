package pinmc.jpf;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import pinmc.api.spi.Backend;
import pinmc.check.Bound;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.check.ModelTarget;
import pinmc.check.Stats;
import pinmc.check.Verdict;

/**
 * The {@code jpf} engine: checks a model with Java PathFinder (jpf-core), run in a child JVM
 * on the JDK it needs, with a listener of pinmc's that writes what the search found to a JSON
 * file ({@link JpfResults} reads it). pinmc does not link against jpf-core: the listener and
 * the model API's backend are compiled at run time against the installation found by
 * {@link JpfInstallation}.
 */
public final class JpfEngine implements Engine {
  /** The flags jpf-core's own build runs JPF with on JDK 17; without them java.util.Random breaks JPF. */
  static final List<String> JVM_FLAGS = List.of(
      "-Xmx1024m",
      "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.util=ALL-UNNAMED");

  /** JPF's default system properties for model code (JPF_java_lang_System), plus the backend's. */
  private static final List<String> SYSTEM_PROPERTIES = List.of(
      "path.separator", "line.separator", "file.separator", "user.name", "user.home", "user.dir",
      "user.timezone", "user.country", "java.home", "java.version", "java.io.tmpdir", "native.encoding",
      "java.class.path", "pinmc.backend/pinmc.jpf.runtime.JpfBackend");

  /** Set to true to keep each run's generated .jpf, console log and result file, for debugging. */
  public static final String KEEP_PROPERTY = "pinmc.jpf.keep";

  private static final String LISTENER = "pinmc.jpf.runtime.PinmcListener";
  private static final String RACE_DETECTOR = "gov.nasa.jpf.listener.PreciseRaceDetector";

  private final JpfInstallation installation;
  private final RuntimeCompiler compiler;

  /** The engine on the jpf-core that {@link JpfInstallation#locate()} finds; throws a one-line reason if none. */
  public JpfEngine() throws JpfSetupException {
    this(JpfInstallation.locate(), new RuntimeCompiler(RuntimeCompiler.defaultCacheRoot()));
  }

  JpfEngine(JpfInstallation installation, RuntimeCompiler compiler) {
    this.installation = installation;
    this.compiler = compiler;
  }

  @Override
  public String name() {
    return "jpf";
  }

  public JpfInstallation installation() {
    return installation;
  }

  @Override
  public CheckResult check(ModelTarget target, CheckOptions options) {
    long start = System.nanoTime();
    Path work = null;
    try {
      List<Path> modelClasspath = modelClasspath(target);
      Path listener = compiler.compile("listener", List.of("pinmc/jpf/runtime/PinmcListener.java"),
          List.of(installation.jpfJar()), new byte[0]);
      Path backend = compiler.compile("backend", List.of("pinmc/jpf/runtime/JpfBackend.java"),
          List.of(installation.classesJar(), codeSource(Backend.class)), backendFingerprint());
      work = Files.createTempDirectory("pinmc-jpf-");
      Path app = work.resolve("model.jpf");
      Path site = work.resolve("site.properties");
      Path result = work.resolve("result.json");
      Path log = work.resolve("jpf.log");
      Files.writeString(site, "jpf-core = " + escape(installation.home().toString()) + "\nextensions = ${jpf-core}\n");
      List<Path> classpath = new ArrayList<>(modelClasspath);
      classpath.add(backend);
      Files.writeString(app, appConfig(target, options, classpath, result));
      List<String> command = new ArrayList<>();
      command.add(installation.javaLauncher().toString());
      command.addAll(JVM_FLAGS);
      command.addAll(List.of("-cp", installation.jpfJar() + java.io.File.pathSeparator + listener,
          "gov.nasa.jpf.JPF", "+site=" + site, app.toString()));
      Process child = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      boolean finished = waitFor(child, options.timeLimit());
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (!finished) {
        return new CheckResult(target.name(), name(), Verdict.INCONCLUSIVE, null, null,
            "Java PathFinder did not finish within the time limit of " + options.timeLimit() + "; it was stopped",
            List.of(), List.of(), null, new Stats(-1, -1, -1, -1, millis, Bound.TIME, -1, -1));
      }
      if (!Files.isRegularFile(result)) {
        return CheckResult.error(target.name(), name(), "Java PathFinder failed on " + target.mainClass() + ": "
            + JpfResults.failureLine(Files.readString(log)));
      }
      return JpfResults.read(target.name(), name(), Files.readString(result), options.maxSteps(), millis);
    } catch (JpfSetupException e) {
      return CheckResult.error(target.name(), name(), e.getMessage());
    } catch (IOException e) {
      return CheckResult.error(target.name(), name(), "cannot run Java PathFinder: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckResult.error(target.name(), name(), "interrupted while Java PathFinder ran");
    } finally {
      if (work != null && Boolean.getBoolean(KEEP_PROPERTY)) {
        System.err.println("pinmc: Java PathFinder's configuration and output are kept in " + work);
      } else if (work != null) {
        RuntimeCompiler.deleteTree(work);
      }
    }
  }

  /** The application properties JPF runs: the model, our listener and backend, and the options JPF can honour. */
  String appConfig(ModelTarget target, CheckOptions options, List<Path> classpath, Path result) {
    StringBuilder c = new StringBuilder("# written by pinmc's jpf engine for ").append(target.name()).append('\n');
    line(c, "target", escape(target.mainClass()));
    line(c, "target.args", target.args().stream().map(JpfEngine::escape).collect(Collectors.joining(",")));
    line(c, "classpath", classpath.stream().map(p -> escape(p.toAbsolutePath().toString())).collect(Collectors.joining(",")));
    // jpf-core's examples (Racer, ...) would otherwise shadow a model of the same name.
    line(c, "jpf-core.classpath", escape(installation.classesJar().toString()));
    line(c, "listener", LISTENER + (options.detectRaces() ? "," + RACE_DETECTOR : ""));
    line(c, "pinmc.result.file", escape(result.toString()));
    line(c, "pinmc.max_executions", Long.toString(options.maxExecutions()));
    line(c, "vm.sysprop.keys", String.join(",", SYSTEM_PROPERTIES));
    line(c, "vm.store_steps", "true");
    // JPF's depth counts transitions, each at least one of the embedded engine's steps, so this
    // bound never cuts a path the embedded engine would finish.
    line(c, "search.depth_limit", Integer.toString(options.maxSteps()));
    line(c, "cg.enumerate_random", Boolean.toString(options.enumerateRandom()));
    line(c, "report.console.start", "");
    line(c, "report.console.property_violation", "error");
    return c.toString();
  }

  private static void line(StringBuilder c, String key, String value) {
    c.append(key).append(" = ").append(value).append('\n');
  }

  /** A value for a JPF properties file: list separators and escapes are quoted with JPF's backtick. */
  static String escape(String value) {
    StringBuilder out = new StringBuilder();
    for (char ch : value.toCharArray()) {
      if (ch == ',' || ch == ';' || ch == '`') {
        out.append('`');
      }
      if (ch == '\\') {
        out.append("\\\\");
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static boolean waitFor(Process child, Duration limit) throws InterruptedException {
    if (limit == null) {
      child.waitFor();
      return true;
    }
    if (child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    child.descendants().forEach(ProcessHandle::destroyForcibly);
    child.destroyForcibly();
    child.waitFor();
    return false;
  }

  /**
   * Where JPF finds the model: the target's class path, or, for a class on pinmc's own class
   * path, the directory or jar it came from; pinmc's model API is always added last.
   */
  static List<Path> modelClasspath(ModelTarget target) throws JpfSetupException {
    Set<Path> out = new LinkedHashSet<>();
    if (target.classpath().isEmpty()) {
      try {
        out.add(codeSource(Class.forName(target.mainClass(), false, JpfEngine.class.getClassLoader())));
      } catch (ClassNotFoundException e) {
        throw new JpfSetupException("class " + target.mainClass() + " is not on pinmc's class path; give its class path");
      }
    } else {
      for (Path p : target.classpath()) {
        out.add(p.toAbsolutePath());
      }
    }
    out.add(codeSource(Backend.class));
    return List.copyOf(out);
  }

  private static Path codeSource(Class<?> type) throws JpfSetupException {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    try {
      if (source == null || source.getLocation() == null) {
        throw new JpfSetupException("cannot tell where " + type.getName() + " was loaded from, to give it to Java PathFinder");
      }
      return Path.of(source.getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new JpfSetupException("cannot tell where " + type.getName() + " was loaded from: " + e.getMessage());
    }
  }

  /** The compiled backend implements pinmc's Backend interface: recompile when that changes. */
  private static byte[] backendFingerprint() throws JpfSetupException {
    try (InputStream in = Backend.class.getResourceAsStream("Backend.class")) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new JpfSetupException("cannot read pinmc's own Backend.class: " + e);
    }
  }
}
