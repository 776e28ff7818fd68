package dev.keel.updog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * A release's three images: the raw partition contents and their LZ4 frames (lz4-java's frame
 * encoder, the format {@code lz4} writes). Contents are compressible like a file system: runs of
 * zeros, repeated text and some random bytes, seeded by the version.
 */
final class Release {
  private final byte[] rawBoot;
  private final byte[] rawRoot;
  private final byte[] rawHash;
  private final byte[] boot;
  private final byte[] root;
  private final byte[] hash;

  private Release(
      byte[] rawBoot, byte[] rawRoot, byte[] rawHash, byte[] boot, byte[] root, byte[] hash) {
    this.rawBoot = rawBoot;
    this.rawRoot = rawRoot;
    this.rawHash = rawHash;
    this.boot = boot;
    this.root = root;
    this.hash = hash;
  }

  byte[] rawBoot() {
    return rawBoot.clone();
  }

  byte[] rawRoot() {
    return rawRoot.clone();
  }

  byte[] rawHash() {
    return rawHash.clone();
  }

  byte[] boot() {
    return boot.clone();
  }

  byte[] root() {
    return root.clone();
  }

  byte[] hash() {
    return hash.clone();
  }

  static Release of(String version) {
    return of(version, 3 << 20);
  }

  static Release of(String version, int rootBytes) {
    Random random = new Random(version.hashCode());
    byte[] boot = content(random, 1 << 20, "boot " + version);
    byte[] root = content(random, rootBytes, "root " + version);
    byte[] hash = content(random, 64 << 10, "hash " + version);
    return new Release(boot, root, hash, lz4(boot), lz4(root), lz4(hash));
  }

  static byte[] content(Random random, int size, String label) {
    byte[] b = new byte[size];
    byte[] text =
        (label + " /usr/lib/libexample.so.1 ").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int block = 0; block < size; block += 4096) {
      int kind = random.nextInt(4);
      int end = Math.min(size, block + 4096);
      for (int i = block; i < end; i++) {
        b[i] =
            switch (kind) {
              case 0 -> 0;
              case 1 -> (byte) random.nextInt();
              default -> text[(i - block) % text.length];
            };
      }
    }
    System.arraycopy(text, 0, b, 0, Math.min(text.length, size));
    return b;
  }

  static byte[] lz4(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(out)) {
      lz4.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The same contents, but with {@code root} replaced by other (already encoded) bytes. */
  Release withRoot(byte[] encodedRoot) {
    return new Release(rawBoot, rawRoot, rawHash, boot, encodedRoot, hash);
  }
}
