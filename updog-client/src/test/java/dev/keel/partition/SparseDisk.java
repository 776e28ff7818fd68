package dev.keel.partition;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** Sparse disk-image files with the Bottlerocket layout, written by our own {@link GptTable}. */
public final class SparseDisk {
  private SparseDisk() {}

  /** A {@link OsDiskLayout#SMALL} disk at {@code path}, GUIDs drawn from {@code seed}. */
  public static Path create(Path path, int sectorSize, long seed)
      throws IOException, PartitionException {
    return create(path, OsDiskLayout.SMALL, sectorSize, seed);
  }

  public static Path create(Path path, OsDiskLayout layout, int sectorSize, long seed)
      throws IOException, PartitionException {
    try (FileBlockDevice d = FileBlockDevice.create(path, layout.diskBytes(), sectorSize)) {
      layout.table(sectorSize, new Random(seed)).write(d);
    }
    return path;
  }
}
