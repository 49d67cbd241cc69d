package pinmc.models;

import static pinmc.kernel.Mm.FOLL_LONGTERM;
import static pinmc.kernel.Mm.getUserPages;
import static pinmc.kernel.Mm.munmap;
import static pinmc.kernel.Mm.pinUserPages;
import static pinmc.kernel.Mm.putUserPage;
import static pinmc.kernel.Mm.unpinUserPage;
import static pinmc.kernel.Mm.userRead;

import pinmc.kernel.AddressSpace;
import pinmc.kernel.MmStruct;
import pinmc.kernel.Page;
import pinmc.kernel.PinCounting;
import pinmc.models.ModelArgs.Size;

/**
 * pin-accounting: can the kernel tell a pinned page from a popular one?
 *
 * <p>Seed (LSFMM 2022, "Page pinning and filesystems"): "there are no spare bits in struct
 * page to track the number of times a given page has been pinned, so the developers had to
 * hack things by using a bias value (1024) in the page reference count. As a result, if a page
 * has at least that many references, it will appear to be pinned even if it is not. For that
 * reason, the function to query whether a page is pinned is called page_maybe_dma_pinned()."
 * Wilcox: "frequently mapped pages, such as those containing the C library, will have high
 * reference counts"; "There was some talk of putting this count into a side structure".
 *
 * <p>The scenario: a page of libc in the page cache; {@code mappers} processes map it and exit;
 * a driver process maps it too and pins it for DMA (the device reads it), then unpins. The pin
 * bias is scaled down from 1024 to {@code bias} (default 4): libc's page reaches 1024
 * references with a thousand mappers, this model's with three (the page cache, two mappers,
 * the driver's own mapping).
 *
 * <p>Variants:
 *
 * <ul>
 *   <li>{@code bias}: {@code pin_user_pages} with the bias; checks that
 *       {@code page_maybe_dma_pinned} has no false positives. Expected: violation of
 *       {@code maybe-pinned-implies-pinned}.
 *   <li>{@code bias-no-false-negatives}: the same kernel; checks that every pinned page is seen
 *       as maybe pinned. Expected: pass.
 *   <li>{@code exact}: an exact pin count in a side structure ({@code folio->_pincount});
 *       checks both directions. Expected: pass.
 *   <li>{@code gup}: the driver uses {@code get_user_pages}, as in 2018; checks that every
 *       pinned page is seen as pinned. Expected: violation of
 *       {@code pinned-implies-maybe-pinned}.
 * </ul>
 *
 * <p>Sizes: {@code mappers} (processes mapping libc), {@code bias} (the scaled pin bias).
 */
public final class PinAccounting {
  static final String[] VARIANTS = {"bias", "bias-no-false-negatives", "exact", "gup"};

  private PinAccounting() {}

  public static void main(String[] args) throws InterruptedException {
    ModelArgs a =
        ModelArgs.parse(
            "pin-accounting", args, VARIANTS, new Size("mappers", 2, 1, 6), new Size("bias", 4, 2, 1024));
    PinCounting counting = a.is("exact") ? PinCounting.exact() : PinCounting.scaledBias(a.size("bias"));
    AddressSpace libc = new AddressSpace("libc.so", 1, null, 0);
    Page page = new Page("libcPage", counting);
    libc.addCachedPage(0, page, false);

    if (a.is("bias")) {
      Page.registerMaybePinnedImpliesPinned(page);
    } else if (a.is("exact")) {
      Page.registerMaybePinnedImpliesPinned(page);
      Page.registerPinnedImpliesMaybePinned(page);
    } else {
      Page.registerPinnedImpliesMaybePinned(page);
    }

    int mappers = a.size("mappers");
    Thread[] threads = new Thread[mappers + 1];
    for (int i = 0; i < mappers; i++) {
      MmStruct mm = MmStruct.mmapFile("mapper" + i + ".mm", libc, 1);
      threads[i] = new Thread(() -> {
        userRead(mm, 0, 0); // the process runs libc code: a read fault maps the page
        munmap(mm); // and exits
      }, "mapper" + i);
    }
    MmStruct driverMm = MmStruct.mmapFile("driver.mm", libc, 1);
    boolean gup = a.is("gup");
    threads[mappers] = new Thread(() -> {
      // The device only reads the page (a send from a buffer that happens to be libc).
      Page pinned = gup ? getUserPages(driverMm, 0, 0) : pinUserPages(driverMm, 0, FOLL_LONGTERM);
      if (gup) {
        putUserPage(pinned);
      } else {
        unpinUserPage(pinned);
      }
      munmap(driverMm);
    }, "driver");

    ModelArgs.runToCompletion(threads);
    Page.checkPinsBalanced(page);
  }
}
