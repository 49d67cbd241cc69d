package pinmc.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Reduction;
import pinmc.check.Verdict;
import pinmc.corpus.HoldsWeakReference;
import pinmc.corpus.AtomicCounter;
import pinmc.corpus.Corpus;
import pinmc.corpus.LocalOnlyDifference;
import pinmc.corpus.LostUpdate;
import pinmc.corpus.SynchronizedCounter;

/**
 * State caching ({@link Reduction#STATES}): it finds what plain enumeration finds, with fewer
 * executions, and refuses what it cannot see. The differential tester compares it with plain
 * enumeration on random programs.
 */
class StateCachingTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private CheckResult check(Class<?> program, CheckOptions.Builder options) {
    return engine.check(ModelTarget.of(program), options.maxSteps(2_000).build());
  }

  private CheckResult check(Class<?> program, Reduction reduction) {
    return check(program, CheckOptions.builder().reduction(reduction));
  }

  /** Each corpus program, with the outcome plain enumeration and DPOR give it (see {@link Corpus}). */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("pinmc.corpus.Corpus#programs")
  void theCorpusGetsItsExpectedOutcome(Class<?> program, String[] args, String expected, boolean crossCheck) {
    CheckResult r = engine.check(ModelTarget.of(program, args),
        CheckOptions.builder().reduction(Reduction.STATES).maxSteps(2_000).build());
    assertEquals(expected, r.outcome(), r.message());
  }

  @Test
  void aLostUpdateOnAStaticFieldIsFound() {
    CheckResult r = check(LostUpdate.class, Reduction.STATES);
    assertEquals(Verdict.VIOLATION, r.verdict(), r.message());
    assertTrue(r.message().contains("lost update"), r.message());
  }

  @Test
  void statesThatDifferOnlyInALocalVariableAreKeptApart() {
    assertEquals(Verdict.VIOLATION, check(LocalOnlyDifference.class, Reduction.NONE).verdict());
    CheckResult r = check(LocalOnlyDifference.class, Reduction.STATES);
    assertEquals(Verdict.VIOLATION, r.verdict(), r.message());
    assertTrue(r.message().contains("saw the writer's value"), r.message());
  }

  @Test
  void aPassingModelRunsFewerExecutionsThanPlainEnumerationAndCountsItsStates() {
    for (Class<?> program : new Class<?>[] {SynchronizedCounter.class, AtomicCounter.class}) {
      CheckResult none = check(program, Reduction.NONE);
      CheckResult states = check(program, Reduction.STATES);
      assertEquals(Verdict.PASS, none.verdict(), none.message());
      assertEquals(Verdict.PASS, states.verdict(), states.message());
      assertTrue(states.stats().executions() < none.stats().executions(),
          program.getSimpleName() + ": " + states.stats().executions() + " vs " + none.stats().executions());
      assertTrue(states.stats().statesNew() > 0, program.getSimpleName());
      assertTrue(states.stats().statesVisited() > 0, program.getSimpleName() + ": no state was reached twice");
    }
  }

  /**
   * One state, one fingerprint, however warm the JIT is: a compiled frame reports a dead local
   * as empty and an int in a 64-bit slot with junk above, the interpreter the dead local's
   * last value. Without {@code LiveLocals} the counts grew from run to run in one JVM.
   */
  @Test
  void theSameSearchCountsTheSameStatesEveryTime() {
    ModelTarget target = ModelTarget.of("pinmc.blocking.TallyUnderLock", "2", "4");
    CheckOptions options = CheckOptions.builder().reduction(Reduction.STATES).maxSteps(2_000).build();
    CheckResult first = engine.check(target, options);
    assertEquals(Verdict.PASS, first.verdict(), first.message());
    for (int run = 0; run < 4; run++) {
      CheckResult again = engine.check(target, options);
      assertEquals(first.stats().statesNew(), again.stats().statesNew(), "run " + run);
      assertEquals(first.stats().executions(), again.stats().executions(), "run " + run);
    }
  }

  /** Without the JDK's own fields of a stand-in, whose ThreadLocal differs in every execution, states match across executions. */
  @Test
  void aStateWithAReadWriteLockIsReachedAgain() {
    for (Reduction reduction : new Reduction[] {Reduction.STATES, Reduction.STATEFUL}) {
      CheckResult r = check(pinmc.corpus.ReadWriteLockedWriters.class, reduction);
      assertEquals(Verdict.PASS, r.verdict(), r.message());
      assertTrue(r.stats().statesVisited() > 0, reduction + ": no state was reached twice");
    }
  }

  /**
   * Every differential-tester program holds a {@code ReentrantReadWriteLock}, whose JDK
   * internals include a thread-local with a hash code drawn from a JVM-wide counter, new in
   * each execution: it went into the fingerprint, so no state was ever reached twice (tester
   * seed 108, this program: 1,287 executions and 63,719 states, none met again; now 51
   * executions, 231 states, 48 met again).
   */
  @Test
  void aStateReachedByTwoInterleavingsIsMetAgainWhateverTheJdkObjectsHeld() {
    CheckResult r = engine.check(ModelTarget.of(pinmc.difftest.DiffProgram.class, "#s10;i30;i30|i40;k41;r40;k31"),
        CheckOptions.builder().reduction(Reduction.STATES).maxSteps(2_000).maxExecutions(300).build());
    assertEquals(Verdict.PASS, r.verdict(), r.message());
    assertTrue(r.stats().statesVisited() > 0, "no state was reached twice");
  }

  /**
   * A condition once awaited left an entry (condition to lock) in a table the fingerprint
   * included, so a state after an {@code await} differed from the same state reached without
   * one, and the condition version of a program had more states than its monitor twin
   * ({@code AwaitedOrNot}: 40 and 30 under state caching).
   */
  @Test
  void aConditionOnceAwaitedIsNotPartOfTheState() {
    for (Reduction reduction : new Reduction[] {Reduction.STATES, Reduction.STATEFUL}) {
      CheckOptions options = CheckOptions.builder().reduction(reduction).maxSteps(2_000).build();
      CheckResult condition = engine.check(ModelTarget.of(pinmc.corpus.AwaitedOrNot.class), options);
      CheckResult monitor = engine.check(ModelTarget.of(pinmc.corpus.AwaitedOrNot.class, "monitor"), options);
      assertEquals(Verdict.PASS, condition.verdict(), condition.message());
      assertEquals(Verdict.PASS, monitor.verdict(), monitor.message());
      // Not equal to the state: the JVM's frames of the two differ a little in a warm JVM (29 and 30).
      assertTrue(condition.stats().statesNew() <= monitor.stats().statesNew(),
          reduction + ": " + condition.stats().statesNew() + " states with a condition, " + monitor.stats().statesNew() + " with a monitor");
    }
  }

  @Test
  void aPreemptionBoundIsRefusedInOneLine() {
    CheckResult r = check(LostUpdate.class, CheckOptions.builder().reduction(Reduction.STATES).preemptionBound(2));
    assertEquals(Verdict.ERROR, r.verdict());
    assertTrue(r.message().contains("without a preemption bound"), r.message());
    assertTrue(!r.message().contains("\n"), r.message());
  }

  @Test
  void dataRaceDetectionIsRefused() {
    CheckResult r = check(LostUpdate.class, CheckOptions.builder().reduction(Reduction.STATES).detectRaces(true));
    assertEquals(Verdict.ERROR, r.verdict());
    assertTrue(r.message().contains("data races"), r.message());
  }

  @Test
  void aWeakReferenceInTheHeapIsRefusedNotSkipped() {
    CheckResult r = check(HoldsWeakReference.class, Reduction.STATES);
    assertEquals(Verdict.ERROR, r.verdict(), r.message());
    assertTrue(r.message().contains("garbage collector"), r.message());
    assertEquals(Verdict.PASS, check(HoldsWeakReference.class, Reduction.DPOR).verdict());
  }
}
