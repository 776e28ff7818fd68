package dev.keel.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Power loss at every write and sync of {@link PartitionState#write()}, with the fatal write torn
 * at several points: afterwards the disk reads as the old table or the new one (never something
 * else, never unreadable), at most one copy is damaged, {@code sgdisk -v} agrees with {@link
 * GptTable#damage()} about whether anything is, and the next write repairs it.
 */
class PartitionStateKillTest {
  @TempDir Path dir;

  /** How much of the fatal write reaches the disk: nothing, one sector, half, all but one. */
  private static final List<IntUnaryOperator> TEARS =
      List.of(n -> 0, n -> Math.min(1, n), n -> n / 2, n -> Math.max(0, n - 1));

  @ParameterizedTest
  @ValueSource(ints = {512, 4096})
  void aWriteKilledAtAnyPointLeavesTheOldOrTheNewTable(int ss) throws Exception {
    Path pristine = SparseDisk.create(dir.resolve("pristine.img"), ss, 11);
    // MBR is present, so a write is: the backup copy (entries and header in one write), sync, the
    // primary copy (header and entries), sync.
    int operations = 4;
    for (int dieAfter = 0; dieAfter <= operations; dieAfter++) {
      for (int tear = 0; tear < TEARS.size(); tear++) {
        String context = "after " + dieAfter + " operations, tear " + tear;
        Path disk =
            Files.copy(
                pristine,
                dir.resolve("disk-" + dieAfter + "-" + tear + ".img"),
                StandardCopyOption.REPLACE_EXISTING);
        GptPrio oldB;
        GptPrio newB;
        try (FileBlockDevice real = FileBlockDevice.open(disk, OptionalInt.of(ss))) {
          DyingDevice dying = new DyingDevice(real, dieAfter, TEARS.get(tear));
          PartitionState s = PartitionState.load(dying, ActiveSetSource.fixed(SetSelect.A));
          oldB = s.set(SetSelect.B).prio();
          s.markInactiveValid();
          s.upgradeToInactive();
          newB = s.set(SetSelect.B).prio();
          if (dieAfter < operations) {
            assertThrows(DiskIoException.class, s::write, context);
          } else {
            s.write();
          }
        }
        try (FileBlockDevice real = FileBlockDevice.open(disk, OptionalInt.empty())) {
          assertEquals(ss, real.sectorSize());
          GptTable read = GptTable.read(real);
          PartitionState after = PartitionState.load(real, ActiveSetSource.fixed(SetSelect.A));
          GptPrio b = after.set(SetSelect.B).prio();
          assertTrue(b.equals(oldB) || b.equals(newB), context + ": B is " + b);
          // Until the primary's write puts anything on the disk, the primary holds the old table
          // and wins; once it is torn or written, the table read is the new one (the backup's, or
          // the primary's). Tear 0 puts nothing on the disk.
          boolean primaryTouched = dieAfter > 2 || (dieAfter == 2 && tear > 0);
          assertEquals(primaryTouched ? newB : oldB, b, context);
          if (ss == 512) {
            // sgdisk sees 512-byte sectors in a file only; 4 KiB ones need a loop device
            // (SgdiskCrossCheckIT).
            Tool.GptCheck check = Tool.verifiedOrOneCopyDamaged(disk.toString());
            assertEquals(
                read.damage().isEmpty(),
                check == Tool.GptCheck.CLEAN,
                context + ": sgdisk says " + check + ", the table read lists " + read.damage());
          }
          after.write();
          assertEquals(List.of(), GptTable.read(real).damage(), "repaired " + context);
        }
        if (ss == 512) {
          Tool.verified(disk.toString());
        }
      }
    }
  }
}
