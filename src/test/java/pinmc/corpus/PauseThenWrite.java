package pinmc.corpus;

/**
 * A thread pauses ({@code Thread.sleep}, {@code Thread.yield} or {@code Thread.onSpinWait}, the
 * first argument) and then writes a field main reads; main asserts it read the old value, which
 * fails when the write comes first. With a second argument {@code both}, main pauses too before
 * its read.
 */
public class PauseThenWrite {
  static int flag;

  static void pause(String how) throws InterruptedException {
    switch (how) {
      case "sleep" -> Thread.sleep(1);
      case "yield" -> Thread.yield();
      case "onSpinWait" -> Thread.onSpinWait();
      default -> throw new IllegalArgumentException("sleep, yield or onSpinWait: " + how);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    String how = args[0];
    boolean both = args.length > 1 && args[1].equals("both");
    Thread writer = new Thread(() -> {
      try {
        pause(how);
      } catch (InterruptedException e) {
        return;
      }
      flag = 1;
    });
    writer.start();
    if (both) {
      pause(how);
    }
    int seen = flag;
    writer.join();
    assert seen == 0 : "the write came first";
  }
}
