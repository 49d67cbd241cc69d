package pinmc.embedded.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link StateHasher} is MurmurHash3 x64 128 of its words, as Guava computes it, and tells strings and arrays apart. */
class StateHasherTest {
  @Test
  void itIsGuavasMurmur3OfTheWords() {
    Random random = new Random(13);
    for (int n = 0; n < 40; n++) {
      StateHasher mine = new StateHasher();
      Hasher guava = Hashing.murmur3_128().newHasher();
      for (int i = 0; i < n; i++) {
        long w = random.nextLong();
        mine.putLong(w);
        guava.putLong(w);
      }
      assertArrayEquals(guava.hash().asBytes(), mine.digest(), n + " words");
    }
  }

  @Test
  void aStringIsItsLengthThenItsCharsFourToAWord() {
    StateHasher mine = new StateHasher().putString("pinmc.Model");
    Hasher guava = Hashing.murmur3_128().newHasher().putLong(11);
    guava.putLong('p' | (long) 'i' << 16 | (long) 'n' << 32 | (long) 'm' << 48);
    guava.putLong('c' | (long) '.' << 16 | (long) 'M' << 32 | (long) 'o' << 48);
    guava.putLong('d' | (long) 'e' << 16 | (long) 'l' << 32);
    assertArrayEquals(guava.hash().asBytes(), mine.digest());
  }

  @Test
  void stringsAndByteArraysThatShareTheirWordsDoNotCollide() {
    // "ab" then "" against "a" then "b": the lengths keep them apart.
    byte[] ab = new StateHasher().putString("ab").putString("").digest();
    byte[] aThenB = new StateHasher().putString("a").putString("b").digest();
    assertFalse(Arrays.equals(ab, aThenB));
    byte[] nineBytes = new StateHasher().putLong(9).putBytes(new byte[9]).digest();
    byte[] eightBytes = new StateHasher().putLong(8).putBytes(new byte[8]).putLong(0).digest();
    assertFalse(Arrays.equals(nineBytes, eightBytes));
  }

  @Test
  void bytesGoInLittleEndianEightToAWord() {
    byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    byte[] mine = new StateHasher().putBytes(bytes).digest();
    byte[] guava = Hashing.murmur3_128().newHasher().putLong(0x0807060504030201L).putLong(9).hash().asBytes();
    assertArrayEquals(guava, mine);
  }
}
