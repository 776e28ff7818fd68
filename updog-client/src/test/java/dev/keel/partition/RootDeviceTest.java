package dev.keel.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The active set from the device under {@code /} (§4.3 steps 1–3), through a sysfs tree laid out
 * under the host root as the kernel lays it out: {@code /sys/dev/block/M:m} links to the dm-verity
 * device, whose {@code slaves/} link to the running set's ROOT and HASH partitions.
 */
class RootDeviceTest {
  @TempDir Path root;
  private String majorMinor;

  @BeforeEach
  void sysfs() throws Exception {
    long dev = ((Number) Files.getAttribute(root, "unix:dev")).longValue();
    long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    majorMinor = major + ":" + minor;
  }

  /** dm-0 over partitions {@code slaves} of nvme0n1; {@code /} is on dm-0. */
  private void verityOver(int... slaves) throws Exception {
    Path disk = Files.createDirectories(root.resolve("sys/devices/pci0000:00/nvme/nvme0/nvme0n1"));
    Path dm = Files.createDirectories(root.resolve("sys/devices/virtual/block/dm-0/slaves"));
    for (int n : slaves) {
      Path part = Files.createDirectories(disk.resolve("nvme0n1p" + n));
      Files.writeString(part.resolve("partition"), n + "\n");
      Files.createSymbolicLink(dm.resolve("nvme0n1p" + n), part);
    }
    Files.createDirectories(root.resolve("sys/dev/block"));
    Files.createSymbolicLink(root.resolve("sys/dev/block/" + majorMinor), dm.getParent());
  }

  @Test
  void theFirstSlaveOfTheVerityDeviceNamesTheDiskAndPartition() throws Exception {
    verityOver(9, 10);
    RootDevice d = RootDevice.of(root);
    // Both slaves belong to the running set; the first by name ("nvme0n1p10" < "nvme0n1p9")
    // decides.
    assertEquals(new RootDevice(root.resolve("dev/nvme0n1"), 10), d);
  }

  @Test
  void itPicksTheActiveSet() throws Exception {
    verityOver(4, 5);
    SetLayout layout = SetLayout.of(OsDiskLayout.SMALL.table(512, new java.util.Random(2)));
    assertEquals(SetSelect.A, RootDevice.of(root).activeSet(layout));
    assertEquals(
        SetSelect.A, ActiveSetSource.host(root).find(layout), "no proc/cmdline: sysfs decides");
  }

  @Test
  void aPartitionInNoSetIsAClearError() throws Exception {
    verityOver(12);
    SetLayout layout = SetLayout.of(OsDiskLayout.SMALL.table(512, new java.util.Random(2)));
    ActiveSetNotFoundException e =
        assertThrows(ActiveSetNotFoundException.class, () -> RootDevice.of(root).activeSet(layout));
    assertEquals(
        "active partition 12 of "
            + root.resolve("dev/nvme0n1")
            + " is not in either detected partition set",
        e.getMessage());
  }

  @Test
  void noSysfsIsAClearError() {
    ActiveSetNotFoundException e =
        assertThrows(ActiveSetNotFoundException.class, () -> RootDevice.of(root));
    assertTrue(
        e.getMessage().contains("has no " + root.resolve("sys/dev/block/" + majorMinor)),
        e.getMessage());
  }
}
