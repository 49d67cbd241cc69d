package pinmc.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pinmc.check.Bound;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Property;
import pinmc.check.Reduction;
import pinmc.check.Verdict;
import pinmc.corpus.AtomicCounter;
import pinmc.corpus.BoundedBuffer;
import pinmc.corpus.Corpus;
import pinmc.corpus.IndependentWriters;
import pinmc.corpus.InvariantInOneInterleaving;
import pinmc.corpus.LockConditionQueue;
import pinmc.corpus.LostUpdate;
import pinmc.corpus.OppositeLockOrder;
import pinmc.corpus.Peterson;
import pinmc.corpus.RandomBranch;
import pinmc.literature.FileSystem;
import pinmc.literature.Indexer;
import pinmc.literature.LastZero;
import pinmc.literature.Readers;
import pinmc.corpus.RemembersAcrossRuns;
import pinmc.corpus.SharedWriters;
import pinmc.corpus.Spinner;
import pinmc.corpus.SynchronizedCounter;
import pinmc.corpus.SynchronizedMethodCounter;

/** The engine on small programs whose verdicts are known, with DPOR checked against plain enumeration. */
class EngineCorpusTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private CheckResult check(Class<?> program, Reduction reduction, String... args) {
    return engine.check(ModelTarget.of(program, args), CheckOptions.builder().reduction(reduction).maxSteps(2_000).build());
  }

  /** Program, arguments, expected outcome, and whether plain enumeration is small enough to cross-check. */
  static Stream<Arguments> corpus() {
    return Corpus.programs();
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("corpus")
  void dporGivesTheKnownVerdict(Class<?> program, String[] args, String expected, boolean crossCheck) {
    CheckResult r = check(program, Reduction.DPOR, args);
    assertEquals(expected, r.outcome(), r.message() + " " + r.details());
    if (r.foundBug()) {
      assertFalse(r.trace().isEmpty(), "a violation comes with a counterexample");
      assertNotNull(r.schedule());
    }
    if (r.verdict() == Verdict.PASS) {
      assertNull(r.stats().boundHit(), "a pass explored everything");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("corpus")
  void dporFindsABugIfAndOnlyIfPlainEnumerationDoes(Class<?> program, String[] args, String expected, boolean crossCheck) {
    if (!crossCheck) {
      return; // plain enumeration of this one takes minutes; its verdict is asserted above
    }
    CheckResult none = check(program, Reduction.NONE, args);
    for (Reduction reduction : new Reduction[] {Reduction.DPOR, Reduction.SOURCE}) {
      CheckResult dpor = check(program, reduction, args);
      assertEquals(none.outcome(), dpor.outcome(), reduction + ": " + dpor.message() + " / none: " + none.message());
      assertTrue(dpor.stats().executions() <= none.stats().executions(),
          reduction + " ran " + dpor.stats().executions() + " executions, plain enumeration " + none.stats().executions());
    }
  }

  /**
   * Optimal DPOR runs exactly one execution per distinct interleaving (Mazurkiewicz trace),
   * none of them blocked by its sleep set, where source-set DPOR runs blocked ones: the
   * count of distinct interleavings is taken from source-set DPOR's executions.
   */
  @ParameterizedTest(name = "{0}({1})")
  @MethodSource("optimalityTargets")
  void optimalDporTakesOneExecutionPerDistinctInterleaving(Class<?> program, int n) {
    ModelTarget target = ModelTarget.of(program, "" + n);
    long traces = engine.countInterleavings(target, CheckOptions.builder().reduction(Reduction.SOURCE).build());
    CheckResult optimal = check(program, Reduction.DPOR, "" + n);
    CheckResult source = check(program, Reduction.SOURCE, "" + n);
    assertEquals(Verdict.PASS, optimal.verdict(), optimal.message());
    assertEquals(0, optimal.stats().sleepSetBlocked());
    assertEquals(traces, optimal.stats().executions());
    assertTrue(source.stats().executions() >= traces);
  }

  static Stream<Arguments> optimalityTargets() {
    return Stream.of(
        Arguments.of(LastZero.class, 3),
        Arguments.of(LastZero.class, 5),
        Arguments.of(LastZero.class, 6),
        Arguments.of(Readers.class, 4),
        Arguments.of(Indexer.class, 12),
        Arguments.of(FileSystem.class, 14));
  }

  @Test
  void sourceSetDporRunsSleepBlockedExecutionsOnLastZeroWhereOptimalRunsNone() {
    CheckResult source = check(LastZero.class, Reduction.SOURCE, "5");
    CheckResult optimal = check(LastZero.class, Reduction.DPOR, "5");
    assertTrue(source.stats().sleepSetBlocked() > 0, "the cost wakeup trees remove");
    assertEquals(source.stats().executions() - source.stats().sleepSetBlocked(), optimal.stats().executions());
  }

  @Test
  void spinningThreadIsReportedWithTheStepBoundAndItsLocation() {
    CheckResult r = check(Spinner.class, Reduction.DPOR);
    assertEquals(Verdict.INCONCLUSIVE, r.verdict());
    assertEquals(Bound.STEPS, r.stats().boundHit());
    assertTrue(r.message().contains("Spinner.java:"), r.message());
  }

  @Test
  void deadlockNamesWhatEachThreadWaitsFor() {
    CheckResult r = check(OppositeLockOrder.class, Reduction.DPOR);
    assertEquals(Property.DEADLOCK, r.property());
    String details = String.join("\n", r.details());
    assertTrue(details.contains("ab waits for the lock of Object#") && details.contains("held by ba"), details);
    assertTrue(details.contains("ba waits for the lock of Object#") && details.contains("held by ab"), details);
  }

  @Test
  void invariantViolationIsReportedByName() {
    CheckResult r = check(InvariantInOneInterleaving.class, Reduction.DPOR);
    assertEquals(Property.INVARIANT, r.property());
    assertEquals("total-conserved", r.invariant());
    assertEquals("audit saw a + b = 5", r.message());
  }

  @ParameterizedTest(name = "{0} writers")
  @MethodSource("sizes")
  void independentWritersTakeOneExecution(int n) {
    assertEquals(1, check(IndependentWriters.class, Reduction.DPOR, "" + n).stats().executions());
  }

  @ParameterizedTest(name = "{0} writers")
  @MethodSource("sizes")
  void writersOfOneFieldTakeNFactorialExecutions(int n) {
    long factorial = 1;
    for (int i = 2; i <= n; i++) {
      factorial *= i;
    }
    assertEquals(factorial, check(SharedWriters.class, Reduction.DPOR, "" + n).stats().executions());
  }

  @ParameterizedTest(name = "{0} readers")
  @MethodSource("sizes")
  void readersAndOneWriterTakeTwoToTheNExecutions(int n) {
    assertEquals(1L << n, check(Readers.class, Reduction.DPOR, "" + n).stats().executions());
  }

  static List<Integer> sizes() {
    return List.of(2, 3, 4, 5);
  }

  @Test
  void twoRunsGiveTheSameVerdictTraceAndExecutions() {
    CheckResult a = check(BoundedBuffer.class, Reduction.DPOR, "notify");
    CheckResult b = check(BoundedBuffer.class, Reduction.DPOR, "notify");
    assertEquals(a.outcome(), b.outcome());
    assertEquals(a.stats().executions(), b.stats().executions());
    assertEquals(a.schedule(), b.schedule());
    assertEquals(a.trace(), b.trace());
  }

  @Test
  void aSavedCounterexampleReplaysToTheSameViolation() {
    CheckResult found = check(Peterson.class, Reduction.DPOR, "broken");
    CheckResult replayed = engine.replay(ModelTarget.of(Peterson.class, "broken"), CheckOptions.defaults(),
        pinmc.check.Schedule.parse(found.schedule().toString()));
    assertEquals(found.outcome(), replayed.outcome());
    assertEquals(found.message(), replayed.message());
    assertEquals(found.trace(), replayed.trace());
  }

  @Test
  void replayingAScheduleTheModelCannotFollowReportsWhereItDiverged() {
    CheckResult found = check(LostUpdate.class, Reduction.DPOR);
    List<pinmc.check.Schedule.Decision> steps = new java.util.ArrayList<>(found.schedule().decisions());
    steps.set(1, new pinmc.check.Schedule.Decision(5, -1)); // thread 5 never exists
    CheckResult r = engine.replay(ModelTarget.of(LostUpdate.class), CheckOptions.defaults(), new pinmc.check.Schedule(steps));
    assertEquals(Verdict.ERROR, r.verdict());
    assertTrue(r.message().contains("at step 1"), r.message());
  }

  @Test
  void replayingAValueTheStepDoesNotHaveReportsWhereItDiverged() {
    CheckResult found = check(pinmc.corpus.ChoiceBranch.class, Reduction.DPOR);
    List<pinmc.check.Schedule.Decision> steps = new java.util.ArrayList<>(found.schedule().decisions());
    int k = 0;
    while (steps.get(k).choice() < 0) {
      k++;
    }
    steps.set(k, new pinmc.check.Schedule.Decision(steps.get(k).thread(), 7)); // Choice.nextInt(3)
    CheckResult r = engine.replay(ModelTarget.of(pinmc.corpus.ChoiceBranch.class), CheckOptions.defaults(),
        new pinmc.check.Schedule(steps));
    assertEquals(Verdict.ERROR, r.verdict());
    assertTrue(r.message().contains("was to choose value 7 at step " + k + " but its step has 3 values"), r.message());
  }

  @Test
  void theTraceReadsAsOperationsWithValuesAndSourceLines() {
    CheckResult r = check(LostUpdate.class, Reduction.DPOR);
    String trace = r.trace().toString();
    assertTrue(trace.contains("read LostUpdate.counter = 0"), trace);
    assertTrue(trace.contains("write LostUpdate.counter = 1"), trace);
    assertTrue(r.trace().stream().anyMatch(s -> s.location().toString().equals("LostUpdate.java:8")), trace);
  }

  private CheckResult checkRaces(Class<?> program, String... args) {
    return engine.check(ModelTarget.of(program, args), CheckOptions.builder().detectRaces(true).maxSteps(2_000).build());
  }

  @Test
  void anUnsynchronisedCounterIsADataRaceNamingBothAccesses() {
    CheckResult r = checkRaces(LostUpdate.class);
    assertEquals(Property.DATA_RACE, r.property());
    assertEquals("violation:race", r.outcome());
    assertTrue(r.message().contains("LostUpdate.counter") && r.message().contains("LostUpdate.java:8")
        && r.message().contains("LostUpdate.java:9"), r.message());
  }

  @Test
  void publicationThroughAPlainFlagRacesAndThroughAVolatileOneDoesNot() {
    CheckResult plain = checkRaces(pinmc.corpus.Publication.class, "plain");
    assertEquals("violation:race", plain.outcome(), plain.message());
    CheckResult published = checkRaces(pinmc.corpus.Publication.class, "volatile");
    assertEquals(Verdict.PASS, published.verdict(), published.message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("raceFree")
  void synchronisedProgramsHaveNoDataRace(Class<?> program) {
    CheckResult r = checkRaces(program);
    assertEquals(Verdict.PASS, r.verdict(), r.message());
  }

  static List<Class<?>> raceFree() {
    return List.of(SynchronizedCounter.class, SynchronizedMethodCounter.class, AtomicCounter.class, Peterson.class,
        LockConditionQueue.class);
  }

  @Test
  void raceDetectionIsOffByDefault() {
    assertEquals("violation:assertion", check(LostUpdate.class, Reduction.DPOR).outcome());
  }

  @Test
  void aPreemptionBoundTooSmallForTheBugIsInconclusiveAndTheNextFindsIt() {
    // The lost update needs one thread preempted between its read and its write.
    CheckResult zero = engine.check(ModelTarget.of(LostUpdate.class), CheckOptions.builder().preemptionBound(0).build());
    assertEquals(Verdict.INCONCLUSIVE, zero.verdict(), zero.message());
    assertEquals(Bound.PREEMPTIONS, zero.stats().boundHit());
    CheckResult one = engine.check(ModelTarget.of(LostUpdate.class), CheckOptions.builder().preemptionBound(1).build());
    assertEquals("violation:assertion", one.outcome());
  }

  @Test
  void theBoundedSearchFindsTheDeadlockWithTheFewestPreemptions() {
    CheckResult r = engine.check(ModelTarget.of(OppositeLockOrder.class), CheckOptions.builder().preemptionBound(3).build());
    assertEquals(Verdict.DEADLOCK, r.verdict());
    // Each thread must be stopped holding its first lock: one preemption suffices, and the
    // search in increasing order reports a counterexample with exactly one.
    assertEquals(1, preemptions(r));
  }

  @Test
  void aBoundedSearchThatCoversEverythingIsAPass() {
    CheckResult r = engine.check(ModelTarget.of(SynchronizedCounter.class), CheckOptions.builder().preemptionBound(5).build());
    assertEquals(Verdict.PASS, r.verdict(), r.message());
    assertNull(r.stats().boundHit());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("corpus")
  void boundedDporAgreesWithBoundedEnumeration(Class<?> program, String[] args, String expected, boolean crossCheck) {
    if (!crossCheck) {
      return;
    }
    for (int bound = 0; bound <= 2; bound++) {
      CheckOptions.Builder b = CheckOptions.builder().preemptionBound(bound).maxSteps(2_000);
      CheckResult dpor = engine.check(ModelTarget.of(program, args), b.reduction(Reduction.DPOR).build());
      CheckResult none = engine.check(ModelTarget.of(program, args), b.reduction(Reduction.NONE).build());
      assertEquals(none.foundBug(), dpor.foundBug(), "bound " + bound + ": DPOR " + dpor.outcome() + ", none " + none.outcome());
    }
  }

  /** Preemptions in a counterexample: switches away from a thread whose next step was enabled. */
  private int preemptions(CheckResult r) {
    CheckResult replayed = engine.replay(ModelTarget.of(OppositeLockOrder.class), CheckOptions.defaults(), r.schedule());
    assertEquals(r.outcome(), replayed.outcome());
    int count = 0;
    // The blocked operations a deadlock's trace ends with are not steps the schedule took.
    List<pinmc.check.TraceStep> t = r.trace().stream().filter(s -> !s.operation().kind().equals("blocked")).toList();
    for (int i = 1; i < t.size(); i++) {
      String prev = t.get(i - 1).thread();
      String op = t.get(i - 1).op();
      boolean prevCanGoOn = !op.equals("ends") && !op.startsWith("join");
      if (!t.get(i).thread().equals(prev) && prevCanGoOn && !prev.equals("main")) {
        count++;
      }
    }
    return count;
  }

  /** A main class the engine shares uninstrumented would run unchecked and pass: it is refused instead. */
  @Test
  void aMainClassOfPinmcsEngineOrTheJdkIsRefused() {
    for (String mainClass : new String[] {"pinmc.cli.Main", "java.lang.Thread"}) {
      CheckResult r = engine.check(ModelTarget.of(mainClass), CheckOptions.defaults());
      assertEquals(Verdict.ERROR, r.verdict(), mainClass + ": " + r.message());
      assertTrue(r.message().contains("in a package of the JDK or of pinmc's engine"), r.message());
    }
  }

  @Test
  void javaUtilRandomIsEnumeratedWhenAsked() {
    CheckResult off = engine.check(ModelTarget.of(RandomBranch.class), CheckOptions.defaults());
    assertEquals(Verdict.ERROR, off.verdict(), "without enumeration an unseeded Random decides by luck: " + off.message());
    assertTrue(off.message().contains("java.util.Random()") && off.message().contains("RandomBranch.java:8"), off.message());
    CheckResult on = engine.check(ModelTarget.of(RandomBranch.class), CheckOptions.builder().enumerateRandom(true).build());
    assertEquals("violation:assertion", on.outcome());
    CheckResult passing = engine.check(ModelTarget.of(RandomBranch.class, "ok"), CheckOptions.builder().enumerateRandom(true).build());
    assertEquals(Verdict.PASS, passing.verdict());
    assertEquals(3, passing.stats().executions(), "one execution per value of nextInt(3)");
  }

  @Test
  void aCounterexampleThatDoesNotReplayIsReportedWithTheStepWhereItDiverged() {
    System.clearProperty("pinmc.test.remembers");
    CheckResult r = engine.check(ModelTarget.of(RemembersAcrossRuns.class), CheckOptions.defaults());
    assertEquals("violation:assertion", r.outcome(), r.message());
    String details = String.join("\n", r.details());
    assertTrue(details.contains("replaying the counterexample diverged") && details.contains("at step"), details);
  }

  /**
   * The distinct interleavings of the literature's filesystem and indexer programs, as
   * reported for optimal DPOR (Abdulla et al., POPL 2014): the engine must not explore more.
   * Objects are numbered by allocation site, so a thread asleep since an earlier execution is
   * compared with later steps by the objects they really touch (with first-access numbering,
   * filesystem(14) took 15 executions).
   */
  @ParameterizedTest(name = "{0}({1}) = {2}")
  @MethodSource("literatureCounts")
  void literatureProgramsTakeOneExecutionPerDistinctInterleaving(Class<?> program, int n, long traces) {
    CheckResult r = check(program, Reduction.DPOR, "" + n);
    assertEquals(Verdict.PASS, r.verdict(), r.message());
    assertEquals(traces, r.stats().executions());
  }

  static Stream<Arguments> literatureCounts() {
    return Stream.of(
        Arguments.of(FileSystem.class, 13, 1L),
        Arguments.of(FileSystem.class, 14, 2L),
        Arguments.of(FileSystem.class, 16, 8L),
        Arguments.of(Indexer.class, 11, 1L),
        Arguments.of(Indexer.class, 12, 8L),
        Arguments.of(Indexer.class, 13, 64L));
  }
}
