package pinmc.models;

import static pinmc.kernel.Filemap.lockPage;
import static pinmc.kernel.Filemap.tryToReleasePage;
import static pinmc.kernel.Filemap.unlockPage;
import static pinmc.kernel.Mm.FOLL_WRITE;
import static pinmc.kernel.Mm.getUserPages;
import static pinmc.kernel.Mm.pageMaybeDmaPinned;
import static pinmc.kernel.Mm.pinUserPages;
import static pinmc.kernel.Mm.putUserPage;
import static pinmc.kernel.Mm.setPageDirtyLock;
import static pinmc.kernel.Mm.unpinUserPagesDirtyLock;
import static pinmc.kernel.Writeback.writeOnePage;

import pinmc.kernel.AddressSpace;
import pinmc.kernel.Bio;
import pinmc.kernel.BlockAllocator;
import pinmc.kernel.BlockDevice;
import pinmc.kernel.DmaDevice;
import pinmc.kernel.MmStruct;
import pinmc.kernel.Page;
import pinmc.kernel.Writeback.PinnedPages;
import pinmc.models.ModelArgs.Size;

/**
 * dirty-after-unpin: a driver dirties a file page behind the filesystem's back.
 *
 * <p>Seed (LSFMM 2022): "There are also a lot of cases where kernel code uses set_page_dirty()
 * to mark a page as having been modified, then unpins the page. He made a helper for that
 * case, but it feels wrong to him; each one is a place where pages are being marked 'dirty'
 * outside of the filesystem that is responsible for them". And (2018) "code that has pinned
 * pages in this way can modify those pages in ways that will surprise other users, such as
 * filesystems".
 *
 * <p>The scenario: a process has a file mapped and hands the buffer to a driver, whose device
 * DMAs into it. The driver takes the page with a write fault (the filesystem's
 * {@code page_mkwrite} attaches buffers), the device writes, and the driver marks the page
 * dirty and lets go. Meanwhile the flusher writes the page back (it is clean afterwards) and
 * reclaim releases the buffers of the clean page. The driver's {@code set_page_dirty} then
 * makes a dirty page without buffers, which ext4's writeback BUGs on.
 *
 * <p>Variants:
 *
 * <ul>
 *   <li>{@code get-user-pages}: the 2018 driver: {@code get_user_pages},
 *       {@code set_page_dirty_lock}, {@code put_page}; reclaim does not know about the
 *       reference. Expected: violation of {@code dirty-page-has-buffers}.
 *   <li>{@code pin-user-pages}: the converted driver: {@code pin_user_pages} and
 *       {@code unpin_user_pages_dirty_lock}; reclaim keeps the buffers of a page that
 *       {@code page_maybe_dma_pinned}. Expected: pass.
 * </ul>
 *
 * <p>Sizes: {@code iterations} (writeback-and-reclaim passes by the flusher).
 */
public final class DirtyAfterUnpin {
  static final String[] VARIANTS = {"get-user-pages", "pin-user-pages"};

  private DirtyAfterUnpin() {}

  public static void main(String[] args) throws InterruptedException {
    ModelArgs a = ModelArgs.parse("dirty-after-unpin", args, VARIANTS, new Size("iterations", 1, 1, 4));
    boolean pins = a.is("pin-user-pages");
    int iterations = a.size("iterations");

    BlockAllocator disk = new BlockAllocator("disk", 1);
    BlockDevice bdev = new BlockDevice("sda", disk);
    AddressSpace file = new AddressSpace("file", 1, disk, 0);
    Page page = new Page("page0");
    file.addCachedPage(0, page, true);
    MmStruct mm = MmStruct.mmapFile("app.mm", file, 1);
    DmaDevice nic = new DmaDevice("nic", null);
    Page.registerDirtyPageHasBuffers(page);

    Thread driver = new Thread(() -> {
      Page buf = pins ? pinUserPages(mm, 0, FOLL_WRITE) : getUserPages(mm, 0, FOLL_WRITE);
      int slot = nic.dmaMapPage(buf);
      nic.dmaWrite(slot, 0, 42);
      nic.dmaUnmapPage(slot);
      if (pins) {
        unpinUserPagesDirtyLock(new Page[] {buf}, true);
      } else {
        setPageDirtyLock(buf);
        putUserPage(buf);
      }
    }, "driver");

    Thread flusher = new Thread(() -> {
      for (int i = 0; i < iterations; i++) {
        Bio bio = writeOnePage(page, bdev, PinnedPages.WRITE_IN_PLACE);
        if (bio != null) {
          bdev.bioEndio(bio);
        }
        // Reclaim: a clean page's buffers can go (shrink_page_list -> try_to_release_page).
        lockPage(page);
        if (!pins || !pageMaybeDmaPinned(page)) {
          tryToReleasePage(page);
        }
        unlockPage(page);
      }
    }, "flusher");

    ModelArgs.runToCompletion(driver, flusher);
    Page.checkPinsBalanced(page);
  }
}
