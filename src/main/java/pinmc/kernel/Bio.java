package pinmc.kernel;

/**
 * A write {@code struct bio} of one page to one block, with the checksum the filesystem took
 * of the page's contents when it submitted the bio (btrfs's {@code btrfs_csum_one_bio}).
 */
public final class Bio {
  final String name;
  /** The page whose contents go to disk: the page itself, a bounce copy, or a user page (O_DIRECT). */
  final Page page;
  /** The page-cache page whose writeback this bio ends, or null (O_DIRECT). */
  final Page writebackPage;
  final int block;
  final int csum;
  boolean inflight;

  Bio(String name, Page page, Page writebackPage, int block) {
    this.name = name;
    this.page = page;
    this.writebackPage = writebackPage;
    this.block = block;
    this.csum = Crc32.crc32(page.contents);
    this.inflight = true;
  }

  public Page page() {
    return page;
  }

  public int block() {
    return block;
  }

  public int csum() {
    return csum;
  }

  public boolean isInflight() {
    return inflight;
  }

  /** Whether the page's contents still match the checksum taken at submission. */
  boolean csumMatches() {
    return Crc32.crc32(page.contents) == csum;
  }

  @Override
  public String toString() {
    return name;
  }
}
