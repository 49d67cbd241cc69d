package pinmc.corpus;

import java.lang.ref.WeakReference;

/** Keeps a weak reference, whose referent the garbage collector may clear at any time: not state pinmc controls. */
public class HoldsWeakReference {
  static WeakReference<Object> cache = new WeakReference<>(new Object());
  static int counter;

  public static void main(String[] args) throws InterruptedException {
    Thread other = new Thread(() -> counter = 1);
    other.start();
    counter = 2;
    other.join();
  }
}
