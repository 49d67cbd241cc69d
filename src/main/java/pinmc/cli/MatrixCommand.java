package pinmc.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import pinmc.matrix.DesignMatrix;
import pinmc.matrix.MatrixLayout;
import pinmc.matrix.VersionTable;
import java.util.List;
import java.util.Map;
import pinmc.props.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pinmc matrix}: each proposal from the seeds against each invariant, computed by checking the models. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
    description = "Checks the models and prints the design matrix: for each proposal (get_user_pages, "
        + "pin_user_pages with the bias, exact pin count, page locks, MMU notifiers, leases, bounce buffers, "
        + "buffered fallback), whether each invariant holds, is violated (with the counterexample's length), "
        + "or does not apply; then the kernel-version table: on which releases each race is exposed, on which "
        + "fixed, and the commit that closed it.")
final class MatrixCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin EngineOption engine;
  @Mixin SearchOptions search;
  @Mixin PropertiesDirOption properties;

  @Option(names = "--markdown", description = "Print a Markdown table (as in the README) instead of text.")
  boolean markdown;

  @Override
  public Integer call() throws InputException {
    DesignMatrix matrix = DesignMatrix.compute(MatrixLayout.load(), engine.engine(), search.toBuilder().build(),
        properties.existing(), file -> ModelSpec.load(file).target());
    VersionTable versions = VersionTable.load();
    Map<String, List<VersionTable.Outcome>> outcomes = versions.compute(engine.engine(), search.toBuilder().build(),
        properties.existing(), file -> ModelSpec.load(file).target(), matrix.results());
    PrintWriter out = spec.commandLine().getOut();
    out.print(markdown ? matrix.markdown() : matrix.text());
    out.println();
    out.print(markdown ? versions.markdown(outcomes) : versions.text(outcomes));
    out.flush();
    return ExitCode.OK;
  }
}
