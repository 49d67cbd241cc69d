package pinmc.matrix;

import java.util.function.Function;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.check.ModelTarget;

/** An engine for the matrix tests that answers each target with {@code answer}. */
final class StubEngine implements Engine {
  private final Function<ModelTarget, CheckResult> answer;

  StubEngine(Function<ModelTarget, CheckResult> answer) {
    this.answer = answer;
  }

  @Override
  public String name() {
    return "stub";
  }

  @Override
  public CheckResult check(ModelTarget target, CheckOptions options) {
    return answer.apply(target);
  }
}
