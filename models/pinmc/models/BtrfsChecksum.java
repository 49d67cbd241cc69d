package pinmc.models;

import static pinmc.kernel.Filemap.bufferedWrite;
import static pinmc.kernel.Mm.pinUserPages;
import static pinmc.kernel.Mm.unpinUserPage;
import static pinmc.kernel.Mm.userRead;
import static pinmc.kernel.Mm.userWrite;
import static pinmc.kernel.Writeback.writeOnePageAndWait;

import pinmc.kernel.AddressSpace;
import pinmc.kernel.Bio;
import pinmc.kernel.BlockAllocator;
import pinmc.kernel.BlockDevice;
import pinmc.kernel.DmaDevice;
import pinmc.kernel.KernelVersion;
import pinmc.kernel.MmStruct;
import pinmc.kernel.Page;
import pinmc.kernel.Writeback.PinnedPages;
import pinmc.models.ModelArgs.Size;

/**
 * btrfs-checksum: the contents of a checksummed page change while it is being written.
 *
 * <p>Seed (LSFMM 2022): "Chris Mason said that, for Btrfs, marking the page dirty is not the
 * only problem. Btrfs has to lock pages before doing I/O so that their contents can't change;
 * among other things, a checksum of the page's contents must be taken, and that checksum must
 * continue to match those contents." And Overstreet: "user space has always been able to
 * modify pages at inopportune times. Direct I/O, for example, bypasses the page cache"; "Bacik
 * said that Btrfs has a special path for just this case."
 *
 * <p>The file is on a checksumming filesystem ({@code AS_STABLE_WRITES}); its writeback locks
 * the page, clears its dirty bit (write-protecting its mappings), checksums it into a bio and
 * unlocks it; the bio's completion verifies the checksum against what the device read.
 *
 * <p>Variants:
 *
 * <ul>
 *   <li>{@code dma-during-writeback}: an RDMA device has the mapped file page pinned and writes
 *       into it while the flusher writes it back. Expected: violation of
 *       {@code stable-page-under-io} ("a checksummed page changed while under I/O").
 *   <li>{@code stable-pages}: the same flusher against a {@code write(2)} caller, which locks
 *       the page and waits for stable pages. Expected: pass.
 *   <li>{@code bounce-pinned}: the RDMA device again, but writeback writes a copy of any page
 *       that {@code page_maybe_dma_pinned}. Expected: pass.
 *   <li>{@code odirect-write}: an O_DIRECT write, checksummed, from an anonymous buffer that
 *       another thread of the process changes while the bio is in flight. Expected: violation
 *       of {@code stable-page-under-io}.
 *   <li>{@code buffered-fallback}: the same O_DIRECT write on a checksummed inode falls back to
 *       a buffered write (btrfs's "special path"). Expected: pass.
 * </ul>
 *
 * <p>Sizes: {@code iterations} (device writes, or writer stores, per thread). Kernel: 6.4 by
 * default; from 6.5 the RDMA pin of the file is refused ({@code writable_file_mapping_allowed}),
 * so {@code dma-during-writeback} passes there, and from 6.14 btrfs makes the direct write of
 * {@code odirect-write} a buffered one, so it passes there too.
 */
public final class BtrfsChecksum {
  static final String[] VARIANTS = {"dma-during-writeback", "stable-pages", "bounce-pinned", "odirect-write", "buffered-fallback"};

  private BtrfsChecksum() {}

  public static void main(String[] args) throws InterruptedException {
    // 6.4 by default: the last release that let the RDMA variants' writable long-term pin of a
    // file through, and before btrfs's direct writes fell back to buffered ones (6.14).
    ModelArgs a = ModelArgs.parse("btrfs-checksum", KernelVersion.V6_4, args, VARIANTS, new Size("iterations", 1, 1, 4));
    KernelVersion kernel = a.kernel();
    int iterations = a.size("iterations");

    BlockAllocator disk = new BlockAllocator("disk", 2);
    BlockDevice bdev = new BlockDevice("nvme0", disk);
    bdev.registerStablePageUnderIo();
    AddressSpace file = new AddressSpace("file", 1, disk, AddressSpace.AS_STABLE_WRITES);
    Page page = new Page("page0");
    page.fill(1, 1);
    file.addCachedPage(0, page, true);

    Thread[] threads;
    Page[] pages;
    if (a.is("odirect-write") || a.is("buffered-fallback")) {
      Page buf = new Page("userBuf");
      buf.fill(7, 7);
      MmStruct app = MmStruct.anonymous("app.mm", kernel, true, buf);
      // From 6.14 btrfs itself turns a direct write to a checksummed inode into a buffered one.
      boolean direct = a.is("odirect-write") && !kernel.btrfsChecksummedDirectWriteFallsBack();
      Thread writer = new Thread(() -> {
        if (direct) {
          // iomap_dio_rw: pin the user buffer, checksum it into a bio straight from user memory.
          Page pinned = pinUserPages(app, 0, 0);
          Bio bio = bdev.submitBio(pinned, file.block(0));
          bdev.bioEndio(bio);
          unpinUserPage(pinned);
        } else {
          // The fallback: copy the buffer into the page cache, then write that page back.
          bufferedWrite(file, 0, 0, userRead(app, 0, 0));
          flush(page, bdev, PinnedPages.WRITE_IN_PLACE);
        }
      }, "dio");
      Thread scribbler = new Thread(() -> {
        for (int i = 0; i < iterations; i++) {
          userWrite(app, 0, 0, 100 + i);
        }
      }, "app");
      threads = new Thread[] {writer, scribbler};
      pages = new Page[] {page, buf};
    } else {
      PinnedPages pinned = a.is("bounce-pinned") ? PinnedPages.BOUNCE : PinnedPages.WRITE_IN_PLACE;
      Thread flusher = new Thread(() -> flush(page, bdev, pinned), "flusher");
      Thread other;
      if (a.is("stable-pages")) {
        other = new Thread(() -> {
          for (int i = 0; i < iterations; i++) {
            bufferedWrite(file, 0, 0, 100 + i);
          }
        }, "writer");
      } else {
        MmStruct app = MmStruct.mmapFile("app.mm", kernel, file, 1);
        DmaDevice rnic = new DmaDevice("rnic", null);
        other = new Thread(() -> Rdma.registerWriteDeregister(app, rnic, iterations), "rdma");
      }
      threads = new Thread[] {flusher, other};
      pages = new Page[] {page};
    }

    ModelArgs.runToCompletion(threads);
    Page.checkPinsBalanced(pages);
  }

  /** The flusher's pass over the file: write the page back if it is dirty and wait for the I/O. */
  private static void flush(Page page, BlockDevice bdev, PinnedPages pinned) {
    writeOnePageAndWait(page, bdev, pinned);
  }
}
