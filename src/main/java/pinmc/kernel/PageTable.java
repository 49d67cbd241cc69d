package pinmc.kernel;

/**
 * A last-level page table: one PTE per user page of a mapping. It is itself a page the kernel
 * frees when the mapping goes away ({@code free_pgtables}), which is what makes a lockless
 * walk ({@code get_user_pages_fast}) dangerous.
 */
public final class PageTable {
  final String name;
  final Page[] ptes;
  /**
   * Per-PTE write permission ({@code pte_write}) for copy-on-write mappings (anonymous and
   * {@code MAP_PRIVATE}): fork write-protects both copies, a COW fault makes one writable. A
   * shared file mapping uses its page's {@code mappedWritable} instead, which
   * {@code page_mkclean} clears for every mapping at once.
   */
  final boolean[] writable;
  /** {@code pte_dirty}: the PTE was written through, or made by a write (COW) fault. */
  final boolean[] dirty;
  /** Returned to the page allocator by {@code free_pgtables}. */
  boolean freed;

  PageTable(String name, int entries) {
    this.name = name;
    this.ptes = new Page[entries];
    this.writable = new boolean[entries];
    this.dirty = new boolean[entries];
  }

  /** Clears PTE {@code addr} ({@code pte_clear}). */
  void clear(int addr) {
    ptes[addr] = null;
    writable[addr] = false;
    dirty[addr] = false;
  }

  /** Whether PTE {@code addr} allows writes (plain read). */
  public boolean isWritable(int addr) {
    return writable[addr];
  }

  public boolean isFreed() {
    return freed;
  }

  @Override
  public String toString() {
    return name;
  }
}
