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
  /** The kernel release whose behaviour this address space follows. */
  final KernelVersion kernel;
  /** The backing file; null for anonymous memory. */
  final AddressSpace file;
  /** A copy-on-write mapping: anonymous, or {@code MAP_PRIVATE} of a file. */
  final boolean cow;
  /** {@code VM_WRITE}: user space may write (a read-only private mapping still COWs under FOLL_FORCE). */
  final boolean vmaWritable;
  /** {@code MMF_HAS_PINNED} (5.9): this process has pinned pages once; fork checks for pins only then. */
  boolean hasPinned;
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
  /** Ghost: GUP-fast's lockless mapping check read a mapping whose inode was freed. */
  String freedMappingRead;
  MmuIntervalNotifier notifier;

  private MmStruct(String name, KernelVersion kernel, AddressSpace file, boolean cow, boolean vmaWritable, int pages,
      boolean tableFreeWaitsForGupFast) {
    this.name = Objects.requireNonNull(name);
    this.kernel = Objects.requireNonNull(kernel);
    this.file = file;
    this.cow = cow;
    this.vmaWritable = vmaWritable;
    this.pmd = new PageTable(name + ".pte", pages);
    this.tableFreeWaitsForGupFast = tableFreeWaitsForGupFast;
  }

  /**
   * {@code mmap(MAP_SHARED)} of the first {@code pages} pages of {@code file}, on {@code kernel}:
   * PTEs are filled by faults. Registers the mapping with the file so that truncate can unmap it.
   */
  public static MmStruct mmapFile(String name, KernelVersion kernel, AddressSpace file, int pages) {
    MmStruct mm = new MmStruct(name, kernel, Objects.requireNonNull(file), false, true, pages, true);
    Atomic.run(() -> file.addMmap(mm));
    return mm;
  }

  /** {@link #mmapFile(String, KernelVersion, AddressSpace, int)} on {@link KernelVersion#LATEST}. */
  public static MmStruct mmapFile(String name, AddressSpace file, int pages) {
    return mmapFile(name, KernelVersion.LATEST, file, pages);
  }

  /**
   * {@code mmap(MAP_PRIVATE)} of {@code file}, writable or not ({@code PROT_READ} only, as a
   * user maps {@code /etc/passwd}): a read fault maps the page-cache page read-only; a write
   * fault, or a {@code FOLL_FORCE} write through {@code /proc/self/mem}, maps a private
   * anonymous copy.
   */
  public static MmStruct mmapFilePrivate(String name, KernelVersion kernel, AddressSpace file, int pages, boolean writable) {
    MmStruct mm = new MmStruct(name, kernel, Objects.requireNonNull(file), true, writable, pages, true);
    Atomic.run(() -> file.addMmap(mm));
    return mm;
  }

  /**
   * Anonymous private memory on {@code kernel}, backed by {@code pages}, each mapped writable
   * once (refcount and mapcount 1 each, the PTE's reference) and, from 5.19, marked
   * {@code PageAnonExclusive}; {@code tableFreeWaitsForGupFast} as in
   * {@link #anonymous(String, boolean, Page...)}.
   */
  public static MmStruct anonymous(String name, KernelVersion kernel, boolean tableFreeWaitsForGupFast, Page... pages) {
    MmStruct mm = new MmStruct(name, kernel, null, true, true, pages.length, tableFreeWaitsForGupFast);
    Atomic.run(
        () -> {
          for (int addr = 0; addr < pages.length; addr++) {
            Page p = pages[addr];
            boolean tail = p.folio != p;
            if (p.refcount != (tail ? 0 : 1) || p.mapping != null || p.mapcount != 0) {
              throw new IllegalArgumentException(p + " is not a fresh anonymous page");
            }
            if (tail) {
              p.folio.refcount++; // each PTE mapping a page of a large folio holds a folio reference
            }
            mm.pmd.ptes[addr] = p;
            mm.pmd.writable[addr] = true;
            p.mapcount = 1;
            p.mappedWritable = true;
            p.anon = true;
            p.anonExclusive = kernel.pageAnonExclusive();
          }
        });
    return mm;
  }

  /**
   * {@code fork}: {@code dup_mmap} and {@code copy_page_range} in one step (fork holds the
   * parent's {@code mmap_lock} for writing, which the GUP slow path also takes). Each present
   * PTE is copied ({@code copy_present_pte}): a page shared by both processes is
   * write-protected in both, so the next write to it faults and copies; an anonymous page that
   * may be pinned is instead copied for the child at once, leaving the parent's PTE as it was,
   * from 5.9 ({@link KernelVersion#earlyCowPinnedAtFork}); from 5.19 a shared page loses
   * {@code PageAnonExclusive}.
   */
  public MmStruct fork(String childName) {
    return Atomic.call(() -> forkLocked(childName, kernel.earlyCowPinnedAtFork()));
  }

  /**
   * {@link #fork} as the 5.9 development kernel had it between "mm: do_wp_page() simplification"
   * (the reference-count reuse rule) and "mm: Do early cow for pinned pages during fork() for
   * ptes": pinned pages are write-protected like any other, so the parent's next write copies
   * away from the page its device holds. Jason Gunthorpe reported it near 5.9-rc6 as a
   * user-visible RDMA regression; no release has it. For models that show why early COW exists.
   */
  public MmStruct forkWithoutEarlyCow(String childName) {
    return Atomic.call(() -> forkLocked(childName, false));
  }

  private MmStruct forkLocked(String childName, boolean earlyCow) {
    MmStruct child = new MmStruct(childName, kernel, file, cow, vmaWritable, pmd.ptes.length, tableFreeWaitsForGupFast);
    if (file != null) {
      file.addMmap(child);
    }
    for (int addr = 0; addr < pmd.ptes.length; addr++) {
      Page page = pmd.ptes[addr];
      if (page == null) {
        continue;
      }
      if (page.anon && earlyCow && hasPinned && page.maybeDmaPinned()) {
        // copy_present_page: the child gets its own copy now, the parent keeps the pinned page.
        Page copy = Mm.newAnonCopy(page, childName, kernel);
        child.pmd.ptes[addr] = copy;
        child.pmd.writable[addr] = pmd.writable[addr];
        child.pmd.dirty[addr] = true;
        continue;
      }
      if (cow) {
        pmd.writable[addr] = false; // ptep_set_wrprotect on the parent, and the child's copy
      }
      child.pmd.ptes[addr] = page;
      child.pmd.writable[addr] = pmd.writable[addr];
      child.pmd.dirty[addr] = pmd.dirty[addr];
      page.mapcount++;
      page.refcount++;
      page.anonExclusive = false;
    }
    return child;
  }

  /** The kernel release this address space follows. */
  public KernelVersion kernel() {
    return kernel;
  }

  /** Whether this is a copy-on-write mapping (anonymous or {@code MAP_PRIVATE}). */
  public boolean isCow() {
    return cow;
  }

  /**
   * Anonymous memory backed by {@code pages}, each mapped once (refcount and mapcount 1 each,
   * the PTE's reference); {@code tableFreeWaitsForGupFast} says whether freeing the page
   * table is kept from racing with {@code get_user_pages_fast}, as in the kernel (true) or
   * not (the broken alternative a model explores).
   */
  public static MmStruct anonymous(String name, boolean tableFreeWaitsForGupFast, Page... pages) {
    return anonymous(name, KernelVersion.LATEST, tableFreeWaitsForGupFast, pages);
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

  /** Invariant: GUP-fast's lockless {@code folio->mapping} check never reads a freed inode. */
  public static final String MAPPING_LIVE_DURING_GUP_FAST = "mapping-live-during-gup-fast";

  /** Registers {@value #MAPPING_LIVE_DURING_GUP_FAST} for this address space. */
  public void registerMappingLiveDuringGupFast() {
    Invariants.register(
        MAPPING_LIVE_DURING_GUP_FAST,
        () -> freedMappingRead == null,
        () -> "gup_fast_folio_allowed read the address_space of " + freedMappingRead + " after its inode was freed (use-after-free)");
  }

  @Override
  public String toString() {
    return name;
  }
}
