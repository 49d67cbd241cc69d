package pinmc.report;

import java.util.List;
import pinmc.check.Bound;
import pinmc.check.CheckResult;
import pinmc.check.Property;
import pinmc.check.Schedule;
import pinmc.check.SourceLocation;
import pinmc.check.Stats;
import pinmc.check.TraceStep;
import pinmc.check.Verdict;

/** Canned results for the tests of reports and commands: shaped like what an engine returns. */
public final class SampleResults {
  private SampleResults() {}

  public static final String INVARIANT = "stable-page-under-io";

  private static SourceLocation at(String method, int line) {
    return new SourceLocation("models.BtrfsChecksum", method, "BtrfsChecksum.java", line);
  }

  /** A violated invariant with a three-thread counterexample. */
  public static CheckResult violation(String target) {
    List<TraceStep> trace = List.of(
        new TraceStep(1, "main", "start writeback", at("main", 30)),
        new TraceStep(2, "main", "start dma", at("main", 31)),
        new TraceStep(3, "writeback", "setPageWriteback(page0)", at("writeback", 44)),
        new TraceStep(4, "writeback", "csum = crc32(page0) = 0x1c291ca3", at("writeback", 45)),
        new TraceStep(5, "dma", "write page0.data[0] = 7", at("dma", 58)),
        new TraceStep(6, "writeback", "invariant check", at("writeback", 46)));
    return new CheckResult(target, "embedded", Verdict.VIOLATION, Property.INVARIANT, INVARIANT,
        "a checksummed page changed while under I/O", List.of("page0: writeback, crc 0x1c291ca3 != 0x8a9136aa"),
        trace, Schedule.parse("0 0 1 1 2 1"), new Stats(17, 3, 412, 14, 1250, null, -1, -1));
  }

  public static CheckResult pass(String target) {
    return new CheckResult(target, "embedded", Verdict.PASS, null, null, "", List.of(), List.of(), null,
        new Stats(96, 12, 2210, 22, 480, null, -1, -1));
  }

  public static CheckResult inconclusive(String target) {
    return new CheckResult(target, "embedded", Verdict.INCONCLUSIVE, null, null,
        "an execution took more than 20000 steps", List.of("thread spinner loops at Spin.java:12"), List.of(), null,
        new Stats(1, 0, 20000, 20000, 300, Bound.STEPS, -1, -1));
  }

  public static CheckResult deadlock(String target) {
    return new CheckResult(target, "embedded", Verdict.DEADLOCK, Property.DEADLOCK, null, "every live thread is blocked",
        List.of("t1 waits for page1's lock, held by t2", "t2 waits for page0's lock, held by t1"),
        List.of(new TraceStep(1, "t1", "lockPage(page0)", at("t1", 10)), new TraceStep(2, "t2", "lockPage(page1)", at("t2", 20))),
        Schedule.parse("1 2"), new Stats(3, 0, 9, 4, 20, null, -1, -1));
  }

  public static CheckResult error(String target) {
    return CheckResult.error(target, "embedded", "models.Broken.main threw java.lang.IllegalStateException: no pages");
  }
}
