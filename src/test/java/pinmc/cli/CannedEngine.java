package pinmc.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.check.ModelTarget;
import pinmc.check.Schedule;
import pinmc.report.SampleResults;

/**
 * A test double for the CLI's tests: answers with a canned result chosen by the target's first
 * argument ({@code buggy}, {@code fixed}, {@code deadlock}, {@code spin}, {@code broken},
 * {@code crash}), and records what it was asked, so that tests can check what the CLI passed on.
 */
final class CannedEngine implements Engine {
  record Call(ModelTarget target, CheckOptions options, Schedule schedule) {}

  final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  /** What {@link #replay} answers with; null to answer like {@link #check}. */
  volatile CheckResult replayAnswer;

  @Override
  public String name() {
    return "embedded";
  }

  @Override
  public CheckResult check(ModelTarget target, CheckOptions options) {
    calls.add(new Call(target, options, null));
    return answer(target);
  }

  @Override
  public CheckResult replay(ModelTarget target, CheckOptions options, Schedule schedule) {
    calls.add(new Call(target, options, schedule));
    return replayAnswer != null ? replayAnswer.withTarget(target.name()) : answer(target);
  }

  private static CheckResult answer(ModelTarget target) {
    String variant = target.args().isEmpty() ? "fixed" : target.args().get(0);
    return switch (variant) {
      case "buggy" -> SampleResults.violation(target.name());
      case "deadlock" -> SampleResults.deadlock(target.name());
      case "spin" -> SampleResults.inconclusive(target.name());
      case "broken" -> SampleResults.error(target.name());
      case "crash" -> throw new IllegalStateException("canned engine crash");
      default -> SampleResults.pass(target.name());
    };
  }
}
