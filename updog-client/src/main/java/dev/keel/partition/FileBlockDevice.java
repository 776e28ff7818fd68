package dev.keel.partition;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;

/** A {@link BlockDevice} over a {@link FileChannel}: a disk-image file or a block device node. */
public final class FileBlockDevice implements BlockDevice {
  private static final long EFI_PART = 0x5452415020494645L;
  private final Path path;
  private final FileChannel channel;
  private final int sectorSize;

  private FileBlockDevice(Path path, FileChannel channel, int sectorSize) {
    this.path = path;
    this.channel = channel;
    this.sectorSize = sectorSize;
  }

  /**
   * Opens {@code path} for reading and writing.
   *
   * @param sectorSize the logical sector size, or empty to detect it: the size (512 or 4096) at
   *     whose LBA 1, or else whose last LBA, a GPT header signature is found; 512 if neither
   */
  public static FileBlockDevice open(Path path, OptionalInt sectorSize) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      int size = sectorSize.isPresent() ? checked(sectorSize.getAsInt()) : detect(ch);
      return new FileBlockDevice(path, ch, size);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Creates a sparse disk-image file of {@code bytes} (which must be whole sectors) and opens it.
   */
  public static FileBlockDevice create(Path path, long bytes, int sectorSize) throws IOException {
    checked(sectorSize);
    if (bytes <= 0 || bytes % sectorSize != 0) {
      throw new IllegalArgumentException(
          "a disk of " + bytes + " bytes is not whole " + sectorSize + "-byte sectors");
    }
    FileChannel ch =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            StandardOpenOption.SPARSE);
    try {
      ch.write(ByteBuffer.allocate(1), bytes - 1);
      return new FileBlockDevice(path, ch, sectorSize);
    } catch (IOException | RuntimeException e) {
      ch.close();
      Files.deleteIfExists(path);
      throw e;
    }
  }

  private static int checked(int sectorSize) {
    if (sectorSize != 512 && sectorSize != 4096) {
      throw new IllegalArgumentException(
          "logical sector size must be 512 or 4096, got " + sectorSize);
    }
    return sectorSize;
  }

  private static int detect(FileChannel ch) throws IOException {
    long size = ch.size();
    for (int s : new int[] {512, 4096}) {
      if (signatureAt(ch, s)) {
        return s;
      }
    }
    for (int s : new int[] {512, 4096}) {
      if (size % s == 0 && size >= 2L * s && signatureAt(ch, size - s)) {
        return s;
      }
    }
    return 512;
  }

  private static boolean signatureAt(FileChannel ch, long offset) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, offset + b.position()) < 0) {
        return false;
      }
    }
    return b.getLong(0) == EFI_PART;
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public int sectorSize() {
    return sectorSize;
  }

  @Override
  public long size() throws IOException {
    long size = channel.size();
    if (size == 0 && !Files.isRegularFile(path)) {
      // fstat gives a block device node no size; the kernel reports it in 512-byte units.
      Path sys = Path.of("/sys/class/block", path.toRealPath().getFileName().toString(), "size");
      size = Long.parseLong(Files.readString(sys).trim()) * 512;
    }
    return size;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    long at = offset;
    while (dst.hasRemaining()) {
      int n = channel.read(dst, at);
      if (n < 0) {
        throw new EOFException("end of disk at byte " + at);
      }
      at += n;
    }
  }

  @Override
  public void write(long offset, ByteBuffer src) throws IOException {
    long at = offset;
    while (src.hasRemaining()) {
      at += channel.write(src, at);
    }
  }

  @Override
  public void sync() throws IOException {
    channel.force(true);
  }

  @Override
  public FileChannel channel() {
    return channel;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
