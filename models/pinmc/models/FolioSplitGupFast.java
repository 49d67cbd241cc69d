package pinmc.models;

import static pinmc.kernel.Mm.FOLL_PIN;
import static pinmc.kernel.Mm.FOLL_WRITE;
import static pinmc.kernel.Mm.getUserPagesFast;
import static pinmc.kernel.Mm.prepCompoundPage;
import static pinmc.kernel.Mm.splitHugePage;
import static pinmc.kernel.Mm.unpinUserPage;

import pinmc.kernel.KernelVersion;
import pinmc.kernel.MmStruct;
import pinmc.kernel.Page;

/**
 * folio-split: {@code split_huge_page} races with {@code pin_user_pages_fast}.
 *
 * <p>Seed (LSFMM 2018): "MMU notifiers are not going to work with get_user_pages_fast()": the
 * lockless walk sees page tables and pages change under it. GUP-fast reads the PTE, computes
 * the folio (compound head) of the page and only then takes a speculative reference on that
 * folio. If the folio is split in between, the reference lands on the old head, which is now a
 * small page of its own, and the page GUP returns is not covered by it. Jann Horn's "mm/gup:
 * fix try_grab_compound_head() race with split_huge_page()" (5.13) rechecks the head after the
 * grab; the PTE recheck alone cannot see it, because the split puts the same PTEs back.
 *
 * <p>Invariant: {@code pinned-implies-maybe-pinned} (a page GUP pinned answers
 * {@code page_maybe_dma_pinned}), on each page of the folio.
 *
 * <p>Variants: {@code split-race} (version 5.12 by default: violation; 5.13: pass), and
 * {@code no-split} (the pin alone: pass).
 */
public final class FolioSplitGupFast {
  static final String[] VARIANTS = {"split-race", "no-split"};

  private FolioSplitGupFast() {}

  public static void main(String[] args) throws InterruptedException {
    ModelArgs a = ModelArgs.parse("folio-split", KernelVersion.V5_12, args, VARIANTS);
    Page head = new Page("thp.head");
    Page tail = new Page("thp.tail");
    prepCompoundPage(head, tail);
    MmStruct app = MmStruct.anonymous("app.mm", a.kernel(), true, head, tail);
    Page.registerPinnedImpliesMaybePinned(head, tail);

    Thread driver = new Thread(() -> {
      Page pinned = getUserPagesFast(app, 1, FOLL_PIN | FOLL_WRITE);
      if (pinned != null) {
        unpinUserPage(pinned);
      }
    }, "driver");
    Thread khugepaged = new Thread(() -> splitHugePage(head), "split");
    if (a.is("split-race")) {
      ModelArgs.runToCompletion(driver, khugepaged);
    } else {
      ModelArgs.runToCompletion(driver);
    }
    Page.checkPinsBalanced(head, tail);
  }
}
