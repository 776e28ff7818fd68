package dev.keel.updog.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Decodes a stream of LZ4 frames (the format of every Bottlerocket image) block by block, each
 * block by lz4-java's JNI decoder straight into one direct buffer that is handed to a {@link
 * BlockSink}, so a partition write takes the decoded bytes without a copy.
 *
 * <p>What it checks: the magic number, the frame descriptor (version, reserved bits, block size)
 * and its header checksum, every block's size against the frame's maximum, each block's LZ4
 * encoding (the safe decoder never reads or writes out of bounds), and the content size when the
 * frame declares one. Skippable frames are skipped; frames may follow one another.
 *
 * <p>What it does not check: the frame's optional XXH32 block and content checksums. The bytes this
 * decoder reads are the TUF target, whose length and SHA-256 are verified over exactly these bytes
 * before a partition set is marked valid; the XXH32 sums would only repeat that check, at about a
 * third of the decoder's CPU time (docs/adr/0013-lz4-frames-without-xxh32.md).
 *
 * <p>Frames with linked blocks ({@code lz4 -BD}) are decoded block by block too, and a block that
 * refers back into the one before it is refused, never decoded wrong: the block API cannot take the
 * previous block as a dictionary (the safe decoder rejects a match before the start of its output).
 * Bottlerocket's images use independent blocks, lz4's default.
 */
final class Lz4FrameDecoder {
  /** Takes decoded bytes; {@code decoded} is only valid during the call. */
  interface BlockSink {
    void accept(ByteBuffer decoded) throws IOException;
  }

  static final int MAGIC = 0x184D2204;
  private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
  private static final int SKIPPABLE = 0x184D2A50;
  private static final int MAX_BLOCK = 4 << 20;

  private static final LZ4SafeDecompressor DECOMPRESSOR =
      LZ4Factory.fastestInstance().safeDecompressor();
  private static final XXHash32 HEADER_HASH = XXHashFactory.fastestInstance().hash32();

  private final InputStream in;
  private final byte[] compressed = new byte[MAX_BLOCK];
  private final ByteBuffer compressedView = ByteBuffer.wrap(compressed);
  private final ByteBuffer decoded = ByteBuffer.allocateDirect(MAX_BLOCK);

  Lz4FrameDecoder(InputStream in) {
    this.in = in;
  }

  /**
   * Decodes every frame up to the end of the stream into {@code sink}.
   *
   * @return the number of decoded bytes
   * @throws Lz4FormatException if the stream is not a sequence of well-formed LZ4 frames
   * @throws IOException from the stream or the sink
   */
  long decodeTo(BlockSink sink) throws IOException {
    long total = 0;
    boolean first = true;
    while (true) {
      byte[] magicBytes = in.readNBytes(4);
      if (magicBytes.length == 0 && !first) {
        return total;
      }
      if (magicBytes.length < 4) {
        throw new Lz4FormatException(
            first
                ? "not an LZ4 frame: the image is shorter than a frame header"
                : "truncated frame");
      }
      int magic = littleEndianInt(magicBytes, 0);
      if ((magic & SKIPPABLE_MASK) == SKIPPABLE) {
        skip(Integer.toUnsignedLong(littleEndianInt(readFully(4), 0)));
      } else if (magic != MAGIC) {
        throw new Lz4FormatException(
            String.format("not an LZ4 frame: magic number 0x%08x, expected 0x%08x", magic, MAGIC));
      } else {
        total += decodeBlocks(readDescriptor(), sink);
      }
      first = false;
    }
  }

  private record FrameDescriptor(
      boolean independentBlocks,
      boolean blockChecksums,
      boolean contentChecksum,
      long contentSize,
      int maxBlock) {}

  private FrameDescriptor readDescriptor() throws IOException {
    byte[] head = readFully(2);
    int flg = head[0] & 0xFF;
    int bd = head[1] & 0xFF;
    if (flg >>> 6 != 1) {
      throw new Lz4FormatException("LZ4 frame version " + (flg >>> 6) + ", expected 1");
    }
    if ((flg & 0x02) != 0 || (bd & 0x8F) != 0) {
      throw new Lz4FormatException("LZ4 frame descriptor has reserved bits set");
    }
    if ((flg & 0x01) != 0) {
      throw new Lz4FormatException("LZ4 frames with a dictionary are not supported");
    }
    int sizeCode = bd >>> 4;
    if (sizeCode < 4) {
      throw new Lz4FormatException("LZ4 frame has an invalid block size code " + sizeCode);
    }
    boolean hasContentSize = (flg & 0x08) != 0;
    byte[] rest = readFully(hasContentSize ? 9 : 1);
    byte[] descriptor = new byte[2 + rest.length - 1];
    System.arraycopy(head, 0, descriptor, 0, 2);
    System.arraycopy(rest, 0, descriptor, 2, rest.length - 1);
    int expected = (HEADER_HASH.hash(descriptor, 0, descriptor.length, 0) >>> 8) & 0xFF;
    if ((rest[rest.length - 1] & 0xFF) != expected) {
      throw new Lz4FormatException("LZ4 frame descriptor checksum does not match");
    }
    long contentSize = hasContentSize ? littleEndianLong(rest, 0) : -1;
    return new FrameDescriptor(
        (flg & 0x20) != 0,
        (flg & 0x10) != 0,
        (flg & 0x04) != 0,
        contentSize,
        1 << (8 + 2 * sizeCode));
  }

  private long decodeBlocks(FrameDescriptor frame, BlockSink sink) throws IOException {
    long total = 0;
    while (true) {
      int word = littleEndianInt(readFully(4), 0);
      if (word == 0) {
        break;
      }
      boolean stored = word < 0;
      int size = word & 0x7FFFFFFF;
      if (size > frame.maxBlock()) {
        throw new Lz4FormatException(
            "LZ4 block of " + size + " bytes in a frame of blocks up to " + frame.maxBlock());
      }
      if (in.readNBytes(compressed, 0, size) < size) {
        throw new Lz4FormatException("truncated LZ4 block");
      }
      if (frame.blockChecksums()) {
        readFully(4);
      }
      decoded.clear();
      if (stored) {
        decoded.put(compressed, 0, size).flip();
      } else {
        int n;
        try {
          n = DECOMPRESSOR.decompress(compressedView, 0, size, decoded, 0, frame.maxBlock());
        } catch (LZ4Exception e) {
          if (frame.independentBlocks()) {
            throw e;
          }
          // A linked frame's block that fails may refer back (not supported) or be damaged.
          throw new Lz4FormatException(
              "an LZ4 block failed to decode in a frame that links its blocks (lz4 -BD): either"
                  + " it refers back into the block before it, which is not supported (compress"
                  + " images with independent blocks, lz4's default), or the image is damaged ("
                  + e.getMessage()
                  + ")");
        }
        decoded.position(0).limit(n);
      }
      total += decoded.remaining();
      sink.accept(decoded);
    }
    if (frame.contentChecksum()) {
      readFully(4);
    }
    if (frame.contentSize() >= 0 && frame.contentSize() != total) {
      throw new Lz4FormatException(
          "LZ4 frame declares " + frame.contentSize() + " bytes of content but holds " + total);
    }
    return total;
  }

  private void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      int chunk = (int) Math.min(left, compressed.length);
      if (in.readNBytes(compressed, 0, chunk) < chunk) {
        throw new Lz4FormatException("truncated skippable frame");
      }
      left -= chunk;
    }
  }

  private byte[] readFully(int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new Lz4FormatException("truncated LZ4 frame");
    }
    return b;
  }

  private static int littleEndianInt(byte[] b, int off) {
    return (b[off] & 0xFF)
        | (b[off + 1] & 0xFF) << 8
        | (b[off + 2] & 0xFF) << 16
        | (b[off + 3] & 0xFF) << 24;
  }

  private static long littleEndianLong(byte[] b, int off) {
    return (littleEndianInt(b, off) & 0xFFFFFFFFL) | (long) littleEndianInt(b, off + 4) << 32;
  }

  /** The stream is not a sequence of well-formed LZ4 frames. */
  static final class Lz4FormatException extends IOException {
    Lz4FormatException(String message) {
      super(message);
    }
  }
}
