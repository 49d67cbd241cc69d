package pinmc.embedded.search;

/**
 * The fingerprints of the states a search with state caching has reached: 128 bits each, in
 * an open-addressing table of two {@code long} arrays (16 bytes a state, no object per state).
 * At 128 bits, a collision, which would make the search skip an unexplored state, is
 * improbable even at billions of states (about n²/2¹²⁹).
 */
final class VisitedStates {
  private long[] high = new long[1 << 12];
  private long[] low = new long[1 << 12];
  private int size;
  private long matched;
  /** Whether the fingerprint (0, 0), which marks empty slots in the table, was added. */
  private boolean zero;

  /** Adds the fingerprint {@code bytes} (16 bytes); false if it was there already. */
  boolean add(byte[] bytes) {
    long hi = word(bytes, 0);
    long lo = word(bytes, 8);
    if (hi == 0 && lo == 0) {
      if (zero) {
        matched++;
        return false;
      }
      zero = true;
      size++;
      return true;
    }
    if (2 * (size + 1) > high.length) {
      grow();
    }
    int mask = high.length - 1;
    for (int i = (int) (lo ^ (lo >>> 32)) & mask; ; i = (i + 1) & mask) {
      if (high[i] == 0 && low[i] == 0) {
        high[i] = hi;
        low[i] = lo;
        size++;
        return true;
      }
      if (high[i] == hi && low[i] == lo) {
        matched++;
        return false;
      }
    }
  }

  int size() {
    return size;
  }

  /** How many times a state was reached again. */
  long matched() {
    return matched;
  }

  private void grow() {
    long[] oldHigh = high;
    long[] oldLow = low;
    high = new long[oldHigh.length * 2];
    low = new long[oldLow.length * 2];
    int mask = high.length - 1;
    for (int k = 0; k < oldHigh.length; k++) {
      if (oldHigh[k] != 0 || oldLow[k] != 0) { // the (0, 0) state is not in the table
        int i = (int) (oldLow[k] ^ (oldLow[k] >>> 32)) & mask;
        while (high[i] != 0 || low[i] != 0) {
          i = (i + 1) & mask;
        }
        high[i] = oldHigh[k];
        low[i] = oldLow[k];
      }
    }
  }

  /** The big-endian {@code long} in bytes {@code from} to {@code from + 7} of {@code b}. */
  static long word(byte[] b, int from) {
    long w = 0;
    for (int k = from; k < from + 8; k++) {
      w = (w << 8) | (b[k] & 0xff);
    }
    return w;
  }
}
