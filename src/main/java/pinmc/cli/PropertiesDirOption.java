package pinmc.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --properties-dir}: where the model's properties files are, {@code properties/} by default. */
final class PropertiesDirOption {
  @Option(names = "--properties-dir", paramLabel = "DIR", defaultValue = "properties",
      description = "Where the .jpf properties files are (default: ${DEFAULT-VALUE}, under the current directory).")
  Path dir;

  /** The directory, which must exist. */
  Path existing() throws InputException {
    if (!Files.isDirectory(dir)) {
      throw new InputException("no properties directory '" + dir + "': run pinmc from the project's root or give --properties-dir");
    }
    return dir;
  }
}
