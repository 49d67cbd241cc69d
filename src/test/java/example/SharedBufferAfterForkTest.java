package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import pinmc.check.CheckResult;
import pinmc.junit.ModelCheck;

/** The README's "write your own model" example compiles and gives the verdicts the README states. */
class SharedBufferAfterForkTest {
  @Test
  void exposedBefore58AndFixedAfter() {
    CheckResult old = ModelCheck.assertViolates(ModelCheck.of(SharedBufferAfterFork.class).args("5.7").run(), "child-sees-only-its-snapshot");
    assertEquals("child", old.trace().get(old.trace().size() - 1).thread(), "the child's read is the failing step");
    ModelCheck.assertPasses(ModelCheck.of(SharedBufferAfterFork.class).args("5.8").run());
    ModelCheck.assertPasses(ModelCheck.of(SharedBufferAfterFork.class).args("6.15").run());
  }
}
