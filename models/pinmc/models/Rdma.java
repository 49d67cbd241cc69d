package pinmc.models;

import static pinmc.kernel.Mm.FOLL_LONGTERM;
import static pinmc.kernel.Mm.FOLL_WRITE;
import static pinmc.kernel.Mm.pinUserPages;
import static pinmc.kernel.Mm.unpinUserPagesDirtyLock;

import pinmc.kernel.DmaDevice;
import pinmc.kernel.MmStruct;
import pinmc.kernel.Page;

/** What the models' RDMA drivers do with a memory region: the sequence several models share. */
final class Rdma {
  private Rdma() {}

  /**
   * {@code ibv_reg_mr} over user page 0 of {@code mm} (a writable long-term pin), {@code writes}
   * device writes into it, then deregistration ({@code unpin_user_pages_dirty_lock}). Returns
   * false when the release refuses the pin (from 6.5 for a dirty-tracked file), as the
   * registration then fails.
   */
  static boolean registerWriteDeregister(MmStruct mm, DmaDevice rnic, int writes) {
    Page target = pinUserPages(mm, 0, FOLL_WRITE | FOLL_LONGTERM);
    if (target == null) {
      return false;
    }
    int slot = rnic.dmaMapPage(target);
    for (int i = 0; i < writes; i++) {
      rnic.dmaWrite(slot, 0, 100 + i);
    }
    rnic.dmaUnmapPage(slot);
    unpinUserPagesDirtyLock(new Page[] {target}, true);
    return true;
  }
}
