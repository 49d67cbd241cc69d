package pinmc.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pinmc.kernel.Mm.FOLL_WRITE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import pinmc.kernel.Writeback.PinnedPages;

class WritebackAndStorageTest extends PlainKernelTest {

  @Test
  void crc32MatchesTheJdkOverLittleEndianWords() {
    int[][] inputs = {{0, 0}, {1, 1}, {0xDEADBEEF, 42}, {-1, Integer.MIN_VALUE}};
    for (int[] words : inputs) {
      ByteBuffer bytes = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
      for (int w : words) {
        bytes.putInt(w);
      }
      CRC32 jdk = new CRC32();
      jdk.update(bytes.array());
      assertEquals((int) jdk.getValue(), Crc32.crc32(words));
    }
  }

  @Test
  void pageLockIsExclusive() {
    Page page = new Page("page0");
    assertTrue(Filemap.trylockPage(page));
    assertFalse(Filemap.trylockPage(page));
    Filemap.unlockPage(page);
    assertTrue(Filemap.trylockPage(page));
  }

  @Test
  void unlockingAnUnlockedPageIsABug() {
    assertViolates("unlock-page-locked", () -> Filemap.unlockPage(new Page("page0")));
  }

  @Test
  void writebackFlagsAreSetOnceAndEndedOnce() {
    Page page = new Page("page0");
    Filemap.setPageWriteback(page);
    assertTrue(page.isWriteback());
    assertViolates("set-page-writeback-not-writeback", () -> Filemap.setPageWriteback(page));
    forgetInvariants();
    Filemap.endPageWriteback(page);
    assertFalse(page.isWriteback());
    assertViolates("end-page-writeback-writeback", () -> Filemap.endPageWriteback(page));
  }

  @Test
  void clearPageDirtyForIoNeedsThePageLock() {
    Page page = new Page("page0");
    assertViolates("clear-page-dirty-for-io-locked", () -> Filemap.clearPageDirtyForIo(page));
  }

  @Test
  void tryToReleasePageKeepsBuffersOfDirtyOrWritebackPages() {
    Page page = new Page("page0");
    fileWithCachedPage(page, 1, 0);
    Mm.setPageDirty(page);
    Filemap.lockPage(page);
    assertFalse(Filemap.tryToReleasePage(page));
    assertTrue(page.hasBuffers());
    Filemap.clearPageDirtyForIo(page);
    Filemap.setPageWriteback(page);
    assertFalse(Filemap.tryToReleasePage(page));
    Filemap.endPageWriteback(page);
    assertTrue(Filemap.tryToReleasePage(page));
    assertFalse(page.hasBuffers());
    Filemap.unlockPage(page);
  }

  @Test
  void settingAReleasedPageDirtyViolatesDirtyPageHasBuffers() {
    Page page = new Page("page0");
    fileWithCachedPage(page, 1, 0);
    Filemap.lockPage(page);
    Filemap.tryToReleasePage(page);
    Filemap.unlockPage(page);
    Page.registerDirtyPageHasBuffers(page);
    assertViolates(Page.DIRTY_PAGE_HAS_BUFFERS, () -> Mm.setPageDirtyLock(page));
  }

  @Test
  void writeOnePageChecksumsAndCompletionWritesTheBlock() {
    Page page = new Page("page0");
    AddressSpace file = fileWithCachedPage(page, 1, AddressSpace.AS_STABLE_WRITES);
    BlockDevice bdev = new BlockDevice("sda", file.allocator());
    page.fill(3, 4);
    assertNull(Writeback.writeOnePage(page, bdev, PinnedPages.WRITE_IN_PLACE), "a clean page is not written");
    Mm.setPageDirty(page);
    Bio bio = Writeback.writeOnePage(page, bdev, PinnedPages.WRITE_IN_PLACE);
    assertSame(page, bio.page());
    assertTrue(page.isWriteback());
    assertFalse(page.isDirty());
    assertFalse(page.isLocked());
    assertEquals(Crc32.crc32(new int[] {3, 4}), bio.csum());
    bdev.bioEndio(bio);
    assertFalse(page.isWriteback());
    assertEquals(3, file.allocator().word(page.block(), 0));
    assertEquals(4, file.allocator().word(page.block(), 1));
  }

  /** A stable-writes file caching {@code page}, mapped and pinned for write, on a checked disk. */
  private static BlockDevice checksummedDiskWithPinnedPage(Page page) {
    AddressSpace file = fileWithCachedPage(page, 1, AddressSpace.AS_STABLE_WRITES);
    BlockDevice bdev = new BlockDevice("sda", file.allocator());
    bdev.registerStablePageUnderIo();
    Mm.pinUserPages(MmStruct.mmapFile("mm", file, 1), 0, FOLL_WRITE);
    return bdev;
  }

  @Test
  void changingAPageUnderIoViolatesStablePageUnderIo() {
    Page page = new Page("page0");
    BlockDevice bdev = checksummedDiskWithPinnedPage(page);
    DmaDevice rnic = new DmaDevice("rnic", null);
    int slot = rnic.dmaMapPage(page);
    Writeback.writeOnePage(page, bdev, PinnedPages.WRITE_IN_PLACE);
    String message = assertViolates(BlockDevice.STABLE_PAGE_UNDER_IO, () -> rnic.dmaWrite(slot, 0, 9)).getMessage();
    assertTrue(message.contains("a checksummed page changed while under I/O"), message);
  }

  @Test
  void writebackBouncesAMaybePinnedPage() {
    Page page = new Page("page0");
    BlockDevice bdev = checksummedDiskWithPinnedPage(page);
    Bio bio = Writeback.writeOnePage(page, bdev, PinnedPages.BOUNCE);
    assertNotSame(page, bio.page());
    DmaDevice rnic = new DmaDevice("rnic", null);
    rnic.dmaWrite(rnic.dmaMapPage(page), 0, 9); // changes the original, not the bio's copy
    bdev.bioEndio(bio);
    assertFalse(page.isWriteback());
  }

  @Test
  void aWriteFaultWaitsForStablePagesOnlyOnStableMappings() {
    Page stable = new Page("stable");
    AddressSpace stableFile = fileWithCachedPage(stable, 1, AddressSpace.AS_STABLE_WRITES);
    Filemap.setPageWriteback(stable);
    assertTrue(Mm.faultWouldSleep(MmStruct.mmapFile("a", stableFile, 1), 0, true));
    Page plain = new Page("plain");
    AddressSpace plainFile = fileWithCachedPage(plain, 1, 0);
    Filemap.setPageWriteback(plain);
    assertFalse(Mm.faultWouldSleep(MmStruct.mmapFile("b", plainFile, 1), 0, true));
  }

  @Test
  void delayedAllocationGetsABlockAtWritebackOrRecordsEnospc() {
    BlockAllocator disk = new BlockAllocator("disk", 1);
    BlockDevice bdev = new BlockDevice("sda", disk);
    AddressSpace file = new AddressSpace("file", 1, disk, 0);
    Page page = new Page("page0");
    file.addCachedPage(0, page, false);
    AddressSpace other = new AddressSpace("other", 1, disk, 0);
    assertTrue(other.allocateBlock(0));
    Mm.setPageDirty(page);
    assertNull(Writeback.writeOnePage(page, bdev, PinnedPages.WRITE_IN_PLACE));
    assertTrue(file.writebackEnospc());
    disk.freeBlock(other.block(0));
    Mm.setPageDirty(page);
    Bio bio = Writeback.writeOnePage(page, bdev, PinnedPages.WRITE_IN_PLACE);
    assertEquals(0, bio.block());
    assertEquals(0, file.block(0));
  }

  @Test
  void theAllocatorReusesFreedBlocksLowestFirst() {
    BlockAllocator disk = new BlockAllocator("disk", 2);
    AddressSpace f = new AddressSpace("f", 1, disk, 0);
    assertEquals(0, disk.allocBlock(f));
    assertEquals(1, disk.allocBlock(f));
    assertEquals(-1, disk.allocBlock(f));
    disk.freeBlock(0);
    assertTrue(disk.isFree(0));
    assertEquals(1, disk.nrFree());
    assertEquals(0, disk.allocBlock(f));
    assertViolates("block-allocated-on-free", () -> {
      disk.freeBlock(1);
      disk.freeBlock(1);
    });
  }

  @Test
  void aDeviceWritingABlockFreedUnderItViolatesFreedBlockNotWritten() {
    Page page = new Page("pmem0");
    AddressSpace file = fileWithCachedPage(page, 1, AddressSpace.AS_DAX);
    DmaDevice rnic = new DmaDevice("rnic", file.allocator());
    rnic.registerFreedBlockNotWritten();
    int slot = rnic.dmaMapPage(page);
    assertTrue(rnic.dmaWrite(slot, 0, 1));
    Filemap.truncateSetsize(file, 0);
    Filemap.truncateBlocks(file, 0);
    String message = assertViolates(DmaDevice.FREED_BLOCK_NOT_WRITTEN, () -> rnic.dmaWrite(slot, 0, 2)).getMessage();
    assertTrue(message.contains("block 0"), message);
  }

  @Test
  void truncateUnmapsAndDropsPagesButAPinKeepsThePageAlive() {
    Page pinned = new Page("page0");
    Page unpinned = new Page("page1");
    AddressSpace file = new AddressSpace("file", 2, new BlockAllocator("disk", 2), 0);
    file.addCachedPage(0, pinned, true);
    file.addCachedPage(1, unpinned, true);
    MmStruct mm = MmStruct.mmapFile("mm", file, 2);
    Mm.pinUserPages(mm, 0, FOLL_WRITE);
    Mm.userRead(mm, 1, 0);
    Filemap.truncateSetsize(file, 0);
    assertNull(file.cachedPage(0));
    assertNull(mm.pte(0));
    assertNull(pinned.mapping());
    assertFalse(pinned.isFreed());
    assertTrue(unpinned.isFreed());
    Mm.unpinUserPage(pinned);
    assertTrue(pinned.isFreed());
  }

  @Test
  void daxLayoutBusyPageWaitReturnsOnceOnlyTheDaxEntryHoldsThePage() {
    Page page = new Page("pmem0");
    AddressSpace file = fileWithCachedPage(page, 1, AddressSpace.AS_DAX);
    MmStruct mm = MmStruct.mmapFile("mm", file, 1);
    Mm.userRead(mm, 0, 0);
    Filemap.unmapMappingRange(file, 0, 1);
    Filemap.daxLayoutBusyPageWait(file); // would sleep forever if a reference were left
    assertEquals(1, page.refcount());
  }

  @Test
  void bufferedWriteDirtiesTheCachedPage() {
    Page page = new Page("page0");
    AddressSpace file = fileWithCachedPage(page, 1, AddressSpace.AS_STABLE_WRITES);
    assertTrue(Filemap.bufferedWrite(file, 0, 1, 77));
    assertEquals(77, page.word(1));
    assertTrue(page.isDirty());
    assertEquals(1, page.refcount());
    Filemap.iSizeWrite(file, 0);
    assertFalse(Filemap.bufferedWrite(file, 0, 1, 78));
  }

  @Test
  void aMutexIsReleasedOnlyByItsOwner() {
    Mutex lock = new Mutex("lock");
    Mutex.mutexLock(lock);
    Mutex.mutexUnlock(lock);
    assertViolates("mutex-unlock-owner", () -> Mutex.mutexUnlock(lock));
  }
}
