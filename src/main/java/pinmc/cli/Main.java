package pinmc.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The {@code pinmc} command: a thin picocli layer over the checking API in {@code pinmc.check}. */
@Command(
    name = "pinmc",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    subcommands = {ListCommand.class, CheckCommand.class, GateCommand.class, ReplayCommand.class, MatrixCommand.class, BenchCommand.class},
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

  /**
   * The configured command line: exit codes documented in every command's help, enum values
   * accepted in any case, and errors reported as one line on stderr (a stack trace only with
   * {@code --verbose}). Tests use this, with their own out and err writers.
   */
  public static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setUsageHelpWidth(100);
    cmd.setParameterExceptionHandler(Main::badUsage);
    cmd.setExecutionExceptionHandler(Main::failed);
    Map<String, String> exitCodes = new LinkedHashMap<>();
    for (String line : ExitCode.HELP) {
      int colon = line.indexOf(':');
      exitCodes.put(line.substring(0, colon), line.substring(colon + 1));
    }
    documentExitCodes(cmd, exitCodes);
    return cmd;
  }

  private static void documentExitCodes(CommandLine cmd, Map<String, String> exitCodes) {
    cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
    for (CommandLine sub : cmd.getSubcommands().values()) {
      documentExitCodes(sub, exitCodes);
    }
  }

  /** A bad option or argument: one line naming the command, the problem and where help is. */
  private static int badUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    cmd.getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
    cmd.getErr().flush();
    return ExitCode.INPUT;
  }

  private static int failed(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    boolean verbose = verbose(parsed);
    if (e instanceof InputException) {
      err.println("pinmc: " + e.getMessage());
      if (verbose && e.getCause() != null) {
        e.getCause().printStackTrace(err);
      }
      err.flush();
      return ExitCode.INPUT;
    }
    err.println("pinmc: internal error: " + e + (verbose ? "" : " (--verbose shows the stack trace)"));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCode.INTERNAL;
  }

  /** Whether {@code --verbose} was given to the command that ran. */
  private static boolean verbose(ParseResult parsed) {
    ParseResult p = parsed;
    while (p.hasSubcommand()) {
      p = p.subcommand();
    }
    return p.hasMatchedOption("--verbose");
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
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
