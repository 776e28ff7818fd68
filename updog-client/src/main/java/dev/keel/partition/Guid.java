package dev.keel.partition;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * A GPT GUID. Held in RFC 4122 (text) byte order; on disk GPT stores it mixed-endian: the first
 * three groups (4, 2 and 2 bytes) little-endian, the last 8 bytes as they are (spec §4.1).
 *
 * @param msb the first 8 bytes in RFC 4122 order, as {@link UUID#getMostSignificantBits()}
 * @param lsb the last 8 bytes, as {@link UUID#getLeastSignificantBits()}
 */
public record Guid(long msb, long lsb) {
  /** The all-zero GUID: an unused partition entry's type. */
  public static final Guid ZERO = new Guid(0, 0);

  /** Parses the 8-4-4-4-12 hex form, any case. */
  public static Guid parse(String text) {
    if (!text.matches(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      throw new IllegalArgumentException("not a GUID: '" + text + "'");
    }
    UUID u = UUID.fromString(text);
    return new Guid(u.getMostSignificantBits(), u.getLeastSignificantBits());
  }

  /** A random (version 4) GUID, as {@code sgdisk -u N:R} makes. */
  public static Guid random(RandomGenerator random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new Guid(msb, lsb);
  }

  /** Reads 16 on-disk (mixed-endian) bytes at {@code offset}. */
  public static Guid fromDisk(ByteBuffer buf, int offset) {
    ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long d1 = Integer.toUnsignedLong(b.getInt(offset));
    long d2 = Short.toUnsignedLong(b.getShort(offset + 4));
    long d3 = Short.toUnsignedLong(b.getShort(offset + 6));
    long lsb = b.order(ByteOrder.BIG_ENDIAN).getLong(offset + 8);
    return new Guid((d1 << 32) | (d2 << 16) | d3, lsb);
  }

  /** Writes the 16 on-disk (mixed-endian) bytes at {@code offset}. */
  public void toDisk(ByteBuffer buf, int offset) {
    ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(offset, (int) (msb >>> 32));
    b.putShort(offset + 4, (short) (msb >>> 16));
    b.putShort(offset + 6, (short) msb);
    b.order(ByteOrder.BIG_ENDIAN).putLong(offset + 8, lsb);
  }

  public boolean isZero() {
    return msb == 0 && lsb == 0;
  }

  /** Lowercase 8-4-4-4-12, the form GRUB passes as {@code PARTUUID=}. */
  @Override
  public String toString() {
    return new UUID(msb, lsb).toString();
  }
}
