package dev.keel.updog.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.partition.Tool;
import dev.keel.updog.install.Lz4FrameDecoder.Lz4FormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block decoder against frames written by the lz4 command (as images are) and by lz4-java. */
class Lz4FrameDecoderTest {
  @TempDir Path tmp;

  /** Compressible, with incompressible stretches, so that frames hold both kinds of block. */
  private static byte[] raw(int size, long seed) {
    byte[] b = new byte[size];
    Random r = new Random(seed);
    for (int i = 0; i < size; i += 4096) {
      boolean noise = r.nextInt(4) == 0;
      for (int j = i; j < Math.min(size, i + 4096); j++) {
        b[j] = (byte) (noise ? r.nextInt() : r.nextInt(3));
      }
    }
    return b;
  }

  private static byte[] decode(byte[] frames) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n =
        new Lz4FrameDecoder(new ByteArrayInputStream(frames))
            .decodeTo(
                block -> {
                  assertTrue(block.isDirect(), "blocks are handed over in a direct buffer");
                  byte[] b = new byte[block.remaining()];
                  block.get(b);
                  out.write(b, 0, b.length);
                });
    assertEquals(out.size(), n);
    return out.toByteArray();
  }

  /** The lz4 command line tool, as Bottlerocket's build and ours compress images. */
  private byte[] lz4Cli(byte[] raw, String... options) throws Exception {
    Path in = tmp.resolve("in"), out = tmp.resolve("out.lz4");
    Files.write(in, raw);
    List<String> cmd = new ArrayList<>(List.of("lz4", "-q", "-f"));
    cmd.addAll(Arrays.asList(options));
    cmd.addAll(List.of(in.toString(), out.toString()));
    Tool.ok(cmd.toArray(String[]::new));
    return Files.readAllBytes(out);
  }

  @Test
  void decodesWhatTheLz4CommandWritesWithEveryFrameOption() throws Exception {
    byte[] raw = raw(9 << 20, 1);
    for (String[] options :
        new String[][] {
          {}, {"-9"}, {"-B4"}, {"-B5", "-BX"}, {"--no-frame-crc"}, {"--content-size"}
        }) {
      assertArrayEquals(raw, decode(lz4Cli(raw, options)), "lz4 " + String.join(" ", options));
    }
  }

  @Test
  void decodesLz4JavaFramesWithContentSizeAndBlockChecksums() throws Exception {
    byte[] raw = raw(3 << 20, 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LZ4FrameOutputStream lz4 =
        new LZ4FrameOutputStream(
            out,
            BLOCKSIZE.SIZE_256KB,
            raw.length,
            FLG.Bits.BLOCK_INDEPENDENCE,
            FLG.Bits.CONTENT_SIZE,
            FLG.Bits.BLOCK_CHECKSUM,
            FLG.Bits.CONTENT_CHECKSUM)) {
      lz4.write(raw);
    }
    assertArrayEquals(raw, decode(out.toByteArray()));
  }

  @Test
  void decodesConcatenatedFramesAndSkipsSkippableOnes() throws Exception {
    byte[] a = raw(1 << 20, 3), b = raw(700_000, 4);
    ByteArrayOutputStream frames = new ByteArrayOutputStream();
    frames.write(new byte[] {0x5A, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 9, 9, 9}); // skippable, 3 bytes
    frames.write(lz4Cli(a));
    frames.write(lz4Cli(b, "-BD")); // linked, but one block: nothing to link to
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    assertArrayEquals(both, decode(frames.toByteArray()));
  }

  @Test
  void aFrameWhoseBlocksReferBackIntoTheirPredecessorIsRefusedNeverDecodedWrong() throws Exception {
    byte[] block = raw(64 << 10, 6);
    byte[] raw = new byte[8 * block.length]; // the same 64 KiB eight times: every block refers back
    for (int i = 0; i < 8; i++) {
      System.arraycopy(block, 0, raw, i * block.length, block.length);
    }
    assertRefused("links its blocks", lz4Cli(raw, "-BD", "-B4"));
    assertArrayEquals(raw, decode(lz4Cli(raw, "-B4")));
  }

  @Test
  void anEmptyImageDecodesToNothingButNoBytesAtAllIsNotAFrame() throws Exception {
    assertEquals(0, decode(lz4Cli(new byte[0])).length);
    Lz4FormatException e = assertThrows(Lz4FormatException.class, () -> decode(new byte[0]));
    assertTrue(e.getMessage().contains("not an LZ4 frame"), e.getMessage());
  }

  @Test
  void refusesWhatIsNotAWellFormedFrame() throws Exception {
    byte[] good = lz4Cli(raw(2 << 20, 5), "--content-size");
    assertRefused("magic number", "not an LZ4 image at all".getBytes());

    byte[] badHeaderSum = good.clone();
    badHeaderSum[4 + 2 + 8] ^= 1;
    assertRefused("descriptor checksum", badHeaderSum);

    byte[] reserved = good.clone();
    reserved[5] |= 0x01; // BD's reserved low bits
    assertRefused("reserved bits", reserved);

    byte[] version = good.clone();
    version[4] = (byte) ((version[4] & 0x3F) | 0x80);
    assertRefused("version 2", version);

    assertRefused("truncated", Arrays.copyOf(good, good.length / 2));
    // lz4 ends a frame with a content checksum after the end mark: cut both.
    assertRefused("truncated", Arrays.copyOf(good, good.length - 8)); // no end mark

    byte[] huge = good.clone();
    int first = 4 + 2 + 8 + 1; // the first block's size word
    huge[first + 3] = 0x01; // 16 MiB and more, in a frame of 4 MiB blocks
    assertRefused("in a frame of blocks up to", huge);

    byte[] wrongSize = good.clone();
    wrongSize[4 + 2] ^= 1; // declared content size, header checksum recomputed below
    int hc =
        (net.jpountz.xxhash.XXHashFactory.fastestInstance().hash32().hash(wrongSize, 4, 10, 0)
                >>> 8)
            & 0xFF;
    wrongSize[4 + 2 + 8] = (byte) hc;
    assertRefused("declares", wrongSize);
  }

  @Test
  void aDamagedBlockIsTheDecodersError() throws Exception {
    byte[] raw = new byte[1 << 20]; // all zeros: one long match per block
    byte[] frame = lz4Cli(raw, "--no-frame-crc");
    // The first block's first bytes are a token and a literal; make the match offset point before
    // the start of the block.
    byte[] damaged = frame.clone();
    int data = 4 + 2 + 1 + 4;
    damaged[data + 2] = (byte) 0xFF;
    damaged[data + 3] = (byte) 0xFF;
    assertThrows(LZ4Exception.class, () -> decode(damaged));
  }

  private static void assertRefused(String expected, byte[] frames) {
    Lz4FormatException e = assertThrows(Lz4FormatException.class, () -> decode(frames));
    assertTrue(
        e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
  }
}
