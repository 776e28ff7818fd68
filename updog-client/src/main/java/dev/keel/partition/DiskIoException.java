package dev.keel.partition;

import java.io.IOException;
import java.nio.file.Path;

/** Reading or writing the disk failed: the message names the disk and what was being done. */
public final class DiskIoException extends PartitionException {
  private final Path disk;

  public DiskIoException(Path disk, String doing, IOException cause) {
    super(disk + ": " + doing + ": " + cause.getMessage(), cause);
    this.disk = disk;
  }

  public Path disk() {
    return disk;
  }
}
