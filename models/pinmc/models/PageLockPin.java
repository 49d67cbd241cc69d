package pinmc.models;

import static pinmc.kernel.Filemap.lockPage;
import static pinmc.kernel.Filemap.unlockPage;
import static pinmc.kernel.Mm.FOLL_WRITE;
import static pinmc.kernel.Mm.pinUserPages;
import static pinmc.kernel.Mm.setPageDirty;
import static pinmc.kernel.Mm.unpinUserPagesDirtyLock;
import static pinmc.kernel.Writeback.writeOnePage;
import static pinmc.kernel.Writeback.writeOnePageAndWait;

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
 * page-lock-pin: make pinned pages visible by holding their page locks for as long as they
 * are pinned.
 *
 * <p>Seeds: (2018) "Glisse suggested just forcing get_user_pages() to lock the pages as it pins
 * them. That would 'be mean' to get_user_pages() callers"; "the apparent conclusion was that
 * Kara will start by experimenting with page locks". (2022) Overstreet: "Direct I/O, for
 * example, bypasses the page cache, and a buffer used for direct I/O can be mapped into a file
 * as well. This can actually lead to deadlocks in some situations".
 *
 * <p>Variants:
 *
 * <ul>
 *   <li>{@code opposite-order}: GUP locks each page as it pins it and keeps it locked until
 *       the unpin; {@code threads} drivers pin the same {@code pages} pages of a mapped file,
 *       each starting at a different page. Expected: deadlock.
 *   <li>{@code dio-into-own-mmap}: an O_DIRECT read from a file into a buffer that is an mmap
 *       of the same file: GUP locks the buffer's page, then direct I/O flushes the file's
 *       cached pages in its range, which locks the same page. Expected: deadlock.
 *   <li>{@code sorted-no-hold}: the drivers lock pages in index order and only while pinning,
 *       never across the I/O. Expected: pass.
 *   <li>{@code dio-no-hold}: the direct read again, with the lock only taken while pinning.
 *       Expected: pass.
 *   <li>{@code hold-writeback}: what the held lock protects: one driver pins page 0, holds
 *       its lock while its device writes into it, and the flusher writes the page back meanwhile
 *       (writeback takes the page lock, so it waits). Expected: pass
 *       ({@code clean-file-page-not-written}).
 *   <li>{@code no-hold-writeback}: the same with the lock only taken while pinning, as the
 *       no-hold variants do: writeback cleans the page under the device. Expected: violation of
 *       {@code clean-file-page-not-written}; avoiding the deadlocks gives up the protection.
 * </ul>
 *
 * <p>Sizes: {@code pages} (pages each driver pins), {@code threads} (drivers).
 */
public final class PageLockPin {
  static final String[] VARIANTS = {"opposite-order", "dio-into-own-mmap", "sorted-no-hold", "dio-no-hold", "hold-writeback",
      "no-hold-writeback"};

  private PageLockPin() {}

  public static void main(String[] args) throws InterruptedException {
    ModelArgs a = ModelArgs.parse("page-lock-pin", args, VARIANTS, new Size("pages", 2, 1, 4), new Size("threads", 2, 1, 3));
    int nrPages = a.size("pages");
    boolean hold = a.is("opposite-order") || a.is("dio-into-own-mmap") || a.is("hold-writeback");

    BlockAllocator disk = new BlockAllocator("disk", nrPages);
    BlockDevice bdev = new BlockDevice("sda", disk);
    AddressSpace file = new AddressSpace("file", nrPages, disk, 0);
    Page[] pages = new Page[nrPages];
    for (int i = 0; i < nrPages; i++) {
      pages[i] = new Page("page" + i);
      file.addCachedPage(i, pages[i], true);
    }

    Thread[] threads;
    if (a.is("hold-writeback") || a.is("no-hold-writeback")) {
      MmStruct mm = MmStruct.mmapFile("driver.mm", a.kernel(), file, nrPages);
      DmaDevice device = new DmaDevice("device", null);
      device.registerCleanFilePageNotWritten();
      Thread driver = new Thread(() -> {
        Page[] pinned = {pinUserPages(mm, 0, FOLL_WRITE)};
        lockPage(pinned[0]);
        setPageDirty(pinned[0]); // under the lock: the DMA to come will change the page
        if (!hold) {
          unlockPage(pinned[0]);
        }
        int slot = device.dmaMapPage(pinned[0]);
        device.dmaWrite(slot, 0, 42);
        device.dmaUnmapPage(slot);
        if (hold) {
          unlockPage(pinned[0]);
        }
        unpinUserPagesDirtyLock(pinned, true);
      }, "driver");
      Thread flusher = new Thread(() -> writeOnePageAndWait(pages[0], bdev, PinnedPages.WRITE_IN_PLACE), "flusher");
      threads = new Thread[] {driver, flusher};
    } else if (a.is("dio-into-own-mmap") || a.is("dio-no-hold")) {
      MmStruct mm = MmStruct.mmapFile("app.mm", file, nrPages);
      threads = new Thread[] {new Thread(() -> {
        // read(fd, mmap(fd) + page 0, 1 page) with O_DIRECT: pin the buffer, the file's page 0.
        Page[] buf = {pinUserPages(mm, 0, FOLL_WRITE)};
        lockPage(buf[0]);
        if (!hold) {
          unlockPage(buf[0]);
        }
        // filemap_write_and_wait_range over the range read: the dirty cached page is the buffer.
        Bio bio = writeOnePage(pages[0], bdev, PinnedPages.WRITE_IN_PLACE);
        if (bio != null) {
          bdev.bioEndio(bio);
        }
        if (hold) {
          unlockPage(buf[0]);
        }
        unpinUserPagesDirtyLock(buf, true);
      }, "dio")};
    } else {
      int drivers = a.size("threads");
      threads = new Thread[drivers];
      for (int t = 0; t < drivers; t++) {
        MmStruct mm = MmStruct.mmapFile("driver" + t + ".mm", file, nrPages);
        int first = hold ? t % nrPages : 0; // the holding drivers start at different pages
        threads[t] = new Thread(() -> {
          Page[] pinned = new Page[nrPages];
          for (int k = 0; k < nrPages; k++) {
            int index = (first + k) % nrPages;
            pinned[k] = pinUserPages(mm, index, FOLL_WRITE);
            lockPage(pinned[k]);
            if (!hold) {
              unlockPage(pinned[k]);
            }
          }
          // The device's I/O runs here, with the pages locked in the holding variant.
          for (int k = 0; k < nrPages && hold; k++) {
            unlockPage(pinned[k]);
          }
          unpinUserPagesDirtyLock(pinned, true);
        }, "driver" + t);
      }
    }
    ModelArgs.runToCompletion(threads);
    Page.checkPinsBalanced(pages);
  }
}
