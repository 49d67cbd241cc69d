package pinmc.models;

import static pinmc.kernel.FileLease.breakLease;
import static pinmc.kernel.FileLease.leaseBroken;
import static pinmc.kernel.FileLease.releaseLease;
import static pinmc.kernel.FileLease.takeLease;
import static pinmc.kernel.FileLease.waitForLeasesBroken;
import static pinmc.kernel.Filemap.daxLayoutBusyPageWait;
import static pinmc.kernel.Filemap.iSizeWrite;
import static pinmc.kernel.Filemap.truncateBlocks;
import static pinmc.kernel.Filemap.truncateInodePagesRange;
import static pinmc.kernel.Filemap.truncateSetsize;
import static pinmc.kernel.Filemap.unmapMappingRange;
import static pinmc.kernel.Mm.FOLL_LONGTERM;
import static pinmc.kernel.Mm.FOLL_WRITE;
import static pinmc.kernel.Mm.pinUserPages;
import static pinmc.kernel.Mm.unpinUserPage;

import pinmc.api.Atomic;
import pinmc.kernel.AddressSpace;
import pinmc.kernel.BlockAllocator;
import pinmc.kernel.DmaDevice;
import pinmc.kernel.FileLease;
import pinmc.kernel.KernelVersion;
import pinmc.kernel.MmStruct;
import pinmc.kernel.Page;
import pinmc.models.ModelArgs.Size;

/**
 * truncate-race: truncate frees a DAX file's blocks while a device still writes into them.
 *
 * <p>Seeds: (2018) "With memory accessed via DAX, life is relatively simple, and one can just
 * wait until the reference count drops to one." (2022) Howells on leases: "There were just too
 * many problems with truncate(), and with direct I/O"; "Hubbard suggested just ignoring
 * truncate(), to general laughter."
 *
 * <p>The file is on persistent memory (DAX): its pages are its blocks. An RDMA device has a
 * page of it pinned (through the process's mapping) and writes into it; truncate shrinks the
 * file to nothing, frees its blocks, and another file is extended into the freed block.
 *
 * <p>Variants:
 *
 * <ul>
 *   <li>{@code dax-truncate-frees}: truncate frees the blocks regardless of the pin. Expected:
 *       violation of {@code freed-block-not-written}.
 *   <li>{@code break-layouts}: truncate unmaps the file and waits until no page holds more than
 *       the DAX entry's reference, then frees; the pin is short-term (as an O_DIRECT read into
 *       the mapping takes it), so the device lets go by itself. Expected: pass on every release.
 *   <li>{@code break-layouts-longterm}: the same truncate against an RDMA registration, a
 *       long-term pin that the application drops only after its truncate returns. Expected on
 *       4.14: deadlock (truncate never finishes: the liveness failure that made 4.15 refuse
 *       long-term fsdax pins, "mm: introduce get_user_pages_longterm"); on 4.15: pass (refused).
 *   <li>{@code lease-ignored}: the device's driver takes a lease on the range before pinning,
 *       and truncate ignores leases. Expected: violation of {@code freed-block-not-written}.
 *   <li>{@code lease-broken}: truncate breaks the lease and waits for its release; the holder
 *       stops its DMA, unpins and releases when told. Expected: pass.
 * </ul>
 *
 * <p>Sizes: {@code iterations} (device writes).
 */
public final class TruncateRace {
  static final String[] VARIANTS = {"dax-truncate-frees", "break-layouts", "break-layouts-longterm", "lease-ignored", "lease-broken"};

  private TruncateRace() {}

  public static void main(String[] args) throws InterruptedException {
    // 4.14 by default: the last release that let a long-term pin reach fsdax memory.
    ModelArgs a = ModelArgs.parse("truncate-race", KernelVersion.V4_14, args, VARIANTS, new Size("iterations", 1, 1, 4));
    int iterations = a.size("iterations");
    boolean leases = a.is("lease-ignored") || a.is("lease-broken");

    BlockAllocator pmem = new BlockAllocator("pmem", 1);
    AddressSpace file = new AddressSpace("daxfile", 1, pmem, AddressSpace.AS_DAX);
    AddressSpace other = new AddressSpace("otherfile", 1, pmem, AddressSpace.AS_DAX);
    Page page = new Page("pmemPage0");
    file.addCachedPage(0, page, true);
    MmStruct app = MmStruct.mmapFile("app.mm", a.kernel(), file, 1);
    DmaDevice rnic = new DmaDevice("rnic", pmem);
    rnic.registerFreedBlockNotWritten();

    boolean longterm = !a.is("break-layouts");
    boolean[] deregistered = {false};
    Thread rdma = new Thread(() -> {
      FileLease lease = leases ? takeLease(file, "rdma", 0, 1) : null;
      if (leases && lease == null) {
        return;
      }
      Page target = pinUserPages(app, 0, longterm ? FOLL_WRITE | FOLL_LONGTERM : FOLL_WRITE);
      if (target != null) {
        int slot = rnic.dmaMapPage(target);
        for (int i = 0; i < iterations && (lease == null || !leaseBroken(lease)); i++) {
          rnic.dmaWrite(slot, 0, 100 + i);
        }
        if (a.is("break-layouts-longterm")) {
          Atomic.when(() -> deregistered[0], () -> {}); // the pin lasts until ibv_dereg_mr
        }
        rnic.dmaUnmapPage(slot);
        unpinUserPage(target);
      }
      if (lease != null) {
        releaseLease(lease);
      }
    }, "rdma");

    Thread truncate = new Thread(() -> {
      if (a.is("break-layouts") || a.is("break-layouts-longterm")) {
        iSizeWrite(file, 0);
        unmapMappingRange(file, 0, 1);
        daxLayoutBusyPageWait(file);
        truncateInodePagesRange(file, 0, 1);
      } else {
        if (a.is("lease-broken")) {
          iSizeWrite(file, 0);
          breakLease(file, 0, 1);
          waitForLeasesBroken(file, 0, 1);
        }
        truncateSetsize(file, 0);
      }
      truncateBlocks(file, 0);
      other.allocateBlock(0); // another file grows into the freed block
      Atomic.run(() -> deregistered[0] = true); // then the application deregisters its memory
    }, "truncate");

    ModelArgs.runToCompletion(rdma, truncate);
    Page.checkPinsBalanced(page);
  }
}
