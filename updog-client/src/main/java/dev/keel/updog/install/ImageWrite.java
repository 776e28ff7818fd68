package dev.keel.updog.install;

import dev.keel.tuf.client.TargetInfo;
import java.util.Objects;

/**
 * One step of an {@link InstallPlan}: decompress {@code target} into the disk bytes {@code [offset,
 * offset + length)}.
 *
 * @param partition how the partition is named in messages, e.g. {@code "B root (partition 6)"}
 */
public record ImageWrite(
    ImageKind kind, TargetInfo target, String partition, long offset, long length) {
  public ImageWrite {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(partition, "partition");
    if (offset < 0 || length <= 0) {
      throw new IllegalArgumentException(partition + ": bad extent " + offset + "+" + length);
    }
  }

  public String targetName() {
    return target.path().raw();
  }
}
