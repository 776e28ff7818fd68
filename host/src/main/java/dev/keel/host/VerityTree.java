package dev.keel.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The HASH image: a dm-verity version 1 hash tree of the root image (SHA-256, 4096-byte data and
 * hash blocks, digest = SHA-256(salt || block), 128 digests per hash block, the top level first, no
 * superblock), and the root hash and block count grub.cfg passes to the kernel.
 *
 * @param rootHash hex SHA-256(salt || top hash block)
 * @param dataBlocks how many 4096-byte blocks of the root image the tree covers
 */
record VerityTree(String rootHash, String salt, long dataBlocks) {
  private static final int BLOCK = 4096;

  /** Writes the tree of {@code root} to {@code hashImage}. */
  static VerityTree write(Path root, byte[] salt, Path hashImage) throws IOException {
    List<byte[]> levels = new ArrayList<>();
    byte[] level;
    long blocks;
    try (InputStream in = Files.newInputStream(root)) {
      level = digests(in, salt);
    }
    blocks = level.length / 32;
    levels.add(pad(level));
    while (levels.get(levels.size() - 1).length > BLOCK) {
      levels.add(
          pad(digests(new java.io.ByteArrayInputStream(levels.get(levels.size() - 1)), salt)));
    }
    byte[] top = levels.get(levels.size() - 1);
    try (OutputStream out = Files.newOutputStream(hashImage)) {
      for (int i = levels.size() - 1; i >= 0; i--) {
        out.write(levels.get(i));
      }
    }
    return new VerityTree(
        HexFormat.of().formatHex(sha256(salt, top, top.length)),
        HexFormat.of().formatHex(salt),
        blocks);
  }

  private static byte[] digests(InputStream in, byte[] salt) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] block = new byte[BLOCK];
    int n;
    while ((n = in.readNBytes(block, 0, BLOCK)) > 0) {
      java.util.Arrays.fill(block, n, BLOCK, (byte) 0);
      out.write(sha256(salt, block, BLOCK));
    }
    return out.toByteArray();
  }

  private static byte[] pad(byte[] digests) {
    int blocks = Math.max(1, (digests.length + BLOCK - 1) / BLOCK);
    return java.util.Arrays.copyOf(digests, blocks * BLOCK);
  }

  private static byte[] sha256(byte[] salt, byte[] data, int len) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt);
      md.update(data, 0, len);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
