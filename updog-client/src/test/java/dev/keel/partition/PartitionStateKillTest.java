package dev.keel.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Power loss at every write and sync of {@link PartitionState#write()}: afterwards the disk reads
 * as the old table or the new one (never something else, never unreadable), and the next write
 * repairs whatever copy was torn.
 */
class PartitionStateKillTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {512, 4096})
  void aWriteKilledAtAnyPointLeavesTheOldOrTheNewTable(int ss) throws Exception {
    Path pristine = SparseDisk.create(dir.resolve("pristine.img"), ss, 11);
    // MBR is present, so a write is: backup entries, backup header, sync, primary entries, primary
    // header, sync.
    int operations = 6;
    for (int dieAfter = 0; dieAfter <= operations; dieAfter++) {
      Path disk =
          Files.copy(
              pristine,
              dir.resolve("disk-" + dieAfter + ".img"),
              StandardCopyOption.REPLACE_EXISTING);
      GptPrio oldB;
      GptPrio newB;
      try (FileBlockDevice real = FileBlockDevice.open(disk, OptionalInt.of(ss))) {
        DyingDevice dying = new DyingDevice(real, dieAfter);
        PartitionState s = PartitionState.load(dying, ActiveSetSource.fixed(SetSelect.A));
        oldB = s.set(SetSelect.B).prio();
        s.markInactiveValid();
        s.upgradeToInactive();
        newB = s.set(SetSelect.B).prio();
        if (dieAfter < operations) {
          assertThrows(DiskIoException.class, s::write, "dies after " + dieAfter);
        } else {
          s.write();
        }
      }
      try (FileBlockDevice real = FileBlockDevice.open(disk, OptionalInt.empty())) {
        assertEquals(ss, real.sectorSize());
        PartitionState after = PartitionState.load(real, ActiveSetSource.fixed(SetSelect.A));
        GptPrio b = after.set(SetSelect.B).prio();
        assertTrue(b.equals(oldB) || b.equals(newB), "after " + dieAfter + " operations B is " + b);
        // Up to the first sync, the primary is untouched: the old table. After it, the new one.
        assertEquals(dieAfter >= 3 ? newB : oldB, b, "after " + dieAfter + " operations");
        after.write();
        assertEquals(
            java.util.List.of(), GptTable.read(real).damage(), "repaired after " + dieAfter);
      }
    }
  }
}
