package pinmc.corpus.control;

import java.util.ArrayList;
import java.util.List;

/**
 * One thread sums a shared list with an iterator while another adds to it: if the add
 * lands between two steps of the iteration, the iterator throws
 * ConcurrentModificationException. The iterator is a different object from the list; it must
 * still conflict with the add.
 */
public class IteratorRace {
  public static void main(String[] args) throws InterruptedException {
    List<Integer> pages = new ArrayList<>();
    pages.add(1);
    pages.add(2);
    int[] sum = new int[1];
    Thread reader = new Thread(() -> {
      for (int p : pages) {
        sum[0] += p;
      }
    });
    Thread writer = new Thread(() -> pages.add(3));
    reader.start();
    writer.start();
    reader.join();
    writer.join();
  }
}
