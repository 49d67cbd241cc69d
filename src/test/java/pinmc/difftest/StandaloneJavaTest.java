package pinmc.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.embedded.EmbeddedEngine;

/**
 * The Java text JPF runs is the program the interpreter runs: on the embedded engine, the
 * rendered class and {@link DiffProgram} give the same outcome (which bug, or none). Without
 * this, a disagreement with JPF could be the rendering's.
 */
class StandaloneJavaTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private CheckResult check(ModelTarget target) {
    return engine.check(target, CheckOptions.builder().maxSteps(DiffCheck.MAX_STEPS).maxExecutions(2_000)
        .timeLimit(DiffCheck.NONE_TIME).enumerateRandom(true).build());
  }

  /** Seeds 3 to 12: every construct group, and a deadlock (11) and an invariant violation (12). */
  @Test
  void renderedProgramsGiveTheInterpretersOutcome() throws Exception {
    Generator generator = DifferentialTest.generator();
    Map<String, Program> programs = new TreeMap<>();
    for (long seed = 3; seed <= 12; seed++) {
      programs.put("DiffSample" + seed, generator.generate(seed));
    }
    Path dir = Path.of("target", "standalone-java").toAbsolutePath();
    Map<String, String> sources = StandaloneJava.compile(programs, dir);
    int compared = 0;
    int bugs = 0;
    for (Map.Entry<String, Program> e : programs.entrySet()) {
      Program p = e.getValue();
      CheckResult interpreted = check(ModelTarget.of(DiffProgram.class, p.encode()));
      if (interpreted.stats().boundHit() != null && !interpreted.foundBug()) {
        continue;
      }
      CheckResult rendered = check(new ModelTarget(e.getKey(), e.getKey(), List.of(), List.of(dir)));
      assertEquals(interpreted.outcome(), rendered.outcome(), e.getKey() + " " + p.encode() + ": " + interpreted.message()
          + " / " + rendered.message() + "\n" + sources.get(e.getKey()));
      compared++;
      bugs += interpreted.foundBug() ? 1 : 0;
    }
    assertTrue(compared >= 8 && bugs >= 2, compared + " programs compared, " + bugs + " with a bug");
  }
}
