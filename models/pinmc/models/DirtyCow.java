package pinmc.models;

import static pinmc.kernel.Mm.FOLL_FORCE;
import static pinmc.kernel.Mm.FOLL_WRITE;
import static pinmc.kernel.Mm.copyToUserPage;
import static pinmc.kernel.Mm.getUserPages;
import static pinmc.kernel.Mm.madviseDontneed;
import static pinmc.kernel.Mm.putUserPage;

import pinmc.api.Invariants;
import pinmc.kernel.AddressSpace;
import pinmc.kernel.MmStruct;
import pinmc.kernel.Page;

/**
 * dirty-cow: a forced write through {@code /proc/self/mem} into a read-only private mapping
 * of a file reaches the file (CVE-2016-5195, "Dirty COW").
 *
 * <p>History: before 4.9, {@code __get_user_pages} handled a {@code FOLL_FORCE|FOLL_WRITE}
 * access to a read-only mapping by faulting in a private copy and then retrying without
 * {@code FOLL_WRITE}, as a read. If {@code madvise(MADV_DONTNEED)} zapped the copy between the
 * fault and the retry, the retried read faulted in the file's own page-cache page and GUP
 * returned it, and the kernel wrote into it. Fixed in 4.9 by "mm: remove gup_flags FOLL_WRITE
 * games from __get_user_pages()": GUP keeps {@code FOLL_WRITE} and may follow a read-only PTE
 * only if it maps the dirty private copy its own fault made ({@code FOLL_COW}). The seeds'
 * theme is the same: what a GUP reference points at is decided by a race with the page tables.
 *
 * <p>Invariant ({@value #PRIVATE_WRITE_STAYS_PRIVATE}): a write through a private mapping
 * never changes the file's page-cache page; the root-owned file keeps its contents.
 *
 * <p>Variants (each at {@code version=}; 4.8 by default, 4.9 fixed):
 *
 * <ul>
 *   <li>{@code madvise-race}: a thread writes to {@code /proc/self/mem} at the mapping while
 *       another calls {@code madvise(MADV_DONTNEED)} on it. Expected on 4.8: violation; on 4.9: pass.
 *   <li>{@code no-madvise}: the forced write alone. Expected: pass on every release.
 * </ul>
 */
public final class DirtyCow {
  static final String[] VARIANTS = {"madvise-race", "no-madvise"};
  /** Invariant: a private (COW) write never reaches the file. */
  public static final String PRIVATE_WRITE_STAYS_PRIVATE = "private-write-stays-private";

  private DirtyCow() {}

  public static void main(String[] args) throws InterruptedException {
    ModelArgs a = ModelArgs.parse("dirty-cow", pinmc.kernel.KernelVersion.V4_8, args, VARIANTS);
    AddressSpace passwd = new AddressSpace("passwd", 1, null, 0);
    Page cached = new Page("passwdPage");
    cached.fill(1, 1);
    passwd.addCachedPage(0, cached, false);
    // mmap(PROT_READ, MAP_PRIVATE) of a file the user may read but not write.
    MmStruct mm = MmStruct.mmapFilePrivate("user.mm", a.kernel(), passwd, 1, false);
    Invariants.register(PRIVATE_WRITE_STAYS_PRIVATE, () -> cached.word(0) == 1,
        () -> "the write to /proc/self/mem reached " + cached + " of " + passwd + " (word 0 is now " + cached.word(0) + ")");

    Thread procMem = new Thread(() -> {
      // write(open("/proc/self/mem"), ...) at the mapping: access_remote_vm with FOLL_FORCE.
      Page page = getUserPages(mm, 0, FOLL_WRITE | FOLL_FORCE);
      if (page != null) {
        copyToUserPage(page, 0, 666);
        putUserPage(page);
      }
    }, "procmem");
    Thread madvise = new Thread(() -> madviseDontneed(mm, 0), "madvise");
    if (a.is("madvise-race")) {
      ModelArgs.runToCompletion(procMem, madvise);
    } else {
      ModelArgs.runToCompletion(procMem);
    }
    Page.checkPinsBalanced(cached);
  }
}
