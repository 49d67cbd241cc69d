package pinmc.kernel;

import pinmc.api.Atomic;
import pinmc.api.Calls;

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
  /**
   * Write even where the mapping does not allow it ({@code /proc/self/mem}, ptrace): on a
   * private mapping the write goes to a private copy (COW), never to the file.
   */
  public static final int FOLL_FORCE = 0x10;
  /**
   * A long-term pin (RDMA, vfio): refused for fsdax from 4.15 and, when writable, for
   * dirty-tracked files from 6.5 ({@link KernelVersion}).
   */
  public static final int FOLL_LONGTERM = 0x100;
  /** Internal to GUP (4.9 to 6.0): this call's own fault made the private copy it may write. */
  static final int FOLL_COW = 0x4000;
  /** How often {@code __get_user_pages} faults and retries one page before the model gives up. */
  static final int GUP_RETRIES = 3;
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
    return getUserPagesRemote(mm, addr, gupFlags & ~FOLL_PIN);
  }

  /**
   * {@code pin_user_pages}: as {@link #getUserPages}, but the reference is a pin: the bias
   * (1024 in the kernel, {@link PinCounting#bias()} here) is added to the reference count, or
   * with an exact count one reference and one pin. Release with {@link #unpinUserPage}. Returns
   * null where the kernel fails, including a {@code FOLL_LONGTERM} pin the release refuses.
   */
  public static Page pinUserPages(MmStruct mm, int addr, int gupFlags) {
    return getUserPagesRemote(mm, addr, gupFlags | FOLL_PIN);
  }

  /**
   * {@code __get_user_pages} for one page. {@code check_vma_flags} first refuses what the
   * release refuses ({@link #longtermRefused}). A shared file mapping is one guarded step (fault
   * in, then grab). A copy-on-write mapping is the kernel's loop, one step each:
   * {@code follow_page_mask}, and when that finds nothing usable, {@code faultin_page}, then
   * again; the window between the fault and the retry is where Dirty COW lives.
   */
  private static Page getUserPagesRemote(MmStruct mm, int addr, int gupFlags) {
    if (checkVmaFlags(mm, addr, gupFlags)) {
      return null;
    }
    if (!mm.cow) {
      // Each entry point has its own guarded step so that a counterexample names it.
      Page[] out = new Page[1];
      Atomic.when(() -> !faultWouldSleep(mm, addr, isWrite(gupFlags)), () -> {
        Calls.describe((gupFlags & FOLL_PIN) != 0 ? "pinUserPages" : "getUserPages",
            mm.name + ", page " + addr + ", " + gupFlagNames(gupFlags & ~FOLL_PIN));
        out[0] = gupLocked(mm, addr, gupFlags);
      });
      return out[0];
    }
    // The 5.8 work-around: every GUP of a writable COW mapping breaks COW, as a write would.
    int flags = mm.kernel.gupBreaksCow() && mm.vmaWritable ? gupFlags | FOLL_WRITE : gupFlags;
    for (int attempt = 0; attempt < GUP_RETRIES; attempt++) {
      Page page = followPageMask(mm, addr, flags);
      if (page != null) {
        return page;
      }
      flags = faultinPage(mm, addr, flags);
      if (flags < 0) {
        return null;
      }
    }
    return null;
  }

  /** {@code check_vma_flags}: one step; true when the call fails before touching a page. */
  private static boolean checkVmaFlags(MmStruct mm, int addr, int gupFlags) {
    return Atomic.call(() -> {
      Calls.describe(null, "page " + addr + ", " + gupFlagNames(gupFlags));
      return longtermRefused(mm, addr, gupFlags);
    });
  }

  /** {@code follow_page_mask}: one step ({@link #followPageLocked}). */
  private static Page followPageMask(MmStruct mm, int addr, int flags) {
    return Atomic.call(() -> {
      Calls.describe(null, "page " + addr + ", " + gupFlagNames(flags));
      return followPageLocked(mm, addr, flags);
    });
  }

  /** {@code faultin_page}: one step ({@link #faultinPageLocked}); the flags to retry with, or -1. */
  private static int faultinPage(MmStruct mm, int addr, int flags) {
    return Atomic.callInt(() -> {
      Calls.describe(null, "page " + addr + ", " + gupFlagNames(flags));
      return faultinPageLocked(mm, addr, flags);
    });
  }

  /**
   * {@code check_vma_flags} and {@code writable_file_mapping_allowed}: whether this release
   * fails the call ({@code -EOPNOTSUPP}, {@code -EFAULT}) before touching any page.
   */
  static boolean longtermRefused(MmStruct mm, int addr, int gupFlags) {
    if ((gupFlags & FOLL_LONGTERM) == 0 || mm.file == null || mm.cow) {
      return false;
    }
    if (mm.file.isDax()) {
      return mm.kernel.refusesLongtermFsdaxPin();
    }
    return isWrite(gupFlags) && mm.kernel.refusesWritableLongtermFilePin() && mm.file.dirtyTracked();
  }

  /**
   * {@code follow_page_mask} on a COW mapping: the page the PTE maps if this access may use it
   * now, else null (a fault is needed). A write needs a writable PTE; from 4.9 a
   * {@code FOLL_FORCE} write may also use a read-only PTE that maps the dirty private copy its
   * own fault made ({@code can_follow_write_pte}). From 5.19 a read-only pin of an anonymous
   * page that is not exclusive needs an unsharing fault ({@code gup_must_unshare}).
   */
  private static Page followPageLocked(MmStruct mm, int addr, int flags) {
    if (mm.pmd == null) {
      return null;
    }
    Page page = mm.pmd.ptes[addr];
    if (page == null) {
      return null;
    }
    if (isWrite(flags) && !mm.pmd.writable[addr]) {
      boolean ownCow = (flags & FOLL_FORCE) != 0 && (flags & FOLL_COW) != 0 && mm.pmd.dirty[addr] && page.anon;
      if (!(mm.kernel.forceWriteFollowsOnlyOwnCow() && ownCow)) {
        return null;
      }
    }
    if (!isWrite(flags) && (flags & FOLL_PIN) != 0 && mm.kernel.pageAnonExclusive() && page.anon && !page.anonExclusive) {
      return null;
    }
    grab(page, (flags & FOLL_PIN) != 0);
    if ((flags & FOLL_PIN) != 0) {
      mm.hasPinned = true;
    }
    return page;
  }

  /**
   * {@code faultin_page}: a write (or unsharing) fault on a COW mapping, then what
   * {@code __get_user_pages} does with the flags for the retry: before 4.9 it drops
   * {@code FOLL_WRITE} once a forced write fault on a read-only mapping has COWed ("the FOLL_WRITE
   * games"), from 4.9 it adds {@code FOLL_COW} instead. Returns the flags for the retry, or -1
   * for {@code -EFAULT}.
   */
  private static int faultinPageLocked(MmStruct mm, int addr, int used) {
    boolean write = isWrite(used);
    if (write && !mm.vmaWritable && (used & FOLL_FORCE) == 0) {
      return -1;
    }
    Page page = handleMmFaultLocked(mm, addr, write, !write && (used & FOLL_PIN) != 0);
    if (page == null) {
      return -1;
    }
    if (write && !mm.vmaWritable) {
      return mm.kernel.forceWriteFollowsOnlyOwnCow() ? used | FOLL_COW : used & ~FOLL_WRITE;
    }
    return used;
  }  /**
   * Drops a reference {@code get_user_pages} took: {@code put_page} in the kernel of 2018
   * ({@code put_user_page} in 2019). A name of its own so that the model knows which
   * reference went away.
   */
  public static void putUserPage(Page page) {
    Atomic.run(
        () -> {
          Bug.on(page.actualPins <= 0, "put-user-page-was-gotten", "put_user_page(" + page + ") without get_user_pages");
          page.actualPins--;
          putPageLocked(page.folio);
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
   * page table without the mmap lock, as the kernel does it, one step each because each window
   * is a race someone found:
   *
   * <ol>
   *   <li>{@code local_irq_save} and the read of the PMD (what keeps the page table alive from
   *       here on is {@link MmStruct#tableFreeWaitsForGupFast} on the freeing side);
   *   <li>the read of the PTE and of {@code page_folio(page)};
   *   <li>{@code try_grab_folio}: a speculative reference on that folio, which fails on a folio
   *       whose count is zero (freed, or frozen by a split);
   *   <li>from 6.5, for a writable long-term pin, {@code gup_fast_folio_allowed}: a lockless
   *       read of {@code folio->mapping} and then of the mapping itself
   *       ({@link #gupFastFolioAllowed});
   *   <li>the recheck: the folio is still the page's folio (from 5.13, "mm/gup: fix
   *       try_grab_compound_head() race with split_huge_page()") and the PTE still maps the
   *       page; if not, the reference is dropped; then {@code local_irq_restore}.
   * </ol>
   *
   * A PTE that is absent, read-only for a write, or changed falls back to the slow path,
   * {@link #getUserPages}/{@link #pinUserPages}.
   */
  public static Page getUserPagesFast(MmStruct mm, int addr, int gupFlags) {
    boolean pin = (gupFlags & FOLL_PIN) != 0;
    PageTable table = gupFastPgdRange(mm);
    Page[] seen = table == null ? new Page[2] : gupFastPteRange(mm, table, addr, gupFlags);
    boolean grabbed = seen[0] != null && tryGrabFolioFast(seen[1], pin);
    boolean ok = grabbed;
    if (grabbed && (gupFlags & FOLL_LONGTERM) != 0 && isWrite(gupFlags) && mm.kernel.refusesWritableLongtermFilePin()) {
      ok = gupFastFolioAllowed(mm, seen[1]);
    }
    if (gupFastRecheck(mm, table, addr, seen, grabbed, ok, pin)) {
      return seen[0];
    }
    return pin ? pinUserPages(mm, addr, gupFlags) : getUserPages(mm, addr, gupFlags);
  }

  /** {@code local_irq_save} and the PMD read of {@code gup_fast_pgd_range}: one step. */
  private static PageTable gupFastPgdRange(MmStruct mm) {
    return Atomic.call(() -> {
      mm.gupFastWalkers++;
      return mm.pmd;
    });
  }

  /**
   * {@code gup_fast_pte_range}'s read of the PTE and of {@code page_folio}: one step; the page
   * and its folio, or nulls when the PTE is absent or read-only for a write.
   */
  private static Page[] gupFastPteRange(MmStruct mm, PageTable table, int addr, int gupFlags) {
    return Atomic.call(() -> {
      Calls.describe(null, "page " + addr + ", " + gupFlagNames(gupFlags));
      Page[] seen = new Page[2];
      if (table.freed && mm.freedTableRead == null) {
        mm.freedTableRead = table.name;
      }
      Page p = table.ptes[addr];
      if (p != null && (!isWrite(gupFlags) || pteWritable(mm, table, addr, p))) {
        seen[0] = p;
        seen[1] = p.folio;
      }
      return seen;
    });
  }

  /** {@code try_grab_folio_fast}'s speculative reference: one step ({@link #tryGrabFolio}). */
  private static boolean tryGrabFolioFast(Page folio, boolean pin) {
    return Atomic.call(() -> tryGrabFolio(folio, pin));
  }

  /**
   * The recheck after the grab and {@code local_irq_restore}: one step. The page must still be
   * in the folio that was grabbed (from 5.13) and the PTE must still map it; otherwise the
   * reference is dropped ({@code gup_put_folio}). Returns whether GUP-fast got the page.
   */
  private static boolean gupFastRecheck(MmStruct mm, PageTable table, int addr, Page[] seen, boolean grabbed, boolean ok,
      boolean pin) {
    return Atomic.call(() -> {
      mm.gupFastWalkers--;
      boolean same = ok && table.ptes[addr] == seen[0] && (!mm.kernel.gupFastRechecksFolio() || seen[0].folio == seen[1]);
      if (grabbed && !same) {
        ungrabFolio(seen[1], pin);
      } else if (same) {
        seen[0].actualPins++;
        mm.hasPinned |= pin;
      }
      return same;
    });
  }

  /**
   * {@code gup_fast_folio_allowed} for a writable long-term pin (6.5): an anonymous folio is
   * fine; otherwise {@code READ_ONCE(folio->mapping)} (one step), and then, if it is a file, a
   * read of the mapping to see whether it is dirty-tracked (the next step). Nothing but the
   * disabled interrupts keeps that mapping's inode alive between the two: the kernel frees
   * inodes after an RCU grace period, which cannot end while this CPU has interrupts off
   * ({@link Filemap#destroyInode}).
   */
  private static boolean gupFastFolioAllowed(MmStruct mm, Page folio) {
    AddressSpace mapping = Atomic.call(() -> folio.anon ? null : folio.mapping);
    if (mapping == null) {
      return Atomic.call(() -> folio.anon);
    }
    return Atomic.call(() -> {
      if (mapping.freed && mm.freedMappingRead == null) {
        mm.freedMappingRead = mapping.name;
      }
      return !mapping.dirtyTracked();
    });
  }

  private static boolean pteWritable(MmStruct mm, PageTable table, int addr, Page page) {
    return mm.cow ? table.writable[addr] : page.mappedWritable;
  }

  /** {@code try_grab_folio}: a reference (or pin) on {@code folio} unless its count is zero. */
  private static boolean tryGrabFolio(Page folio, boolean pin) {
    if (folio.refcount <= 0 || folio.freed) {
      return false;
    }
    addGupReference(folio, pin); // speculative: the page counts as pinned only once the recheck passes
    return true;
  }

  /** {@code gup_put_folio}: undoes {@link #tryGrabFolio}. */
  private static void ungrabFolio(Page folio, boolean pin) {
    if (pin && folio.accounting.exactPinCount()) {
      folio.pincount--;
      putPageLocked(folio);
    } else if (pin) {
      folio.refcount -= folio.accounting.bias() - 1;
      putPageLocked(folio);
    } else {
      putPageLocked(folio);
    }
  }

  /**
   * The kernel writing through a reference GUP gave it ({@code copy_to_user_page} in
   * {@code access_remote_vm}, the path of a write to {@code /proc/PID/mem}), then
   * {@code set_page_dirty_lock}: the page's contents change whatever its PTEs allow.
   */
  public static void copyToUserPage(Page page, int word, int value) {
    Atomic.when(() -> !page.locked, () -> {
      Calls.describe(null, page.name + ", word " + word + " = " + value);
      Bug.on(page.freed, "page-refcount-positive", "copy_to_user_page into freed " + page);
      page.contents[word] = value;
      page.dirty = page.mapping != null || page.dirty;
    });
  }

  /**
   * A store by user space into its page {@code addr}: through a writable PTE directly,
   * otherwise after a write fault (which may sleep as in {@link #getUserPages}). Returns false
   * for a store that would get {@code SIGSEGV}/{@code SIGBUS}.
   */
  public static boolean userWrite(MmStruct mm, int addr, int word, int value) {
    if (mm.cow) {
      return Atomic.call(() -> {
        Calls.describe(null, userAccess(mm, addr, word) + " = " + value);
        Page page = mm.vmaWritable ? handleMmFaultLocked(mm, addr, true, false) : null;
        if (page == null) {
          return false;
        }
        page.contents[word] = value;
        return true;
      });
    }
    boolean[] done = new boolean[1];
    Atomic.when(
        () -> !faultWouldSleep(mm, addr, true),
        () -> {
          Calls.describe(null, userAccess(mm, addr, word) + " = " + value);
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
          Calls.describe(null, userAccess(mm, addr, word));
          Page page = mm.cow ? handleMmFaultLocked(mm, addr, false, false) : faultIn(mm, addr, false);
          return page == null ? -1 : page.contents[word];
        });
  }

  /**
   * {@code handle_mm_fault} on a copy-on-write mapping, in the caller's step; returns the page
   * now mapped at {@code addr} or null for {@code SIGSEGV}. A missing PTE is filled from the
   * file's page cache (read-only) or, for a write, with a private copy ({@code do_cow_fault}); a
   * write to a read-only PTE goes to {@link #doWpPageLocked}; with {@code unshare}, a read of a
   * shared anonymous page copies it too ({@code FAULT_FLAG_UNSHARE}, 5.19).
   */
  static Page handleMmFaultLocked(MmStruct mm, int addr, boolean write, boolean unshare) {
    if (mm.pmd == null || addr >= mm.pmd.ptes.length) {
      return null;
    }
    Page page = mm.pmd.ptes[addr];
    if (page == null) {
      if (mm.file == null || addr >= mm.file.isize || mm.file.pages[addr] == null) {
        return null;
      }
      Page cached = mm.file.pages[addr];
      if (write) {
        Page copy = newAnonCopy(cached, mm.name, mm.kernel);
        mm.pmd.ptes[addr] = copy;
        mm.pmd.writable[addr] = mm.vmaWritable;
        mm.pmd.dirty[addr] = true;
        return copy;
      }
      mm.pmd.ptes[addr] = cached;
      cached.mapcount++;
      cached.refcount++;
      return cached;
    }
    if (write && !mm.pmd.writable[addr]) {
      return doWpPageLocked(mm, addr, false);
    }
    if (unshare && page.anon && !page.anonExclusive) {
      return doWpPageLocked(mm, addr, true);
    }
    if (write) {
      mm.pmd.dirty[addr] = true;
    }
    return page;
  }

  /**
   * {@code do_wp_page}: a write (or unshare) fault on a present, write-protected PTE of a COW
   * mapping. An anonymous page is reused in place when the release's rule says nobody else can
   * see it ({@link KernelVersion#wpReuse}); otherwise {@code wp_page_copy} maps a private copy
   * and drops the PTE's reference to the old page. A page-cache page of a private file mapping
   * is always copied.
   */
  static Page doWpPageLocked(MmStruct mm, int addr, boolean unshare) {
    Page page = mm.pmd.ptes[addr];
    if (page.anon && wpCanReuse(mm.kernel, page)) {
      if (mm.kernel.pageAnonExclusive()) {
        page.anonExclusive = true;
      }
      if (!unshare) {
        mm.pmd.writable[addr] = mm.vmaWritable;
        mm.pmd.dirty[addr] = true;
      }
      return page;
    }
    Page copy = newAnonCopy(page, mm.name, mm.kernel);
    mm.pmd.ptes[addr] = copy;
    mm.pmd.writable[addr] = !unshare && mm.vmaWritable;
    mm.pmd.dirty[addr] = !unshare;
    page.mapcount--;
    putPageLocked(page.folio);
    return copy;
  }

  private static boolean wpCanReuse(KernelVersion kernel, Page page) {
    switch (kernel.wpReuse()) {
      case MAPCOUNT:
        return page.mapcount == 1;
      case REFCOUNT:
        return page.refcount == 1;
      default:
        return page.anonExclusive || page.refcount == 1;
    }
  }

  /**
   * {@code wp_page_copy}'s new page: an anonymous copy of {@code page}'s contents, mapped once
   * (the caller installs the PTE), named after the process that owns it; exclusive from 5.19.
   */
  static Page newAnonCopy(Page page, String owner, KernelVersion kernel) {
    Page copy = new Page(page.name + "@" + owner, page.accounting);
    System.arraycopy(page.contents, 0, copy.contents, 0, Page.PAGE_WORDS);
    copy.anon = true;
    copy.anonExclusive = kernel.pageAnonExclusive();
    copy.mapcount = 1;
    copy.mappedWritable = true;
    return copy;
  }

  /**
   * {@code prep_compound_page}, at setup: {@code head} and {@code tails} become one large folio
   * whose reference count is the head's; the tails' own counts are 0.
   */
  public static void prepCompoundPage(Page head, Page... tails) {
    Atomic.run(() -> {
      if (head.refcount != 1 || head.tails.length != 0) {
        throw new IllegalArgumentException(head + " is not a fresh page");
      }
      head.tails = tails.clone();
      for (Page t : tails) {
        if (t.refcount != 1 || t.folio != t) {
          throw new IllegalArgumentException(t + " is not a fresh page");
        }
        t.refcount = 0;
        t.folio = head;
      }
    });
  }

  /**
   * {@code split_huge_page} of the folio headed by {@code head}: one step, since the split
   * holds the folio lock and the {@code anon_vma} lock and replaces the PTEs by migration
   * entries (which the GUP slow path waits on) for the whole of it: unmap, freeze the
   * reference count at the value the mappings alone explain ({@code folio_ref_freeze}; any
   * other reference, a GUP one included, makes the split fail with {@code -EAGAIN}), give each
   * page a folio and a count of its own, remap. GUP-fast, which takes no lock, sees the folio
   * before or after. Returns whether it split.
   */
  public static boolean splitHugePage(Page head) {
    return Atomic.call(() -> {
      int expected = head.mapcount;
      for (Page t : head.tails) {
        expected += t.mapcount;
      }
      if (head.refcount != expected || head.tails.length == 0) {
        return false;
      }
      for (Page t : head.tails) {
        t.folio = t;
        t.refcount = t.mapcount;
      }
      head.refcount = head.mapcount;
      head.tails = new Page[0];
      return true;
    });
  }

  /**
   * {@code madvise(MADV_DONTNEED)} of user page {@code addr} ({@code zap_page_range_single}):
   * the PTE goes and its reference with it; the next access faults a page in afresh.
   */
  public static void madviseDontneed(MmStruct mm, int addr) {
    Atomic.run(() -> {
      Calls.describe(null, mm.name + ", page " + addr);
      zapPteLocked(mm, addr);
    });
  }

  /** {@code exit_mmap}: every PTE zapped, then the page tables freed; one step per PTE. */
  public static void exitMmap(MmStruct mm) {
    for (int addr = 0; addr < mm.pmd.ptes.length; addr++) {
      zapPte(mm, addr);
    }
    freePgtables(mm);
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
    Atomic.run(() -> zapPteLocked(mm, addr));
  }

  private static void zapPteLocked(MmStruct mm, int addr) {
    Page page = mm.pmd == null || addr >= mm.pmd.ptes.length ? null : mm.pmd.ptes[addr];
    if (page != null) {
      mm.pmd.clear(addr);
      page.mapcount--;
      putPageLocked(page.folio);
    }
  }

  /**
   * {@code FOLL_WRITE|FOLL_LONGTERM}: the flags as a counterexample shows a GUP call's
   * arguments ({@code 0} for none). Only strings and constants, so that it reads no shared state.
   */
  static String gupFlagNames(int gupFlags) {
    String names = "";
    names = withFlag(names, gupFlags, FOLL_WRITE, "FOLL_WRITE");
    names = withFlag(names, gupFlags, FOLL_FORCE, "FOLL_FORCE");
    names = withFlag(names, gupFlags, FOLL_LONGTERM, "FOLL_LONGTERM");
    names = withFlag(names, gupFlags, FOLL_COW, "FOLL_COW");
    names = withFlag(names, gupFlags, FOLL_PIN, "FOLL_PIN");
    return names.isEmpty() ? "0" : names;
  }

  private static String withFlag(String names, int gupFlags, int flag, String name) {
    return (gupFlags & flag) == 0 ? names : names.isEmpty() ? name : names + "|" + name;
  }

  /** {@code app.mm, page 0, word 1}: where a user access goes, as a counterexample shows it. */
  private static String userAccess(MmStruct mm, int addr, int word) {
    return mm.name + ", page " + addr + ", word " + word;
  }

  private static boolean isWrite(int gupFlags) {
    return (gupFlags & FOLL_WRITE) != 0;
  }

  /** The body of a GUP step, once the fault can proceed: fault in, then reference or pin. */
  private static Page gupLocked(MmStruct mm, int addr, int gupFlags) {
    Page page = faultIn(mm, addr, isWrite(gupFlags));
    if (page != null) {
      grab(page, (gupFlags & FOLL_PIN) != 0);
      mm.hasPinned |= (gupFlags & FOLL_PIN) != 0;
    }
    return page;
  }

  /**
   * Takes a GUP reference or a pin on the page's folio; the caller is inside an atomic step.
   * The ghost count of pins is the page's, since that is what the caller will use.
   */
  private static void grab(Page page, boolean pin) {
    Page folio = page.folio;
    Bug.on(folio.freed || folio.refcount <= 0, "page-refcount-positive", "get_user_pages on freed " + page);
    addGupReference(folio, pin);
    page.actualPins++;
  }

  /** A reference or pin on {@code folio}. */
  private static void addGupReference(Page folio, boolean pin) {
    if (!pin) {
      folio.refcount++;
    } else if (folio.accounting.exactPinCount()) {
      folio.refcount++;
      folio.pincount++;
    } else {
      folio.refcount += folio.accounting.bias();
    }
  }

  private static void unpinLocked(Page page) {
    Bug.on(page.actualPins <= 0 || !page.maybeDmaPinned(), "unpin-user-page-was-pinned", "unpin_user_page(" + page + ") of a page that is not pinned");
    Page folio = page.folio;
    page.actualPins--;
    if (folio.accounting.exactPinCount()) {
      folio.pincount--;
    } else {
      folio.refcount -= folio.accounting.bias() - 1;
    }
    putPageLocked(folio);
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
