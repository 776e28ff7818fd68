package dev.keel.partition;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the partition sets are (spec §4.3 step 5): set A is the first BOOT, ROOT and HASH partition
 * in table order, set B the second of each. Without a second BOOT the layout is single (images
 * built without in-place updates). PRIVATE is required.
 */
public record SetLayout(PartitionSet a, Optional<PartitionSet> b, Partition privatePartition) {
  public SetLayout {
    Objects.requireNonNull(a);
    Objects.requireNonNull(b);
    Objects.requireNonNull(privatePartition);
  }

  /**
   * @throws MissingPartitionException if set A lacks BOOT, ROOT or HASH, set B has a BOOT but lacks
   *     ROOT or HASH, or there is no PRIVATE partition
   */
  public static SetLayout of(GptTable table) throws MissingPartitionException {
    List<Partition> boot = table.partitions(PartitionType.BOOT);
    List<Partition> root = table.partitions(PartitionType.ROOT);
    List<Partition> hash = table.partitions(PartitionType.HASH);
    List<Partition> priv = table.partitions(PartitionType.PRIVATE);
    PartitionSet a = set(SetSelect.A, 0, boot, root, hash);
    Optional<PartitionSet> b =
        boot.size() < 2 ? Optional.empty() : Optional.of(set(SetSelect.B, 1, boot, root, hash));
    if (priv.isEmpty()) {
      throw new MissingPartitionException(
          "no "
              + PartitionType.PRIVATE.label()
              + " partition (type "
              + PartitionType.PRIVATE.guid()
              + ")");
    }
    return new SetLayout(a, b, priv.get(0));
  }

  private static PartitionSet set(
      SetSelect which, int index, List<Partition> boot, List<Partition> root, List<Partition> hash)
      throws MissingPartitionException {
    if (boot.size() <= index) {
      throw new MissingPartitionException(
          "no BOOT partition for set " + which + " (type " + PartitionType.BOOT.guid() + ")");
    }
    if (root.size() <= index) {
      throw new MissingPartitionException(
          "set "
              + which
              + " has a BOOT partition but no ROOT (type "
              + PartitionType.ROOT.guid()
              + ")");
    }
    if (hash.size() <= index) {
      throw new MissingPartitionException(
          "set "
              + which
              + " has a BOOT partition but no HASH (type "
              + PartitionType.HASH.guid()
              + ")");
    }
    return new PartitionSet(boot.get(index), root.get(index), hash.get(index));
  }

  public boolean dual() {
    return b.isPresent();
  }

  public Optional<PartitionSet> find(SetSelect which) {
    return which == SetSelect.A ? Optional.of(a) : b;
  }

  /** The set holding partition {@code number}, if any. */
  public Optional<SetSelect> setOf(int number) {
    if (a.contains(number)) {
      return Optional.of(SetSelect.A);
    }
    return b.filter(s -> s.contains(number)).map(s -> SetSelect.B);
  }

  /** The same partitions as they are in {@code table}. */
  SetLayout in(GptTable table) {
    return new SetLayout(
        a.in(table), b.map(s -> s.in(table)), table.get(privatePartition.number()));
  }
}
