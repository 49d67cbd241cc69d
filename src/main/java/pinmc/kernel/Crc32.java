package pinmc.kernel;

/**
 * {@code crc32_le} (the IEEE polynomial, as {@code java.util.zip.CRC32} computes it) over a
 * page's words taken as little-endian bytes. Written out rather than delegated so that a
 * checker of Java programs that does not model the JDK's native CRC code can run it.
 */
public final class Crc32 {
  private static final int POLYNOMIAL = 0xEDB88320;

  private Crc32() {}

  /** The checksum of {@code words}, as the filesystem stores it next to the data. */
  public static int crc32(int[] words) {
    int crc = ~0;
    for (int word : words) {
      for (int shift = 0; shift < 32; shift += 8) {
        crc ^= (word >>> shift) & 0xFF;
        for (int bit = 0; bit < 8; bit++) {
          crc = (crc >>> 1) ^ (POLYNOMIAL & -(crc & 1));
        }
      }
    }
    return ~crc;
  }
}
