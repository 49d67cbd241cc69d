package pinmc.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.EngineRegistry;
import pinmc.check.EngineUnavailableException;
import pinmc.check.ModelTarget;
import pinmc.check.Verdict;
import pinmc.props.Expectation;
import pinmc.props.ModelSpec;
import pinmc.props.PropertiesFileException;
import pinmc.report.ReportEntry;
import pinmc.report.Style;
import pinmc.report.TextReport;

/**
 * Model-checks a class from a test of a user's project:
 *
 * <pre>{@code
 * CheckResult r = ModelCheck.of(DirtyAfterUnpin.class).args("gup").run();
 * ModelCheck.assertViolates(r, "dirty-page-has-buffers");
 *
 * ModelCheck.properties(Path.of("properties/btrfs-bounce.jpf")).assertMeetsExpectation();
 * }</pre>
 *
 * <p>The assertions throw {@link AssertionError} whose message is the text report of the result,
 * counterexample included, so a failing test shows the interleaving. They do not use JUnit
 * itself, so they work under any test framework and pinmc's jar does not depend on JUnit.
 */
public final class ModelCheck {
  private ModelTarget target;
  private final Optional<Expectation> expectation;
  private String engine = EngineRegistry.DEFAULT;
  private CheckOptions options = CheckOptions.defaults();

  private ModelCheck(ModelTarget target, Optional<Expectation> expectation) {
    this.target = target;
    this.expectation = expectation;
  }

  /** A model class on the test's class path, run with no arguments unless {@link #args} says otherwise. */
  public static ModelCheck of(Class<?> mainClass) {
    return new ModelCheck(ModelTarget.of(mainClass), Optional.empty());
  }

  /** A model class by name, found on the test's class path or on {@link #classpath}. */
  public static ModelCheck of(String mainClass) {
    return new ModelCheck(ModelTarget.of(mainClass), Optional.empty());
  }

  /** The target, arguments, class path and expectation of a properties file. */
  public static ModelCheck properties(Path jpfFile) {
    try {
      ModelSpec spec = ModelSpec.load(jpfFile);
      return new ModelCheck(spec.target(), spec.expectation());
    } catch (PropertiesFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The arguments given to the model's {@code main} (its variant and sizes). */
  public ModelCheck args(String... args) {
    target = target.withArgs(List.of(args));
    return this;
  }

  /** Directories and jars to load the model from, before the test's own class path. */
  public ModelCheck classpath(Path... entries) {
    List<Path> cp = new ArrayList<>(List.of(entries));
    cp.addAll(target.classpath());
    target = target.withClasspath(cp);
    return this;
  }

  /** The engine to check with, by name ({@code embedded}, the default, or {@code jpf}). */
  public ModelCheck engine(String name) {
    engine = name;
    return this;
  }

  public ModelCheck options(CheckOptions newOptions) {
    options = newOptions;
    return this;
  }

  /** Runs the check; throws {@link IllegalStateException} if the engine is not available. */
  public CheckResult run() {
    try {
      return EngineRegistry.get(engine).check(target, options);
    } catch (EngineUnavailableException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Runs the check and asserts the properties file's {@code pinmc.expect}. */
  public CheckResult assertMeetsExpectation() {
    Expectation expected = expectation.orElseThrow(() -> new IllegalStateException(
        target.name() + " has no " + ModelSpec.EXPECT + " to meet"));
    return assertOutcome(run(), expected.outcome());
  }

  /** Asserts the verdict, and returns the result for further assertions. */
  public static CheckResult assertVerdict(CheckResult result, Verdict expected) {
    if (result.verdict() != expected) {
      throw failure("expected " + expected, result);
    }
    return result;
  }

  /** Asserts a complete search that found nothing (an inconclusive search is not a pass). */
  public static CheckResult assertPasses(CheckResult result) {
    return assertVerdict(result, Verdict.PASS);
  }

  /** Asserts that the named invariant was violated. */
  public static CheckResult assertViolates(CheckResult result, String invariant) {
    return assertOutcome(result, "violation:" + invariant);
  }

  /** Asserts a deadlock. */
  public static CheckResult assertDeadlocks(CheckResult result) {
    return assertVerdict(result, Verdict.DEADLOCK);
  }

  /** Asserts an outcome in the words of {@code pinmc.expect} ({@code pass}, {@code violation:<invariant>}, ...). */
  public static CheckResult assertOutcome(CheckResult result, String outcome) {
    if (!result.outcome().equals(outcome)) {
      throw failure("expected " + outcome + ", found " + result.outcome(), result);
    }
    return result;
  }

  private static AssertionError failure(String what, CheckResult result) {
    String report = new TextReport(Style.PLAIN, false).render(List.of(ReportEntry.of(result)));
    return new AssertionError(what + "\n" + report);
  }
}
