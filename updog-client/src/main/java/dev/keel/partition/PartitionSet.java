package dev.keel.partition;

import java.util.Objects;

/**
 * The three partitions an OS version occupies: GRUB finds ROOT and HASH relative to BOOT
 * (PARTNROFF=1, 2).
 */
public record PartitionSet(Partition boot, Partition root, Partition hash) {
  public PartitionSet {
    Objects.requireNonNull(boot);
    Objects.requireNonNull(root);
    Objects.requireNonNull(hash);
  }

  /** The gptprio bits, which live on the BOOT partition. */
  public GptPrio prio() {
    return boot.prio();
  }

  public boolean contains(int partitionNumber) {
    return boot.number() == partitionNumber
        || root.number() == partitionNumber
        || hash.number() == partitionNumber;
  }

  /** The same partitions as they are in {@code table} (after an in-memory change). */
  PartitionSet in(GptTable table) {
    return new PartitionSet(
        table.get(boot.number()), table.get(root.number()), table.get(hash.number()));
  }
}
