package pinmc.models;

import static pinmc.kernel.Mm.FOLL_LONGTERM;
import static pinmc.kernel.Mm.FOLL_WRITE;
import static pinmc.kernel.Mm.exitMmap;
import static pinmc.kernel.Mm.getUserPages;
import static pinmc.kernel.Mm.madviseDontneed;
import static pinmc.kernel.Mm.pinUserPages;
import static pinmc.kernel.Mm.putUserPage;
import static pinmc.kernel.Mm.unpinUserPage;
import static pinmc.kernel.Mm.userWrite;

import pinmc.api.Invariants;
import pinmc.kernel.DmaDevice;
import pinmc.kernel.KernelVersion;
import pinmc.kernel.MmStruct;
import pinmc.kernel.Page;

/**
 * fork-cow-gup: a GUP reference and copy-on-write after {@code fork} disagree about which
 * process owns an anonymous page.
 *
 * <p>History (mm/memory.c {@code do_wp_page}, mm/gup.c): before 5.8 a write fault reused an
 * anonymous page that one PTE mapped, whoever else held a reference. A child that took a
 * read-only GUP reference ({@code vmsplice}) to a page shared with its parent and then unmapped
 * it kept reading the parent's later writes: CVE-2020-29374. The first fix, "gup: document and
 * work around 'COW can break either way' issue" (5.8), made GUP break COW; "mm: do_wp_page()
 * simplification" (5.9) reused only a page with a single reference, which then copied away from
 * pages that RDMA had pinned once the process forked, a regression reported by Jason Gunthorpe
 * and closed in 5.9 by "mm: Do early cow for pinned pages during fork() for ptes". 5.19's "mm:
 * COW fixes part 2: reliable GUP pins of anonymous pages" replaced both with
 * {@code PageAnonExclusive}. The 2022 seed's complaint, that a pinned page and the process's page
 * can part ways, is this.
 *
 * <p>Invariants: {@value #CHILD_SEES_NO_PARENT_WRITE} (after fork, what the child reads
 * through its reference is what the page held at fork) and {@value #PIN_COHERENT} (a device's
 * pinned page is the page the process writes: RDMA sees the process's data).
 *
 * <p>Variants (choose the release with {@code version=}; 5.7 by default):
 *
 * <ul>
 *   <li>{@code vmsplice}: the parent forks; the child takes a read-only GUP reference to the
 *       shared page, unmaps it with {@code MADV_DONTNEED} and reads through the reference while
 *       the parent writes. Expected: violation on 5.7, pass from 5.8.
 *   <li>{@code rdma-fork}: the parent pins its page for an RDMA device, forks a child that
 *       exits, and writes; the device sends the page. Expected: violation up to 5.8 (the write
 *       may come while the child still maps the page: user space needed {@code MADV_DONTFORK}),
 *       pass from 5.9.
 *   <li>{@code rdma-fork-no-early-cow}: the same on the 5.9 development kernel between the two
 *       5.9 commits, with the parent writing after the child exited. Expected: violation.
 *   <li>{@code rdma-fork-child-exited}: that order on the release given. Expected: pass (5.7:
 *       the map count is 1 again; 5.9 and later: early COW).
 * </ul>
 */
public final class ForkCowGup {
  static final String[] VARIANTS = {"vmsplice", "rdma-fork", "rdma-fork-no-early-cow", "rdma-fork-child-exited"};
  /** Invariant: a child's GUP reference never shows it a write its parent made after fork. */
  public static final String CHILD_SEES_NO_PARENT_WRITE = "child-sees-no-parent-write";
  /** Invariant: the page a device has pinned is the page the process writes. */
  public static final String PIN_COHERENT = "pin-coherent-with-process";

  private ForkCowGup() {}

  public static void main(String[] args) throws InterruptedException {
    ModelArgs a = ModelArgs.parse("fork-cow-gup", KernelVersion.V5_7, args, VARIANTS);
    Page anon = new Page("anon0");
    anon.fill(1, 1);
    MmStruct parent = MmStruct.anonymous("parent.mm", a.kernel(), true, anon);
    if (a.is("vmsplice")) {
      vmsplice(parent);
    } else {
      rdmaFork(a, parent, anon);
    }
  }

  private static void vmsplice(MmStruct parent) throws InterruptedException {
    MmStruct child = parent.fork("child.mm");
    Thread childThread = new Thread(() -> {
      Page ref = getUserPages(child, 0, 0); // vmsplice(pipe, addr): a read-only reference
      madviseDontneed(child, 0);
      int seen = ref.word(0); // the pipe's reader copies the page out
      Invariants.check(CHILD_SEES_NO_PARENT_WRITE, seen == 1,
          "the child read " + seen + " through its vmsplice reference to " + ref + ", written by the parent after fork");
      putUserPage(ref);
      exitMmap(child);
    }, "child");
    Thread parentThread = new Thread(() -> userWrite(parent, 0, 0, 2), "parent");
    ModelArgs.runToCompletion(childThread, parentThread);
    Page.checkPinsBalanced(parent.pte(0));
  }

  private static void rdmaFork(ModelArgs a, MmStruct parent, Page anon) throws InterruptedException {
    DmaDevice rnic = new DmaDevice("rnic", null);
    Page pinned = pinUserPages(parent, 0, FOLL_WRITE | FOLL_LONGTERM); // ibv_reg_mr
    int slot = rnic.dmaMapPage(pinned);
    MmStruct child = a.is("rdma-fork-no-early-cow") ? parent.forkWithoutEarlyCow("child.mm") : parent.fork("child.mm");
    Thread childThread = new Thread(() -> exitMmap(child), "child"); // fork + exec of a helper
    if (a.is("rdma-fork")) {
      ModelArgs.runToCompletion(childThread, new Thread(() -> userWrite(parent, 0, 0, 2), "parent"));
    } else {
      ModelArgs.runToCompletion(childThread);
      userWrite(parent, 0, 0, 2); // after waitpid
    }
    int sent = rnic.dmaRead(slot, 0); // the NIC sends the registered buffer
    Invariants.check(PIN_COHERENT, sent == 2,
        "the NIC sent " + sent + " from " + rnic.mappedPage(slot) + " but the parent wrote 2 to " + parent.pte(0)
            + ": the write fault copied the pinned page away");
    rnic.dmaUnmapPage(slot);
    unpinUserPage(pinned);
    Page.checkPinsBalanced(anon, parent.pte(0));
    exitMmap(parent);
  }
}
