package dev.keel.tuf.repo;

import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.MetaFile;
import dev.keel.tuf.model.RoleType;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One signed metadata file exactly as it will be written: the parent role's length and hash are
 * computed over these bytes, so these bytes are what must land on disk.
 */
public record SignedRole(String name, RoleType type, long version, Bytes bytes, String sha256) {

  public static SignedRole of(String name, RoleType type, long version, byte[] bytes) {
    return new SignedRole(name, type, version, Bytes.wrap(bytes), HashAlgorithm.SHA256.hex(bytes));
  }

  /** The entry a parent role (snapshot or timestamp) lists for this file. */
  public MetaFile metaFile() {
    return new MetaFile(
        version, OptionalLong.of(bytes.length()), Map.of("sha256", sha256), Map.of());
  }
}
