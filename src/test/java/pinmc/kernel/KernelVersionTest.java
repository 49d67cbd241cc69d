package pinmc.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pinmc.kernel.Mm.FOLL_FORCE;
import static pinmc.kernel.Mm.FOLL_LONGTERM;
import static pinmc.kernel.Mm.FOLL_PIN;
import static pinmc.kernel.Mm.FOLL_WRITE;

import org.junit.jupiter.api.Test;

/** The release switches, and the library behaviours they select, one release on each side. */
class KernelVersionTest extends PlainKernelTest {
  private static final KernelVersion V5_7 = KernelVersion.parse("5.7");

  @Test
  void parsesMajorMinorAndRefusesAnythingElse() {
    assertEquals(new KernelVersion(6, 5), KernelVersion.parse(" 6.5 "));
    assertTrue(KernelVersion.parse("6.10").atLeast(KernelVersion.V6_5), "6.10 is after 6.5, not before");
    for (String bad : new String[] {"6", "6.", ".5", "6.5.1", "6.x", "", "1.0"}) {
      assertThrows(IllegalArgumentException.class, () -> KernelVersion.parse(bad), bad);
    }
  }

  @Test
  void eachSwitchFlipsAtItsRelease() {
    assertFalse(KernelVersion.V4_8.forceWriteFollowsOnlyOwnCow());
    assertTrue(KernelVersion.V4_9.forceWriteFollowsOnlyOwnCow());
    assertFalse(KernelVersion.V4_14.refusesLongtermFsdaxPin());
    assertTrue(KernelVersion.V4_15.refusesLongtermFsdaxPin());
    assertFalse(V5_7.gupBreaksCow());
    assertTrue(KernelVersion.V5_8.gupBreaksCow());
    assertFalse(KernelVersion.V5_19.gupBreaksCow(), "5.19 unshares instead");
    assertEquals(KernelVersion.WpReuse.MAPCOUNT, KernelVersion.V5_8.wpReuse());
    assertEquals(KernelVersion.WpReuse.REFCOUNT, KernelVersion.V5_9.wpReuse());
    assertEquals(KernelVersion.WpReuse.ANON_EXCLUSIVE, KernelVersion.V5_19.wpReuse());
    assertFalse(KernelVersion.V5_12.gupFastRechecksFolio());
    assertTrue(KernelVersion.V5_13.gupFastRechecksFolio());
    assertFalse(KernelVersion.V6_4.refusesWritableLongtermFilePin());
    assertTrue(KernelVersion.V6_5.refusesWritableLongtermFilePin());
    assertFalse(KernelVersion.V6_13.btrfsChecksummedDirectWriteFallsBack());
    assertTrue(KernelVersion.V6_14.btrfsChecksummedDirectWriteFallsBack());
  }

  @Test
  void writableLongtermFilePinIsRefusedFrom65ButNotForShmemOrReadOnly() {
    for (KernelVersion v : new KernelVersion[] {KernelVersion.V6_4, KernelVersion.V6_5}) {
      AddressSpace file = new AddressSpace("file", 1, new BlockAllocator("disk", 1), 0);
      file.addCachedPage(0, new Page("page0"), true);
      MmStruct mm = MmStruct.mmapFile("mm", v, file, 1);
      Page p = Mm.pinUserPages(mm, 0, FOLL_WRITE | FOLL_LONGTERM);
      assertEquals(v == KernelVersion.V6_4, p != null, "writable long-term pin on " + v);
      assertSame(file.cachedPage(0), Mm.pinUserPages(mm, 0, FOLL_LONGTERM), "a read-only long-term pin stays allowed");
    }
    AddressSpace shmem = new AddressSpace("shm", 1, null, AddressSpace.AS_SHMEM);
    shmem.addCachedPage(0, new Page("shmPage"), false);
    assertSame(shmem.cachedPage(0), Mm.pinUserPages(MmStruct.mmapFile("mm", KernelVersion.V6_5, shmem, 1), 0, FOLL_WRITE | FOLL_LONGTERM));
  }

  @Test
  void longtermFsdaxPinIsRefusedFrom415() {
    AddressSpace dax = new AddressSpace("dax", 1, new BlockAllocator("pmem", 1), AddressSpace.AS_DAX);
    dax.addCachedPage(0, new Page("pmem0"), true);
    assertSame(dax.cachedPage(0), Mm.pinUserPages(MmStruct.mmapFile("a", KernelVersion.V4_14, dax, 1), 0, FOLL_WRITE | FOLL_LONGTERM));
    assertNull(Mm.pinUserPages(MmStruct.mmapFile("b", KernelVersion.V4_15, dax, 1), 0, FOLL_WRITE | FOLL_LONGTERM));
    assertSame(dax.cachedPage(0), Mm.pinUserPages(MmStruct.mmapFile("c", KernelVersion.V4_15, dax, 1), 0, FOLL_WRITE),
        "a short-term pin of fsdax stays allowed");
  }

  @Test
  void forkWriteProtectsBothAndTheWriteFaultReusesOrCopiesByTheEraRule() {
    // A page shared after fork, then the child's PTE zapped: the parent's write fault.
    // Before 5.9 the map count (1) allows reuse even with the child's GUP reference outstanding.
    Page[] v57 = writeAfterChildKeepsReference(V5_7);
    assertSame(v57[0], v57[1], "before 5.9 the parent reuses the page the child still references");
    Page[] v59 = writeAfterChildKeepsReference(KernelVersion.V5_9);
    assertNotSame(v59[0], v59[1], "from 5.9 the extra reference forces a copy");
    Page[] v519 = writeAfterChildKeepsReference(KernelVersion.V5_19);
    assertNotSame(v519[0], v519[1]);
    assertTrue(v519[1].isAnonExclusive(), "the copy is exclusive from 5.19");
  }

  /** The page before the parent's write and the page mapped after it. */
  private static Page[] writeAfterChildKeepsReference(KernelVersion v) {
    Page page = new Page("anon");
    MmStruct parent = MmStruct.anonymous("parent", v, true, page);
    MmStruct child = parent.fork("child");
    assertFalse(parent.pageTable().isWritable(0), "fork write-protects the parent");
    Page ref = Mm.getUserPages(child, 0, 0);
    Mm.madviseDontneed(child, 0);
    assertTrue(Mm.userWrite(parent, 0, 0, 9));
    return new Page[] {ref, parent.pte(0)};
  }

  @Test
  void earlyCowAtForkLeavesThePinnedPageWithTheParentFrom59() {
    for (KernelVersion v : new KernelVersion[] {KernelVersion.V5_8, KernelVersion.V5_9}) {
      Page page = new Page("anon");
      MmStruct parent = MmStruct.anonymous("parent", v, true, page);
      assertSame(page, Mm.pinUserPages(parent, 0, FOLL_WRITE | FOLL_LONGTERM));
      MmStruct child = parent.fork("child");
      assertEquals(v == KernelVersion.V5_9, parent.pageTable().isWritable(0), "parent PTE stays writable on " + v);
      assertEquals(v == KernelVersion.V5_9, child.pte(0) != page, "child gets a copy on " + v);
    }
  }

  @Test
  void forcedWriteToAReadOnlyPrivateMappingGoesToAPrivateCopy() {
    AddressSpace file = new AddressSpace("passwd", 1, null, 0);
    Page cached = new Page("passwdPage");
    file.addCachedPage(0, cached, false);
    for (KernelVersion v : new KernelVersion[] {KernelVersion.V4_8, KernelVersion.V4_9}) {
      MmStruct mm = MmStruct.mmapFilePrivate("mm", v, file, 1, false);
      assertFalse(Mm.userWrite(mm, 0, 0, 1), "a plain store to a read-only mapping faults");
      Page p = Mm.getUserPages(mm, 0, FOLL_WRITE | FOLL_FORCE);
      assertNotSame(cached, p, "without a race the write goes to a private copy on " + v);
      assertTrue(p.isAnon());
      assertNull(Mm.getUserPages(mm, 0, FOLL_WRITE), "without FOLL_FORCE a write GUP of a read-only mapping fails");
    }
  }

  @Test
  void gupFastDropsItsSpeculativeReferenceWhenTheFolioWasSplit() {
    for (KernelVersion v : new KernelVersion[] {KernelVersion.V5_12, KernelVersion.V5_13}) {
      Page head = new Page("head");
      Page tail = new Page("tail");
      Mm.prepCompoundPage(head, tail);
      MmStruct mm = MmStruct.anonymous("mm", v, true, head, tail);
      assertEquals(2, head.refcount(), "one folio reference per mapped page");
      assertSame(head, tail.folio());
      assertTrue(Mm.splitHugePage(head));
      assertSame(tail, tail.folio());
      assertEquals(1, tail.refcount());
      assertSame(tail, Mm.getUserPagesFast(mm, 1, FOLL_PIN | FOLL_WRITE));
      assertTrue(Mm.pageMaybeDmaPinned(tail), "a pin after the split lands on the page's own folio on " + v);
    }
  }
}
