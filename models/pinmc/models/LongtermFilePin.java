package pinmc.models;

import static pinmc.kernel.Filemap.destroyInode;
import static pinmc.kernel.Filemap.truncateInodePagesRange;
import static pinmc.kernel.Filemap.unmapMappingRange;
import static pinmc.kernel.Mm.FOLL_LONGTERM;
import static pinmc.kernel.Mm.FOLL_PIN;
import static pinmc.kernel.Mm.FOLL_WRITE;
import static pinmc.kernel.Mm.getUserPagesFast;
import static pinmc.kernel.Mm.unpinUserPage;
import static pinmc.kernel.Mm.userWrite;
import static pinmc.kernel.Writeback.writeOnePageAndWait;

import pinmc.kernel.AddressSpace;
import pinmc.kernel.BlockAllocator;
import pinmc.kernel.BlockDevice;
import pinmc.kernel.DmaDevice;
import pinmc.kernel.KernelVersion;
import pinmc.kernel.MmStruct;
import pinmc.kernel.Page;
import pinmc.kernel.Writeback.PinnedPages;
import pinmc.models.ModelArgs.Size;

/**
 * longterm-file-pin: a writable long-term pin of a file page, and the 6.5 refusal of it.
 *
 * <p>Seed (LSFMM 2022): "the filesystem has no way of knowing that the page has been
 * modified"; pages written by DMA behind the filesystem's back. History: Lorenzo Stoakes's
 * "mm/gup: disallow FOLL_LONGTERM GUP-nonfast writing to file-backed mappings" and "mm/gup:
 * disallow FOLL_LONGTERM GUP-fast writing to file-backed mappings" (6.5) refuse such pins for
 * files whose pages the filesystem dirty-tracks ({@code writable_file_mapping_allowed},
 * {@code gup_fast_folio_allowed}); shmem stays allowed. The fast-path check reads
 * {@code folio->mapping} without a lock, which is safe only because inodes are freed after an
 * RCU grace period that GUP-fast's disabled interrupts hold off.
 *
 * <p>Invariants: {@code clean-file-page-not-written} (a device never writes a page-cache page
 * the filesystem believes clean) and {@code mapping-live-during-gup-fast}.
 *
 * <p>Variants (version 6.4 by default):
 *
 * <ul>
 *   <li>{@code writable-pin}: an RDMA driver pins a page of a mapped ext4-like file writable and
 *       long-term while the flusher writes it back. Expected: violation on 6.4, pass on 6.5 (refused).
 *   <li>{@code shmem-pin}: the same pin of a shmem file on 6.5: allowed, nothing to write back. Expected: pass.
 *   <li>{@code fast-inode-freed-no-rcu}: {@code pin_user_pages_fast} (6.5) while the file is
 *       unmapped, truncated and its inode freed at once. Expected: violation of
 *       {@code mapping-live-during-gup-fast}.
 *   <li>{@code fast-inode-rcu}: the inode freed after a grace period, as the kernel does. Expected: pass.
 * </ul>
 *
 * <p>Sizes: {@code iterations} (device writes).
 */
public final class LongtermFilePin {
  static final String[] VARIANTS = {"writable-pin", "shmem-pin", "fast-inode-freed-no-rcu", "fast-inode-rcu"};

  private LongtermFilePin() {}

  public static void main(String[] args) throws InterruptedException {
    ModelArgs a = ModelArgs.parse("longterm-file-pin", KernelVersion.V6_4, args, VARIANTS, new Size("iterations", 1, 1, 4));
    boolean shmem = a.is("shmem-pin");
    BlockAllocator disk = new BlockAllocator("disk", 1);
    BlockDevice bdev = new BlockDevice("sda", disk);
    AddressSpace file = new AddressSpace(shmem ? "shmemfile" : "file", 1, shmem ? null : disk, shmem ? AddressSpace.AS_SHMEM : 0);
    Page page = new Page("page0");
    file.addCachedPage(0, page, !shmem);
    MmStruct app = MmStruct.mmapFile("app.mm", a.kernel(), file, 1);

    if (a.is("fast-inode-freed-no-rcu") || a.is("fast-inode-rcu")) {
      boolean rcu = a.is("fast-inode-rcu");
      app.registerMappingLiveDuringGupFast();
      userWrite(app, 0, 0, 5); // the buffer was touched: its PTE is present and writable
      Thread driver = new Thread(() -> {
        Page pinned = getUserPagesFast(app, 0, FOLL_PIN | FOLL_WRITE | FOLL_LONGTERM);
        if (pinned != null) {
          unpinUserPage(pinned);
        }
      }, "driver");
      Thread evict = new Thread(() -> {
        // munmap, then the last close of an unlinked file: evict() and destroy_inode().
        unmapMappingRange(file, 0, 1);
        truncateInodePagesRange(file, 0, 1);
        destroyInode(file, rcu);
      }, "evict");
      ModelArgs.runToCompletion(driver, evict);
      Page.checkPinsBalanced(page);
      return;
    }

    DmaDevice rnic = new DmaDevice("rnic", null);
    rnic.registerCleanFilePageNotWritten();
    int iterations = a.size("iterations");
    Thread rdma = new Thread(() -> Rdma.registerWriteDeregister(app, rnic, iterations), "rdma");
    Thread flusher = new Thread(() -> {
      if (shmem) {
        return; // shmem pages are not written back
      }
      writeOnePageAndWait(page, bdev, PinnedPages.WRITE_IN_PLACE);
    }, "flusher");
    ModelArgs.runToCompletion(rdma, flusher);
    Page.checkPinsBalanced(page);
  }
}
