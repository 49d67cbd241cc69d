package pinmc.corpus.control;

import java.util.HashSet;
import java.util.Set;

/**
 * Model objects without a hashCode of their own in a HashSet: the order it iterates in comes
 * from their hash codes. It must be the same in every execution (and every check): each
 * execution appends the order it saw to a system property that the test reads.
 */
public class IdentityHashes {
  static class Page {
    final int index;

    Page(int index) {
      this.index = index;
    }
  }

  static int hits;

  public static void main(String[] args) throws InterruptedException {
    Set<Page> pages = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      pages.add(new Page(i));
    }
    StringBuilder order = new StringBuilder();
    for (Page p : pages) {
      order.append(p.index);
    }
    String key = "pinmc.test.identityHashes";
    System.setProperty(key, System.getProperty(key, "") + order + ";"); // no branch on it: the schedule alone decides
    Thread t = new Thread(() -> hits++);
    t.start();
    hits++;
    t.join();
  }
}
