package pinmc.kernel;

import java.util.Objects;
import pinmc.api.Atomic;
import pinmc.api.Invariants;

/**
 * A disk under a checksumming filesystem: bios in flight, their completion (which verifies the
 * checksum and writes the data to the block), and the invariant Mason's remark asks for.
 */
public final class BlockDevice {
  /**
   * Invariant: a page under I/O keeps the contents it was checksummed with ("a checksum of the
   * page's contents must be taken, and that checksum must continue to match those contents").
   */
  public static final String STABLE_PAGE_UNDER_IO = "stable-page-under-io";

  static final int MAX_INFLIGHT = 4;

  final String name;
  final BlockAllocator allocator;
  final Bio[] inflight = new Bio[MAX_INFLIGHT];
  int nrBios;
  /** Ghost: the first bio whose completion found contents that no longer match its checksum. */
  Bio csumFailed;

  public BlockDevice(String name, BlockAllocator allocator) {
    this.name = Objects.requireNonNull(name);
    this.allocator = Objects.requireNonNull(allocator);
  }

  /**
   * {@code submit_bio} of a write of {@code page} to {@code block}, checksummed now. For
   * O_DIRECT, where the page is the user's buffer, pinned by the caller.
   */
  public Bio submitBio(Page page, int block) {
    return Atomic.call(() -> submitLocked(page, null, block));
  }

  /**
   * {@code bio_endio}: the device finished the write. Verifies the checksum against the
   * contents the device actually read, writes them to the block and, for writeback, ends the
   * page's writeback.
   */
  public void bioEndio(Bio bio) {
    Atomic.run(
        () -> {
          Bug.on(!bio.inflight, "bio-endio-once", bio + " completed twice");
          if (!bio.csumMatches() && csumFailed == null) {
            csumFailed = bio;
          }
          System.arraycopy(bio.page.contents, 0, allocator.data[bio.block], 0, Page.PAGE_WORDS);
          bio.inflight = false;
          for (int i = 0; i < inflight.length; i++) {
            if (inflight[i] == bio) {
              inflight[i] = null;
            }
          }
          if (bio.writebackPage != null) {
            Filemap.endWritebackLocked(bio.writebackPage);
          }
        });
  }

  /** Registers {@value #STABLE_PAGE_UNDER_IO} for the bios of this device. */
  public void registerStablePageUnderIo() {
    Invariants.register(STABLE_PAGE_UNDER_IO, () -> firstUnstable() == null, () -> {
      Bio bio = firstUnstable();
      return "a checksummed page changed while under I/O: " + bio + " wrote " + bio.page + " to block "
          + bio.block + " with crc32 " + Integer.toHexString(bio.csum) + " but its contents now have crc32 "
          + Integer.toHexString(Crc32.crc32(bio.page.contents));
    });
  }

  private Bio firstUnstable() {
    if (csumFailed != null) {
      return csumFailed;
    }
    for (Bio bio : inflight) {
      if (bio != null && !bio.csumMatches()) {
        return bio;
      }
    }
    return null;
  }

  Bio submitLocked(Page page, Page writebackPage, int block) {
    Bug.on(block < 0 || allocator.isFree(block), "bio-block-allocated", "bio to unallocated block " + block);
    Bio bio = new Bio("bio" + nrBios++, page, writebackPage, block);
    for (int i = 0; i < inflight.length; i++) {
      if (inflight[i] == null) {
        inflight[i] = bio;
        return bio;
      }
    }
    throw new IllegalStateException(name + " has more than " + MAX_INFLIGHT + " bios in flight");
  }

  @Override
  public String toString() {
    return name;
  }
}
