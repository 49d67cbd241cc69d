package pinmc.kernel;

import pinmc.api.Atomic;

/**
 * Page references, {@code get_user_pages} and friends, faults and {@code munmap}: the parts of
 * {@code include/linux/mm.h} and {@code mm/gup.c} these protocols use, each operation one
 * atomic step unless its comment says why it is more.
 *
 * <p>One user page at a time: where the kernel takes an array of pages, the models loop, as
 * the kernel's own loops are not atomic either.
 */
public final class Mm {
  /** What {@code pin_user_pages} adds to a small page's reference count in the kernel. */
  public static final int GUP_PIN_COUNTING_BIAS = 1024;
  /** The caller will write to the page: fault it in writable (and dirty). */
  public static final int FOLL_WRITE = 0x01;
  /** A long-term pin (RDMA, vfio): the one the seeds worry about. Recorded only. */
  public static final int FOLL_LONGTERM = 0x100;
  /** Set by the {@code pin_user_pages} family: take a pin, not a plain reference. */
  public static final int FOLL_PIN = 0x40000;

  private Mm() {}

  /** {@code get_page}: one more reference. */
  public static void getPage(Page page) {
    Atomic.run(() -> getPageLocked(page));
  }

  /** {@code put_page}: one reference less; the last one frees the page. */
  public static void putPage(Page page) {
    Atomic.run(() -> putPageLocked(page));
  }

  /**
   * {@code page_maybe_dma_pinned}: with the bias, "at least bias references", which a page
   * mapped often enough satisfies without any pin (the "maybe" in the name); with an exact
   * pin count, whether it is non-zero.
   */
  public static boolean pageMaybeDmaPinned(Page page) {
    // A lambda, not page::maybeDmaPinned: Java PathFinder's method-reference proxies do not box
    // a primitive result, so the reference would hand Atomic.call a null Boolean under JPF.
    return Atomic.call(() -> page.maybeDmaPinned());
  }

  /**
   * {@code set_page_dirty}: marks the page dirty through its mapping's {@code set_page_dirty}
   * (for a buffer-head filesystem, {@code __set_page_dirty_buffers}), which dirties whatever
   * buffers are attached but attaches none: a page whose buffers were released becomes a dirty
   * page without buffers.
   */
  public static void setPageDirty(Page page) {
    Atomic.run(() -> page.dirty = true);
  }

  /**
   * {@code set_page_dirty_lock}: {@code lock_page}, {@code set_page_dirty}, {@code unlock_page}.
   * One guarded step: nothing another thread can observe happens while the lock is held.
   */
  public static void setPageDirtyLock(Page page) {
    Atomic.when(() -> !page.locked, () -> page.dirty = true);
  }

  /**
   * {@code get_user_pages}: faults user page {@code addr} of {@code mm} in (writable and dirty
   * with {@code FOLL_WRITE}, through the filesystem's {@code page_mkwrite}) and takes a plain
   * reference to it, indistinguishable from any other. Returns null for {@code -EFAULT} (no
   * mapping, or beyond the end of the file). Sleeps while the fault has to (page locked, or a
   * stable-pages mapping under writeback). Release with {@link #putUserPage}.
   */
  public static Page getUserPages(MmStruct mm, int addr, int gupFlags) {
    // Each entry point has its own guarded step so that a counterexample names it.
    Page[] out = new Page[1];
    Atomic.when(() -> !faultWouldSleep(mm, addr, isWrite(gupFlags)), () -> out[0] = gupLocked(mm, addr, gupFlags & ~FOLL_PIN));
    return out[0];
  }

  /**
   * {@code pin_user_pages}: as {@link #getUserPages}, but the reference is a pin: the bias
   * (1024 in the kernel, {@link PinCounting#bias()} here) is added to the reference count, or
   * with an exact count one reference and one pin. Release with {@link #unpinUserPage}.
   */
  public static Page pinUserPages(MmStruct mm, int addr, int gupFlags) {
    Page[] out = new Page[1];
    Atomic.when(() -> !faultWouldSleep(mm, addr, isWrite(gupFlags)), () -> out[0] = gupLocked(mm, addr, gupFlags | FOLL_PIN));
    return out[0];
  }

  /**
   * Drops a reference {@code get_user_pages} took: {@code put_page} in the kernel of 2018
   * ({@code put_user_page} in 2019). A name of its own so that the model knows which
   * reference went away.
   */
  public static void putUserPage(Page page) {
    Atomic.run(
        () -> {
          Bug.on(page.actualPins <= 0, "put-user-page-was-gotten", "put_user_page(" + page + ") without get_user_pages");
          page.actualPins--;
          putPageLocked(page);
        });
  }

  /** {@code unpin_user_page}: drops a pin {@link #pinUserPages} took. */
  public static void unpinUserPage(Page page) {
    Atomic.run(() -> unpinLocked(page));
  }

  /**
   * {@code unpin_user_pages_dirty_lock}: the helper Hubbard made for "set_page_dirty, then
   * unpin": for each page, {@code set_page_dirty_lock} if asked and not already dirty, then
   * {@code unpin_user_page}. Each page is two steps, the first of which may sleep on the page lock.
   */
  public static void unpinUserPagesDirtyLock(Page[] pages, boolean makeDirty) {
    for (Page page : pages) {
      if (makeDirty) {
        setPageDirtyLock(page);
      }
      unpinUserPage(page);
    }
  }

  /**
   * {@code get_user_pages_fast} (with {@code FOLL_PIN}, {@code pin_user_pages_fast}): walks the
   * page table without the mmap lock. Two steps, because the window between them is the
   * point: {@code local_irq_save} and the read of the PMD, then the read of the PTE, the
   * reference, and {@code local_irq_restore}. What keeps the page table from being freed in
   * between is {@link MmStruct#tableFreeWaitsForGupFast} on the freeing side. A PTE that is
   * absent or read-only for a write falls back to the slow path, {@link #getUserPages}.
   */
  public static Page getUserPagesFast(MmStruct mm, int addr, int gupFlags) {
    PageTable table =
        Atomic.call(
            () -> {
              mm.gupFastWalkers++;
              return mm.pmd;
            });
    Page page =
        Atomic.call(
            () -> {
              mm.gupFastWalkers--;
              if (table == null) {
                return null;
              }
              if (table.freed && mm.freedTableRead == null) {
                mm.freedTableRead = table.name;
              }
              Page p = table.ptes[addr];
              if (p == null || p.refcount == 0 || (isWrite(gupFlags) && !p.mappedWritable)) {
                return null;
              }
              grab(p, (gupFlags & FOLL_PIN) != 0);
              return p;
            });
    if (page != null) {
      return page;
    }
    Page[] slow = new Page[1]; // the slow path, get_user_pages_unlocked
    Atomic.when(() -> !faultWouldSleep(mm, addr, isWrite(gupFlags)), () -> slow[0] = gupLocked(mm, addr, gupFlags));
    return slow[0];
  }

  /**
   * A store by user space into its page {@code addr}: through a writable PTE directly,
   * otherwise after a write fault (which may sleep as in {@link #getUserPages}). Returns false
   * for a store that would get {@code SIGSEGV}/{@code SIGBUS}.
   */
  public static boolean userWrite(MmStruct mm, int addr, int word, int value) {
    boolean[] done = new boolean[1];
    Atomic.when(
        () -> !faultWouldSleep(mm, addr, true),
        () -> {
          Page page = faultIn(mm, addr, true);
          if (page != null) {
            page.contents[word] = value;
            done[0] = true;
          }
        });
    return done[0];
  }

  /**
   * A load by user space from its page {@code addr}, faulting the page in read-only if needed
   * (a read fault does not sleep in this model). Returns the word, or -1 for a load that would
   * get {@code SIGSEGV}/{@code SIGBUS}.
   */
  public static int userRead(MmStruct mm, int addr, int word) {
    return Atomic.callInt(
        () -> {
          Page page = faultIn(mm, addr, false);
          return page == null ? -1 : page.contents[word];
        });
  }

  /**
   * {@code munmap} of the whole mapping: the MMU notifier's invalidate-range-start and the
   * driver's invalidate callback, one step per PTE zapped, invalidate-range-end, then
   * {@code free_pgtables}, which first waits for lockless walkers when the address space is
   * configured so.
   */
  public static void munmap(MmStruct mm) {
    MmuIntervalNotifier mni = mm.notifier;
    if (mni != null) {
      int curSeq = Atomic.callInt(mni::invalidateRangeStart);
      mni.ops.invalidate(mni, curSeq);
    }
    for (int addr = 0; addr < mm.pmd.ptes.length; addr++) {
      zapPte(mm, addr);
    }
    if (mni != null) {
      Atomic.run(mni::invalidateRangeEnd);
    }
    freePgtables(mm);
  }

  /** {@code free_pgtables}: returns the page table to the allocator. */
  static void freePgtables(MmStruct mm) {
    Atomic.when(
        () -> !mm.tableFreeWaitsForGupFast || mm.gupFastWalkers == 0,
        () -> {
          mm.pmd.freed = true;
          mm.pmd = null;
        });
  }

  /** {@code zap_pte_range} for one PTE: unmaps it and drops the mapping's reference. */
  static void zapPte(MmStruct mm, int addr) {
    Atomic.run(
        () -> {
          Page page = mm.pmd == null || addr >= mm.pmd.ptes.length ? null : mm.pmd.ptes[addr];
          if (page != null) {
            mm.pmd.ptes[addr] = null;
            page.mapcount--;
            putPageLocked(page);
          }
        });
  }

  private static boolean isWrite(int gupFlags) {
    return (gupFlags & FOLL_WRITE) != 0;
  }

  /** The body of a GUP step, once the fault can proceed: fault in, then reference or pin. */
  private static Page gupLocked(MmStruct mm, int addr, int gupFlags) {
    Page page = faultIn(mm, addr, isWrite(gupFlags));
    if (page != null) {
      grab(page, (gupFlags & FOLL_PIN) != 0);
    }
    return page;
  }

  /** Takes a GUP reference or a pin; the caller is inside an atomic step. */
  private static void grab(Page page, boolean pin) {
    Bug.on(page.freed || page.refcount <= 0, "page-refcount-positive", "get_user_pages on freed " + page);
    if (!pin) {
      page.refcount++;
    } else if (page.accounting.exactPinCount()) {
      page.refcount++;
      page.pincount++;
    } else {
      page.refcount += page.accounting.bias();
    }
    page.actualPins++;
  }

  private static void unpinLocked(Page page) {
    Bug.on(page.actualPins <= 0 || !page.maybeDmaPinned(), "unpin-user-page-was-pinned", "unpin_user_page(" + page + ") of a page that is not pinned");
    page.actualPins--;
    if (page.accounting.exactPinCount()) {
      page.pincount--;
      putPageLocked(page);
    } else {
      page.refcount -= page.accounting.bias() - 1;
      putPageLocked(page);
    }
  }

  static void getPageLocked(Page page) {
    Bug.on(page.freed || page.refcount <= 0, "page-refcount-positive", "get_page on freed " + page);
    page.refcount++;
  }

  static void putPageLocked(Page page) {
    Bug.on(page.refcount <= 0, "page-refcount-positive", "put_page(" + page + ") with refcount " + page.refcount);
    if (--page.refcount == 0) {
      page.freed = true;
    }
  }

  /** The page a fault at {@code addr} would map: the PTE's, or the file's page cache page. */
  private static Page faultTarget(MmStruct mm, int addr) {
    if (mm.pmd == null) {
      return null;
    }
    Page page = mm.pmd.ptes[addr];
    if (page == null && mm.file != null && addr < mm.file.isize) {
      page = mm.file.pages[addr];
    }
    return page;
  }

  /**
   * Whether a fault would sleep now: a write fault on a shared file mapping calls the
   * filesystem's {@code page_mkwrite}, which takes the page lock and, on a stable-pages mapping,
   * waits for writeback to end ({@code wait_for_stable_page}).
   */
  static boolean faultWouldSleep(MmStruct mm, int addr, boolean write) {
    Page page = faultTarget(mm, addr);
    if (page == null || !write || mm.file == null || page.mappedWritable) {
      return false;
    }
    return page.locked || (mm.file.stableWrites() && page.writeback);
  }

  /** Handles a fault that {@link #faultWouldSleep} said can proceed; null for -EFAULT. */
  private static Page faultIn(MmStruct mm, int addr, boolean write) {
    Page page = faultTarget(mm, addr);
    if (page == null) {
      return null;
    }
    if (mm.pmd.ptes[addr] == null) {
      mm.pmd.ptes[addr] = page;
      page.mapcount++;
      page.refcount++;
    }
    if (write && !page.mappedWritable) {
      if (mm.file != null) {
        // page_mkwrite (block_page_mkwrite): buffers attached, then the fault dirties the page.
        page.hasBuffers = true;
        page.dirty = true;
      }
      page.mappedWritable = true;
    }
    return page;
  }
}
