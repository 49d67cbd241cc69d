package pinmc.corpus;

/**
 * Peterson's mutual exclusion with volatile flags. Argument {@code broken} moves the write
 * of {@code turn} before the write of the thread's own flag, which lets both threads in.
 */
public class Peterson {
  static volatile boolean flag0;
  static volatile boolean flag1;
  static volatile int turn;
  static int inCritical;

  static void enter(int me, boolean broken) {
    int other = 1 - me;
    if (broken) {
      turn = other;
      setFlag(me, true);
    } else {
      setFlag(me, true);
      turn = other;
    }
    while (flag(other) && turn == other) {
      Thread.yield();
    }
  }

  static void exit(int me) {
    setFlag(me, false);
  }

  static boolean flag(int i) {
    return i == 0 ? flag0 : flag1;
  }

  static void setFlag(int i, boolean v) {
    if (i == 0) {
      flag0 = v;
    } else {
      flag1 = v;
    }
  }

  public static void main(String[] args) throws InterruptedException {
    boolean broken = args.length > 0 && args[0].equals("broken");
    Thread[] ts = new Thread[2];
    for (int i = 0; i < 2; i++) {
      int me = i;
      ts[i] = new Thread(() -> {
        enter(me, broken);
        inCritical++;
        assert inCritical == 1 : "both threads are in the critical section";
        inCritical--;
        exit(me);
      });
    }
    ts[0].start();
    ts[1].start();
    ts[0].join();
    ts[1].join();
  }
}
