package pinmc.kernel;

import java.util.Objects;
import pinmc.api.Atomic;
import pinmc.api.Invariants;

/**
 * A file: its page cache ({@code struct address_space}) together with what its inode knows
 * (size, block map, leases, the processes that map it). Page {@code i} of the file caches
 * block {@code blocks[i]}, or a hole when that is -1.
 */
public final class AddressSpace {
  /** {@code AS_STABLE_WRITES}: pages must not change under writeback (checksums, btrfs). */
  public static final int AS_STABLE_WRITES = 1;
  /** DAX: the "page cache" pages are the persistent-memory blocks themselves. */
  public static final int AS_DAX = 2;
  /**
   * shmem/tmpfs (or hugetlbfs): file pages the filesystem does not dirty-track, so a writable
   * long-term pin of them stays allowed from 6.5.
   */
  public static final int AS_SHMEM = 4;
  /** Invariant: every page of a leased range has a block of its own. */
  public static final String LEASED_RANGE_ALLOCATED = "leased-range-allocated";

  static final int MAX_LEASES = 4;
  static final int MAX_MMAPS = 8;

  final String name;
  final Page[] pages;
  final int[] blocks;
  final BlockAllocator allocator;
  final int flags;
  final LeaseRangePolicy leaseRangePolicy;
  /** {@code i_size}, in pages. */
  int isize;
  final FileLease[] leases = new FileLease[MAX_LEASES];
  /** {@code i_mmap}: the address spaces that map this file. */
  final MmStruct[] mmaps = new MmStruct[MAX_MMAPS];
  /** {@code AS_ENOSPC}: writeback could not allocate a block and dropped data. */
  boolean writebackEnospc;
  /** The inode (and this address_space in it) went back to the allocator. */
  boolean freed;

  /**
   * A file of {@code nrPages} pages, all holes and none cached, on {@code allocator} (may be
   * null for a file never written back), with {@code AS_*} {@code flags}.
   */
  public AddressSpace(String name, int nrPages, BlockAllocator allocator, int flags, LeaseRangePolicy leaseRangePolicy) {
    if (nrPages <= 0) {
      throw new IllegalArgumentException("a file needs pages: " + nrPages);
    }
    this.name = Objects.requireNonNull(name);
    this.pages = new Page[nrPages];
    this.blocks = new int[nrPages];
    for (int i = 0; i < nrPages; i++) {
      blocks[i] = -1;
    }
    this.allocator = allocator;
    this.flags = flags;
    this.leaseRangePolicy = Objects.requireNonNull(leaseRangePolicy);
    this.isize = nrPages;
  }

  public AddressSpace(String name, int nrPages, BlockAllocator allocator, int flags) {
    this(name, nrPages, allocator, flags, LeaseRangePolicy.NONE);
  }

  /**
   * Setup: allocates a block for page {@code index} (or shares {@code sharedBlock} with it, a
   * reflink, when that is not -1) and caches {@code page} there. The page cache takes over
   * the page's allocation reference.
   */
  public void addCachedPage(int index, Page page, boolean allocateBlock) {
    Atomic.run(
        () -> {
          if (pages[index] != null) {
            throw new IllegalStateException(name + " already caches page " + index);
          }
          if (page.mapping != null || page.refcount != 1) {
            throw new IllegalArgumentException(page + " is not a fresh page");
          }
          if (allocateBlock) {
            blocks[index] = allocator.allocLocked(this);
            if (blocks[index] < 0) {
              throw new IllegalStateException(allocator + " is full");
            }
          }
          pages[index] = page;
          page.mapping = this;
          page.index = index;
          page.block = blocks[index];
          page.hasBuffers = page.block >= 0;
        });
  }

  /** Setup: makes page {@code index} share {@code other}'s block {@code otherIndex} (a reflink). */
  public void reflinkFrom(int index, AddressSpace other, int otherIndex) {
    Atomic.run(
        () -> {
          int b = other.blocks[otherIndex];
          if (b < 0) {
            throw new IllegalStateException(other + " page " + otherIndex + " is a hole");
          }
          allocator.shareCount[b]++;
          blocks[index] = b;
          if (pages[index] != null) {
            pages[index].block = b;
          }
        });
  }

  /**
   * The filesystem maps page {@code index} to a new block ({@code get_block} with create, as a
   * write into a hole or past the end does); false for {@code -ENOSPC}. A page that has a
   * block keeps it.
   */
  public boolean allocateBlock(int index) {
    return Atomic.call(
        () -> {
          if (blocks[index] >= 0) {
            return true;
          }
          int b = allocator.allocLocked(this);
          if (b < 0) {
            return false;
          }
          blocks[index] = b;
          if (pages[index] != null) {
            pages[index].block = b;
          }
          return true;
        });
  }

  public String name() {
    return name;
  }

  public boolean stableWrites() {
    return (flags & AS_STABLE_WRITES) != 0;
  }

  public boolean isDax() {
    return (flags & AS_DAX) != 0;
  }

  /**
   * {@code vma_needs_dirty_tracking} for a shared mapping of this file: the filesystem wants to
   * hear about every page that becomes dirty (it writes pages back). shmem does not; DAX
   * writes go straight to the media.
   */
  public boolean dirtyTracked() {
    return (flags & (AS_SHMEM | AS_DAX)) == 0;
  }

  /** Whether the inode was freed (plain read). */
  public boolean isFreed() {
    return freed;
  }

  /** {@code i_size} in pages (plain read). */
  public int isize() {
    return isize;
  }

  /** The cached page at {@code index}, or null (plain read; no reference taken). */
  public Page cachedPage(int index) {
    return pages[index];
  }

  /** The block behind page {@code index}, -1 for a hole (plain read). */
  public int block(int index) {
    return blocks[index];
  }

  public BlockAllocator allocator() {
    return allocator;
  }

  /** {@code AS_ENOSPC}: writeback found no block for a dirty page. */
  public boolean writebackEnospc() {
    return writebackEnospc;
  }

  void addMmap(MmStruct mm) {
    for (int i = 0; i < mmaps.length; i++) {
      if (mmaps[i] == null) {
        mmaps[i] = mm;
        return;
      }
    }
    throw new IllegalStateException(name + " is mapped by more than " + MAX_MMAPS + " processes");
  }

  /** Whether page {@code index} has a block that no other file shares. */
  boolean ownsBlock(int index) {
    return blocks[index] >= 0 && allocator.shareCount[blocks[index]] == 1;
  }

  /** The first page index of an active lease without a block of its own, or -1. */
  private int firstUnallocatedLeasedPage() {
    for (FileLease lease : leases) {
      if (lease != null) {
        for (int i = lease.start; i < lease.end; i++) {
          if (!ownsBlock(i)) {
            return i;
          }
        }
      }
    }
    return -1;
  }

  /** Invariant: writeback never drops a dirty page's data for want of a block ({@code AS_ENOSPC}). */
  public static final String WRITEBACK_KEEPS_DATA = "writeback-keeps-data";

  /** Registers {@value #WRITEBACK_KEEPS_DATA} for this file. */
  public void registerWritebackKeepsData() {
    Invariants.register(
        WRITEBACK_KEEPS_DATA,
        () -> !writebackEnospc,
        () -> "writeback of " + name + " found no free block for a dirty page: its data is lost (AS_ENOSPC)");
  }

  /** Registers {@value #LEASED_RANGE_ALLOCATED} for this file's leases. */
  public void registerLeasedRangeAllocated() {
    Invariants.register(
        LEASED_RANGE_ALLOCATED,
        () -> firstUnallocatedLeasedPage() < 0,
        () -> {
          int i = firstUnallocatedLeasedPage();
          return name + " page " + i + " is leased (it may be dirtied through a pin at any time) but "
              + (blocks[i] < 0 ? "is a hole" : "shares block " + blocks[i] + " with another file");
        });
  }

  @Override
  public String toString() {
    return name;
  }
}
