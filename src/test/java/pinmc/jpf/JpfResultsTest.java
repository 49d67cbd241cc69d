package pinmc.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import pinmc.check.Bound;
import pinmc.check.CheckResult;
import pinmc.check.Property;
import pinmc.check.Verdict;

/** How the listener's JSON becomes a result in the embedded engine's terms. No JPF needed. */
class JpfResultsTest {
  private static final String STATS = "\"stats\":{\"executions\":7,\"steps\":30,\"maxDepth\":9,\"statesNew\":20,\"statesVisited\":10,\"searchMillis\":5}";
  private static final String TRACE = "\"trace\":[{\"step\":1,\"thread\":\"t1\",\"op\":\"write X.a\",\"class\":\"m.X\",\"method\":\"run\",\"file\":\"X.java\",\"line\":12}]";

  private static CheckResult read(String json) {
    return JpfResults.read("m", "jpf", json, 100, 1234);
  }

  private static String violation(String fields) {
    return "{\"violation\":{" + fields + "," + TRACE + "},\"spin\":null,\"constraint\":null,\"executionsCut\":false," + STATS + "}";
  }

  @Test
  void invariantByName() {
    CheckResult r = read(violation("\"property\":\"pinmc.jpf.runtime.PinmcListener\",\"invariant\":\"total-conserved\","
        + "\"message\":\"audit saw a + b = 5\",\"thread\":\"audit\",\"where\":\"X.run (X.java:3)\""));
    assertEquals("violation:total-conserved", r.outcome());
    assertEquals("audit saw a + b = 5", r.message());
    assertEquals("write X.a", r.trace().get(0).op());
    assertEquals("X.java:12", r.trace().get(0).location().toString());
    assertEquals(20, r.stats().statesNew());
    assertEquals(10, r.stats().statesVisited());
    assertEquals(1234, r.stats().timeMillis());
  }

  @Test
  void invariantViolationSeenAsAnUncaughtExceptionIsStillTheInvariant() {
    CheckResult r = read(violation("\"property\":\"" + JpfResults.NO_UNCAUGHT_EXCEPTIONS + "\",\"exception\":\"pinmc.api.InvariantViolation\","
        + "\"invariant\":\"pins-balanced\",\"message\":\"page0 has 1 pin left\",\"thread\":\"main\",\"where\":\"?\""));
    assertEquals("violation:pins-balanced", r.outcome());
  }

  @Test
  void assertionExceptionAndFailureBeforeThreads() {
    String assertion = "\"property\":\"" + JpfResults.NO_UNCAUGHT_EXCEPTIONS + "\",\"exception\":\"java.lang.AssertionError\","
        + "\"message\":\"lost update\",\"assertion\":true,\"thread\":\"main\",\"where\":\"C.main(C.java:9)\",\"onlyThread\":false";
    CheckResult a = read(violation(assertion));
    assertEquals(Property.ASSERTION, a.property());
    assertTrue(a.message().endsWith(": lost update"), a.message());
    CheckResult x = read(violation(assertion.replace("java.lang.AssertionError", "java.lang.IllegalStateException")
        .replace("\"assertion\":true", "\"assertion\":false")));
    assertEquals("violation:exception", x.outcome());
    CheckResult early = read(violation(assertion.replace("\"assertion\":true", "\"assertion\":false")
        .replace("\"onlyThread\":false", "\"onlyThread\":true")));
    assertEquals(Verdict.ERROR, early.verdict());
    assertTrue(early.message().startsWith("the model failed before starting any thread"), early.message());
  }

  @Test
  void deadlockWithWhatEachThreadWaitsFor() {
    CheckResult r = read(violation("\"property\":\"" + JpfResults.NOT_DEADLOCKED + "\",\"message\":\"deadlock encountered:\","
        + "\"details\":[\"ab waits for java.lang.Object@1 held by ba at X.run (X.java:5)\"]"));
    assertEquals(Verdict.DEADLOCK, r.verdict());
    assertEquals("deadlock", r.outcome());
    assertEquals(1, r.details().size());
  }

  @Test
  void boundsAreInconclusiveNeverPass() {
    CheckResult spin = read("{\"spin\":\"thread t can run forever\",\"constraint\":null,\"executionsCut\":false," + STATS + "}");
    assertEquals(Verdict.INCONCLUSIVE, spin.verdict());
    assertEquals(Bound.STEPS, spin.stats().boundHit());
    assertEquals("thread t can run forever", spin.message());
    CheckResult depth = read("{\"spin\":null,\"constraint\":\"depth limit reached\",\"executionsCut\":false," + STATS + "}");
    assertEquals(Bound.STEPS, depth.stats().boundHit());
    CheckResult executions = read("{\"spin\":null,\"constraint\":null,\"executionsCut\":true," + STATS + "}");
    assertEquals(Bound.EXECUTIONS, executions.stats().boundHit());
    CheckResult pass = read("{\"spin\":null,\"constraint\":null,\"executionsCut\":false," + STATS + "}");
    assertEquals(Verdict.PASS, pass.verdict());
    assertNull(pass.stats().boundHit());
  }

  @Test
  void brokenResultIsAnError() {
    assertEquals(Verdict.ERROR, read("{\"stats\":").verdict());
  }

  @Test
  void failureLineFromJpfConsole() {
    assertEquals("cannot load application class m.Nope",
        JpfResults.failureLine("JavaPathfinder core system v8.0\n[SEVERE] cannot load application class m.Nope\n\nmore\n"));
    assertEquals("java.lang.NoClassDefFoundError: gov/nasa/jpf/Config",
        JpfResults.failureLine("Error: x\njava.lang.NoClassDefFoundError: gov/nasa/jpf/Config\n\tat ...".replace("Error: x\n", "")));
    assertEquals("no output", JpfResults.failureLine(""));
  }
}
