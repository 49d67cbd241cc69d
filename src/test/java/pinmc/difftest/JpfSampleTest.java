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
 * The tally goes to {@code target/difftest-jpf-report.txt}.
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
    CONDITION_AWAIT("IllegalMonitorStateException", 'B');

    final String jpfReports;
    final char construct;

    KnownJpfDisagreement(String jpfReports, char construct) {
      this.jpfReports = jpfReports;
      this.construct = construct;
    }

    static KnownJpfDisagreement of(Program p, CheckResult pinmc, CheckResult theirs) {
      for (KnownJpfDisagreement k : values()) {
        if (theirs.foundBug() && !pinmc.foundBug() && String.valueOf(theirs.message()).contains(k.jpfReports)
            && p.encode().indexOf(k.construct) >= 0) {
          return k;
        }
      }
      return null;
    }
  }

  /** What a seed gave. */
  enum Tally { AGREE_BUG, AGREE_NO_BUG, KNOWN_JPF_WRONG, DISAGREE, TOO_BIG_FOR_PINMC, JPF_INCONCLUSIVE }

  @Test
  void jpfAgreesWithPlainEnumerationOnASample() throws IOException {
    assumeTrue(jpf != null, () -> unavailable);
    int seeds = Integer.getInteger("pinmc.difftest.jpfSeeds", FIXED_SAMPLE);
    long start = Long.getLong("pinmc.difftest.start", 1L);
    Generator generator = DifferentialTest.generator();
    DiffCheck diff = new DiffCheck(Long.getLong("pinmc.difftest.maxExecutions", 10_000));
    CheckOptions jpfOptions = CheckOptions.builder().maxSteps(DiffCheck.MAX_STEPS).enumerateRandom(true)
        .timeLimit(Duration.ofSeconds(JPF_SECONDS)).build();
    Map<Tally, List<Long>> tally = new TreeMap<>();
    StringBuilder report = new StringBuilder();
    Path reportFile = Path.of("target", "difftest-jpf-report.txt");
    long t0 = System.nanoTime();
    long jpfMillis = 0;
    for (long seed = start; seed < start + seeds; seed++) {
      Program p = generator.generate(seed);
      DiffCheck.Run mine = diff.none(p, -1);
      Tally outcome;
      String line = "";
      if (mine.outOfBudget()) {
        outcome = Tally.TOO_BIG_FOR_PINMC;
      } else {
        Path dir = Path.of("target", "jpf-sample", "seed" + seed);
        String source = StandaloneJava.compile(p, CLASS_NAME, dir);
        CheckResult theirs = jpf.check(new ModelTarget("seed " + seed, CLASS_NAME, List.of(), List.of(dir.toAbsolutePath())),
            jpfOptions);
        jpfMillis += theirs.stats().timeMillis();
        long failed = seed;
        assertTrue(theirs.verdict() != Verdict.ERROR,
            () -> "seed " + failed + ": JPF could not run the program: " + theirs.message() + "\n" + source);
        line = "seed " + seed + ": pinmc none " + mine.outcome() + " (" + mine.result().stats().executions()
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
          report.append("=== seed ").append(seed).append(": pinmc --reduction none: ").append(mine.describe())
              .append("\n  jpf: ").append(theirs.outcome()).append(": ").append(theirs.message()).append('\n')
              .append(theirs.trace().isEmpty() ? "" : "  jpf trace: " + theirs.trace() + "\n")
              .append(p.print()).append("  program text: ").append(p.encode()).append("\n  Java: ")
              .append(dir.resolve(CLASS_NAME + ".java")).append("\n\n");
        }
      }
      tally.computeIfAbsent(outcome, k -> new ArrayList<>()).add(seed);
      report.append(line.isEmpty() ? "seed " + seed + ": too big for plain enumeration" : line).append('\n');
      Files.createDirectories(reportFile.getParent());
      Files.writeString(reportFile, "seeds " + start + ".." + seed + ", " + (System.nanoTime() - t0) / 1_000_000_000
          + " s (JPF " + jpfMillis / 1000 + " s): " + tally + "\n\n" + report);
    }
    System.out.println("JPF sample: " + tally + ", see " + reportFile.toAbsolutePath());
    assertEquals(List.of(), tally.getOrDefault(Tally.DISAGREE, List.of()),
        () -> "seeds where JPF and pinmc's plain enumeration disagree, see " + reportFile.toAbsolutePath() + "\n" + report);
    int compared = seeds - tally.getOrDefault(Tally.TOO_BIG_FOR_PINMC, List.of()).size()
        - tally.getOrDefault(Tally.JPF_INCONCLUSIVE, List.of()).size();
    assertTrue(compared > 0, "no seed of the sample could be compared");
  }
}
