package pinmc.models;

import static pinmc.kernel.Filemap.bufferedWrite;
import static pinmc.kernel.Filemap.lockPage;
import static pinmc.kernel.Filemap.unlockPage;
import static pinmc.kernel.Mm.pinUserPages;
import static pinmc.kernel.Mm.unpinUserPage;
import static pinmc.kernel.Mm.userRead;
import static pinmc.kernel.Mm.userWrite;

import pinmc.api.Invariants;
import pinmc.kernel.AddressSpace;
import pinmc.kernel.DmaDevice;
import pinmc.kernel.KernelVersion;
import pinmc.kernel.MmStruct;
import pinmc.kernel.Page;

/**
 * mirror-dio: a RAID1-style mirror written by direct I/O from a user buffer that changes while
 * the write is in flight.
 *
 * <p>Seed (LSFMM 2022, Overstreet): "user space has always been able to modify pages at
 * inopportune times. Direct I/O, for example, bypasses the page cache". A mirrored write sends
 * the same memory to two devices, each of which reads it by DMA when it gets to it; if the
 * buffer changes in between, the two copies differ and a later read returns whichever mirror
 * it picks. btrfs falls back to buffered writes for inodes with data checksums from 6.14
 * ("btrfs: always fallback to buffered write if the inode requires checksum"), which covers a
 * checksummed RAID1 file; a bounce buffer would too.
 *
 * <p>Invariant ({@value #MIRRORS_IDENTICAL}): once the mirrored write has completed, both
 * mirrors hold the same data.
 *
 * <p>Variants (version 6.13 by default):
 *
 * <ul>
 *   <li>{@code direct}: the direct write maps the pinned buffer to both mirrors. Expected:
 *       violation on 6.13, pass on 6.14 (buffered fallback).
 *   <li>{@code bounce}: the write copies the buffer to a kernel page first. Expected: pass.
 * </ul>
 */
public final class MirrorDio {
  static final String[] VARIANTS = {"direct", "bounce"};
  /** Invariant: both mirrors of a completed write hold the same data. */
  public static final String MIRRORS_IDENTICAL = "mirrors-identical";

  private MirrorDio() {}

  public static void main(String[] args) throws InterruptedException {
    ModelArgs a = ModelArgs.parse("mirror-dio", KernelVersion.V6_13, args, VARIANTS);
    KernelVersion kernel = a.kernel();
    AddressSpace file = new AddressSpace("raid1file", 1, null, AddressSpace.AS_STABLE_WRITES);
    Page cached = new Page("page0");
    file.addCachedPage(0, cached, false);
    Page buf = new Page("userBuf");
    buf.fill(7, 7);
    MmStruct app = MmStruct.anonymous("app.mm", kernel, true, buf);
    DmaDevice[] mirrors = {new DmaDevice("mirror0", null), new DmaDevice("mirror1", null)};
    int[] written = {-1, -1};

    Thread dio = new Thread(() -> {
      Page source;
      boolean pinned = false;
      if (kernel.btrfsChecksummedDirectWriteFallsBack()) {
        // 6.14: the copy into the page cache, written back from there under the page lock.
        bufferedWrite(file, 0, 0, userRead(app, 0, 0));
        lockPage(cached);
        source = cached;
      } else if (a.is("bounce")) {
        source = new Page("bounce");
        source.fill(userRead(app, 0, 0));
      } else {
        source = pinUserPages(app, 0, 0);
        pinned = true;
      }
      for (int m = 0; m < 2; m++) {
        int slot = mirrors[m].dmaMapPage(source);
        written[m] = mirrors[m].dmaRead(slot, 0);
        mirrors[m].dmaUnmapPage(slot);
      }
      Invariants.check(MIRRORS_IDENTICAL, written[0] == written[1],
          "mirror0 holds " + written[0] + " but mirror1 holds " + written[1] + ": the buffer changed between the two DMA reads");
      if (pinned) {
        unpinUserPage(source);
      }
      if (source == cached) {
        unlockPage(cached);
      }
    }, "dio");
    Thread scribbler = new Thread(() -> userWrite(app, 0, 0, 100), "app");
    ModelArgs.runToCompletion(dio, scribbler);
    Page.checkPinsBalanced(buf);
  }
}
