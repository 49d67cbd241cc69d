package pinmc.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.Verdict;
import pinmc.embedded.EmbeddedEngine;

/**
 * Every committed properties file, checked by the embedded engine: the verdict and invariant
 * are the file's {@code pinmc.expect}, a pass explored everything (no bound hit), and a
 * violation comes with a counterexample.
 */
class ModelVerdictsTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  @TestFactory
  Stream<DynamicTest> eachPropertiesFileMeetsItsExpectation() {
    return PropertiesFiles.all().stream().map(entry -> DynamicTest.dynamicTest(entry.name(), () -> {
      CheckResult result = engine.check(entry.target(), CheckOptions.defaults());
      System.out.printf("%-45s %-50s executions=%d steps=%d time=%dms%n", entry.name(), result.outcome(),
          result.stats().executions(), result.stats().steps(), result.stats().timeMillis());
      String detail = result.outcome() + ": " + result.message() + " " + result.details();
      assertEquals(entry.expect(), result.outcome(), detail);
      if (result.verdict() == Verdict.PASS) {
        assertNull(result.stats().boundHit(), "a pass must have explored everything");
      } else {
        assertTrue(result.foundBug(), detail);
        assertFalse(result.trace().isEmpty(), "a violation comes with a counterexample");
      }
    }));
  }
}
