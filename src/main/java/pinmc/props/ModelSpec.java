package pinmc.props;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import pinmc.check.ModelTarget;

/**
 * What one properties file asks for: the model to check (its {@code target}, {@code target.args}
 * and {@code classpath}), the outcome it expects ({@code pinmc.expect}) and what it is about
 * ({@code pinmc.description}).
 *
 * @param file the properties file
 * @param name the model name users type: the file's name without {@code .jpf}
 * @param target the model, named {@code name}
 * @param expectation what {@code pinmc.expect} says, if it is set
 * @param description what {@code pinmc.description} says, or an empty string
 */
public record ModelSpec(Path file, String name, ModelTarget target, Optional<Expectation> expectation, String description) {
  public static final String TARGET = "target";
  public static final String TARGET_ARGS = "target.args";
  public static final String CLASSPATH = "classpath";
  public static final String EXPECT = "pinmc.expect";
  public static final String DESCRIPTION = "pinmc.description";
  /** The extension of properties files. */
  public static final String EXTENSION = ".jpf";

  private static final Pattern BINARY_CLASS_NAME =
      Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");
  private static final Pattern CLASSPATH_SEPARATORS = Pattern.compile("[," + Pattern.quote(File.pathSeparator) + "]");

  /** Reads and interprets {@code file}. */
  public static ModelSpec load(Path file) throws PropertiesFileException {
    return from(JpfProperties.load(file));
  }

  /** The keys pinmc reads from a properties file. */
  private static final List<String> PINMC_KEYS = List.of(TARGET, TARGET_ARGS, CLASSPATH, EXPECT, DESCRIPTION);
  /**
   * Keys of JPF's own that a model's properties file may set (JPF reads them; pinmc does not):
   * {@code target.entry} names another entry method, the others are class paths and listeners.
   */
  private static final List<String> JPF_KEYS = List.of("target.entry", "sourcepath", "native_classpath", "listener",
      "search.class", "report.console.property_violation");

  /** Interprets properties already read; problems name the line that set the faulty key. */
  public static ModelSpec from(JpfProperties props) throws PropertiesFileException {
    checkKeys(props);
    String mainClass = props.get(TARGET).orElseThrow(() -> new PropertiesFileException(
        props.file(), 0, "no '" + TARGET + "' key: set it to the model's main class"));
    if (!BINARY_CLASS_NAME.matcher(mainClass).matches()) {
      throw props.problemWith(TARGET, "'" + mainClass + "' is not a Java class name");
    }
    List<String> args = splitList(props.get(TARGET_ARGS).orElse(""), Pattern.compile(","));
    List<Path> classpath = new ArrayList<>();
    for (String entry : splitList(props.get(CLASSPATH).orElse(""), CLASSPATH_SEPARATORS)) {
      try {
        classpath.add(props.configPath().resolve(entry).normalize());
      } catch (InvalidPathException e) {
        throw props.problemWith(CLASSPATH, "'" + entry + "' is not a path: " + e.getReason());
      }
    }
    Optional<Expectation> expectation = Optional.empty();
    if (props.get(EXPECT).isPresent()) {
      try {
        expectation = Optional.of(Expectation.parse(props.get(EXPECT).get()));
      } catch (IllegalArgumentException e) {
        throw props.problemWith(EXPECT, e.getMessage());
      }
    }
    String name = modelName(props.file());
    return new ModelSpec(props.file(), name, new ModelTarget(name, mainClass, args, classpath),
        expectation, props.get(DESCRIPTION).orElse(""));
  }

  /**
   * A mistyped key would be silently ignored by JPF and pinmc alike ({@code pinmc.expct} reads
   * as "no expectation"): a {@code pinmc.*} or {@code target.*} key pinmc does not know, or any
   * key a few letters away from a known one, is an error that names the key it was probably
   * meant to be. JPF's other keys ({@code vm.*}, {@code search.*}, {@code cg.*}, ...) pass.
   */
  private static void checkKeys(JpfProperties props) throws PropertiesFileException {
    List<String> known = new ArrayList<>(PINMC_KEYS);
    known.addAll(JPF_KEYS);
    for (String key : props.keys()) {
      if (known.contains(key)) {
        continue;
      }
      boolean ours = key.startsWith("pinmc.") || key.startsWith("target.");
      java.util.Optional<String> near = Spelling.closest(key, known);
      if (ours || near.isPresent()) {
        throw props.problemWith(key, "unknown key '" + key + "'" + Spelling.hint(key, known)
            + "; pinmc reads " + String.join(", ", PINMC_KEYS));
      }
    }
  }

  /** The model name of a properties file: its file name without {@code .jpf}. */
  public static String modelName(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(EXTENSION) ? n.substring(0, n.length() - EXTENSION.length()) : n;
  }

  private static List<String> splitList(String value, Pattern separators) {
    List<String> out = new ArrayList<>();
    for (String part : separators.split(value)) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }
}
