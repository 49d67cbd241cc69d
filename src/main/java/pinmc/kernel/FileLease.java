package pinmc.kernel;

import pinmc.api.Atomic;

/**
 * A lease on a range of a file, Hubbard's proposal: "allowing kernel code to take a lease on a
 * range within a file, and to require leases to be taken before pinning file pages". The
 * filesystem breaks a lease when it needs the range back (truncate); the holder is told
 * ({@link #leaseBroken}) and must unpin and release.
 */
public final class FileLease {
  final String holder;
  final AddressSpace mapping;
  final int start;
  final int end;
  volatile boolean breaking; // READ_ONCE by the holder polling for a break

  private FileLease(String holder, AddressSpace mapping, int start, int end) {
    this.holder = holder;
    this.mapping = mapping;
    this.start = start;
    this.end = end;
  }

  /**
   * Takes a lease for {@code holder} on pages {@code [start, end)}: fails (null) beyond
   * {@code i_size}, while a lease on the range is being broken, or when the filesystem's
   * {@link LeaseRangePolicy} needs blocks it cannot get ({@code -ENOSPC}).
   */
  public static FileLease takeLease(AddressSpace mapping, String holder, int start, int end) {
    return Atomic.call(
        () -> {
          if (end > mapping.isize || breakingOverlap(mapping, start, end)) {
            return null;
          }
          if (!prepareRange(mapping, start, end)) {
            return null;
          }
          FileLease lease = new FileLease(holder, mapping, start, end);
          for (int i = 0; i < mapping.leases.length; i++) {
            if (mapping.leases[i] == null) {
              mapping.leases[i] = lease;
              return lease;
            }
          }
          throw new IllegalStateException(mapping + " has more than " + AddressSpace.MAX_LEASES + " leases");
        });
  }

  /** {@code break_lease}: tells every holder of a lease overlapping the range to let go. */
  public static void breakLease(AddressSpace mapping, int start, int end) {
    Atomic.run(
        () -> {
          for (FileLease lease : mapping.leases) {
            if (lease != null && lease.overlaps(start, end)) {
              lease.breaking = true;
            }
          }
        });
  }

  /** Sleeps until no lease overlaps the range (the wait in {@code break_lease}). */
  public static void waitForLeasesBroken(AddressSpace mapping, int start, int end) {
    Atomic.when(() -> !anyOverlap(mapping, start, end), () -> {});
  }

  /** Whether the filesystem asked for this lease back (READ_ONCE: the holder polls it). */
  public static boolean leaseBroken(FileLease lease) {
    return lease.breaking;
  }

  /** Gives the lease up. */
  public static void releaseLease(FileLease lease) {
    Atomic.run(
        () -> {
          FileLease[] leases = lease.mapping.leases;
          for (int i = 0; i < leases.length; i++) {
            if (leases[i] == lease) {
              leases[i] = null;
              return;
            }
          }
          Bug.on(true, "release-lease-held", lease + " released twice");
        });
  }

  /**
   * Ts'o's rule, as far as the filesystem follows it: gives each hole in the range a block and,
   * for copy-on-write, each shared block a copy of its own. All or nothing.
   */
  private static boolean prepareRange(AddressSpace mapping, int start, int end) {
    if (mapping.leaseRangePolicy == LeaseRangePolicy.NONE) {
      return true;
    }
    int needed = 0;
    for (int i = start; i < end; i++) {
      boolean hole = mapping.blocks[i] < 0;
      boolean shared = !hole && !mapping.ownsBlock(i);
      needed += hole || (shared && mapping.leaseRangePolicy == LeaseRangePolicy.COPY_ON_WRITE) ? 1 : 0;
    }
    if (needed > mapping.allocator.nrFree()) {
      return false;
    }
    for (int i = start; i < end; i++) {
      int old = mapping.blocks[i];
      boolean copy = old >= 0 && !mapping.ownsBlock(i) && mapping.leaseRangePolicy == LeaseRangePolicy.COPY_ON_WRITE;
      if (old < 0 || copy) {
        int fresh = mapping.allocator.allocLocked(mapping);
        if (copy) {
          System.arraycopy(mapping.allocator.data[old], 0, mapping.allocator.data[fresh], 0, Page.PAGE_WORDS);
          mapping.allocator.freeLocked(old);
        }
        mapping.blocks[i] = fresh;
        if (mapping.pages[i] != null) {
          mapping.pages[i].block = fresh;
        }
      }
    }
    return true;
  }

  private boolean overlaps(int from, int to) {
    return start < to && from < end;
  }

  private static boolean breakingOverlap(AddressSpace mapping, int start, int end) {
    for (FileLease lease : mapping.leases) {
      if (lease != null && lease.breaking && lease.overlaps(start, end)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyOverlap(AddressSpace mapping, int start, int end) {
    for (FileLease lease : mapping.leases) {
      if (lease != null && lease.overlaps(start, end)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "lease(" + holder + ", " + mapping + "[" + start + "," + end + "))";
  }
}
