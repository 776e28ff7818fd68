package dev.keel.tuf.repo;

import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.TargetFile;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Describes a target (length and hashes) in one streaming pass with 1 MiB reads, whatever its size.
 */
public final class TargetHasher {
  private TargetHasher() {}

  public static TargetFile describe(InputStream in, Set<HashAlgorithm> algorithms)
      throws IOException {
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("at least one hash algorithm is required");
    }
    Map<HashAlgorithm, MessageDigest> digests = new EnumMap<>(HashAlgorithm.class);
    algorithms.forEach(a -> digests.put(a, a.newDigest()));
    byte[] buf = new byte[1 << 20];
    long length = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      for (MessageDigest d : digests.values()) {
        d.update(buf, 0, n);
      }
      length += n;
    }
    Map<String, String> hashes = new LinkedHashMap<>();
    digests.forEach((a, d) -> hashes.put(a.tufName(), HexFormat.of().formatHex(d.digest())));
    return new TargetFile(length, hashes);
  }

  /**
   * Describes a local file. Reads through {@link FileInputStream}: on this JDK it is about 1.5
   * times faster for large sequential reads than {@code Files.newInputStream}, whose channel path
   * copies through a temporary direct buffer (bench/editor).
   */
  public static TargetFile describe(Path file, Set<HashAlgorithm> algorithms)
      throws StorageException {
    try (InputStream in = new FileInputStream(file.toFile())) {
      return describe(in, algorithms);
    } catch (IOException e) {
      throw new StorageException(file, "could not read target", e);
    }
  }
}
