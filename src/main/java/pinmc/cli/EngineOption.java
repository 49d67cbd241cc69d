package pinmc.cli;

import pinmc.check.Engine;
import pinmc.check.EngineRegistry;
import pinmc.check.EngineUnavailableException;
import picocli.CommandLine.Option;

/** {@code --engine}: which model checker runs the search. */
final class EngineOption {
  @Option(names = "--engine", paramLabel = "embedded|jpf", defaultValue = EngineRegistry.DEFAULT,
      description = "The model checker: embedded (pinmc's own, the default) or jpf (Java PathFinder, if installed).")
  String name;

  Engine engine() throws InputException {
    return engine(name);
  }

  static Engine engine(String name) throws InputException {
    try {
      return EngineRegistry.get(name);
    } catch (EngineUnavailableException e) {
      throw new InputException(e.getMessage(), e);
    }
  }
}
