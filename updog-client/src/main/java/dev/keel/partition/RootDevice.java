package dev.keel.partition;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The OS disk and the running partition, found the way signpost's {@code State::load} does (spec
 * §4.3 steps 1–3): the device of {@code /} (the dm-verity device), its first slave (a ROOT or HASH
 * partition of the running set), and the disk that partition belongs to, all through sysfs under
 * {@code root}. A root filesystem directly on a partition (no dm-verity) is that partition.
 *
 * @param disk the disk's device node, e.g. {@code /dev/nvme0n1}
 * @param partitionNumber the running partition's number on that disk
 */
public record RootDevice(Path disk, int partitionNumber) {
  /**
   * @throws ActiveSetNotFoundException if sysfs does not lead from {@code <root>/} to a partition
   */
  public static RootDevice of(Path root) throws ActiveSetNotFoundException {
    try {
      long dev = ((Number) Files.getAttribute(root, "unix:dev")).longValue();
      // glibc's major()/minor() of a Linux dev_t
      long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
      long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
      Path block = root.resolve("sys/dev/block/" + major + ":" + minor);
      if (!Files.isDirectory(block)) {
        throw new ActiveSetNotFoundException(
            "the device under " + root + " (" + major + ":" + minor + ") has no " + block);
      }
      Path partition = block;
      Path slaves = block.resolve("slaves");
      if (Files.isDirectory(slaves)) {
        List<Path> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(slaves)) {
          ds.forEach(names::add);
        }
        names.sort(null);
        if (!names.isEmpty()) {
          partition = names.get(0);
        }
      }
      Path real = partition.toRealPath();
      Path number = real.resolve("partition");
      if (!Files.isRegularFile(number)) {
        throw new ActiveSetNotFoundException(real + " is not a partition (no 'partition' file)");
      }
      String diskName = real.getParent().getFileName().toString();
      return new RootDevice(
          root.resolve("dev/" + diskName), Integer.parseInt(Files.readString(number).trim()));
    } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
      throw new ActiveSetNotFoundException(
          "cannot find the partition under " + root + " through sysfs: " + e);
    }
  }

  /** The set holding the running partition. */
  public SetSelect activeSet(SetLayout sets) throws ActiveSetNotFoundException {
    return sets.setOf(partitionNumber)
        .orElseThrow(
            () ->
                new ActiveSetNotFoundException(
                    "active partition "
                        + partitionNumber
                        + " of "
                        + disk
                        + " is not in either detected partition set"));
  }
}
