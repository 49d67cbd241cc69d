package pinmc.kernel;

import java.util.Objects;
import pinmc.api.Atomic;
import pinmc.api.Invariants;

/**
 * {@code struct page} (a single-page folio): the reference count, the map count, the flags
 * these protocols look at, the page-cache identity ({@code mapping}, {@code index}), the
 * block that backs it, and its contents as a few words.
 *
 * <p>Fields are package-private and change only inside the operations of {@link Mm},
 * {@link Filemap} and the other kernel classes, each of which is one atomic step; models read
 * them through the accessors, which are plain reads.
 *
 * <p>Besides the kernel's state a page carries one ghost counter, {@link #actualPins}: how
 * many references taken by {@code get_user_pages} or {@code pin_user_pages} to reach the
 * page's contents are outstanding. The kernel cannot see it (that is the whole problem);
 * the invariants compare what the kernel believes with it.
 */
public final class Page {
  /** Words of contents a model page has: enough to show a torn or changed page. */
  public static final int PAGE_WORDS = 2;

  /** Invariant: {@code page_maybe_dma_pinned} is true only for pages someone pinned. */
  public static final String MAYBE_PINNED_IMPLIES_PINNED = "maybe-pinned-implies-pinned";
  /** Invariant: every page someone pinned answers {@code page_maybe_dma_pinned} true. */
  public static final String PINNED_IMPLIES_MAYBE_PINNED = "pinned-implies-maybe-pinned";
  /** Invariant: a dirty page-cache page has its buffers (ext4's writeback BUG). */
  public static final String DIRTY_PAGE_HAS_BUFFERS = "dirty-page-has-buffers";
  /** Invariant, checked when a model ends: every reference and pin taken was dropped. */
  public static final String PINS_BALANCED = "pins-balanced";

  final String name;
  final PinCounting accounting;
  int refcount;
  int mapcount;
  /** {@code folio->_pincount}; only used with {@link PinCounting#exactPinCount()}. */
  int pincount;
  boolean locked;
  boolean dirty;
  boolean writeback;
  boolean uptodate;
  /** PG_private: the filesystem's buffer heads are attached. */
  boolean hasBuffers;
  /**
   * Whether the PTEs that map this page allow writes without a fault. One flag for all of a
   * page's mappings: {@code page_mkclean} write-protects every mapping at once, and the next
   * write fault through any of them makes it writable again.
   */
  boolean mappedWritable;
  AddressSpace mapping;
  int index;
  /** The disk (or, for DAX, persistent-memory) block behind the page; -1 for none. */
  int block;
  final int[] contents = new int[PAGE_WORDS];
  /** Returned to the page allocator: nobody may touch it any more. */
  boolean freed;
  /** Ghost: GUP and PUP references to the contents not yet dropped. */
  int actualPins;
  /** {@code PageAnon}: anonymous memory (its mapping is an {@code anon_vma}, not a file). */
  boolean anon;
  /**
   * {@code PG_anon_exclusive} (5.19): only one process maps this anonymous page, so a write
   * fault may reuse it and a pin of it stays coherent with the process.
   */
  boolean anonExclusive;
  /**
   * The folio this page belongs to: itself for a small page, the head page of a large folio
   * otherwise. A folio's reference count (and so {@code page_maybe_dma_pinned}) is its head's.
   */
  Page folio;
  /** The other pages of a large folio whose head this is; empty for a small page. */
  Page[] tails = new Page[0];

  /**
   * A newly allocated page with one reference, owned by its allocator's caller ({@code
   * alloc_page}). {@code name} is what counterexamples call it, e.g. {@code page0}.
   */
  public Page(String name, PinCounting accounting) {
    // The name first: a checker may ask for toString as soon as another field is written.
    this.name = Objects.requireNonNull(name);
    this.folio = this;
    this.accounting = Objects.requireNonNull(accounting);
    this.index = -1;
    this.block = -1;
    this.refcount = 1;
    this.uptodate = true;
  }

  /** A page with the kernel's pin accounting. */
  public Page(String name) {
    this(name, PinCounting.KERNEL);
  }

  public String name() {
    return name;
  }

  public PinCounting accounting() {
    return accounting;
  }

  /** {@code page_ref_count}. */
  public int refcount() {
    return refcount;
  }

  /** {@code page_mapcount}. */
  public int mapcount() {
    return mapcount;
  }

  /** {@code folio->_pincount} (0 without an exact count). */
  public int pincount() {
    return pincount;
  }

  public boolean isLocked() {
    return locked;
  }

  public boolean isDirty() {
    return dirty;
  }

  public boolean isWriteback() {
    return writeback;
  }

  public boolean isUptodate() {
    return uptodate;
  }

  /** {@code page_has_private}: buffer heads attached. */
  public boolean hasBuffers() {
    return hasBuffers;
  }

  public boolean isFreed() {
    return freed;
  }

  public AddressSpace mapping() {
    return mapping;
  }

  public int index() {
    return index;
  }

  public int block() {
    return block;
  }

  /** Word {@code word} of the contents. */
  public int word(int word) {
    return contents[word];
  }

  /** Ghost: outstanding GUP/PUP references (what {@code page_maybe_dma_pinned} guesses at). */
  public int actualPins() {
    return actualPins;
  }

  /** Sets the contents while the model is being set up (before threads start). */
  public void fill(int... words) {
    if (words.length > PAGE_WORDS) {
      throw new IllegalArgumentException("a page has " + PAGE_WORDS + " words");
    }
    Atomic.run(() -> System.arraycopy(words, 0, contents, 0, words.length));
  }

  /**
   * {@code page_maybe_dma_pinned} without the atomic step, for invariants: with the bias, a
   * reference count of at least the bias; with an exact count, a non-zero pin count.
   */
  boolean maybeDmaPinned() {
    Page f = folio;
    return f.accounting.exactPinCount() ? f.pincount > 0 : f.refcount >= f.accounting.bias();
  }

  /** {@code PageAnon}. */
  public boolean isAnon() {
    return anon;
  }

  /** {@code PageAnonExclusive} (meaningful from 5.19). */
  public boolean isAnonExclusive() {
    return anonExclusive;
  }

  /** {@code page_folio}: the head page of this page's folio (plain read). */
  public Page folio() {
    return folio;
  }

  /**
   * The references the page's owners hold when nobody else has one: the page cache's (or the
   * DAX mapping entry's) and one per PTE that maps it.
   */
  int baselineRefcount() {
    if (folio != this) {
      return 0; // a tail page's references are its head's
    }
    int refs = (mapping != null ? 1 : 0) + mapcount;
    for (Page t : tails) {
      refs += t.mapcount;
    }
    return refs;
  }

  @Override
  public String toString() {
    return name;
  }

  /** Registers {@value #MAYBE_PINNED_IMPLIES_PINNED} over {@code pages}: no false positives. */
  public static void registerMaybePinnedImpliesPinned(Page... pages) {
    Page[] all = pages.clone();
    Invariants.register(
        MAYBE_PINNED_IMPLIES_PINNED,
        () -> firstWhere(all, p -> p.maybeDmaPinned() && p.actualPins == 0) == null,
        () -> {
          Page p = firstWhere(all, q -> q.maybeDmaPinned() && q.actualPins == 0);
          return "page_maybe_dma_pinned(" + p + ") is true but nobody pinned it (refcount "
              + p.refcount + " >= bias " + p.accounting.bias() + ", mapcount " + p.mapcount + ")";
        });
  }

  /** Registers {@value #PINNED_IMPLIES_MAYBE_PINNED} over {@code pages}: no false negatives. */
  public static void registerPinnedImpliesMaybePinned(Page... pages) {
    Page[] all = pages.clone();
    Invariants.register(
        PINNED_IMPLIES_MAYBE_PINNED,
        () -> firstWhere(all, p -> p.actualPins > 0 && !p.maybeDmaPinned()) == null,
        () -> {
          Page p = firstWhere(all, q -> q.actualPins > 0 && !q.maybeDmaPinned());
          return p + " is pinned for DMA " + p.actualPins + " time(s) but page_maybe_dma_pinned("
              + p + ") is false (refcount " + p.refcount + ")";
        });
  }

  /** Registers {@value #DIRTY_PAGE_HAS_BUFFERS} over {@code pages}. */
  public static void registerDirtyPageHasBuffers(Page... pages) {
    Page[] all = pages.clone();
    Invariants.register(
        DIRTY_PAGE_HAS_BUFFERS,
        () -> firstWhere(all, p -> p.dirty && p.mapping != null && !p.hasBuffers) == null,
        () -> firstWhere(all, p -> p.dirty && p.mapping != null && !p.hasBuffers)
            + " is dirty in the page cache but its buffers were released:"
            + " writeback will BUG on a page without buffers");
  }

  /**
   * Checks {@value #PINS_BALANCED} once every thread has finished: no page holds a reference
   * beyond its page-cache and mapping references, and no pin is left.
   */
  public static void checkPinsBalanced(Page... pages) {
    Page leaked = Atomic.call(() -> firstWhere(pages, p -> p.actualPins != 0 || p.pincount != 0 || p.refcount != p.baselineRefcount()));
    Invariants.check(
        PINS_BALANCED,
        leaked == null,
        leaked == null ? "" : leaked + " has refcount " + leaked.refcount + " (expected "
            + leaked.baselineRefcount() + "), " + leaked.actualPins + " pin(s) outstanding");
  }

  /** The first page that {@code test} accepts, or null; a plain loop for the engines' sake. */
  static Page firstWhere(Page[] pages, java.util.function.Predicate<Page> test) {
    for (Page p : pages) {
      if (test.test(p)) {
        return p;
      }
    }
    return null;
  }
}
