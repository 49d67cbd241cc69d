package pinmc.kernel;

import pinmc.api.Atomic;

/**
 * A filesystem's block allocator over a small disk (or persistent-memory device, for DAX):
 * which file owns each block, how many files share it (reflinks and snapshots), and its data.
 * Freed blocks are reused, lowest first, and every free bumps the block's generation so that
 * a device still writing to the block it was given can be caught.
 */
public final class BlockAllocator {
  final String name;
  final AddressSpace[] owner;
  /** Files sharing the block (reflink); 0 for a free block. */
  final int[] shareCount;
  /** Bumped each time the block is freed. */
  final int[] generation;
  final int[][] data;

  public BlockAllocator(String name, int blocks) {
    if (blocks <= 0) {
      throw new IllegalArgumentException("a disk needs blocks: " + blocks);
    }
    this.name = name;
    this.owner = new AddressSpace[blocks];
    this.shareCount = new int[blocks];
    this.generation = new int[blocks];
    this.data = new int[blocks][Page.PAGE_WORDS];
  }

  /** Allocates a block for {@code file}, lowest free first; -1 for {@code -ENOSPC}. */
  public int allocBlock(AddressSpace file) {
    return Atomic.callInt(() -> allocLocked(file));
  }

  /** Drops {@code block}'s owner's share; the last share frees it. */
  public void freeBlock(int block) {
    Atomic.run(() -> freeLocked(block));
  }

  /** Free blocks (plain read). */
  public int nrFree() {
    int free = 0;
    for (int count : shareCount) {
      free += count == 0 ? 1 : 0;
    }
    return free;
  }

  public boolean isFree(int block) {
    return shareCount[block] == 0;
  }

  public AddressSpace owner(int block) {
    return owner[block];
  }

  /** How many files share {@code block}. */
  public int shareCount(int block) {
    return shareCount[block];
  }

  /** Word {@code word} of block {@code block} on disk. */
  public int word(int block, int word) {
    return data[block][word];
  }

  int allocLocked(AddressSpace file) {
    for (int b = 0; b < shareCount.length; b++) {
      if (shareCount[b] == 0) {
        shareCount[b] = 1;
        owner[b] = file;
        data[b] = new int[Page.PAGE_WORDS];
        return b;
      }
    }
    return -1;
  }

  void freeLocked(int block) {
    Bug.on(shareCount[block] <= 0, "block-allocated-on-free", "double free of block " + block + " on " + name);
    if (--shareCount[block] == 0) {
      owner[block] = null;
      generation[block]++;
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
