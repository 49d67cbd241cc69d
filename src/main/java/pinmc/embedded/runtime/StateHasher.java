package pinmc.embedded.runtime;

/**
 * The 128-bit hash a {@link StateFingerprint} is taken with: MurmurHash3 (x64, 128-bit) of a
 * sequence of 64-bit words, each value put in as one word (an int, a boolean, a char alike;
 * a string as its length and then its chars, four to a word; a byte array eight to a word).
 * The digest is exactly Guava's {@code Hashing.murmur3_128()} of those words put with {@code
 * putLong}, without a streaming hasher's byte buffer: a fingerprint puts hundreds of small
 * values, and going through bytes cost more than the mixing.
 *
 * <p>The encoding is injective on what a fingerprint puts (each value's width is fixed by its
 * place, a string and an array carry their lengths), so two states collide only if the hash
 * does, about n²/2¹²⁹ likely at n states.
 */
final class StateHasher {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private long h1;
  private long h2;
  /** The first word of a block whose second has not come yet. */
  private long pending;
  private boolean hasPending;
  private long words;

  StateHasher putLong(long w) {
    words++;
    if (!hasPending) {
      pending = w;
      hasPending = true;
    } else {
      block(pending, w);
      hasPending = false;
    }
    return this;
  }

  StateHasher putInt(int v) {
    return putLong(v);
  }

  StateHasher putBoolean(boolean v) {
    return putLong(v ? 1 : 0);
  }

  StateHasher putChar(char v) {
    return putLong(v);
  }

  StateHasher putFloat(float v) {
    return putLong(Float.floatToRawIntBits(v));
  }

  StateHasher putDouble(double v) {
    return putLong(Double.doubleToRawLongBits(v));
  }

  /** A string: its length, then its chars four to a word. */
  StateHasher putString(String s) {
    int n = s.length();
    putLong(n);
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      putLong(s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32 | (long) s.charAt(i + 3) << 48);
    }
    if (i < n) {
      long w = 0;
      for (int k = 0; i < n; i++, k += 16) {
        w |= (long) s.charAt(i) << k;
      }
      putLong(w);
    }
    return this;
  }

  /** The bytes of an array whose length was put before it, eight to a word. */
  StateHasher putBytes(byte[] b) {
    int i = 0;
    for (; i + 8 <= b.length; i += 8) {
      long w = 0;
      for (int k = 7; k >= 0; k--) {
        w = w << 8 | (b[i + k] & 0xff);
      }
      putLong(w);
    }
    if (i < b.length) {
      long w = 0;
      for (int k = 0; i < b.length; i++, k += 8) {
        w |= (long) (b[i] & 0xff) << k;
      }
      putLong(w);
    }
    return this;
  }

  /** The 16 bytes of the hash: the two halves, each little-endian (Guava's {@code asBytes}). */
  byte[] digest() {
    long a = h1;
    long b = h2;
    if (hasPending) {
      a ^= mixK1(pending);
    }
    long length = words * 8;
    a ^= length;
    b ^= length;
    a += b;
    b += a;
    a = fmix(a);
    b = fmix(b);
    a += b;
    b += a;
    byte[] out = new byte[16];
    for (int k = 0; k < 8; k++) {
      out[k] = (byte) (a >>> (8 * k));
      out[8 + k] = (byte) (b >>> (8 * k));
    }
    return out;
  }

  private void block(long k1, long k2) {
    h1 ^= mixK1(k1);
    h1 = Long.rotateLeft(h1, 27);
    h1 += h2;
    h1 = h1 * 5 + 0x52dce729;
    h2 ^= mixK2(k2);
    h2 = Long.rotateLeft(h2, 31);
    h2 += h1;
    h2 = h2 * 5 + 0x38495ab5;
  }

  private static long mixK1(long k1) {
    return Long.rotateLeft(k1 * C1, 31) * C2;
  }

  private static long mixK2(long k2) {
    return Long.rotateLeft(k2 * C2, 33) * C1;
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
