package pinmc.kernel;

import java.util.Objects;
import pinmc.api.Atomic;
import pinmc.api.Calls;
import pinmc.api.Invariants;

/**
 * A device that DMAs into memory it was given: an RDMA NIC, a GPU mirroring a process's pages,
 * a disk doing O_DIRECT reads. The driver maps pages into the device (its scatter list or
 * device page table); the device then writes them whenever it likes, without faults and
 * without any lock the kernel could take.
 */
public final class DmaDevice {
  /** Invariant: the device never reads or writes a page that went back to the page allocator. */
  public static final String DEVICE_NEVER_TOUCHES_FREED_PAGE = "device-never-touches-freed-page";
  /** Invariant: the device never writes a block after the filesystem freed (and maybe reused) it. */
  public static final String FREED_BLOCK_NOT_WRITTEN = "freed-block-not-written";

  /**
   * Invariant: a device never writes a page-cache page of a dirty-tracked file while the page
   * is clean: the filesystem believes the page matches the disk and may write it back, drop
   * its buffers or reclaim it without the new data (why 6.5 refuses writable long-term pins).
   */
  public static final String CLEAN_FILE_PAGE_NOT_WRITTEN = "clean-file-page-not-written";

  static final int MAX_SLOTS = 4;

  final String name;
  final BlockAllocator allocator;
  final Page[] slots = new Page[MAX_SLOTS];
  /** The generation of the slot's block when it was mapped; -1 for a page without a block. */
  final int[] slotBlockGeneration = new int[MAX_SLOTS];
  /** Ghost: what the device did wrong first, per invariant. */
  String touchedFreedPage;
  String wroteFreedBlock;
  String wroteCleanPage;

  /** A device; {@code allocator} is the one DAX pages' blocks come from, or null. */
  public DmaDevice(String name, BlockAllocator allocator) {
    this.name = Objects.requireNonNull(name);
    this.allocator = allocator;
  }

  /** {@code dma_map_page} (or programming a device PTE): the device may now access {@code page}. */
  public int dmaMapPage(Page page) {
    return Atomic.callInt(
        () -> {
          Calls.describe(null, page.name);
          for (int slot = 0; slot < slots.length; slot++) {
            if (slots[slot] == null) {
              slots[slot] = page;
              slotBlockGeneration[slot] =
                  allocator != null && page.block >= 0 ? allocator.generation[page.block] : -1;
              return slot;
            }
          }
          throw new IllegalStateException(name + " has no free DMA slot");
        });
  }

  /** {@code dma_unmap_page} (or clearing the device PTE). */
  public void dmaUnmapPage(int slot) {
    Atomic.run(() -> slots[slot] = null);
  }

  /** Whether {@code slot} maps a page (plain read). */
  public boolean isMapped(int slot) {
    return slots[slot] != null;
  }

  /**
   * The device writes {@code value} to word {@code word} of the page in {@code slot}; a slot
   * that was unmapped meanwhile is skipped (the device sees its PTE gone). Returns whether it wrote.
   */
  public boolean dmaWrite(int slot, int word, int value) {
    return Atomic.call(
        () -> {
          Page page = slots[slot];
          if (page == null) {
            return false;
          }
          Calls.describe(null, page.name + ", word " + word + " = " + value);
          if (page.freed && touchedFreedPage == null) {
            touchedFreedPage = name + " wrote " + page + " after it was freed";
          }
          int generation = slotBlockGeneration[slot];
          if (generation >= 0 && allocator.generation[page.block] != generation && wroteFreedBlock == null) {
            wroteFreedBlock = name + " wrote block " + page.block + " (through " + page + ") after the filesystem freed it"
                + (allocator.isFree(page.block) ? "" : " and gave it to " + allocator.owner[page.block]);
          }
          if (page.mapping != null && page.mapping.dirtyTracked() && !page.dirty && wroteCleanPage == null) {
            wroteCleanPage = name + " wrote " + page + " of " + page.mapping + " while it was clean (writeback already took it)";
          }
          page.contents[word] = value;
          return true;
        });
  }

  /**
   * The device reads word {@code word} of the page in {@code slot} (a disk doing a write from
   * memory, a NIC sending it); -1 for a slot that was unmapped meanwhile.
   */
  public int dmaRead(int slot, int word) {
    return Atomic.callInt(
        () -> {
          Page page = slots[slot];
          if (page == null) {
            return -1;
          }
          Calls.describe(null, page.name + ", word " + word);
          if (page.freed && touchedFreedPage == null) {
            touchedFreedPage = name + " read " + page + " after it was freed";
          }
          return page.contents[word];
        });
  }

  /** The page in {@code slot}, or null (plain read). */
  public Page mappedPage(int slot) {
    return slots[slot];
  }

  /** Registers {@value #CLEAN_FILE_PAGE_NOT_WRITTEN} for this device. */
  public void registerCleanFilePageNotWritten() {
    Invariants.register(CLEAN_FILE_PAGE_NOT_WRITTEN, () -> wroteCleanPage == null, () -> wroteCleanPage);
  }

  /** Registers {@value #DEVICE_NEVER_TOUCHES_FREED_PAGE} for this device. */
  public void registerDeviceNeverTouchesFreedPage() {
    Invariants.register(DEVICE_NEVER_TOUCHES_FREED_PAGE, () -> touchedFreedPage == null, () -> touchedFreedPage);
  }

  /** Registers {@value #FREED_BLOCK_NOT_WRITTEN} for this device. */
  public void registerFreedBlockNotWritten() {
    Invariants.register(FREED_BLOCK_NOT_WRITTEN, () -> wroteFreedBlock == null, () -> wroteFreedBlock);
  }

  @Override
  public String toString() {
    return name;
  }
}
