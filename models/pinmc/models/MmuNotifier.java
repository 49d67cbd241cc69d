package pinmc.models;

import static pinmc.kernel.Mm.FOLL_PIN;
import static pinmc.kernel.Mm.FOLL_WRITE;
import static pinmc.kernel.Mm.getUserPagesFast;
import static pinmc.kernel.Mm.munmap;
import static pinmc.kernel.Mm.unpinUserPage;
import static pinmc.kernel.MmuIntervalNotifier.hmmRangeFault;
import static pinmc.kernel.MmuIntervalNotifier.mmuIntervalNotifierInsert;
import static pinmc.kernel.MmuIntervalNotifier.mmuIntervalReadBegin;
import static pinmc.kernel.MmuIntervalNotifier.mmuIntervalReadRetry;
import static pinmc.kernel.MmuIntervalNotifier.mmuIntervalSetSeq;
import static pinmc.kernel.Mutex.mutexLock;
import static pinmc.kernel.Mutex.mutexUnlock;

import pinmc.kernel.DmaDevice;
import pinmc.kernel.MmStruct;
import pinmc.kernel.MmuIntervalNotifier;
import pinmc.kernel.Mutex;
import pinmc.kernel.Page;
import pinmc.models.ModelArgs.Size;

/**
 * mmu-notifier: a device mirrors a process's memory without pinning it.
 *
 * <p>Seed (LSFMM 2018, "get_user_pages() continued"): "Jérôme Glisse had suggested using the
 * MMU notifier mechanism as a way to solve these problems. Rather than pin pages with
 * get_user_pages(), kernel code could leave the pages unpinned and respond to notifications
 * when the status of those pages changes." And: "One potential problem is interference with
 * get_user_pages_fast(), which attempts to pin the pages without taking locks. [...] Glisse
 * [...] conceded that MMU notifiers are not going to work with get_user_pages_fast() [...]
 * Dave Hansen suggested creating some sort of mechanism based on read-copy-update for
 * get_user_pages_fast() users".
 *
 * <p>The scenario: a process's anonymous page is mirrored by a device (a GPU); the process
 * unmaps it, which frees the page. Or, in the gup_fast variants, a driver pins the page with
 * {@code pin_user_pages_fast} while the process unmaps it and its page table is freed.
 *
 * <p>Variants:
 *
 * <ul>
 *   <li>{@code no-retry}: the mirror samples the notifier's sequence, looks the page up and
 *       programs the device, without {@code mmu_interval_read_retry}. Expected: violation of
 *       {@code device-never-touches-freed-page}.
 *   <li>{@code retry}: the documented protocol: retry under the driver lock when an
 *       invalidation ran. Expected: pass.
 *   <li>{@code gup-fast-unprotected}: {@code pin_user_pages_fast} with nothing keeping the page
 *       table alive during the lockless walk. Expected: violation of
 *       {@code page-table-live-during-walk}.
 *   <li>{@code gup-fast-irq-off}: freeing the page table waits for walkers that have interrupts
 *       off (the kernel's IPI, or Hansen's RCU table free). Expected: pass.
 * </ul>
 *
 * <p>Sizes: {@code iterations} (device accesses after mapping).
 */
public final class MmuNotifier {
  static final String[] VARIANTS = {"no-retry", "retry", "gup-fast-unprotected", "gup-fast-irq-off"};

  /** The mirroring driver: its lock and the device page-table slot it programmed, or -1. */
  private static final class Mirror {
    final Mutex lock = new Mutex("mirror.lock");
    final DmaDevice gpu = new DmaDevice("gpu", null);
    int slot = -1;

    /** The invalidate callback: under the driver lock, record the invalidation and unmap. */
    void invalidate(MmuIntervalNotifier mni, int curSeq) {
      mutexLock(lock);
      mmuIntervalSetSeq(mni, curSeq);
      unmapDevice();
      mutexUnlock(lock);
    }

    void unmapDevice() {
      if (slot >= 0) {
        gpu.dmaUnmapPage(slot);
        slot = -1;
      }
    }
  }

  private MmuNotifier() {}

  public static void main(String[] args) throws InterruptedException {
    ModelArgs a = ModelArgs.parse("mmu-notifier", args, VARIANTS, new Size("iterations", 1, 1, 4));
    int iterations = a.size("iterations");
    Page page = new Page("anonPage0");
    Thread user;
    if (a.is("no-retry") || a.is("retry")) {
      MmStruct mm = MmStruct.anonymous("app.mm", true, page);
      Mirror mirror = new Mirror();
      mirror.gpu.registerDeviceNeverTouchesFreedPage();
      MmuIntervalNotifier mni = mmuIntervalNotifierInsert(mm, mirror::invalidate);
      boolean retry = a.is("retry");
      user = new Thread(() -> {
        int slot;
        while (true) {
          int seq = mmuIntervalReadBegin(mni);
          Page target = hmmRangeFault(mni, 0);
          if (target == null) {
            return; // -EFAULT: the range is gone
          }
          mutexLock(mirror.lock);
          if (retry && mmuIntervalReadRetry(mni, seq)) {
            mutexUnlock(mirror.lock);
            continue;
          }
          slot = mirror.gpu.dmaMapPage(target);
          mirror.slot = slot;
          mutexUnlock(mirror.lock);
          break;
        }
        for (int i = 0; i < iterations; i++) {
          mirror.gpu.dmaWrite(slot, 0, 100 + i); // the device finds no mapping once invalidated
        }
        mutexLock(mirror.lock);
        mirror.unmapDevice();
        mutexUnlock(mirror.lock);
      }, "mirror");
      Thread unmapper = new Thread(() -> munmap(mm), "munmap");
      ModelArgs.runToCompletion(user, unmapper);
    } else {
      MmStruct mm = MmStruct.anonymous("app.mm", a.is("gup-fast-irq-off"), page);
      mm.registerPageTableLiveDuringWalk();
      DmaDevice nic = new DmaDevice("nic", null);
      nic.registerDeviceNeverTouchesFreedPage();
      user = new Thread(() -> {
        Page target = getUserPagesFast(mm, 0, FOLL_WRITE | FOLL_PIN);
        if (target != null) {
          int slot = nic.dmaMapPage(target);
          for (int i = 0; i < iterations; i++) {
            nic.dmaWrite(slot, 0, 100 + i);
          }
          nic.dmaUnmapPage(slot);
          unpinUserPage(target);
        }
      }, "driver");
      Thread unmapper = new Thread(() -> munmap(mm), "munmap");
      ModelArgs.runToCompletion(user, unmapper);
    }
    Page.checkPinsBalanced(page);
  }
}
