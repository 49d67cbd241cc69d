package pinmc.kernel;

/**
 * A last-level page table: one PTE per user page of a mapping. It is itself a page the kernel
 * frees when the mapping goes away ({@code free_pgtables}), which is what makes a lockless
 * walk ({@code get_user_pages_fast}) dangerous.
 */
public final class PageTable {
  final String name;
  final Page[] ptes;
  /** Returned to the page allocator by {@code free_pgtables}. */
  boolean freed;

  PageTable(String name, int entries) {
    this.name = name;
    this.ptes = new Page[entries];
  }

  public boolean isFreed() {
    return freed;
  }

  @Override
  public String toString() {
    return name;
  }
}
