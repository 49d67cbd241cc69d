package pinmc.kernel;

import pinmc.api.Atomic;

/**
 * {@code struct mmu_interval_notifier}: Glisse's alternative to pinning ("leave the pages
 * unpinned and respond to notifications when the status of those pages changes"). A driver
 * that mirrors a range samples the sequence count ({@link #mmuIntervalReadBegin}), looks the
 * pages up without taking references, and before programming its device checks, under its
 * own lock, that no invalidation ran meanwhile ({@link #mmuIntervalReadRetry}). An
 * invalidation calls the driver's callback, which takes that lock, bumps the count
 * ({@link #mmuIntervalSetSeq}) and tears down the device's mapping.
 */
public final class MmuIntervalNotifier {
  /** The driver's {@code invalidate} callback ({@code mmu_interval_notifier_ops}). */
  @FunctionalInterface
  public interface Ops {
    void invalidate(MmuIntervalNotifier mni, int curSeq);
  }

  final MmStruct mm;
  final Ops ops;
  /** {@code mni->invalidate_seq}. */
  int invalidateSeq;
  /** An invalidation of the range is between its start and its end. */
  boolean invalidating;

  private MmuIntervalNotifier(MmStruct mm, Ops ops) {
    this.mm = mm;
    this.ops = ops;
  }

  /** {@code mmu_interval_notifier_insert}: subscribes {@code ops} to invalidations of {@code mm}. */
  public static MmuIntervalNotifier mmuIntervalNotifierInsert(MmStruct mm, Ops ops) {
    MmuIntervalNotifier mni = new MmuIntervalNotifier(mm, ops);
    Atomic.run(() -> mm.notifier = mni);
    return mni;
  }

  /** {@code mmu_interval_read_begin}: sleeps while an invalidation is running, then samples the count. */
  public static int mmuIntervalReadBegin(MmuIntervalNotifier mni) {
    int[] seq = new int[1];
    Atomic.when(() -> !mni.invalidating, () -> seq[0] = mni.invalidateSeq);
    return seq[0];
  }

  /** {@code mmu_interval_read_retry}: true if an invalidation ran since {@code seq} was sampled. */
  public static boolean mmuIntervalReadRetry(MmuIntervalNotifier mni, int seq) {
    return Atomic.call(() -> mni.invalidateSeq != seq);
  }

  /** {@code mmu_interval_set_seq}: the invalidate callback records the invalidation, under the driver's lock. */
  public static void mmuIntervalSetSeq(MmuIntervalNotifier mni, int curSeq) {
    Atomic.run(() -> mni.invalidateSeq = curSeq);
  }

  /**
   * {@code hmm_range_fault} for one page, read-only and without faulting: the page user page
   * {@code addr} maps now, without a reference, or null.
   */
  public static Page hmmRangeFault(MmuIntervalNotifier mni, int addr) {
    return Atomic.call(() -> mni.mm.pmd == null ? null : mni.mm.pmd.ptes[addr]);
  }

  /** Invalidate-range-start: a new sequence number for the callback to set. Caller is atomic. */
  int invalidateRangeStart() {
    invalidating = true;
    return invalidateSeq + 1;
  }

  /** Invalidate-range-end. Caller is atomic. */
  void invalidateRangeEnd() {
    invalidating = false;
  }

  @Override
  public String toString() {
    return "mni(" + mm + ")";
  }
}
