package pinmc.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import pinmc.check.ModelTarget;
import pinmc.props.Expectation;
import pinmc.props.ModelSpec;
import pinmc.props.PropertiesFileException;

/** The committed properties files, read with the CLI's reader ({@link ModelSpec}). */
public final class PropertiesFiles {
  /** The repository's properties directory (tests run in the project directory). */
  public static final Path DIR = Path.of("properties");

  /** One properties file: its model name, target and {@code pinmc.expect}. */
  public record Entry(Path file, String name, ModelTarget target, String expect) {}

  private PropertiesFiles() {}

  public static List<Entry> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      List<Entry> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(ModelSpec.EXTENSION)).sorted().toList()) {
        out.add(read(f));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Entry read(Path file) {
    try {
      ModelSpec spec = ModelSpec.load(file);
      return new Entry(file, spec.name(), spec.target(), spec.expectation().map(Expectation::outcome).orElse(""));
    } catch (PropertiesFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
