package pinmc.kernel;

import pinmc.api.Atomic;

/**
 * The page lock, writeback flags, buffer release and truncation: {@code mm/filemap.c},
 * {@code mm/page-writeback.c} and {@code mm/truncate.c} as these protocols use them. Each
 * operation is one atomic step; those that sleep in the kernel are guarded steps that wait
 * for their condition.
 */
public final class Filemap {
  private Filemap() {}

  /** {@code lock_page}: sleeps until the page is unlocked, then locks it. */
  public static void lockPage(Page page) {
    Atomic.when(() -> !page.locked, () -> page.locked = true);
  }

  /** {@code unlock_page}. */
  public static void unlockPage(Page page) {
    Atomic.run(
        () -> {
          Bug.on(!page.locked, "unlock-page-locked", "unlock_page(" + page + ") of an unlocked page");
          page.locked = false;
        });
  }

  /** {@code trylock_page}: locks the page if it is unlocked; true if it did. */
  public static boolean trylockPage(Page page) {
    return Atomic.call(
        () -> {
          if (page.locked) {
            return false;
          }
          page.locked = true;
          return true;
        });
  }

  /** {@code wait_on_page_writeback}: sleeps until the page is not under writeback. */
  public static void waitOnPageWriteback(Page page) {
    Atomic.when(() -> !page.writeback, () -> {});
  }

  /**
   * {@code wait_for_stable_page}: on a mapping that needs stable pages during writeback
   * ({@code AS_STABLE_WRITES}: checksums), waits for writeback to end; otherwise returns at once.
   */
  public static void waitForStablePage(Page page) {
    Atomic.when(() -> !needsStableWait(page), () -> {});
  }

  /** {@code set_page_writeback}: the page is about to be written; the page lock must be held. */
  public static void setPageWriteback(Page page) {
    Atomic.run(() -> setWritebackLocked(page));
  }

  /** {@code end_page_writeback}: the write completed. */
  public static void endPageWriteback(Page page) {
    Atomic.run(() -> endWritebackLocked(page));
  }

  /**
   * {@code clear_page_dirty_for_io}: with the page locked, if it is dirty, write-protects every
   * PTE that maps it ({@code page_mkclean}, so that the next store faults and dirties it again)
   * and clears the dirty flag; true if it was dirty. A pinned page can still be written by its
   * device, which never faults: that is what the seeds are about.
   */
  public static boolean clearPageDirtyForIo(Page page) {
    return Atomic.call(
        () -> {
          Bug.on(!page.locked, "clear-page-dirty-for-io-locked", "clear_page_dirty_for_io(" + page + ") without the page lock");
          if (!page.dirty) {
            return false;
          }
          page.mappedWritable = false;
          page.dirty = false;
          return true;
        });
  }

  /**
   * {@code try_to_release_page}: with the page locked, releases its buffers unless it is dirty
   * or under writeback; true if the page has no buffers afterwards. Like the kernel, it does
   * not look at pins: a caller that cares asks {@link Mm#pageMaybeDmaPinned} first.
   */
  public static boolean tryToReleasePage(Page page) {
    return Atomic.call(
        () -> {
          Bug.on(!page.locked, "try-to-release-page-locked", "try_to_release_page(" + page + ") without the page lock");
          if (page.dirty || page.writeback) {
            return false;
          }
          page.hasBuffers = false;
          return true;
        });
  }

  /** {@code find_get_page}: the cached page at {@code index} with a reference, or null. */
  public static Page findGetPage(AddressSpace mapping, int index) {
    return Atomic.call(
        () -> {
          Page page = index < mapping.isize ? mapping.pages[index] : null;
          if (page != null) {
            Mm.getPageLocked(page);
          }
          return page;
        });
  }

  /**
   * {@code write(2)} of one word through the page cache ({@code generic_perform_write}):
   * {@code find_get_page}, {@code lock_page}, {@code wait_for_stable_page}, the copy from user
   * space and {@code set_page_dirty} (one step: the page is locked), {@code unlock_page},
   * {@code put_page}. False when the page is not cached (beyond the end of the file).
   */
  public static boolean bufferedWrite(AddressSpace mapping, int index, int word, int value) {
    Page page = findGetPage(mapping, index);
    if (page == null) {
      return false;
    }
    lockPage(page);
    waitForStablePage(page);
    Atomic.run(
        () -> {
          page.contents[word] = value;
          page.dirty = true;
        });
    unlockPage(page);
    Mm.putPage(page);
    return true;
  }

  /** {@code i_size_write}: the file's new size; faults and leases beyond it fail from now on. */
  public static void iSizeWrite(AddressSpace mapping, int newSize) {
    Atomic.run(() -> mapping.isize = newSize);
  }

  /**
   * {@code truncate_setsize}: writes the new {@code i_size} (after which faults and new leases
   * beyond it fail), then {@code truncate_pagecache}: unmaps the range from every process and
   * drops its pages from the page cache. Blocks are the filesystem's business:
   * {@link #truncateBlocks}.
   */
  public static void truncateSetsize(AddressSpace mapping, int newSize) {
    iSizeWrite(mapping, newSize);
    unmapMappingRange(mapping, newSize, mapping.pages.length);
    truncateInodePagesRange(mapping, newSize, mapping.pages.length);
  }

  /**
   * {@code unmap_mapping_range}: zaps every PTE that maps page {@code start} to {@code end - 1}
   * of the file, in every process that maps it; one step per PTE.
   */
  public static void unmapMappingRange(AddressSpace mapping, int start, int end) {
    // The i_mmap walk under i_mmap_lock: which processes map the file, in one step.
    MmStruct[] mms = Atomic.call(() -> {
      int n = 0;
      for (MmStruct mm : mapping.mmaps) {
        n += mm != null ? 1 : 0;
      }
      MmStruct[] out = new MmStruct[n];
      for (int i = 0, k = 0; i < mapping.mmaps.length; i++) {
        if (mapping.mmaps[i] != null) {
          out[k++] = mapping.mmaps[i];
        }
      }
      return out;
    });
    for (MmStruct mm : mms) {
      for (int addr = start; addr < end; addr++) {
        Mm.zapPte(mm, addr);
      }
    }
  }

  /**
   * {@code truncate_inode_pages_range}: for each cached page in {@code [start, end)}, waits
   * for its lock and its writeback, then removes it from the page cache, drops its buffers and
   * the page cache's reference; one guarded step per page. A pinned page stays allocated (its
   * pin holds it) but no longer belongs to the file.
   */
  public static void truncateInodePagesRange(AddressSpace mapping, int start, int end) {
    for (int index = start; index < end; index++) {
      int i = index;
      Atomic.when(
          () -> mapping.pages[i] == null || (!mapping.pages[i].locked && !mapping.pages[i].writeback),
          () -> {
            Page page = mapping.pages[i];
            if (page != null) {
              mapping.pages[i] = null;
              page.mapping = null;
              page.hasBuffers = false;
              page.dirty = false;
              Mm.putPageLocked(page);
            }
          });
    }
  }

  /**
   * The filesystem's half of truncate: frees the blocks of pages {@code from} onwards, one step
   * for the whole range. A device may still be writing to a DAX page whose block this frees.
   */
  public static void truncateBlocks(AddressSpace mapping, int from) {
    Atomic.run(
        () -> {
          for (int i = from; i < mapping.blocks.length; i++) {
            if (mapping.blocks[i] >= 0) {
              mapping.allocator.freeLocked(mapping.blocks[i]);
              mapping.blocks[i] = -1;
            }
          }
        });
  }

  /**
   * The DAX "break layouts" wait ({@code dax_layout_busy_page} and the wait after it): sleeps
   * until no page of the file holds a reference beyond the DAX mapping's own ("one can just
   * wait until the reference count drops to one"). Call after unmapping, so that no new GUP can
   * find the pages.
   */
  public static void daxLayoutBusyPageWait(AddressSpace mapping) {
    for (int index = 0; index < mapping.pages.length; index++) {
      int i = index;
      Atomic.when(() -> mapping.pages[i] == null || mapping.pages[i].refcount <= mapping.pages[i].baselineRefcount(), () -> {});
    }
  }

  /**
   * {@code destroy_inode} at the end of eviction: the inode and its {@code address_space} go
   * back to the allocator. With {@code rcuDelayed} (the kernel's {@code call_rcu} to
   * {@code i_callback}) the free waits for a grace period, which no CPU running GUP-fast with
   * interrupts off lets end: here, until no process that mapped the file is inside
   * GUP-fast. Without it (the alternative the 6.5 discussion had to rule out) the free is
   * immediate.
   */
  public static void destroyInode(AddressSpace mapping, boolean rcuDelayed) {
    Atomic.when(() -> !rcuDelayed || noGupFastWalkers(mapping), () -> mapping.freed = true);
  }

  private static boolean noGupFastWalkers(AddressSpace mapping) {
    for (MmStruct mm : mapping.mmaps) {
      if (mm != null && mm.gupFastWalkers > 0) {
        return false;
      }
    }
    return true;
  }

  static boolean needsStableWait(Page page) {
    return page.writeback && page.mapping != null && page.mapping.stableWrites();
  }

  static void setWritebackLocked(Page page) {
    Bug.on(page.writeback, "set-page-writeback-not-writeback", "set_page_writeback(" + page + ") twice");
    page.writeback = true;
  }

  static void endWritebackLocked(Page page) {
    Bug.on(!page.writeback, "end-page-writeback-writeback", "end_page_writeback(" + page + ") without writeback");
    page.writeback = false;
  }
}
