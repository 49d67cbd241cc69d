package pinmc.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeaseAndNotifierTest extends PlainKernelTest {

  private static AddressSpace holeFile(BlockAllocator disk, LeaseRangePolicy policy) {
    AddressSpace file = new AddressSpace("file", 1, disk, 0, policy);
    file.addCachedPage(0, new Page("page0"), false);
    return file;
  }

  /** A file whose page 0 shares block 0 with a snapshot, on a disk with one more block free. */
  private static AddressSpace reflinkedFile(LeaseRangePolicy policy) {
    BlockAllocator disk = new BlockAllocator("disk", 2);
    AddressSpace snapshot = new AddressSpace("snapshot", 1, disk, 0);
    snapshot.allocateBlock(0);
    AddressSpace file = holeFile(disk, policy);
    file.reflinkFrom(0, snapshot, 0);
    return file;
  }

  @Test
  void aLeaseIsTakenBrokenAndReleased() {
    AddressSpace file = holeFile(new BlockAllocator("disk", 1), LeaseRangePolicy.NONE);
    FileLease lease = FileLease.takeLease(file, "rdma", 0, 1);
    assertNotNull(lease);
    assertFalse(FileLease.leaseBroken(lease));
    FileLease.breakLease(file, 0, 1);
    assertTrue(FileLease.leaseBroken(lease));
    assertNull(FileLease.takeLease(file, "other", 0, 1), "no new lease while one is being broken");
    FileLease.releaseLease(lease);
    FileLease.waitForLeasesBroken(file, 0, 1); // returns: nothing overlaps any more
    assertNotNull(FileLease.takeLease(file, "other", 0, 1));
    assertViolates("release-lease-held", () -> FileLease.releaseLease(lease));
  }

  @Test
  void noLeaseBeyondTheEndOfTheFile() {
    AddressSpace file = holeFile(new BlockAllocator("disk", 1), LeaseRangePolicy.NONE);
    Filemap.iSizeWrite(file, 0);
    assertNull(FileLease.takeLease(file, "rdma", 0, 1));
  }

  @Test
  void aPlainLeaseOverAHoleViolatesLeasedRangeAllocated() {
    AddressSpace file = holeFile(new BlockAllocator("disk", 1), LeaseRangePolicy.NONE);
    file.registerLeasedRangeAllocated();
    assertViolates(AddressSpace.LEASED_RANGE_ALLOCATED, () -> FileLease.takeLease(file, "rdma", 0, 1));
  }

  @Test
  void anAllocatingLeaseFillsTheHoleOrIsRefused() {
    BlockAllocator disk = new BlockAllocator("disk", 1);
    AddressSpace file = holeFile(disk, LeaseRangePolicy.ALLOCATE);
    file.registerLeasedRangeAllocated();
    FileLease lease = FileLease.takeLease(file, "rdma", 0, 1);
    assertNotNull(lease);
    assertEquals(0, file.block(0));
    assertEquals(0, file.cachedPage(0).block());
    FileLease.releaseLease(lease);

    AddressSpace full = holeFile(disk, LeaseRangePolicy.ALLOCATE);
    assertNull(FileLease.takeLease(full, "rdma", 0, 1), "-ENOSPC refuses the lease");
  }

  @Test
  void aCopyOnWriteLeaseCopiesASharedBlock() {
    AddressSpace file = reflinkedFile(LeaseRangePolicy.COPY_ON_WRITE);
    BlockAllocator disk = file.allocator();
    assertEquals(2, disk.shareCount(0));
    file.registerLeasedRangeAllocated();
    assertNotNull(FileLease.takeLease(file, "rdma", 0, 1));
    assertEquals(1, file.block(0));
    assertEquals(1, disk.shareCount(0));
    assertEquals(1, disk.shareCount(1));
  }

  @Test
  void anAllocatingLeaseLeavesASharedBlockShared() {
    AddressSpace file = reflinkedFile(LeaseRangePolicy.ALLOCATE);
    file.registerLeasedRangeAllocated();
    assertViolates(AddressSpace.LEASED_RANGE_ALLOCATED, () -> FileLease.takeLease(file, "rdma", 0, 1));
  }

  @Test
  void munmapRunsTheInvalidateCallbackWithANewSequenceCount() {
    Page page = new Page("page0");
    MmStruct mm = MmStruct.anonymous("mm", true, page);
    int[] seen = {-1};
    MmuIntervalNotifier mni = MmuIntervalNotifier.mmuIntervalNotifierInsert(mm, (n, curSeq) -> {
      seen[0] = curSeq;
      MmuIntervalNotifier.mmuIntervalSetSeq(n, curSeq);
    });
    int seq = MmuIntervalNotifier.mmuIntervalReadBegin(mni);
    assertSame(page, MmuIntervalNotifier.hmmRangeFault(mni, 0));
    assertFalse(MmuIntervalNotifier.mmuIntervalReadRetry(mni, seq));
    Mm.munmap(mm);
    assertNotEquals(-1, seen[0]);
    assertNotEquals(seq, seen[0]);
    assertTrue(MmuIntervalNotifier.mmuIntervalReadRetry(mni, seq));
    assertTrue(page.isFreed());
    assertNull(MmuIntervalNotifier.hmmRangeFault(mni, 0));
    int again = MmuIntervalNotifier.mmuIntervalReadBegin(mni);
    assertFalse(MmuIntervalNotifier.mmuIntervalReadRetry(mni, again));
  }

  @Test
  void aDeviceWritingAFreedPageViolatesDeviceNeverTouchesFreedPage() {
    Page page = new Page("page0");
    MmStruct mm = MmStruct.anonymous("mm", true, page);
    DmaDevice gpu = new DmaDevice("gpu", null);
    gpu.registerDeviceNeverTouchesFreedPage();
    int slot = gpu.dmaMapPage(page);
    Mm.munmap(mm);
    assertViolates(DmaDevice.DEVICE_NEVER_TOUCHES_FREED_PAGE, () -> gpu.dmaWrite(slot, 0, 1));
  }

  @Test
  void anUnmappedDeviceSlotIsNotWritten() {
    Page page = new Page("page0");
    DmaDevice gpu = new DmaDevice("gpu", null);
    int slot = gpu.dmaMapPage(page);
    gpu.dmaUnmapPage(slot);
    assertFalse(gpu.isMapped(slot));
    assertFalse(gpu.dmaWrite(slot, 0, 1));
    assertEquals(0, page.word(0));
  }
}
