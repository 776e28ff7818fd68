package dev.keel.reposerver.store;

import dev.keel.tuf.model.TargetFile;
import java.util.Map;
import java.util.Objects;

/**
 * A received upload, named by the SHA-256 of its bytes.
 *
 * @param sha256 lowercase hex SHA-256 of the content
 * @param length content length in bytes
 * @param hashes every hash computed on receipt, TUF names to lowercase hex ({@code sha256} always)
 */
public record Upload(String sha256, long length, Map<String, String> hashes) {
  public Upload {
    Objects.requireNonNull(sha256, "sha256");
    hashes = Map.copyOf(hashes);
    if (!sha256.equals(hashes.get("sha256"))) {
      throw new IllegalArgumentException("hashes must include the sha256");
    }
  }

  /** The TUF description of this content. */
  public TargetFile targetFile() {
    return new TargetFile(length, hashes);
  }
}
