package pinmc.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Engine;
import pinmc.check.EngineRegistry;
import pinmc.check.ModelTarget;
import pinmc.check.Verdict;
import pinmc.report.SampleResults;

class ModelCheckTest {
  private final List<ModelTarget> asked = new ArrayList<>();
  private final List<CheckOptions> options = new ArrayList<>();
  private AutoCloseable substitution;

  /** Violates the invariant for "buggy", passes otherwise. */
  private final Engine canned = new Engine() {
    @Override
    public String name() {
      return "embedded";
    }

    @Override
    public CheckResult check(ModelTarget target, CheckOptions o) {
      asked.add(target);
      options.add(o);
      return target.args().contains("buggy") ? SampleResults.violation(target.name()) : SampleResults.pass(target.name());
    }
  };

  @BeforeEach
  void substitute() {
    substitution = EngineRegistry.substituteForTesting("embedded", () -> canned);
  }

  @AfterEach
  void restore() throws Exception {
    substitution.close();
  }

  @Test
  void runsTheClassWithArgsClasspathAndOptions() {
    CheckOptions o = CheckOptions.builder().maxSteps(99).build();
    CheckResult r = ModelCheck.of(String.class).args("buggy", "3").classpath(Path.of("lib")).options(o).run();
    assertEquals(Verdict.VIOLATION, r.verdict());
    assertEquals(new ModelTarget("java.lang.String", "java.lang.String", List.of("buggy", "3"), List.of(Path.of("lib"))), asked.get(0));
    assertSame(o, options.get(0));
  }

  @Test
  void assertionsReturnTheResultWhenTheyHold() {
    CheckResult bug = ModelCheck.of("m.M").args("buggy").run();
    assertSame(bug, ModelCheck.assertViolates(bug, SampleResults.INVARIANT));
    assertSame(bug, ModelCheck.assertVerdict(bug, Verdict.VIOLATION));
    CheckResult ok = ModelCheck.of("m.M").run();
    assertSame(ok, ModelCheck.assertPasses(ok));
    assertSame(ok, ModelCheck.assertOutcome(ok, "pass"));
  }

  @Test
  void aFailedAssertionShowsTheCounterexample() {
    CheckResult bug = ModelCheck.of("m.M").args("buggy").run();
    AssertionError e = assertThrows(AssertionError.class, () -> ModelCheck.assertPasses(bug));
    assertTrue(e.getMessage().startsWith("expected PASS\nm.M: VIOLATION (invariant stable-page-under-io)"), e.getMessage());
    assertTrue(e.getMessage().contains("setPageWriteback(page0)"), e.getMessage());
    assertThrows(AssertionError.class, () -> ModelCheck.assertViolates(bug, "other"));
    assertThrows(AssertionError.class, () -> ModelCheck.assertDeadlocks(bug));
  }

  @Test
  void anInconclusiveSearchIsNotAPass() {
    assertThrows(AssertionError.class, () -> ModelCheck.assertPasses(SampleResults.inconclusive("x")));
  }

  @Test
  void propertiesFilesAreCheckedAgainstTheirExpectation(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("good.jpf"), "target = m.M\ntarget.args = buggy\npinmc.expect = violation:stable-page-under-io\n");
    assertEquals(Verdict.VIOLATION, ModelCheck.properties(good).assertMeetsExpectation().verdict());
    Path wrong = Files.writeString(dir.resolve("wrong.jpf"), "target = m.M\ntarget.args = buggy\npinmc.expect = pass\n");
    AssertionError e = assertThrows(AssertionError.class, () -> ModelCheck.properties(wrong).assertMeetsExpectation());
    assertTrue(e.getMessage().startsWith("expected pass, found violation:stable-page-under-io\nwrong: VIOLATION"), e.getMessage());
    Path none = Files.writeString(dir.resolve("none.jpf"), "target = m.M\n");
    assertThrows(IllegalStateException.class, () -> ModelCheck.properties(none).assertMeetsExpectation());
    Path bad = Files.writeString(dir.resolve("bad.jpf"), "target\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelCheck.properties(bad)).getMessage().startsWith(bad + ":1:"));
  }

  @Test
  void aMissingEngineIsAClearError() {
    // Not "jpf": whether that one is available depends on the machine (JPF_HOME, ~/.jpf).
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModelCheck.of("m.M").engine("spin").run());
    assertTrue(e.getMessage().startsWith("unknown engine 'spin'"), e.getMessage());
  }
}
