package dev.keel.partition;

import java.util.Objects;

/**
 * One used entry of a GPT partition array.
 *
 * @param number the 1-based entry index ({@code /dev/nvme0n1p<number>}, {@code sgdisk -i <number>})
 * @param name the GPT name (UTF-16LE on disk, at most 36 code units)
 * @param firstLba first sector, inclusive
 * @param lastLba last sector, inclusive
 * @param attributes the whole 64-bit attribute field; see {@link #prio()}
 */
public record Partition(
    int number,
    Guid typeGuid,
    Guid uniqueGuid,
    String name,
    long firstLba,
    long lastLba,
    long attributes) {
  public Partition {
    Objects.requireNonNull(typeGuid);
    Objects.requireNonNull(uniqueGuid);
    Objects.requireNonNull(name);
    if (number < 1) {
      throw new IllegalArgumentException("partition numbers start at 1, got " + number);
    }
    if (firstLba < 0 || lastLba < firstLba) {
      throw new IllegalArgumentException(
          "partition " + number + ": bad extent " + firstLba + ".." + lastLba);
    }
    if (name.length() > 36) {
      throw new IllegalArgumentException(
          "partition " + number + ": a GPT name has at most 36 UTF-16 units: " + name);
    }
  }

  public GptPrio prio() {
    return new GptPrio(attributes);
  }

  public Partition withPrio(GptPrio prio) {
    return new Partition(number, typeGuid, uniqueGuid, name, firstLba, lastLba, prio.bits());
  }

  public boolean is(PartitionType type) {
    return typeGuid.equals(type.guid());
  }

  public long sectors() {
    return lastLba - firstLba + 1;
  }

  public long byteOffset(int sectorSize) {
    return firstLba * sectorSize;
  }

  public long byteLength(int sectorSize) {
    return sectors() * sectorSize;
  }
}
