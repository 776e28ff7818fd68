package dev.keel.partition;

import java.util.random.RandomGenerator;

/**
 * The Bottlerocket OS disk layout of spec §4.1 (twoliter's partyplanner and rpm2img), at any size:
 * a 1 MiB GPT header area, BIOS-BOOT, bank A (EFI, BOOT, ROOT, HASH, RESERVED), bank B (the same,
 * EFI as the EFI-BACKUP placeholder), PRIVATE, DATA-A, a 1 MiB footer. Every partition is
 * MiB-aligned and ends one sector before the next. Partition numbers are 1 to 13 in that order, as
 * {@code sgdisk --sort} leaves them. BOOT-A starts with bits 48 and 56 (priority 1, successful),
 * BOOT-B with none.
 *
 * @param biosMiB BIOS-BOOT (4 on a real image)
 * @param efiMiB each EFI partition (5)
 * @param bootMiB each BOOT (20·G for a G GiB image)
 * @param rootMiB each ROOT (460·G)
 * @param hashMiB each HASH (5·G)
 * @param reservedMiB each RESERVED (15·G − 5)
 * @param privateMiB PRIVATE (24·G − 7)
 * @param dataMiB DATA-A (the unified plan's data size)
 */
public record OsDiskLayout(
    int biosMiB,
    int efiMiB,
    int bootMiB,
    int rootMiB,
    int hashMiB,
    int reservedMiB,
    int privateMiB,
    int dataMiB) {
  /** A layout for tests and the simulated host: about 60 MiB, sparse. */
  public static final OsDiskLayout SMALL = new OsDiskLayout(1, 1, 4, 24, 1, 1, 2, 4);

  /** The fixed unique GUID of a DATA-A partition in the unified plan (the "preferred" one). */
  public static final Guid DATA_PREFERRED = Guid.parse("5b94e8df-28b8-485c-9d19-362263b5944c");

  private static final long MIB = 1 << 20;

  public OsDiskLayout {
    for (int size :
        new int[] {biosMiB, efiMiB, bootMiB, rootMiB, hashMiB, reservedMiB, privateMiB, dataMiB}) {
      if (size < 1) {
        throw new IllegalArgumentException("every partition needs at least 1 MiB: " + this);
      }
    }
  }

  /**
   * The sizes partyplanner gives an image of {@code gib} GiB, with a data partition of {@code
   * dataMiB}.
   */
  public static OsDiskLayout forImageGiB(int gib, int dataMiB) {
    return new OsDiskLayout(
        4, 5, 20 * gib, 460 * gib, 5 * gib, 15 * gib - 5, 24 * gib - 7, dataMiB);
  }

  /** This layout with ROOT partitions of {@code mib}. */
  public OsDiskLayout withRootMiB(int mib) {
    return new OsDiskLayout(
        biosMiB, efiMiB, bootMiB, mib, hashMiB, reservedMiB, privateMiB, dataMiB);
  }

  public long diskBytes() {
    long banks = 2L * (efiMiB + bootMiB + rootMiB + hashMiB + reservedMiB);
    return (1 + biosMiB + banks + privateMiB + dataMiB + 1) * MIB;
  }

  /** The table, with random unique GUIDs (except DATA-A's fixed one) drawn from {@code random}. */
  public GptTable table(int sectorSize, RandomGenerator random) {
    GptTable t = GptTable.create(diskBytes(), sectorSize, Guid.random(random));
    Cursor c = new Cursor(sectorSize);
    int n = 1;
    t =
        t.withPartition(
            c.next(n++, PartitionType.BIOS_BOOT, PartitionType.BIOS_BOOT.label(), biosMiB, random));
    for (String bank : new String[] {"A", "B"}) {
      PartitionType efi = bank.equals("A") ? PartitionType.EFI_SYSTEM : PartitionType.EFI_BACKUP;
      t = t.withPartition(c.next(n++, efi, efi.label(), efiMiB, random));
      Partition boot =
          c.next(n++, PartitionType.BOOT, PartitionType.BOOT.label() + "-" + bank, bootMiB, random);
      if (bank.equals("A")) {
        boot = boot.withPrio(GptPrio.NONE.withPriority(1).withSuccessful(true));
      }
      t = t.withPartition(boot);
      t =
          t.withPartition(
              c.next(
                  n++,
                  PartitionType.ROOT,
                  PartitionType.ROOT.label() + "-" + bank,
                  rootMiB,
                  random));
      t =
          t.withPartition(
              c.next(
                  n++,
                  PartitionType.HASH,
                  PartitionType.HASH.label() + "-" + bank,
                  hashMiB,
                  random));
      t =
          t.withPartition(
              c.next(
                  n++,
                  PartitionType.RESERVED,
                  PartitionType.RESERVED.label() + "-" + bank,
                  reservedMiB,
                  random));
    }
    t =
        t.withPartition(
            c.next(n++, PartitionType.PRIVATE, PartitionType.PRIVATE.label(), privateMiB, random));
    Partition data = c.next(n, PartitionType.DATA, "", dataMiB, random);
    return t.withPartition(
        new Partition(
            data.number(),
            data.typeGuid(),
            DATA_PREFERRED,
            data.name(),
            data.firstLba(),
            data.lastLba(),
            0));
  }

  /** Hands out MiB-aligned extents from 1 MiB on. */
  private static final class Cursor {
    private final int sectorSize;
    private long mib = 1;

    Cursor(int sectorSize) {
      this.sectorSize = sectorSize;
    }

    Partition next(
        int number, PartitionType type, String name, int sizeMiB, RandomGenerator random) {
      long first = mib * MIB / sectorSize;
      mib += sizeMiB;
      long last = mib * MIB / sectorSize - 1;
      return new Partition(number, type.guid(), Guid.random(random), name, first, last, 0);
    }
  }
}
