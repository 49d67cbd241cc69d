package pinmc.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Reduction;
import pinmc.corpus.InterruptRacesIsInterrupted;
import pinmc.corpus.IsAliveRacesEnd;
import pinmc.corpus.JoinBeforeStart;
import pinmc.corpus.PauseThenWrite;
import pinmc.corpus.SleepingRacer;
import pinmc.embedded.EmbeddedEngine;

/**
 * The patterns issue 11 reports, as hand-written programs: each has a violation in some
 * interleaving, which plain enumeration finds, and both reductions must find too.
 */
class Issue11PatternsTest {
  private final EmbeddedEngine engine = new EmbeddedEngine();

  private CheckResult check(Class<?> program, Reduction reduction, String... args) {
    return engine.check(ModelTarget.of(program, args), CheckOptions.builder().reduction(reduction).maxSteps(2_000).build());
  }

  /** Plain enumeration finds {@code expected}, and DPOR and source-set DPOR give the same outcome. */
  private void reductionsFind(String expected, Class<?> program, String... args) {
    CheckResult none = check(program, Reduction.NONE, args);
    assertEquals(expected, none.outcome(), "plain enumeration: " + none.message());
    for (Reduction reduction : new Reduction[] {Reduction.DPOR, Reduction.SOURCE}) {
      CheckResult reduced = check(program, reduction, args);
      assertEquals(none.outcome(), reduced.outcome(), reduction + " after " + reduced.stats().executions()
          + " executions: " + reduced.message() + " / none: " + none.message());
    }
  }

  @Test
  void racerSleepsThenDivides() {
    reductionsFind("violation:exception", SleepingRacer.class);
  }

  @Test
  void sleepThenWrite() {
    reductionsFind("violation:assertion", PauseThenWrite.class, "sleep");
  }

  @Test
  void yieldThenWrite() {
    reductionsFind("violation:assertion", PauseThenWrite.class, "yield");
  }

  @Test
  void onSpinWaitThenWrite() {
    reductionsFind("violation:assertion", PauseThenWrite.class, "onSpinWait");
  }

  @Test
  void bothSleepThenWriteAndRead() {
    reductionsFind("violation:assertion", PauseThenWrite.class, "sleep", "both");
  }

  @Test
  void bothYieldThenWriteAndRead() {
    reductionsFind("violation:assertion", PauseThenWrite.class, "yield", "both");
  }

  @Test
  void bothSpinWaitThenWriteAndRead() {
    reductionsFind("violation:assertion", PauseThenWrite.class, "onSpinWait", "both");
  }

  @Test
  void interruptRacesIsInterrupted() {
    reductionsFind("violation:assertion", InterruptRacesIsInterrupted.class);
  }

  @Test
  void interruptRacesIsInterruptedInASpin() {
    reductionsFind("violation:assertion", InterruptRacesIsInterrupted.class, "spin");
  }

  @Test
  void isAliveRacesTheEndOfTheThread() {
    reductionsFind("violation:assertion", IsAliveRacesEnd.class);
  }

  @Test
  void joinOnAThreadNotYetStartedRacesItsStart() {
    reductionsFind("violation:assertion", JoinBeforeStart.class);
  }
}
