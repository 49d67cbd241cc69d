package pinmc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pinmc} command: a thin picocli layer over the checking API in {@code pinmc.check}. */
@Command(
    name = "pinmc",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "A model checker for the concurrency protocols around page pinning in the Linux kernel.",
      "",
      "It explores every thread interleaving of a small Java model and reports each violated "
          + "invariant with a counterexample."
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and returns its exit code; the tests call this in-process. */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"pinmc " + (v == null ? "development" : v)};
    }
  }
}
