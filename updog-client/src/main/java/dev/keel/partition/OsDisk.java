package dev.keel.partition;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Opens the OS disk of a host whose paths start at {@code root}: the {@code --disk} the user named
 * (a block device or a disk-image file), else the disk holding the partition under {@code <root>/}
 * (spec §4.3, through {@link RootDevice}). The same code serves a real host ({@code root = /}) and
 * a simulated one (a host directory with {@code disk.img}).
 */
public final class OsDisk {
  private OsDisk() {}

  /**
   * @param disk the disk, if named; otherwise found through sysfs under {@code root}
   * @param sectorSize the logical sector size, or empty to detect it
   * @throws DiskIoException if the disk cannot be opened
   * @throws ActiveSetNotFoundException if no disk was named and sysfs does not lead to one
   */
  public static FileBlockDevice open(Path root, Optional<Path> disk, OptionalInt sectorSize)
      throws PartitionException {
    Path path = disk.isPresent() ? disk.get() : RootDevice.of(root).disk();
    try {
      return FileBlockDevice.open(path, sectorSize);
    } catch (NoSuchFileException e) {
      throw new DiskIoException(
          path, "opening the disk", new IOException("no such file or device", e));
    } catch (AccessDeniedException e) {
      throw new DiskIoException(
          path,
          "opening the disk",
          new IOException("permission denied (signpost needs to read and write it)", e));
    } catch (IOException e) {
      throw new DiskIoException(path, "opening the disk", e);
    }
  }

  /**
   * How status names a partition: the kernel's device name for a block device, {@code FILE#N} for
   * an image.
   */
  public static String partitionName(Path disk, int number) {
    if (Files.isRegularFile(disk)) {
      return disk + "#" + number;
    }
    String d = disk.toString();
    return d + (Character.isDigit(d.charAt(d.length() - 1)) ? "p" : "") + number;
  }
}
