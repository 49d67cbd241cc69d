package pinmc.kernel;

import java.util.Objects;
import pinmc.api.Atomic;
import pinmc.api.Invariants;

/**
 * A process's address space ({@code struct mm_struct}) with one mapping (one VMA): user page
 * {@code addr} maps page {@code addr} of a file, or an anonymous page. Its page table hangs
 * off {@link #pmd} until {@code munmap} frees it.
 */
public final class MmStruct {
  /** Invariant: a lockless page-table walk never reads a page table that has been freed. */
  public static final String PAGE_TABLE_LIVE_DURING_WALK = "page-table-live-during-walk";

  final String name;
  /** The backing file; null for anonymous memory. */
  final AddressSpace file;
  /** The PMD entry: the page table, or null once it is freed. */
  PageTable pmd;
  /**
   * Whether freeing page tables waits for lockless walkers: {@code get_user_pages_fast} runs
   * with interrupts off, so the TLB-flush IPI (or the RCU grace period of
   * {@code MMU_GATHER_RCU_TABLE_FREE}) that precedes the free cannot complete under it.
   */
  final boolean tableFreeWaitsForGupFast;
  /** {@code get_user_pages_fast} callers between {@code local_irq_save} and restore. */
  int gupFastWalkers;
  /** Ghost: a walker read a freed page table. */
  String freedTableRead;
  MmuIntervalNotifier notifier;

  private MmStruct(String name, AddressSpace file, int pages, boolean tableFreeWaitsForGupFast) {
    this.name = Objects.requireNonNull(name);
    this.file = file;
    this.pmd = new PageTable(name + ".pte", pages);
    this.tableFreeWaitsForGupFast = tableFreeWaitsForGupFast;
  }

  /**
   * {@code mmap(MAP_SHARED)} of the first {@code pages} pages of {@code file}: PTEs are filled
   * by faults. Registers the mapping with the file so that truncate can unmap it.
   */
  public static MmStruct mmapFile(String name, AddressSpace file, int pages) {
    MmStruct mm = new MmStruct(name, Objects.requireNonNull(file), pages, true);
    Atomic.run(() -> file.addMmap(mm));
    return mm;
  }

  /**
   * Anonymous memory backed by {@code pages}, each mapped once (refcount and mapcount 1 each,
   * the PTE's reference); {@code tableFreeWaitsForGupFast} says whether freeing the page
   * table is kept from racing with {@code get_user_pages_fast}, as in the kernel (true) or
   * not (the broken alternative a model explores).
   */
  public static MmStruct anonymous(String name, boolean tableFreeWaitsForGupFast, Page... pages) {
    MmStruct mm = new MmStruct(name, null, pages.length, tableFreeWaitsForGupFast);
    Atomic.run(
        () -> {
          for (int addr = 0; addr < pages.length; addr++) {
            Page p = pages[addr];
            if (p.refcount != 1 || p.mapping != null) {
              throw new IllegalArgumentException(p + " is not a fresh anonymous page");
            }
            mm.pmd.ptes[addr] = p;
            p.mapcount = 1;
            p.mappedWritable = true;
          }
        });
    return mm;
  }

  public String name() {
    return name;
  }

  public AddressSpace file() {
    return file;
  }

  /** The page table, or null once freed. */
  public PageTable pageTable() {
    return pmd;
  }

  /** The page PTE {@code addr} maps, or null (plain read). */
  public Page pte(int addr) {
    return pmd == null ? null : pmd.ptes[addr];
  }

  /** Registers {@value #PAGE_TABLE_LIVE_DURING_WALK} for this address space. */
  public void registerPageTableLiveDuringWalk() {
    Invariants.register(
        PAGE_TABLE_LIVE_DURING_WALK,
        () -> freedTableRead == null,
        () -> "get_user_pages_fast read " + freedTableRead + " after free_pgtables freed it (use-after-free)");
  }

  @Override
  public String toString() {
    return name;
  }
}
