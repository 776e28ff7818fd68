package dev.keel.host;

import dev.keel.partition.Partition;
import dev.keel.partition.PartitionSet;

/** The three images of a release, in the order updog writes them (root, boot, hash). */
public enum ImageKind {
  ROOT("root.ext4.lz4"),
  BOOT("boot.ext4.lz4"),
  HASH("root.verity.lz4");

  private final String suffix;

  ImageKind(String suffix) {
    this.suffix = suffix;
  }

  /** How the image's target name ends. */
  public String suffix() {
    return suffix;
  }

  /** The partition of {@code set} this image goes to. */
  public Partition partition(PartitionSet set) {
    return switch (this) {
      case ROOT -> set.root();
      case BOOT -> set.boot();
      case HASH -> set.hash();
    };
  }
}
