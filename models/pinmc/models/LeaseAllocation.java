package pinmc.models;

import static pinmc.kernel.FileLease.releaseLease;
import static pinmc.kernel.FileLease.takeLease;
import static pinmc.kernel.Mm.FOLL_LONGTERM;
import static pinmc.kernel.Mm.FOLL_WRITE;
import static pinmc.kernel.Mm.pinUserPages;
import static pinmc.kernel.Mm.unpinUserPagesDirtyLock;
import static pinmc.kernel.Writeback.writeOnePage;

import pinmc.kernel.AddressSpace;
import pinmc.kernel.Bio;
import pinmc.kernel.BlockAllocator;
import pinmc.kernel.BlockDevice;
import pinmc.kernel.DmaDevice;
import pinmc.kernel.FileLease;
import pinmc.kernel.KernelVersion;
import pinmc.kernel.LeaseRangePolicy;
import pinmc.kernel.MmStruct;
import pinmc.kernel.Page;
import pinmc.kernel.Writeback.PinnedPages;

/**
 * lease-allocation: a leased range must be writable at any moment, so its blocks must exist.
 *
 * <p>Seed (LSFMM 2022): "Ext4 maintainer Ted Ts'o answered, though, that the prospect doesn't
 * worry him. A lease (or equivalent mechanism) would be telling the filesystem that the pages
 * in the affected range may be marked dirty at some point in the future; that implies that if
 * the indicated pages don't have blocks allocated in the filesystem, that must be rectified
 * immediately. A copy-on-write filesystem might have to copy the whole range, even if the
 * pages are never dirtied in the end."
 *
 * <p>The scenario: a driver takes a lease on page 0 of a file, pins it and lets its device
 * write into it; another file's writer takes free blocks at the same time; the flusher writes
 * the page back. The disk has exactly one free block: whoever is first gets it.
 *
 * <p>Variants:
 *
 * <ul>
 *   <li>{@code delalloc}: page 0 is a hole, and the filesystem allocates at writeback, as with
 *       delayed allocation. Expected: violation of {@code writeback-keeps-data}: when the
 *       other writer takes the last block before the flusher runs, the data the device wrote
 *       through the pin has nowhere to go.
 *   <li>{@code allocate-at-lease}: Ts'o's rule: the lease allocates the hole's block or is
 *       refused. Expected: pass (both invariants).
 *   <li>{@code cow-at-lease}: page 0 shares its block with a snapshot (a reflink), and the
 *       lease gives it a copy of its own. Expected: pass.
 * </ul>
 */
public final class LeaseAllocation {
  static final String[] VARIANTS = {"delalloc", "allocate-at-lease", "cow-at-lease"};

  private LeaseAllocation() {}

  public static void main(String[] args) throws InterruptedException {
    // Leases for pinned ranges are a proposal (LSFMM 2022), unmerged: evaluated on 6.4, the last
    // release that let a writable long-term pin reach a file at all.
    ModelArgs a = ModelArgs.parse("lease-allocation", KernelVersion.V6_4, args, VARIANTS);
    boolean cow = a.is("cow-at-lease");
    LeaseRangePolicy policy = a.is("delalloc") ? LeaseRangePolicy.NONE : cow ? LeaseRangePolicy.COPY_ON_WRITE : LeaseRangePolicy.ALLOCATE;

    // Two blocks: the snapshot's (shared with the file in the copy-on-write variant) and one free.
    BlockAllocator disk = new BlockAllocator("disk", 2);
    BlockDevice bdev = new BlockDevice("sda", disk);
    AddressSpace snapshot = new AddressSpace("snapshot", 1, disk, 0);
    snapshot.allocateBlock(0);
    AddressSpace file = new AddressSpace("file", 1, disk, 0, policy);
    Page page = new Page("page0");
    file.addCachedPage(0, page, false);
    if (cow) {
      file.reflinkFrom(0, snapshot, 0);
    }
    AddressSpace other = new AddressSpace("otherfile", 1, disk, 0);
    MmStruct app = MmStruct.mmapFile("app.mm", a.kernel(), file, 1);
    DmaDevice rnic = new DmaDevice("rnic", null);
    // The data loss is what matters; the allocation rule is what prevents it, so the variants
    // that follow the rule check it too (delalloc breaks it at once, by design).
    file.registerWritebackKeepsData();
    if (!a.is("delalloc")) {
      file.registerLeasedRangeAllocated();
    }

    Thread rdma = new Thread(() -> {
      FileLease lease = takeLease(file, "rdma", 0, 1);
      if (lease == null) {
        return; // -ENOSPC: the driver fails the registration and pins nothing
      }
      Page target = pinUserPages(app, 0, FOLL_WRITE | FOLL_LONGTERM);
      if (target == null) {
        releaseLease(lease); // 6.5 and later refuse the pin
        return;
      }
      int slot = rnic.dmaMapPage(target);
      rnic.dmaWrite(slot, 0, 42);
      rnic.dmaUnmapPage(slot);
      unpinUserPagesDirtyLock(new Page[] {target}, true);
      releaseLease(lease);
    }, "rdma");

    Thread writer = new Thread(() -> other.allocateBlock(0), "writer");

    Thread flusher = new Thread(() -> {
      Bio bio = writeOnePage(page, bdev, PinnedPages.WRITE_IN_PLACE);
      if (bio != null) {
        bdev.bioEndio(bio);
      }
    }, "flusher");

    ModelArgs.runToCompletion(rdma, writer, flusher);
    Page.checkPinsBalanced(page);
  }
}
