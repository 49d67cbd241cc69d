package example;

import pinmc.api.Invariants;
import pinmc.kernel.KernelVersion;
import pinmc.kernel.Mm;
import pinmc.kernel.MmStruct;
import pinmc.kernel.Page;

/**
 * The README's worked example of a model written outside pinmc: a process keeps a read-only
 * GUP reference (as vmsplice does) to a buffer it shares with its parent after fork, drops its
 * own mapping, and reads through the reference while the parent writes. Argument: the kernel
 * release, e.g. {@code 5.7}.
 */
public final class SharedBufferAfterFork {
  private SharedBufferAfterFork() {}

  public static void main(String[] args) throws InterruptedException {
    KernelVersion kernel = KernelVersion.parse(args[0]);
    Page buffer = new Page("buffer");
    buffer.fill(1);
    MmStruct parent = MmStruct.anonymous("parent.mm", kernel, true, buffer);
    MmStruct child = parent.fork("child.mm");

    Thread reader = new Thread(() -> {
      Page ref = Mm.getUserPages(child, 0, 0);
      Mm.madviseDontneed(child, 0);
      int seen = ref.word(0);
      Invariants.check("child-sees-only-its-snapshot", seen == 1, "the child saw the parent's write: " + seen);
      Mm.putUserPage(ref);
    }, "child");
    Thread writer = new Thread(() -> Mm.userWrite(parent, 0, 0, 2), "parent");
    reader.start();
    writer.start();
    reader.join();
    writer.join();
  }
}
