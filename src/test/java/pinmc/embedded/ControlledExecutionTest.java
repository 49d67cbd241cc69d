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
import pinmc.check.Reduction;
import pinmc.corpus.control.AtomicAppend;
import pinmc.corpus.control.BuilderRace;
import pinmc.corpus.control.CheckThenAdd;
import pinmc.corpus.control.IdentityHashes;
import pinmc.corpus.control.IteratorRace;
import pinmc.corpus.control.MethodReferences;
import pinmc.corpus.control.Nondeterministic;
import pinmc.corpus.control.ThrowingInvariant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pinmc.gate.Gate;

/** Nothing a model does runs uncontrolled: what the engine cannot control is an error, never a pass. */
class ControlledExecutionTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private CheckResult check(Class<?> model, String... args) {
    return engine.check(ModelTarget.of(model, args), CheckOptions.builder().maxSteps(2_000).build());
  }

  private CheckResult check(Class<?> model, Reduction reduction, boolean races, String... args) {
    return engine.check(ModelTarget.of(model, args),
        CheckOptions.builder().maxSteps(2_000).reduction(reduction).detectRaces(races).build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"nanoTime", "currentTimeMillis", "instant", "clock", "localDateTime", "date",
      "identityHashCode", "mathRandom", "threadLocalRandom", "uuid", "unseededRandom", "shuffle", "objectHashCode"})
  void aValueTheScheduleDoesNotDetermineIsAnErrorNamingTheCallAndLine(String source) {
    CheckResult r = check(Nondeterministic.class, source);
    assertEquals(Verdict.ERROR, r.verdict(), source + ": " + r.outcome() + " " + r.message());
    assertTrue(r.message().startsWith("unsupported construct "), r.message());
    assertTrue(r.message().contains("Nondeterministic.java:"), "names the model's line: " + r.message());
  }

  /** The engine keeps these objects' locks where their monitors go; synchronizing on them would hide a race. */
  @ParameterizedTest
  @ValueSource(strings = {"reentrantLock", "readWriteLock", "condition"})
  void synchronizedOnAJucLockOrConditionIsRefused(String variant) {
    CheckResult r = check(pinmc.corpus.control.SynchronizedOnJucLock.class, variant);
    assertEquals(Verdict.ERROR, r.verdict(), variant + ": " + r.outcome() + " " + r.message());
    assertTrue(r.message().startsWith("unsupported construct synchronized on a "), r.message());
    assertTrue(r.message().contains("SynchronizedOnJucLock.java:"), "names the model's line: " + r.message());
  }

  @Test
  void theRefusalsNameTheCall() {
    assertTrue(check(Nondeterministic.class, "nanoTime").message().contains("java.lang.System.nanoTime()"));
    assertTrue(check(Nondeterministic.class, "date").message().contains("java.util.Date()"));
    assertTrue(check(Nondeterministic.class, "objectHashCode").message().contains("java.lang.Object.hashCode()"));
    assertTrue(check(Nondeterministic.class, "unseededRandom").message().contains("java.util.Random()"));
  }

  @Test
  void aSeededRandomIsFineAndAnUnseededOneOnlyWhereItsValuesAreEnumerated() {
    assertEquals(Verdict.PASS, check(Nondeterministic.class, "seededRandom").verdict());
    CheckOptions enumerate = CheckOptions.builder().enumerateRandom(true).build();
    CheckResult nextInt = engine.check(ModelTarget.of(Nondeterministic.class, "unseededRandom"), enumerate);
    assertEquals("violation:assertion", nextInt.outcome(), "nextInt(2) enumerated finds the odd value: " + nextInt.message());
    CheckResult nextLong = engine.check(ModelTarget.of(Nondeterministic.class, "unseededRandomLong"), enumerate);
    assertEquals(Verdict.ERROR, nextLong.verdict(), nextLong.message());
  }

  @Test
  void modelObjectsWithoutAHashCodeHashTheSameInEveryExecutionAndCheck() {
    String key = "pinmc.test.identityHashes";
    System.clearProperty(key);
    CheckResult first = check(IdentityHashes.class);
    assertEquals(Verdict.PASS, first.verdict(), first.message());
    CheckResult second = check(IdentityHashes.class);
    assertEquals(Verdict.PASS, second.verdict(), second.message());
    List<String> orders = List.of(System.getProperty(key).split(";"));
    System.clearProperty(key);
    assertTrue(orders.size() > 2, "several executions: " + orders);
    assertEquals(1, orders.stream().distinct().count(), "one iteration order: " + orders);
  }

  @ParameterizedTest
  @ValueSource(strings = {"DPOR", "SOURCE", "NONE"})
  void aCheckThenAddOnASharedJdkListIsFound(String reduction) {
    Reduction r = Reduction.valueOf(reduction);
    CheckResult list = check(CheckThenAdd.class, r, false, "list");
    assertEquals("violation:assertion", list.outcome(), list.message());
    CheckResult map = check(CheckThenAdd.class, r, false, "map");
    assertEquals("violation:assertion", map.outcome(), map.message());
    CheckResult made = check(CheckThenAdd.class, r, false, "jdkMade");
    assertEquals("violation:assertion", made.outcome(), "a list the JDK made: " + made.message());
    CheckResult locked = check(CheckThenAdd.class, r, false, "locked");
    assertEquals(Verdict.PASS, locked.verdict(), locked.message());
    CheckResult view = check(CheckThenAdd.class, r, false, "view");
    assertEquals("violation:assertion", view.outcome(), "a view reads its list: " + view.message());
    assertTrue(view.message().contains("the view was read before the add"), view.message());
    CheckResult copy = check(CheckThenAdd.class, r, false, "copy");
    assertEquals("violation:assertion", copy.outcome(), "a copy constructor reads its argument: " + copy.message());
    CheckResult concat = check(CheckThenAdd.class, r, false, "concat");
    assertEquals("violation:assertion", concat.outcome(), "string concatenation reads the list: " + concat.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"DPOR", "NONE"})
  void anIteratorConflictsWithAnAddToItsList(String reduction) {
    CheckResult r = check(IteratorRace.class, Reduction.valueOf(reduction), false);
    assertEquals("violation:exception", r.outcome(), r.message());
    assertTrue(r.message().contains("ConcurrentModificationException") && r.message().contains("IteratorRace.java:19"),
        "names the model's line, not the wrapper's: " + r.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"DPOR", "NONE"})
  void twoAppendsToAStringBuilderAreOrderedBothWays(String reduction) {
    CheckResult r = check(BuilderRace.class, Reduction.valueOf(reduction), false);
    assertEquals("violation:assertion", r.outcome(), r.message());
    assertTrue(r.message().contains("unmap;map;"), r.message());
    String trace = r.trace().toString();
    assertTrue(trace.contains("append StringBuilder#") && trace.contains("(now \"unmap;\")"), "the trace names the call: " + trace);
  }

  @Test
  void callsOnAJdkListInsideAtomicBlocksArePartOfTheirStep() {
    CheckResult r = check(AtomicAppend.class, Reduction.DPOR, false);
    assertEquals("violation:assertion", r.outcome(), r.message());
    String trace = r.trace().toString();
    assertTrue(trace.contains("ArrayList#1 = size 1"), "the block's write shows the list: " + trace);
  }

  @ParameterizedTest
  @ValueSource(strings = {"atomic", "list"})
  void aMethodReferenceToAJdkMethodIsAStepToo(String variant) {
    for (Reduction reduction : new Reduction[] {Reduction.DPOR, Reduction.NONE}) {
      CheckResult r = check(MethodReferences.class, reduction, false, variant);
      assertEquals("violation:assertion", r.outcome(), reduction + ": " + r.message());
    }
  }

  @Test
  void unsynchronisedCallsOnAJdkListFromTwoThreadsAreADataRace() {
    CheckResult plain = check(CheckThenAdd.class, Reduction.DPOR, false, "plain");
    assertEquals(Verdict.PASS, plain.verdict(), "each add is one step: " + plain.message());
    CheckResult races = check(CheckThenAdd.class, Reduction.DPOR, true, "plain");
    assertEquals("violation:race", races.outcome(), races.message());
    assertTrue(races.message().startsWith("data race on ArrayList#") && races.message().contains("CheckThenAdd.java:"),
        races.message());
    CheckResult locked = check(CheckThenAdd.class, Reduction.DPOR, true, "locked");
    assertEquals(Verdict.PASS, locked.verdict(), "under a monitor there is no race: " + locked.message());
    CheckResult wrapped = check(CheckThenAdd.class, Reduction.DPOR, true, "synchronized");
    assertEquals(Verdict.PASS, wrapped.verdict(), "a synchronized list takes its monitor: " + wrapped.message());
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
