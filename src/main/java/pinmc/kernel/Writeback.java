package pinmc.kernel;

import pinmc.api.Atomic;

/**
 * Writeback of one page-cache page ({@code write_one_page} and the filesystem's
 * {@code writepage}), in the steps where other threads can get in: {@code lock_page},
 * {@code wait_on_page_writeback}, {@code clear_page_dirty_for_io}, then one step that
 * allocates a block if the page has none (delayed allocation), sets writeback and submits the
 * checksummed bio, then {@code unlock_page}. The bio completes later, with
 * {@link BlockDevice#bioEndio}.
 */
public final class Writeback {
  /** What the filesystem does with a page that {@code page_maybe_dma_pinned} says is pinned. */
  public enum PinnedPages {
    /** Writes it as it is, as every filesystem does today. */
    WRITE_IN_PLACE,
    /** Writes a copy (a bounce page), so that DMA into the original cannot change the bio. */
    BOUNCE
  }

  private Writeback() {}

  /**
   * Writes {@code page} back to {@code bdev} if it is dirty; returns the bio in flight, or null
   * when the page was clean or no block could be allocated (then the mapping records
   * {@code AS_ENOSPC} and the data is lost, as in the kernel).
   */
  public static Bio writeOnePage(Page page, BlockDevice bdev, PinnedPages pinned) {
    Filemap.lockPage(page);
    Filemap.waitOnPageWriteback(page);
    Bio bio = null;
    if (Filemap.clearPageDirtyForIo(page)) {
      bio = Atomic.call(() -> submitWrite(page, bdev, pinned));
    }
    Filemap.unlockPage(page);
    return bio;
  }

  /**
   * {@code write_one_page} with waiting ({@code filemap_write_and_wait_range} over one page): the
   * flusher's pass, then the bio's completion, which in this model the writer runs itself.
   */
  public static void writeOnePageAndWait(Page page, BlockDevice bdev, PinnedPages pinned) {
    Bio bio = writeOnePage(page, bdev, pinned);
    if (bio != null) {
      bdev.bioEndio(bio);
    }
  }

  private static Bio submitWrite(Page page, BlockDevice bdev, PinnedPages pinned) {
    AddressSpace mapping = page.mapping;
    if (mapping == null) {
      return null; // truncated meanwhile
    }
    if (!mapping.ownsBlock(page.index)) {
      // Delayed allocation, or copy-on-write of a shared block: a new block now.
      int old = mapping.blocks[page.index];
      int fresh = bdev.allocator.allocLocked(mapping);
      if (fresh < 0) {
        mapping.writebackEnospc = true;
        return null;
      }
      if (old >= 0) {
        bdev.allocator.freeLocked(old);
      }
      mapping.blocks[page.index] = fresh;
      page.block = fresh;
    }
    Filemap.setWritebackLocked(page);
    Page source = page;
    if (pinned == PinnedPages.BOUNCE && page.maybeDmaPinned()) {
      source = new Page(page.name + ".bounce", page.accounting);
      System.arraycopy(page.contents, 0, source.contents, 0, Page.PAGE_WORDS);
    }
    return bdev.submitLocked(source, page, page.block);
  }
}
