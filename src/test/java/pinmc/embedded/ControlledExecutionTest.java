package pinmc.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Verdict;
import pinmc.corpus.control.ThrowingInvariant;
import pinmc.gate.Gate;

/** Nothing a model does runs uncontrolled: what the engine cannot control is an error, never a pass. */
class ControlledExecutionTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private CheckResult check(Class<?> model, String... args) {
    return engine.check(ModelTarget.of(model, args), CheckOptions.builder().maxSteps(2_000).build());
  }

  @Test
  void anInvariantWhoseConditionThrowsIsAnErrorNamingItAndTheException(@TempDir Path dir) throws Exception {
    CheckResult r = check(ThrowingInvariant.class);
    assertEquals(Verdict.ERROR, r.verdict(), r.outcome() + ": " + r.message());
    assertTrue(r.message().contains("invariant slot-filled-once threw java.lang.NullPointerException"), r.message());
    assertTrue(r.message().contains("ThrowingInvariant.java"), "names the invariant's line: " + r.message());

    Path spec = Files.writeString(dir.resolve("broken.jpf"), "target = " + ThrowingInvariant.class.getName()
        + "\npinmc.expect = violation:slot-filled-once\n");
    Gate.Run run = new Gate(engine, CheckOptions.defaults(), 1).run(List.of(spec), Gate.Listener.NONE);
    assertFalse(run.allAsExpected(), "a broken invariant is not the expected bug: " + run.entries());
  }
}
