package pinmc.models;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import pinmc.check.ModelTarget;

/**
 * The committed properties files, read just far enough for the tests: the model class, its
 * arguments (JPF splits {@code target.args} on commas) and {@code pinmc.expect}. The targets
 * use pinmc's own class path, where the build put the models.
 */
public final class PropertiesFiles {
  /** The repository's properties directory (tests run in the project directory). */
  public static final Path DIR = Path.of("properties");

  /** One properties file. */
  public record Entry(Path file, String name, ModelTarget target, String expect) {}

  private PropertiesFiles() {}

  public static List<Entry> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      List<Entry> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".jpf")).sorted().toList()) {
        out.add(read(f));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Entry read(Path file) {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = file.getFileName().toString().replaceFirst("\\.jpf$", "");
    List<String> args = new ArrayList<>();
    for (String a : props.getProperty("target.args", "").split(",")) {
      if (!a.isBlank()) {
        args.add(a.strip());
      }
    }
    ModelTarget target = new ModelTarget(name, props.getProperty("target"), args, List.of());
    return new Entry(file, name, target, props.getProperty("pinmc.expect", "").strip());
  }
}
