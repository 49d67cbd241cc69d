package pinmc.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;

/**
 * A saved counterexample ({@code check --save-trace}, read by {@code replay}): the target (main
 * class, arguments, class path), the options that change what one execution does, and the result
 * with its engine, verdict, schedule and trace in the schema of {@link ResultJson}.
 */
public final class TraceFile {
  static final String FORMAT = "pinmc-trace";
  static final long VERSION = 1;

  /** What a trace file holds. */
  public record Saved(ModelTarget target, CheckOptions options, CheckResult result) {}

  private TraceFile() {}

  public static void write(Path file, ModelTarget target, CheckOptions options, CheckResult result) throws IOException {
    AtomicFiles.write(file, toJson(target, options, result) + "\n");
  }

  static String toJson(ModelTarget target, CheckOptions options, CheckResult result) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("name", target.name());
    t.put("mainClass", target.mainClass());
    t.put("args", target.args());
    t.put("classpath", target.classpath().stream().map(p -> p.toAbsolutePath().toString()).toList());
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("maxSteps", options.maxSteps());
    o.put("detectRaces", options.detectRaces());
    o.put("enumerateRandom", options.enumerateRandom());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("target", t);
    root.put("options", o);
    root.put("result", ResultJson.toJson(result));
    return Json.write(root);
  }

  /**
   * Reads a trace file. Throws {@link IOException} if it cannot be read and
   * {@link IllegalArgumentException}, naming the file and the bad field, if it is not a trace file.
   */
  public static Saved read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return fromJson(Json.parse(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": not a pinmc trace file: " + e.getMessage(), e);
    }
  }

  static Saved fromJson(Object json) {
    JsonFields root = new JsonFields(json, "trace");
    if (!FORMAT.equals(root.optionalString("format"))) {
      throw new IllegalArgumentException("trace.format: expected \"" + FORMAT + "\"");
    }
    if (root.number("version") != VERSION) {
      throw new IllegalArgumentException("trace.version: this pinmc reads version " + VERSION);
    }
    JsonFields t = root.object("target");
    String name = t.string("name");
    String mainClass = t.string("mainClass");
    List<String> args = new ArrayList<>();
    for (Object a : t.list("args")) {
      args.add(String.valueOf(a));
    }
    List<Path> classpath = new ArrayList<>();
    for (Object p : t.list("classpath")) {
      classpath.add(Path.of(String.valueOf(p)));
    }
    ModelTarget target = new ModelTarget(name, mainClass, args, classpath);
    JsonFields o = root.object("options");
    CheckOptions options = CheckOptions.builder()
        .maxSteps((int) o.number("maxSteps"))
        .detectRaces(o.bool("detectRaces"))
        .enumerateRandom(o.bool("enumerateRandom"))
        .build();
    CheckResult result = ResultJson.fromJson(((Map<?, ?>) json).get("result"));
    return new Saved(target, options, result);
  }
}
