package pinmc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import pinmc.check.ModelTarget;
import pinmc.check.Reduction;
import pinmc.check.Verdict;

/**
 * A program at growing sizes: each engine goes up the sizes until one takes longer than the
 * budget. The embedded engine runs it under {@code reduction} (JPF has its own).
 */
public record BenchSeries(String program, String source, List<BenchTarget> sizes, Reduction reduction) {
  /**
   * JPF's stock run of {@code Condition.await} ends in an {@code IllegalMonitorStateException};
   * with pinmc's listener it gets no verdict. The README's known disagreement 1.
   */
  static final KnownDisagreement CONDITION_AWAIT = new KnownDisagreement(1, Set.of(Verdict.VIOLATION, Verdict.INCONCLUSIVE));
  /** JPF reports a deadlock in which a {@code notify} woke nobody. The README's known disagreement 4. */
  static final KnownDisagreement NOTIFY_WAKES_NOBODY = new KnownDisagreement(4, Set.of(Verdict.DEADLOCK));

  public BenchSeries {
    sizes = List.copyOf(sizes);
  }

  /** The same series with the embedded engine under {@code r} ({@code --reduction} given to {@code bench}). */
  public BenchSeries withReduction(Reduction r) {
    return new BenchSeries(program, source, sizes, r);
  }

  /**
   * The default series: the DPOR literature's programs (models/pinmc/literature) and one
   * fully explored (pass) variant of each protocol model, each up to its largest size; the
   * embedded engine runs them under optimal DPOR, the default of {@code check}.
   */
  public static List<BenchSeries> defaults(boolean quick) {
    List<BenchSeries> out = new ArrayList<>();
    out.add(literature("readers", "pinmc.literature.Readers", quick ? new int[] {4, 6} : new int[] {4, 6, 8, 10, 12},
        n -> 1L << n, "Abdulla et al. POPL 2014"));
    out.add(literature("lastzero", "pinmc.literature.LastZero", quick ? new int[] {3, 5} : new int[] {3, 5, 7, 8, 9},
        n -> -1, "Abdulla et al. POPL 2014"));
    out.add(literature("indexer", "pinmc.literature.Indexer", quick ? new int[] {12, 13} : new int[] {12, 13, 14, 15},
        n -> -1, "Flanagan and Godefroid POPL 2005"));
    out.add(literature("filesystem", "pinmc.literature.FileSystem", quick ? new int[] {14, 16} : new int[] {14, 16, 18, 20},
        n -> -1, "Flanagan and Godefroid POPL 2005"));
    int top = quick ? 2 : 4;
    out.add(model("pin-accounting exact", "pinmc.models.PinAccounting", "exact", "mappers", quick ? 2 : 6));
    out.add(model("dirty-after-unpin pin-user-pages", "pinmc.models.DirtyAfterUnpin", "pin-user-pages", "iterations", top));
    out.add(model("btrfs-checksum stable-pages", "pinmc.models.BtrfsChecksum", "stable-pages", "iterations", top));
    out.add(model("truncate-race lease-broken", "pinmc.models.TruncateRace", "lease-broken", "iterations", top));
    out.add(model("mmu-notifier retry", "pinmc.models.MmuNotifier", "retry", "iterations", top));
    out.add(model("page-lock-pin sorted-no-hold", "pinmc.models.PageLockPin", "sorted-no-hold", "threads", quick ? 2 : 3));
    out.add(new BenchSeries("lease-allocation allocate-at-lease", "pinmc.models.LeaseAllocation",
        List.of(new BenchTarget("lease-allocation allocate-at-lease", "default",
            ModelTarget.of("pinmc.models.LeaseAllocation", "allocate-at-lease"), -1)), Reduction.DPOR));
    return out;
  }

  /**
   * The blocking series: threads that wait on monitors and conditions and wake each other
   * (models/pinmc/blocking), each at sizes given as its program arguments. The embedded engine
   * runs them under stateful DPOR: under DPOR alone every order of critical sections, failed
   * guard checks and wake-ups is a trace of its own, and the larger sizes do not finish.
   */
  public static List<BenchSeries> blocking(boolean quick) {
    List<BenchSeries> out = new ArrayList<>();
    out.add(sized("buffer-notifyAll", "pinmc.blocking.MonitorBuffer", "producers,consumers,items", quick, null,
        "1,1,1", "1,1,2", "2,2,1", "2,2,2", "3,3,1"));
    out.add(sized("readers-writers-monitor", "pinmc.blocking.MonitorReadersWriters", "readers,writers", quick, null,
        "1,1", "2,1", "2,2", "3,2"));
    out.add(sized("barrier-monitor", "pinmc.blocking.MonitorBarrier", "threads,rounds", quick, null,
        "2,1", "2,2", "3,1", "3,2"));
    out.add(sized("buffer-conditions", "pinmc.blocking.ConditionBuffer", "producers,consumers,items", quick,
        CONDITION_AWAIT, "1,1,1", "1,1,2", "2,2,1", "2,2,2"));
    out.add(sized("semaphore-notify", "pinmc.blocking.MonitorSemaphore", "threads,permits", quick,
        NOTIFY_WAKES_NOBODY, "2,1", "3,1", "3,2", "4,2"));
    return out;
  }

  private static BenchSeries sized(String name, String mainClass, String parameters, boolean quick,
      KnownDisagreement jpfWrong, String... sizes) {
    List<BenchTarget> targets = new ArrayList<>();
    for (int k = 0; k < (quick ? Math.min(2, sizes.length) : sizes.length); k++) {
      String[] args = sizes[k].split(",");
      targets.add(new BenchTarget(name, sizes[k],
          ModelTarget.of(mainClass, args).withName(name + "(" + sizes[k] + ")"), -1, jpfWrong));
    }
    return new BenchSeries(name, mainClass + " " + parameters, targets, Reduction.STATEFUL);
  }

  private static BenchSeries literature(String name, String mainClass, int[] sizes,
      java.util.function.IntToLongFunction known, String source) {
    List<BenchTarget> targets = new ArrayList<>();
    for (int n : sizes) {
      targets.add(new BenchTarget(name, Integer.toString(n),
          ModelTarget.of(mainClass, Integer.toString(n)).withName(name + "(" + n + ")"), known.applyAsLong(n)));
    }
    return new BenchSeries(name, source, targets, Reduction.DPOR);
  }

  private static BenchSeries model(String name, String mainClass, String variant, String sizeName, int max) {
    List<BenchTarget> targets = new ArrayList<>();
    for (int n = 1; n <= max; n++) {
      String size = sizeName + "=" + n;
      targets.add(new BenchTarget(name, size, ModelTarget.of(mainClass, variant, size).withName(name + " " + size), -1));
    }
    return new BenchSeries(name, mainClass, targets, Reduction.DPOR);
  }
}
