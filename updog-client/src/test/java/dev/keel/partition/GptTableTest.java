package dev.keel.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GptTableTest {
  @TempDir Path dir;

  private Path disk(int sectorSize) throws Exception {
    return SparseDisk.create(dir.resolve("disk-" + sectorSize + ".img"), sectorSize, 7);
  }

  private static GptTable read(Path disk) throws Exception {
    try (FileBlockDevice d = FileBlockDevice.open(disk, OptionalInt.empty())) {
      return GptTable.read(d);
    }
  }

  private static void write(Path disk, GptTable t) throws Exception {
    try (FileBlockDevice d = FileBlockDevice.open(disk, OptionalInt.empty())) {
      t.write(d);
    }
  }

  private static void poke(Path disk, long offset, int value) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.seek(offset);
      f.write(value);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 4096})
  void roundTrip(int ss) throws Exception {
    Path disk = disk(ss);
    assertTrue(Files.size(disk) > 50 << 20);
    GptTable t = read(disk);
    assertEquals(ss, t.sectorSize());
    assertEquals(List.of(), t.damage());
    List<Partition> parts = t.partitions();
    assertEquals(13, parts.size());
    assertEquals("BOTTLEROCKET-BOOT-A", parts.get(2).name());
    assertEquals(3, parts.get(2).number());
    assertEquals(0x0101_0000_0000_0000L, parts.get(2).attributes());
    assertEquals((1L + 1 + 1) << 20, parts.get(2).byteOffset(ss), "BIOS and EFI-A before BOOT-A");
    assertEquals(4L << 20, parts.get(2).byteLength(ss));
    assertEquals(OsDiskLayout.DATA_PREFERRED, parts.get(12).uniqueGuid());
    assertEquals(Files.size(disk) / ss - 1, t.backupHeaderLba());

    GptTable changed = t.withPrio(8, GptPrio.NONE.withPriority(2).withTriesLeft(1));
    write(disk, changed);
    GptTable back = read(disk);
    assertEquals(changed.partitions(), back.partitions());
    assertEquals(t.diskGuid(), back.diskGuid());
    assertEquals(List.of(), back.damage());
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 4096})
  void damagedPrimaryHeaderIsRepairedFromTheBackup(int ss) throws Exception {
    Path disk = disk(ss);
    GptTable good = read(disk);
    poke(disk, ss + 16, 0x55); // header CRC byte
    GptTable t = read(disk);
    assertEquals(List.of("primary GPT at LBA 1: header CRC32 mismatch"), t.damage());
    assertEquals(good.partitions(), t.partitions());
    write(disk, t);
    assertEquals(List.of(), read(disk).damage());
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 4096})
  void damagedPrimaryEntriesAreRepairedFromTheBackup(int ss) throws Exception {
    Path disk = disk(ss);
    GptTable good = read(disk);
    poke(disk, 2L * ss + 128 * 2 + 60, 'X'); // a name character of entry 3
    GptTable t = read(disk);
    assertEquals(List.of("primary GPT at LBA 1: entry array CRC32 mismatch"), t.damage());
    assertEquals(good.partitions(), t.partitions());
    write(disk, t);
    GptTable repaired = read(disk);
    assertEquals(List.of(), repaired.damage());
    assertEquals("BOTTLEROCKET-BOOT-A", repaired.get(3).name());
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 4096})
  void damagedBackupIsRepairedFromThePrimary(int ss) throws Exception {
    Path disk = disk(ss);
    long last = Files.size(disk) - ss;
    poke(disk, last, 'x'); // the backup's signature
    GptTable t = read(disk);
    assertEquals(
        List.of("backup GPT at LBA " + (last / ss) + ": no \"EFI PART\" signature"), t.damage());
    write(disk, t);
    assertEquals(List.of(), read(disk).damage());
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 4096})
  void primaryHeaderAtTheWrongLbaIsDamaged(int ss) throws Exception {
    Path disk = disk(ss);
    // A copy of the backup header put in LBA 1: valid CRC, but it says it lives in the last sector.
    byte[] backup = new byte[ss];
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.seek(f.length() - ss);
      f.readFully(backup);
      f.seek(ss);
      f.write(backup);
    }
    GptTable t = read(disk);
    assertEquals(1, t.damage().size());
    assertTrue(
        t.damage()
            .get(0)
            .contains("header at LBA 1 says it is at LBA " + (Files.size(disk) / ss - 1)),
        t.damage().toString());
    write(disk, t);
    assertEquals(List.of(), read(disk).damage());
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 4096})
  void primaryPointingItsBackupPastTheDiskIsDamaged(int ss) throws Exception {
    Path disk = disk(ss);
    GptTable good = read(disk);
    // A validly checksummed primary header whose backup LBA lies beyond the disk's end.
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      byte[] h = new byte[92];
      f.seek(ss);
      f.readFully(h);
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      b.putLong(32, f.length() / ss + 100);
      b.putInt(16, 0);
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(h);
      b.putInt(16, (int) crc.getValue());
      f.seek(ss);
      f.write(h);
    }
    GptTable t = read(disk);
    assertEquals(1, t.damage().size());
    assertTrue(
        t.damage().get(0).startsWith("primary GPT at LBA 1: backup header LBA "),
        t.damage().toString());
    assertEquals(good.partitions(), t.partitions());
    write(disk, t);
    assertEquals(List.of(), read(disk).damage());
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 4096})
  void staleBackupIsRewrittenFromThePrimary(int ss) throws Exception {
    Path disk = disk(ss);
    GptTable old = read(disk);
    // A valid but older backup: write a changed table, then put the old backup copy back.
    long backupStart = Files.size(disk) - ss - 128L * 128;
    byte[] oldBackup = new byte[(int) (Files.size(disk) - backupStart)];
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "r")) {
      f.seek(backupStart);
      f.readFully(oldBackup);
    }
    GptTable changed = old.withPrio(8, GptPrio.NONE.withTriesLeft(1));
    write(disk, changed);
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.seek(backupStart);
      f.write(oldBackup);
    }
    GptTable t = read(disk);
    assertTrue(t.damage().get(0).contains("is stale"), t.damage().toString());
    assertEquals(changed.partitions(), t.partitions(), "the primary wins");
    write(disk, t);
    assertEquals(List.of(), read(disk).damage());
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 4096})
  void bothCopiesDamagedIsRefusedAndNothingIsWritten(int ss) throws Exception {
    Path disk = disk(ss);
    poke(disk, ss + 16, 0x55);
    poke(disk, Files.size(disk) - ss + 16, 0x55);
    byte[] before = Files.readAllBytes(disk);
    NoValidGptException e = assertThrows(NoValidGptException.class, () -> read(disk));
    assertEquals("header CRC32 mismatch", e.primaryProblem());
    assertEquals("header CRC32 mismatch", e.backupProblem());
    assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(disk));
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 4096})
  void sectorSizeIsDetectedFromEitherCopy(int ss) throws Exception {
    Path disk = disk(ss);
    poke(disk, ss, 'x');
    try (FileBlockDevice d = FileBlockDevice.open(disk, OptionalInt.empty())) {
      assertEquals(ss, d.sectorSize());
    }
  }

  @org.junit.jupiter.api.Test
  void aMissingProtectiveMbrIsWrittenBack() throws Exception {
    Path disk = disk(512);
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.write(new byte[512]);
    }
    GptTable t = read(disk);
    assertEquals(List.of("no protective MBR in LBA 0"), t.damage());
    write(disk, t);
    assertEquals(List.of(), read(disk).damage());
    Tool.verified(disk.toString());
  }

  @org.junit.jupiter.api.Test
  void aBlankDiskIsNotAGpt() throws Exception {
    Path disk = dir.resolve("blank.img");
    FileBlockDevice.create(disk, 8 << 20, 512).close();
    NoValidGptException e = assertThrows(NoValidGptException.class, () -> read(disk));
    assertEquals("no \"EFI PART\" signature", e.primaryProblem());
  }

  @org.junit.jupiter.api.Test
  void gptprioChangesCannotTouchOtherBits() throws Exception {
    GptTable t = read(disk(512));
    assertThrows(
        IllegalArgumentException.class, () -> t.withPrio(3, new GptPrio(0x0101_0000_0000_0001L)));
  }

  @org.junit.jupiter.api.Test
  void overlappingPartitionsAreRefused() throws Exception {
    GptTable t = read(disk(512));
    Partition p = t.get(4);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            t.withPartition(
                new Partition(
                    20, p.typeGuid(), p.uniqueGuid(), "x", p.firstLba(), p.firstLba(), 0)));
  }
}
