package dev.keel.partition;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A disk: a block device or a disk-image file, addressed in bytes, with its logical sector size.
 * Every GPT read and write goes through {@link #read}, {@link #write} and {@link #sync}, so a test
 * can wrap a device to fail (die) at any write and check what the disk holds afterwards.
 */
public interface BlockDevice extends Closeable {
  /** Where the disk is, for messages ({@code /dev/nvme0n1}, {@code host/disk.img}). */
  Path path();

  /** The logical sector size: 512 or 4096. */
  int sectorSize();

  /** Size in bytes. */
  long size() throws IOException;

  /** Fills {@code dst} from {@code offset}; a short device is an {@link java.io.EOFException}. */
  void read(long offset, ByteBuffer dst) throws IOException;

  /** Writes all of {@code src} at {@code offset}. */
  void write(long offset, ByteBuffer src) throws IOException;

  /** Forces every write so far to stable storage (fsync). */
  void sync() throws IOException;

  /** The underlying channel, for streaming an image into a partition. */
  FileChannel channel();
}
