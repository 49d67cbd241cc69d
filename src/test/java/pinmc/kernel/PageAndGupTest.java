package pinmc.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pinmc.kernel.Mm.FOLL_PIN;
import static pinmc.kernel.Mm.FOLL_WRITE;

import org.junit.jupiter.api.Test;

class PageAndGupTest extends PlainKernelTest {

  @Test
  void aNewPageHasOneReferenceAndTheLastPutFreesIt() {
    Page page = new Page("page0");
    assertEquals(1, page.refcount());
    Mm.getPage(page);
    assertEquals(2, page.refcount());
    Mm.putPage(page);
    assertFalse(page.isFreed());
    Mm.putPage(page);
    assertEquals(0, page.refcount());
    assertTrue(page.isFreed());
  }

  @Test
  void puttingAFreedPageIsABug() {
    Page page = new Page("page0");
    Mm.putPage(page);
    assertViolates("page-refcount-positive", () -> Mm.putPage(page));
  }

  @Test
  void pinUserPagesAddsTheBiasAndUnpinTakesItBack() {
    Page page = new Page("page0", PinCounting.KERNEL);
    MmStruct mm = MmStruct.anonymous("mm", true, page);
    assertSame(page, Mm.pinUserPages(mm, 0, FOLL_WRITE));
    assertEquals(1 + Mm.GUP_PIN_COUNTING_BIAS, page.refcount());
    assertEquals(1, page.actualPins());
    assertTrue(Mm.pageMaybeDmaPinned(page));
    Mm.unpinUserPage(page);
    assertEquals(1, page.refcount());
    assertFalse(Mm.pageMaybeDmaPinned(page));
  }

  @Test
  void withTheBiasEnoughOrdinaryReferencesLookLikeAPin() {
    Page page = new Page("libc", PinCounting.scaledBias(3));
    AddressSpace libc = new AddressSpace("libc.so", 1, null, 0);
    libc.addCachedPage(0, page, false);
    MmStruct a = MmStruct.mmapFile("a", libc, 1);
    MmStruct b = MmStruct.mmapFile("b", libc, 1);
    Mm.userRead(a, 0, 0);
    assertFalse(Mm.pageMaybeDmaPinned(page));
    Mm.userRead(b, 0, 0);
    assertEquals(3, page.refcount());
    assertEquals(2, page.mapcount());
    assertTrue(Mm.pageMaybeDmaPinned(page), "three references reach the scaled bias: a false positive");
    assertEquals(0, page.actualPins());
  }

  @Test
  void theFalsePositiveViolatesMaybePinnedImpliesPinned() {
    Page page = new Page("libc", PinCounting.scaledBias(2));
    AddressSpace libc = new AddressSpace("libc.so", 1, null, 0);
    libc.addCachedPage(0, page, false);
    MmStruct a = MmStruct.mmapFile("a", libc, 1);
    Page.registerMaybePinnedImpliesPinned(page);
    assertViolates(Page.MAYBE_PINNED_IMPLIES_PINNED, () -> Mm.userRead(a, 0, 0));
  }

  @Test
  void anExactPinCountHasNoFalsePositives() {
    Page page = new Page("libc", PinCounting.exact());
    MmStruct mm = MmStruct.anonymous("mm", true, page);
    for (int i = 0; i < 5; i++) {
      Mm.getPage(page);
    }
    assertFalse(Mm.pageMaybeDmaPinned(page));
    Mm.pinUserPages(mm, 0, 0);
    assertEquals(7, page.refcount(), "an exact pin adds one reference");
    assertEquals(1, page.pincount());
    assertTrue(Mm.pageMaybeDmaPinned(page));
    Mm.unpinUserPage(page);
    assertEquals(0, page.pincount());
    assertFalse(Mm.pageMaybeDmaPinned(page));
  }

  @Test
  void getUserPagesIsInvisibleToMaybePinned() {
    Page page = new Page("page0");
    MmStruct mm = MmStruct.anonymous("mm", true, page);
    Page.registerPinnedImpliesMaybePinned(page);
    assertViolates(Page.PINNED_IMPLIES_MAYBE_PINNED, () -> Mm.getUserPages(mm, 0, 0));
    assertEquals(2, page.refcount());
  }

  @Test
  void unpinningAPageThatIsNotPinnedIsABug() {
    Page page = new Page("page0");
    assertViolates("unpin-user-page-was-pinned", () -> Mm.unpinUserPage(page));
  }

  @Test
  void aWriteFaultOnAFilePageAttachesBuffersAndDirtiesIt() {
    Page page = new Page("page0");
    AddressSpace file = fileWithCachedPage(page, 1, 0);
    Filemap.lockPage(page);
    Filemap.tryToReleasePage(page);
    Filemap.unlockPage(page);
    assertFalse(page.hasBuffers());
    MmStruct mm = MmStruct.mmapFile("mm", file, 1);
    assertSame(page, Mm.pinUserPages(mm, 0, FOLL_WRITE));
    assertTrue(page.hasBuffers(), "page_mkwrite attached buffers");
    assertTrue(page.isDirty());
    assertEquals(1, page.mapcount());
    assertEquals(2 + Mm.GUP_PIN_COUNTING_BIAS, page.refcount(), "page cache + PTE + pin");
  }

  @Test
  void gupBeyondTheEndOfTheFileFails() {
    Page page = new Page("page0");
    AddressSpace file = fileWithCachedPage(page, 1, 0);
    MmStruct mm = MmStruct.mmapFile("mm", file, 1);
    Filemap.iSizeWrite(file, 0);
    assertNull(Mm.pinUserPages(mm, 0, FOLL_WRITE));
    assertEquals(1, page.refcount());
  }

  @Test
  void unpinUserPagesDirtyLockDirtiesThenUnpins() {
    Page page = new Page("page0");
    MmStruct mm = MmStruct.anonymous("mm", true, page);
    Mm.pinUserPages(mm, 0, 0);
    Mm.unpinUserPagesDirtyLock(new Page[] {page}, true);
    assertTrue(page.isDirty());
    assertEquals(1, page.refcount());
    Page.checkPinsBalanced(page);
  }

  @Test
  void pinsBalancedReportsALeakedPin() {
    Page page = new Page("page0");
    MmStruct mm = MmStruct.anonymous("mm", true, page);
    Mm.pinUserPages(mm, 0, 0);
    assertViolates(Page.PINS_BALANCED, () -> Page.checkPinsBalanced(page));
  }

  @Test
  void getUserPagesFastPinsAMappedPageAndFailsOnceItIsUnmapped() {
    Page page = new Page("page0");
    Page other = new Page("page1");
    MmStruct mm = MmStruct.anonymous("mm", true, page, other);
    assertSame(page, Mm.getUserPagesFast(mm, 0, FOLL_WRITE | FOLL_PIN));
    assertTrue(Mm.pageMaybeDmaPinned(page));
    Mm.unpinUserPage(page);
    Mm.munmap(mm);
    assertNull(mm.pageTable());
    assertTrue(other.isFreed(), "munmap dropped the last reference");
    assertNull(Mm.getUserPagesFast(mm, 1, FOLL_PIN));
  }

  @Test
  void userWriteThroughAWriteProtectedPteFaultsAndRedirties() {
    Page page = new Page("page0");
    AddressSpace file = fileWithCachedPage(page, 1, 0);
    MmStruct mm = MmStruct.mmapFile("mm", file, 1);
    assertTrue(Mm.userWrite(mm, 0, 0, 5));
    Filemap.lockPage(page);
    assertTrue(Filemap.clearPageDirtyForIo(page));
    Filemap.unlockPage(page);
    assertFalse(page.isDirty());
    assertTrue(Mm.userWrite(mm, 0, 1, 6));
    assertTrue(page.isDirty(), "page_mkclean write-protected the PTE, so the store faulted");
    assertEquals(5, page.word(0));
    assertEquals(6, page.word(1));
  }
}
