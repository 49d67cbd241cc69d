package pinmc.kernel;

/**
 * The kernel release (era) a check models, and one switch per behaviour of the library that
 * changed between releases. Each switch names the kernel function that changed, the commit
 * (by title) that changed it, and the first mainline release that has it; a model passes the
 * version to the address spaces it creates ({@link MmStruct}) and asks the switches where it
 * decides something itself.
 *
 * <p>Only major and minor are kept: stable backports (Dirty COW's fix went to 4.8.3, for
 * example) are outside the model, which follows mainline.
 *
 * @param major the major release, e.g. 6
 * @param minor the minor release, e.g. 5
 */
public record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {
  /** Before the Dirty COW fix. */
  public static final KernelVersion V4_8 = new KernelVersion(4, 8);
  /** "mm: remove gup_flags FOLL_WRITE games from __get_user_pages()" (FOLL_COW). */
  public static final KernelVersion V4_9 = new KernelVersion(4, 9);
  /** The last release that let a long-term pin reach fsdax memory. */
  public static final KernelVersion V4_14 = new KernelVersion(4, 14);
  /** "mm: introduce get_user_pages_longterm". */
  public static final KernelVersion V4_15 = new KernelVersion(4, 15);
  /** The last release before GUP broke COW. */
  public static final KernelVersion V5_7 = new KernelVersion(5, 7);
  /** "gup: document and work around 'COW can break either way' issue". */
  public static final KernelVersion V5_8 = new KernelVersion(5, 8);
  /** "mm: do_wp_page() simplification" and "mm: Do early cow for pinned pages during fork() for ptes". */
  public static final KernelVersion V5_9 = new KernelVersion(5, 9);
  /** The last release whose GUP-fast did not recheck the folio after grabbing it. */
  public static final KernelVersion V5_12 = new KernelVersion(5, 12);
  /** "mm/gup: fix try_grab_compound_head() race with split_huge_page()". */
  public static final KernelVersion V5_13 = new KernelVersion(5, 13);
  /** The last release with the reference-count reuse rule alone. */
  public static final KernelVersion V5_18 = new KernelVersion(5, 18);
  /** "mm: COW fixes part 2: reliable GUP pins of anonymous pages" (PageAnonExclusive). */
  public static final KernelVersion V5_19 = new KernelVersion(5, 19);
  /** The last release that let a writable long-term pin reach a dirty-tracked file. */
  public static final KernelVersion V6_4 = new KernelVersion(6, 4);
  /** "mm/gup: disallow FOLL_LONGTERM GUP-nonfast writing to file-backed mappings" (and -fast). */
  public static final KernelVersion V6_5 = new KernelVersion(6, 5);
  /** The last release where a checksummed btrfs direct write went straight from user memory. */
  public static final KernelVersion V6_13 = new KernelVersion(6, 13);
  /** btrfs: direct writes to an inode with data checksums fall back to buffered writes. */
  public static final KernelVersion V6_14 = new KernelVersion(6, 14);
  /** fsdax pages get ordinary reference counts (Alistair Popple's series). */
  public static final KernelVersion V6_15 = new KernelVersion(6, 15);
  /** The newest release the library follows; the default of every model. */
  public static final KernelVersion LATEST = V6_15;

  public KernelVersion {
    if (major < 2 || major > 9 || minor < 0 || minor > 99) {
      throw new IllegalArgumentException("not a kernel version: " + major + "." + minor);
    }
  }

  /**
   * Parses {@code "6.5"} (a trailing {@code .N} patch level or {@code -rcN} is refused, since the
   * switches only know mainline releases); anything else is an {@link IllegalArgumentException}
   * that says what is accepted.
   */
  public static KernelVersion parse(String text) {
    String t = text == null ? "" : text.trim();
    int dot = t.indexOf('.');
    if (dot <= 0 || dot == t.length() - 1 || t.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException("kernel version must be MAJOR.MINOR such as 6.5, not '" + text + "'");
    }
    try {
      return new KernelVersion(Integer.parseInt(t.substring(0, dot)), Integer.parseInt(t.substring(dot + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("kernel version must be MAJOR.MINOR such as 6.5, not '" + text + "'", e);
    }
  }

  /** Whether this release is {@code other} or newer. */
  public boolean atLeast(KernelVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(KernelVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  /**
   * {@code follow_page_pte}/{@code can_follow_write_pte}: from 4.9 a {@code FOLL_FORCE} write
   * may follow a read-only PTE only if it maps the private copy this GUP call's own fault made
   * ({@code FOLL_COW} and a dirty PTE); before, {@code __get_user_pages} dropped
   * {@code FOLL_WRITE} after the COW fault and retried as a read, which found whatever was
   * mapped by then (Dirty COW, CVE-2016-5195). Commit "mm: remove gup_flags FOLL_WRITE games
   * from __get_user_pages()", 4.9.
   */
  public boolean forceWriteFollowsOnlyOwnCow() {
    return atLeast(V4_9);
  }

  /**
   * {@code check_vma_flags}/{@code get_user_pages_longterm}: from 4.15 a {@code FOLL_LONGTERM}
   * pin of fsdax memory fails with {@code -EOPNOTSUPP}, because truncate cannot wait for a pin
   * that may never go away. Commit "mm: introduce get_user_pages_longterm", 4.15.
   */
  public boolean refusesLongtermFsdaxPin() {
    return atLeast(V4_15);
  }

  /**
   * {@code __get_user_pages}: from 5.8 a GUP of an anonymous page in a COW mapping breaks COW
   * first, read or write, so the reference is to a page this process owns. Commit "gup:
   * document and work around 'COW can break either way' issue", 5.8; replaced in 5.19 by
   * unsharing for {@code FOLL_PIN} only ({@link #pageAnonExclusive}).
   */
  public boolean gupBreaksCow() {
    return atLeast(V5_8) && !pageAnonExclusive();
  }

  /**
   * {@code try_grab_folio} in GUP-fast: from 5.13, after taking the speculative reference on the
   * compound head, GUP-fast checks that the page still belongs to it and drops the reference if
   * a split made the page a folio of its own meanwhile. Commit "mm/gup: fix
   * try_grab_compound_head() race with split_huge_page()" (Jann Horn), 5.13.
   */
  public boolean gupFastRechecksFolio() {
    return atLeast(V5_13);
  }

  /**
   * {@code do_wp_page}'s rule for reusing an anonymous page instead of copying it: the map count
   * before 5.9 ({@code reuse_swap_page}), the reference count from 5.9 ("mm: do_wp_page()
   * simplification"), and {@code PageAnonExclusive} (then the reference count) from 5.19.
   */
  public WpReuse wpReuse() {
    if (pageAnonExclusive()) {
      return WpReuse.ANON_EXCLUSIVE;
    }
    return atLeast(V5_9) ? WpReuse.REFCOUNT : WpReuse.MAPCOUNT;
  }

  /**
   * {@code copy_present_pte}: from 5.9 fork gives the child a copy of an anonymous page that
   * may be pinned, instead of write-protecting the parent's PTE, so the parent keeps the page
   * its device uses. Commit "mm: Do early cow for pinned pages during fork() for ptes", 5.9.
   */
  public boolean earlyCowPinnedAtFork() {
    return atLeast(V5_9);
  }

  /**
   * {@code PG_anon_exclusive}: from 5.19 an anonymous page remembers that only one process
   * maps it; a write fault reuses it, fork refuses to share it while pinned, and a read-only
   * {@code FOLL_PIN} of a shared one unshares first ({@code FAULT_FLAG_UNSHARE}). Series "mm:
   * COW fixes part 2: reliable GUP pins of anonymous pages", 5.19.
   */
  public boolean pageAnonExclusive() {
    return atLeast(V5_19);
  }

  /**
   * {@code writable_file_mapping_allowed} (slow path) and {@code gup_fast_folio_allowed}
   * (fast path; {@code folio_fast_pin_allowed} when merged): from 6.5 a writable
   * {@code FOLL_LONGTERM} pin of a file whose pages the filesystem dirty-tracks fails, since
   * the device would write pages the filesystem believes clean. Commits "mm/gup: disallow
   * FOLL_LONGTERM GUP-nonfast writing to file-backed mappings" and "... GUP-fast ...", 6.5.
   */
  public boolean refusesWritableLongtermFilePin() {
    return atLeast(V6_5);
  }

  /**
   * btrfs's direct write: from 6.14 a direct write to an inode with data checksums falls back to
   * a buffered write, because user space may change the buffer while the checksummed bio is in
   * flight. Commit "btrfs: always fallback to buffered write if the inode requires checksum", 6.14.
   */
  public boolean btrfsChecksummedDirectWriteFallsBack() {
    return atLeast(V6_14);
  }

  /**
   * fsdax: from 6.15 DAX pages are reference-counted like other pages (free at 0, not idle at
   * 1). Series "fs/dax: properly refcount fs dax pages", 6.15. The model's DAX pages count the
   * mapping entry's reference in both eras, so {@code dax_layout_busy_page} waits for the same
   * condition; the switch is here so that the version table can say where the change lies.
   */
  public boolean daxPagesRefcounted() {
    return atLeast(V6_15);
  }

  /** {@code do_wp_page}'s reuse rule for anonymous pages, by era. */
  public enum WpReuse {
    /** Before 5.9: reuse when one PTE maps the page. */
    MAPCOUNT,
    /** 5.9 to 5.18: reuse only when the PTE holds the one reference. */
    REFCOUNT,
    /** From 5.19: reuse a page marked exclusive, else as {@link #REFCOUNT} (and mark it). */
    ANON_EXCLUSIVE
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
