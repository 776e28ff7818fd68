package dev.keel.updog;

import dev.keel.partition.ActiveSetSource;
import dev.keel.partition.FileBlockDevice;
import dev.keel.partition.OsDisk;
import dev.keel.partition.Partition;
import dev.keel.partition.PartitionException;
import dev.keel.partition.PartitionSet;
import dev.keel.partition.PartitionState;
import dev.keel.partition.SetSelect;
import dev.keel.updog.error.DiskException;
import dev.keel.updog.install.ImageKind;
import dev.keel.updog.install.InstallPlan;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The OS disk as updog uses it: signpost's {@link PartitionState}, loaded once, with every
 * partition-library failure turned into a {@link DiskException} naming the disk.
 */
final class HostDisk implements AutoCloseable {
  private final FileBlockDevice device;
  private final PartitionState state;

  private HostDisk(FileBlockDevice device, PartitionState state) {
    this.device = device;
    this.state = state;
  }

  /** Opens {@code --disk}, or the disk under the host's {@code /}, and reads its GPT. */
  static HostDisk open(HostPaths paths) throws DiskException {
    FileBlockDevice device;
    try {
      device = OsDisk.open(paths.root(), paths.disk(), OptionalInt.empty());
    } catch (PartitionException e) {
      throw new DiskException("cannot open the OS disk: " + e.getMessage(), e);
    }
    try {
      return new HostDisk(device, PartitionState.load(device, ActiveSetSource.host(paths.root())));
    } catch (PartitionException e) {
      closeQuietly(device);
      throw new DiskException(device.path() + ": " + e.getMessage(), e);
    }
  }

  PartitionState state() {
    return state;
  }

  Path path() {
    return device.path();
  }

  FileChannel channel() {
    return device.channel();
  }

  /** A flag change of {@link PartitionState}, in memory. */
  @FunctionalInterface
  interface Change {
    void apply(PartitionState state) throws PartitionException;
  }

  /** Applies {@code change} in memory and writes the GPT. */
  void change(Change change) throws DiskException {
    try {
      change.apply(state);
      state.write();
    } catch (PartitionException e) {
      throw new DiskException(device.path() + ": " + e.getMessage(), e);
    }
  }

  /** The inactive set. */
  SetSelect inactive() throws DiskException {
    try {
      return state.inactive();
    } catch (PartitionException e) {
      throw new DiskException(
          "Could not find inactive partition set on " + device.path() + ": " + e.getMessage(), e);
    }
  }

  /** The inactive set's partitions, by image. */
  Map<ImageKind, InstallPlan.Region> inactiveRegions() throws DiskException {
    SetSelect which = inactive();
    PartitionSet set;
    try {
      set = state.set(which);
    } catch (PartitionException e) {
      throw new DiskException(device.path() + ": " + e.getMessage(), e);
    }
    Map<ImageKind, InstallPlan.Region> regions = new EnumMap<>(ImageKind.class);
    regions.put(ImageKind.ROOT, region(which, "root", set.root()));
    regions.put(ImageKind.BOOT, region(which, "boot", set.boot()));
    regions.put(ImageKind.HASH, region(which, "hash", set.hash()));
    return regions;
  }

  private InstallPlan.Region region(SetSelect set, String kind, Partition p) {
    int sector = device.sectorSize();
    return new InstallPlan.Region(
        set + " " + kind + " (partition " + p.number() + " of " + device.path() + ")",
        p.byteOffset(sector),
        p.byteLength(sector));
  }

  private static void closeQuietly(FileBlockDevice device) {
    try {
      device.close();
    } catch (IOException ignored) {
      // already failing
    }
  }

  @Override
  public void close() throws IOException {
    device.close();
  }
}
