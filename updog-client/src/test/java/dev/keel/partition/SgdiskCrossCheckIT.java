package dev.keel.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our GPT against Debian's gdisk: a disk laid out by {@code sgdisk} reads as the §4.1 layout, and
 * every table we write passes {@code sgdisk -v} and shows our bits through {@code sgdisk -A
 * N:show}.
 */
class SgdiskCrossCheckIT {
  @TempDir Path dir;

  /**
   * {@code sgdisk} arguments for the §4.1 layout at {@link OsDiskLayout#SMALL} sizes, as rpm2img
   * runs it.
   */
  private static List<String> sgdiskLayout(OsDiskLayout l, Path disk, List<Guid> unique) {
    List<String> a = new ArrayList<>(List.of("sgdisk", "--clear", "--disk-guid=R"));
    Object[][] parts = {
      {"ef02", "BIOS-BOOT", l.biosMiB()},
      {PartitionType.EFI_SYSTEM.guid(), "EFI-SYSTEM", l.efiMiB()},
      {PartitionType.BOOT.guid(), "BOTTLEROCKET-BOOT-A", l.bootMiB()},
      {PartitionType.ROOT.guid(), "BOTTLEROCKET-ROOT-A", l.rootMiB()},
      {PartitionType.HASH.guid(), "BOTTLEROCKET-HASH-A", l.hashMiB()},
      {PartitionType.RESERVED.guid(), "BOTTLEROCKET-RESERVED-A", l.reservedMiB()},
      {PartitionType.EFI_BACKUP.guid(), "EFI-BACKUP", l.efiMiB()},
      {PartitionType.BOOT.guid(), "BOTTLEROCKET-BOOT-B", l.bootMiB()},
      {PartitionType.ROOT.guid(), "BOTTLEROCKET-ROOT-B", l.rootMiB()},
      {PartitionType.HASH.guid(), "BOTTLEROCKET-HASH-B", l.hashMiB()},
      {PartitionType.RESERVED.guid(), "BOTTLEROCKET-RESERVED-B", l.reservedMiB()},
      {PartitionType.PRIVATE.guid(), "BOTTLEROCKET-PRIVATE", l.privateMiB()},
      {PartitionType.DATA.guid(), "", l.dataMiB()},
    };
    for (int i = 0; i < parts.length; i++) {
      int n = i + 1;
      a.add("-n");
      a.add(n + ":0:+" + parts[i][2] + "M");
      a.add("-t");
      a.add(n + ":" + parts[i][0]);
      if (!parts[i][1].toString().isEmpty()) {
        a.add("-c");
        a.add(n + ":" + parts[i][1]);
      }
      a.add("-u");
      a.add(n + ":" + unique.get(i));
    }
    a.addAll(List.of("-A", "3:set:48", "-A", "3:set:56", "--sort", disk.toString()));
    return a;
  }

  @Test
  void aDiskLaidOutBySgdiskReadsAsTheLayout() throws Exception {
    OsDiskLayout layout = OsDiskLayout.SMALL;
    Path disk = dir.resolve("sgdisk.img");
    FileBlockDevice.create(disk, layout.diskBytes(), 512).close();
    Random r = new Random(5);
    List<Guid> unique = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      unique.add(Guid.random(r));
    }
    Tool.Result made = Tool.run(sgdiskLayout(layout, disk, unique));
    assertEquals(0, made.exit(), made.output());

    GptTable ours = layout.table(512, new Random(5));
    try (FileBlockDevice d = FileBlockDevice.open(disk, OptionalInt.empty())) {
      GptTable t = GptTable.read(d);
      assertEquals(List.of(), t.damage());
      List<Partition> parts = t.partitions();
      assertEquals(13, parts.size());
      for (int i = 0; i < 13; i++) {
        Partition p = parts.get(i);
        Partition expected = ours.get(i + 1);
        assertEquals(i + 1, p.number());
        assertEquals(expected.typeGuid(), p.typeGuid(), "type of " + p.number());
        assertEquals(expected.name(), p.name());
        assertEquals(
            expected.firstLba(),
            p.firstLba(),
            "first LBA of " + p.number() + " (sgdisk aligns to 1 MiB as we do)");
        assertEquals(expected.lastLba(), p.lastLba(), "last LBA of " + p.number());
        assertEquals(unique.get(i), p.uniqueGuid(), "unique GUID of " + p.number());
      }
      assertEquals(GptPrio.NONE.withPriority(1).withSuccessful(true), parts.get(2).prio());
      assertEquals(t.lastUsableLba(), ours.lastUsableLba());
      assertEquals(t.firstUsableLba(), ours.firstUsableLba());

      PartitionState s = PartitionState.load(d, ActiveSetSource.fixed(SetSelect.A));
      assertEquals(unique.get(7), s.set(SetSelect.B).boot().uniqueGuid());
      s.markSuccessfulBoot();
      s.clearInactive();
      s.markInactiveValid();
      s.upgradeToInactive();
      s.write();
    }
    Tool.verified(disk.toString());
    assertEquals(List.of(49, 52), Tool.bitsShown(disk.toString(), 8), "B = (2, 1, 0)");
    assertEquals(List.of(48, 56), Tool.bitsShown(disk.toString(), 3), "A = (1, 0, 1)");
    assertEquals(List.of(57), Tool.bitsShown(disk.toString(), 12), "PRIVATE bit 57");
    String info = Tool.ok("sgdisk", "-i", "8", disk.toString());
    assertTrue(info.contains("Attribute flags: 0012000000000000"), info);
  }

  @Test
  void everyTableWeWritePassesVerifyAndShowsOurBits() throws Exception {
    Path disk = SparseDisk.create(dir.resolve("ours.img"), 512, 9);
    String path = disk.toString();
    Tool.verified(path);
    assertEquals(List.of(48, 56), Tool.bitsShown(path, 3));
    assertEquals(List.of(), Tool.bitsShown(path, 8));
    String printed = Tool.ok("sgdisk", "-p", path);
    assertTrue(printed.contains("BOTTLEROCKET-PRIVATE"), printed);
    assertTrue(printed.matches("(?s).*\\n\\s+13\\s+135168\\s+143359 .*"), printed);

    try (FileBlockDevice d = FileBlockDevice.open(disk, OptionalInt.empty())) {
      PartitionState s = PartitionState.load(d, ActiveSetSource.fixed(SetSelect.A));
      s.markInactiveValid();
      s.upgradeToInactive();
      s.write();
    }
    Tool.verified(path);
    assertEquals(List.of(49, 52), Tool.bitsShown(path, 8));
    assertEquals(List.of(48, 56), Tool.bitsShown(path, 3));

    try (FileBlockDevice d = FileBlockDevice.open(disk, OptionalInt.empty())) {
      PartitionState s = PartitionState.load(d, ActiveSetSource.fixed(SetSelect.B));
      s.rollbackToInactive();
      s.write();
    }
    Tool.verified(path);
    assertEquals(List.of(49, 56), Tool.bitsShown(path, 3), "A = (2, 0, 1)");
    assertEquals(List.of(48, 52), Tool.bitsShown(path, 8), "B = (1, 1, 0)");
  }

  @Test
  void aRepairedTablePassesVerify() throws Exception {
    Path disk = SparseDisk.create(dir.resolve("repair.img"), 512, 4);
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.seek(512 + 16);
      f.write(0x42);
    }
    String before = Tool.ok("sgdisk", "-v", disk.toString());
    assertTrue(before.contains("Main header: ERROR"), before);
    try (FileBlockDevice d = FileBlockDevice.open(disk, OptionalInt.empty())) {
      PartitionState s = PartitionState.load(d, ActiveSetSource.fixed(SetSelect.A));
      s.write();
    }
    Tool.verified(disk.toString());
  }

  @Test
  void aPrimaryEntryArrayAwayFromLba2StaysWhereItIs() throws Exception {
    Path disk = dir.resolve("moved-array.img");
    FileBlockDevice.create(disk, 80L << 20, 512).close();
    Tool.ok(
        "sgdisk",
        "--clear",
        "-n",
        "1:0:+10M",
        "-t",
        "1:" + PartitionType.BOOT.guid(),
        disk.toString());
    // sgdisk's expert option: the primary entries at LBA 64, not right after the header.
    Tool.ok("sgdisk", "-j", "64", disk.toString());
    try (FileBlockDevice d = FileBlockDevice.open(disk, OptionalInt.empty())) {
      GptTable t = GptTable.read(d);
      assertEquals(List.of(), t.damage());
      Partition p = t.get(1);
      t.withPrio(1, p.prio().withPriority(2).withTriesLeft(1)).write(d);
    }
    String out = Tool.ok("sgdisk", "-v", disk.toString());
    assertTrue(out.contains("No problems found"), out);
    assertTrue(!out.contains("Caution") && !out.contains("ERROR"), out);
    assertTrue(out.contains("partition table (sector 64)"), "the array stays at 64: " + out);
    assertEquals(List.of(49, 52), Tool.bitsShown(disk.toString(), 1));
  }

  @Test
  void fourKilobyteSectorsThroughALoopDevice() throws Exception {
    Path disk = SparseDisk.create(dir.resolve("4k.img"), 4096, 2);
    Tool.Result loop =
        Tool.run(List.of("losetup", "--show", "-f", "--sector-size", "4096", disk.toString()));
    Assumptions.assumeTrue(loop.exit() == 0, "needs root and a loop device: " + loop.output());
    String dev = loop.output().trim();
    try {
      Tool.verified(dev);
      assertTrue(Tool.ok("sgdisk", "-p", dev).contains("Sector size (logical/physical): 4096/"));
      try (FileBlockDevice d = FileBlockDevice.open(Path.of(dev), OptionalInt.empty())) {
        assertEquals(4096, d.sectorSize());
        assertEquals(OsDiskLayout.SMALL.diskBytes(), d.size());
        PartitionState s = PartitionState.load(d, ActiveSetSource.fixed(SetSelect.A));
        s.markSuccessfulBoot();
        s.markInactiveValid();
        s.upgradeToInactive();
        s.write();
      }
      Tool.verified(dev);
      assertEquals(List.of(49, 52), Tool.bitsShown(dev, 8));
      assertEquals(List.of(57), Tool.bitsShown(dev, 12));
    } finally {
      Tool.ok("losetup", "-d", dev);
    }
  }
}
