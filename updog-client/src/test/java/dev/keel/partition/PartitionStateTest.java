package dev.keel.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every §4.4 transition, its precondition, and that only write() reaches the disk. Flags are
 * (priority, tries, successful).
 */
class PartitionStateTest {
  @TempDir Path dir;
  private Path disk;
  private FileBlockDevice device;

  @BeforeEach
  void disk() throws Exception {
    disk = SparseDisk.create(dir.resolve("disk.img"), 512, 3);
    device = FileBlockDevice.open(disk, OptionalInt.empty());
  }

  @AfterEach
  void close() throws Exception {
    device.close();
  }

  private PartitionState state(SetSelect active) throws PartitionException {
    return PartitionState.load(device, ActiveSetSource.fixed(active));
  }

  /** Sets A and B to the given flags, on disk. */
  private void flags(int[] a, int[] b) throws PartitionException {
    GptTable t = GptTable.read(device);
    t = t.withPrio(3, prio(a)).withPrio(8, prio(b));
    t.write(device);
  }

  private static GptPrio prio(int[] f) {
    return GptPrio.NONE.withPriority(f[0]).withTriesLeft(f[1]).withSuccessful(f[2] == 1);
  }

  private static void assertFlags(
      PartitionState s, SetSelect which, int priority, int tries, boolean successful)
      throws PartitionException {
    GptPrio p = s.set(which).prio();
    assertEquals(
        List.of(priority, tries, successful),
        List.of(p.priority(), p.triesLeft(), p.successful()),
        which + ": " + p);
  }

  @Test
  void loadFindsTheSetsByType() throws Exception {
    PartitionState s = state(SetSelect.A);
    assertEquals(SetSelect.A, s.active());
    assertEquals(SetSelect.B, s.inactive());
    PartitionSet a = s.set(SetSelect.A);
    PartitionSet b = s.set(SetSelect.B);
    assertEquals(
        List.of(3, 4, 5), List.of(a.boot().number(), a.root().number(), a.hash().number()));
    assertEquals(
        List.of(8, 9, 10), List.of(b.boot().number(), b.root().number(), b.hash().number()));
    assertEquals(12, s.layout().privatePartition().number());
    assertFlags(s, SetSelect.A, 1, 0, true);
    assertFlags(s, SetSelect.B, 0, 0, false);
    assertEquals(Optional.of(SetSelect.A), s.next());
    assertFalse(s.bootHasEverSucceeded());
  }

  @Test
  void transitionsChangeMemoryOnlyUntilWrite() throws Exception {
    PartitionState s = state(SetSelect.A);
    s.markInactiveValid();
    s.upgradeToInactive();
    assertFlags(s, SetSelect.B, 2, 1, false);
    assertFlags(state(SetSelect.A), SetSelect.B, 0, 0, false);
    s.write();
    assertFlags(state(SetSelect.A), SetSelect.B, 2, 1, false);
    assertFlags(state(SetSelect.A), SetSelect.A, 1, 0, true);
  }

  @Test
  void markSuccessfulBootSetsSuccessfulAndPrivateBit57() throws Exception {
    flags(new int[] {1, 0, 1}, new int[] {2, 0, 0});
    PartitionState s = state(SetSelect.B);
    s.markSuccessfulBoot();
    assertFlags(s, SetSelect.B, 2, 0, true);
    assertFlags(s, SetSelect.A, 1, 0, true);
    assertTrue(s.bootHasEverSucceeded());
    assertEquals(0x0200_0000_0000_0000L, s.layout().privatePartition().attributes());
  }

  @Test
  void clearInactiveZeroesItsFlags() throws Exception {
    flags(new int[] {2, 0, 1}, new int[] {1, 3, 1});
    PartitionState s = state(SetSelect.A);
    s.clearInactive();
    assertFlags(s, SetSelect.B, 0, 0, false);
    assertFlags(s, SetSelect.A, 2, 0, true);
  }

  @Test
  void markInactiveValidSetsOneTryAndKeepsPriority() throws Exception {
    flags(new int[] {1, 0, 1}, new int[] {3, 0, 0});
    PartitionState s = state(SetSelect.A);
    s.markInactiveValid();
    assertFlags(s, SetSelect.B, 3, 1, false);
  }

  @Test
  void upgradeToInactive() throws Exception {
    flags(new int[] {1, 0, 1}, new int[] {0, 1, 0});
    PartitionState s = state(SetSelect.A);
    s.upgradeToInactive();
    assertFlags(s, SetSelect.B, 2, 1, false);
    assertFlags(s, SetSelect.A, 1, 0, true);
    assertEquals(Optional.of(SetSelect.B), s.next());
  }

  @Test
  void upgradeToInactiveRefusesASetAlreadyMarked() throws Exception {
    flags(new int[] {1, 0, 1}, new int[] {2, 1, 0});
    AlreadyMarkedForUpgradeException e =
        assertThrows(
            AlreadyMarkedForUpgradeException.class, () -> state(SetSelect.A).upgradeToInactive());
    assertEquals(SetSelect.B, e.inactive());
    flags(new int[] {1, 0, 1}, new int[] {0, 1, 1});
    assertThrows(
        AlreadyMarkedForUpgradeException.class, () -> state(SetSelect.A).upgradeToInactive());
  }

  @Test
  void upgradeToInactiveRefusesASetNeverMarkedValid() throws Exception {
    PartitionState s = state(SetSelect.A);
    InactiveNotValidException e =
        assertThrows(InactiveNotValidException.class, s::upgradeToInactive);
    assertEquals(
        "inactive set B has not been marked valid (priority=0 tries_left=0 successful=false)",
        e.getMessage());
    assertFlags(s, SetSelect.A, 1, 0, true);
  }

  @Test
  void cancelUpgradeKeepsTries() throws Exception {
    flags(new int[] {1, 0, 1}, new int[] {2, 1, 0});
    PartitionState s = state(SetSelect.A);
    s.cancelUpgrade();
    assertFlags(s, SetSelect.B, 0, 1, false);
    assertFlags(s, SetSelect.A, 2, 0, true);
    assertEquals(Optional.of(SetSelect.A), s.next());
  }

  @Test
  void rollbackToInactiveKeepsActiveSuccessful() throws Exception {
    flags(new int[] {1, 0, 1}, new int[] {2, 0, 1});
    PartitionState s = state(SetSelect.B);
    s.rollbackToInactive();
    assertFlags(s, SetSelect.A, 2, 0, true);
    assertFlags(s, SetSelect.B, 1, 0, true);
    assertEquals(Optional.of(SetSelect.A), s.next());
  }

  @Test
  void rollbackToInactiveRefusesASetThatWouldNotBoot() throws Exception {
    flags(new int[] {1, 0, 1}, new int[] {2, 0, 0});
    PartitionState s = state(SetSelect.A);
    RollbackNotPossibleException e =
        assertThrows(RollbackNotPossibleException.class, s::rollbackToInactive);
    assertEquals(
        "inactive set B is not valid to roll back to (priority=2 tries_left=0 successful=false)",
        e.getMessage());
  }

  @Test
  void nextPrefersHigherPriorityAndTiesGoToA() throws Exception {
    flags(new int[] {1, 0, 1}, new int[] {1, 1, 0});
    assertEquals(Optional.of(SetSelect.A), state(SetSelect.A).next());
    flags(new int[] {1, 0, 1}, new int[] {2, 1, 0});
    assertEquals(Optional.of(SetSelect.B), state(SetSelect.A).next());
    flags(new int[] {1, 0, 0}, new int[] {2, 0, 0});
    assertEquals(Optional.empty(), state(SetSelect.A).next());
    flags(new int[] {0, 0, 0}, new int[] {0, 0, 1});
    assertEquals(
        Optional.of(SetSelect.B),
        state(SetSelect.A).next(),
        "signpost counts successful at priority 0");
  }

  @Test
  void singleLayoutHasNoInactiveSet() throws Exception {
    GptTable t = GptTable.read(device);
    // Turn bank B's BOOT into a RESERVED partition: one BOOT left, a single layout.
    Partition bootB = t.get(8);
    t =
        t.withPartition(
            new Partition(
                8,
                PartitionType.RESERVED.guid(),
                bootB.uniqueGuid(),
                "X",
                bootB.firstLba(),
                bootB.lastLba(),
                0));
    PartitionState s = PartitionState.of(device, t, ActiveSetSource.fixed(SetSelect.A));
    assertFalse(s.layout().dual());
    assertThrows(SingleLayoutException.class, s::inactive);
    assertThrows(SingleLayoutException.class, s::clearInactive);
    assertThrows(SingleLayoutException.class, s::markInactiveValid);
    assertThrows(SingleLayoutException.class, s::upgradeToInactive);
    assertThrows(SingleLayoutException.class, s::cancelUpgrade);
    assertThrows(SingleLayoutException.class, s::rollbackToInactive);
    s.markSuccessfulBoot();
    assertEquals(Optional.of(SetSelect.A), s.next());
    assertThrows(
        ActiveSetNotFoundException.class,
        () ->
            PartitionState.of(
                device,
                GptTable.read(device)
                    .withPartition(
                        new Partition(
                            8,
                            PartitionType.RESERVED.guid(),
                            bootB.uniqueGuid(),
                            "X",
                            bootB.firstLba(),
                            bootB.lastLba(),
                            0)),
                ActiveSetSource.fixed(SetSelect.B)));
  }

  @Test
  void missingPrivateOrRootIsAClearError() throws Exception {
    GptTable t = GptTable.read(device);
    Partition priv = t.get(12);
    GptTable noPrivate =
        t.withPartition(
            new Partition(
                12,
                PartitionType.RESERVED.guid(),
                priv.uniqueGuid(),
                "",
                priv.firstLba(),
                priv.lastLba(),
                0));
    MissingPartitionException e =
        assertThrows(
            MissingPartitionException.class,
            () -> PartitionState.of(device, noPrivate, ActiveSetSource.fixed(SetSelect.A)));
    assertTrue(e.getMessage().contains("BOTTLEROCKET-PRIVATE"), e.getMessage());
    Partition rootB = t.get(9);
    GptTable noRootB =
        t.withPartition(
            new Partition(
                9,
                PartitionType.RESERVED.guid(),
                rootB.uniqueGuid(),
                "",
                rootB.firstLba(),
                rootB.lastLba(),
                0));
    e =
        assertThrows(
            MissingPartitionException.class,
            () -> PartitionState.of(device, noRootB, ActiveSetSource.fixed(SetSelect.A)));
    assertEquals(
        "set B has a BOOT partition but no ROOT (type 5526016a-1a97-4ea4-b39a-b7c8c6ca4502)",
        e.getMessage());
  }

  @Test
  void transitionsNeverTouchOtherBitsOrFields() throws Exception {
    GptTable t = GptTable.read(device);
    long uefi = 0x9000_0000_0000_0007L;
    for (int n : new int[] {3, 8, 12}) {
      Partition p = t.get(n);
      t = t.withPartition(p.withPrio(new GptPrio(p.attributes() | uefi)));
    }
    t.write(device);
    List<Partition> before = GptTable.read(device).partitions();
    PartitionState s = state(SetSelect.A);
    s.clearInactive();
    s.markInactiveValid();
    s.upgradeToInactive();
    s.cancelUpgrade();
    s.upgradeToInactive();
    s.rollbackToInactive();
    s.markSuccessfulBoot();
    s.write();
    List<Partition> after = GptTable.read(device).partitions();
    for (int i = 0; i < before.size(); i++) {
      Partition b = before.get(i);
      Partition a = after.get(i);
      assertEquals(
          b.withPrio(GptPrio.NONE), a.withPrio(GptPrio.NONE), "only attributes may change");
      assertEquals(
          b.attributes() & ~GptPrio.GPTPRIO_MASK,
          a.attributes() & ~GptPrio.GPTPRIO_MASK,
          "partition " + b.number());
    }
  }
}
