package pinmc.embedded.search;

import java.util.ArrayList;

/**
 * One step of a wakeup tree (Abdulla, Aronis, Jonsson and Sagonas, POPL 2014, section 6):
 * a step some execution took, and the steps to take after it. A node of the search keeps
 * the ordered list of these trees it has still to explore; each root-to-leaf path is a
 * schedule that reverses a race found earlier. Following such a path instead of adding a
 * single thread and hoping the rest falls into place is what makes the search take one
 * execution per Mazurkiewicz trace, with no sleep-set-blocked executions.
 *
 * <p>A step is a thread with the value its step chose (for {@code Choice} steps; 0 for
 * others), what it touched, and its signature, so that a replay that does something else
 * is noticed rather than followed blindly.
 */
final class WakeupTree {
  final int thread;
  final int choice;
  /** How many values the step chooses among (1 if it does not choose). */
  final int values;
  final AccessSet step;
  final long signature;
  final ArrayList<WakeupTree> children = new ArrayList<>(1);

  WakeupTree(int thread, int choice, int values, AccessSet step, long signature) {
    this.thread = thread;
    this.choice = choice;
    this.values = values;
    this.step = step;
    this.signature = signature;
  }

  /** Whether the step chooses among values ({@link #choice} is then one of them). */
  boolean chooses() {
    return values > 1;
  }

  boolean isLeaf() {
    return children.isEmpty();
  }

  /** Removes and returns the tree in {@code trees} that starts with {@code thread} choosing {@code choice}, or null. */
  static WakeupTree take(ArrayList<WakeupTree> trees, int thread, int choice) {
    if (trees == null) {
      return null;
    }
    for (int k = 0; k < trees.size(); k++) {
      WakeupTree t = trees.get(k);
      if (t.thread == thread && t.choice == choice) {
        return trees.remove(k);
      }
    }
    return null;
  }
}
