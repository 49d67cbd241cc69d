package pinmc.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pinmc.check.CheckOptions;
import pinmc.check.CheckResult;
import pinmc.check.ModelTarget;
import pinmc.check.Verdict;
import pinmc.jpf.JpfEngine;
import pinmc.jpf.JpfFromEnvironment;

/**
 * A sample of the differential tester's programs checked with Java PathFinder too: each is
 * written out as a standalone Java program ({@link StandaloneJava}), run under JPF through
 * pinmc's jpf engine, and JPF's verdict (a bug or none) is compared with pinmc's under {@code
 * --reduction none}. Only the verdict is compared: JPF's states are its own (whole JVM states,
 * matched and merged), not the interpreter's final states, and each search stops at its first
 * bug. Runs only when {@code JPF_HOME} names a built jpf-core; skipped otherwise, like {@code
 * JpfAgreementTest}.
 *
 * <p>A disagreement is either one of the {@link KnownJpfDisagreement}s, where the program and
 * the interleaving show JPF wrong (the README lists them), or it fails the test with both
 * verdicts, the program and its Java text. Programs pinmc's plain enumeration cannot finish in
 * the tester's budget, and programs JPF cannot finish within {@value #JPF_SECONDS} s, are
 * counted, not compared.
 *
 * <pre>
 * JPF_HOME=/path/to/jpf-core mvn -B -o test -Dtest=JpfSampleTest [-Dpinmc.difftest.jpfSeeds=N] [-Dpinmc.difftest.start=S]
 * </pre>
 *
 * The tally goes to {@code target/difftest-jpf-report.txt}; {@code -Dtest=JpfSampleTest#jpfAgreesWithPlainEnumerationOnTheFoundPrograms}
 * checks the tester's regression programs (F0 to F11) the same way, into {@code target/difftest-jpf-found-report.txt}.
 */
class JpfSampleTest {
  /** The fixed sample: seeds 1 to 30 (any ten consecutive seeds draw on every construct group). */
  private static final int FIXED_SAMPLE = 30;
  private static final int JPF_SECONDS = 60;
  private static final String CLASS_NAME = "DiffSample";

  private static JpfEngine jpf;
  private static String unavailable;

  @BeforeAll
  static void findJpf() {
    jpf = JpfFromEnvironment.engine();
    unavailable = JpfFromEnvironment.unavailable();
  }

  /**
   * Disagreements in which Java PathFinder is wrong, each recognised by what JPF reports on a
   * program that uses the construct it gets wrong; the README's known-disagreements list gives
   * the program and the interleaving argument.
   */
  enum KnownJpfDisagreement {
    /**
     * jpf-core's java-17 branch runs the JDK's own AbstractQueuedSynchronizer under ReentrantLock,
     * and Condition.await ends in an IllegalMonitorStateException although the lock is held.
     */
    CONDITION_AWAIT {
      @Override
      boolean matches(Program p, CheckResult pinmc, CheckResult theirs) {
        return theirs.foundBug() && !pinmc.foundBug() && String.valueOf(theirs.message()).contains("IllegalMonitorStateException")
            && p.encode().indexOf('B') >= 0;
      }
    },
    /**
     * JPF's unpark of a thread that has not started yet keeps the permit, so the thread's
     * first park returns at once; HotSpot drops that unpark (the Javadoc allows it to have no
     * effect), so the park blocks, and pinmc finds the deadlock JPF misses.
     */
    UNPARK_BEFORE_START {
      @Override
      boolean matches(Program p, CheckResult pinmc, CheckResult theirs) {
        String text = p.encode();
        return pinmc.verdict() == Verdict.DEADLOCK && theirs.verdict() == Verdict.PASS && text.matches(".*u[1-9]0.*")
            && text.matches(".*[pP]00.*");
      }
    };

    abstract boolean matches(Program p, CheckResult pinmc, CheckResult theirs);

    static KnownJpfDisagreement of(Program p, CheckResult pinmc, CheckResult theirs) {
      for (KnownJpfDisagreement k : values()) {
        if (k.matches(p, pinmc, theirs)) {
          return k;
        }
      }
      return null;
    }
  }

  /** What a program gave. */
  enum Tally { AGREE_BUG, AGREE_NO_BUG, KNOWN_JPF_WRONG, DISAGREE, TOO_BIG_FOR_PINMC, JPF_INCONCLUSIVE }

  /** The comparisons of one test: a tally by label, and a report file rewritten after each program. */
  private static final class Comparisons {
    private static final CheckOptions JPF_OPTIONS = CheckOptions.builder().maxSteps(DiffCheck.MAX_STEPS)
        .enumerateRandom(true).timeLimit(Duration.ofSeconds(JPF_SECONDS)).build();
    final Map<Tally, List<String>> tally = new TreeMap<>();
    final StringBuilder report = new StringBuilder();
    final Path reportFile;
    final long t0 = System.nanoTime();
    long jpfMillis;

    Comparisons(String reportName) {
      reportFile = Path.of("target", reportName);
    }

    /** Compares JPF's verdict on {@code p} with plain enumeration's (by {@code diff}), under {@code label}. */
    void compare(String label, Program p, DiffCheck diff) throws IOException {
      DiffCheck.Run mine = diff.none(p, -1);
      Tally outcome;
      String line = label + ": too big for plain enumeration";
      if (!mine.outOfBudget()) {
        Path dir = Path.of("target", "jpf-sample", label.replace(' ', '-'));
        String source = StandaloneJava.compile(p, CLASS_NAME, dir);
        CheckResult theirs = jpf.check(new ModelTarget(label, CLASS_NAME, List.of(), List.of(dir.toAbsolutePath())), JPF_OPTIONS);
        jpfMillis += theirs.stats().timeMillis();
        assertTrue(theirs.verdict() != Verdict.ERROR, () -> label + ": JPF could not run the program: " + theirs.message()
            + "\n" + source);
        line = label + ": pinmc none " + mine.outcome() + " (" + mine.result().stats().executions()
            + " executions), jpf " + theirs.outcome() + " (" + theirs.stats().timeMillis() + " ms, states "
            + theirs.stats().statesNew() + " new " + theirs.stats().statesVisited() + " visited)";
        CheckResult pinmc = mine.result();
        KnownJpfDisagreement known = KnownJpfDisagreement.of(p, pinmc, theirs);
        if (theirs.verdict() == Verdict.INCONCLUSIVE && !pinmc.foundBug()) {
          outcome = Tally.JPF_INCONCLUSIVE;
        } else if (pinmc.foundBug() == theirs.foundBug()) {
          outcome = pinmc.foundBug() ? Tally.AGREE_BUG : Tally.AGREE_NO_BUG;
        } else if (known != null) {
          outcome = Tally.KNOWN_JPF_WRONG;
          line += " [known: " + known + "]";
        } else {
          outcome = Tally.DISAGREE;
          report.append("=== ").append(label).append(": pinmc --reduction none: ").append(mine.describe())
              .append("\n  jpf: ").append(theirs.outcome()).append(": ").append(theirs.message()).append('\n')
              .append(theirs.trace().isEmpty() ? "" : "  jpf trace: " + theirs.trace() + "\n")
              .append(p.print()).append("  program text: ").append(p.encode()).append("\n  Java: ")
              .append(dir.resolve(CLASS_NAME + ".java")).append("\n\n");
        }
      } else {
        outcome = Tally.TOO_BIG_FOR_PINMC;
      }
      tally.computeIfAbsent(outcome, k -> new ArrayList<>()).add(label);
      report.append(line).append('\n');
      Files.createDirectories(reportFile.getParent());
      Files.writeString(reportFile, (System.nanoTime() - t0) / 1_000_000_000 + " s (JPF " + jpfMillis / 1000 + " s): "
          + tally + "\n\n" + report);
    }

    /** Fails on any disagreement that is not a known JPF error; {@code total} programs were given. */
    void assertAgreement(int total) {
      System.out.println("JPF sample: " + tally + ", see " + reportFile.toAbsolutePath());
      assertEquals(List.of(), tally.getOrDefault(Tally.DISAGREE, List.of()),
          () -> "JPF and pinmc's plain enumeration disagree, see " + reportFile.toAbsolutePath() + "\n" + report);
      int compared = total - tally.getOrDefault(Tally.TOO_BIG_FOR_PINMC, List.of()).size()
          - tally.getOrDefault(Tally.JPF_INCONCLUSIVE, List.of()).size();
      assertTrue(compared > 0, "no program could be compared");
    }
  }

  @Test
  void jpfAgreesWithPlainEnumerationOnASample() throws IOException {
    assumeTrue(jpf != null, () -> unavailable);
    int seeds = Integer.getInteger("pinmc.difftest.jpfSeeds", FIXED_SAMPLE);
    long start = Long.getLong("pinmc.difftest.start", 1L);
    Generator generator = DifferentialTest.generator();
    DiffCheck diff = new DiffCheck(Long.getLong("pinmc.difftest.maxExecutions", 10_000));
    Comparisons c = new Comparisons("difftest-jpf-report.txt");
    for (long seed = start; seed < start + seeds; seed++) {
      c.compare("seed " + seed, generator.generate(seed), diff);
    }
    c.assertAgreement(seeds);
  }

  /** The minimal programs of the disagreements the tester found among pinmc's reductions (F0 to F11). */
  @Test
  void jpfAgreesWithPlainEnumerationOnTheFoundPrograms() throws IOException {
    assumeTrue(jpf != null, () -> unavailable);
    DiffCheck diff = new DiffCheck(60_000);
    Comparisons c = new Comparisons("difftest-jpf-found-report.txt");
    List<org.junit.jupiter.params.provider.Arguments> found = DifferentialTest.foundPrograms().toList();
    for (int i = 0; i < found.size(); i++) {
      String what = (String) found.get(i).get()[1];
      c.compare("found" + i + "-" + what.substring(0, what.indexOf(',')), Program.parse((String) found.get(i).get()[0]), diff);
    }
    c.assertAgreement(found.size());
  }
}
