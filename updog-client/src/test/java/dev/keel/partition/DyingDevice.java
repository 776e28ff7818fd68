package dev.keel.partition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.IntUnaryOperator;

/**
 * A {@link BlockDevice} that dies after a number of write or sync operations, like a host losing
 * power there: the fatal write puts only the first {@code keptSectors} of its sectors on the disk
 * and every operation after it fails. Crash tests arm it at each point of a GPT write in turn, then
 * reopen the disk file and check what it holds.
 */
public final class DyingDevice implements BlockDevice {
  private final BlockDevice real;
  private final IntUnaryOperator keptSectors;
  private int remaining;

  /**
   * @param keptSectors how many of the fatal write's sectors reach the disk, given how many it has
   */
  public DyingDevice(BlockDevice real, int operations, IntUnaryOperator keptSectors) {
    this.real = real;
    this.remaining = operations;
    this.keptSectors = keptSectors;
  }

  private boolean dies() {
    return remaining-- <= 0;
  }

  @Override
  public Path path() {
    return real.path();
  }

  @Override
  public int sectorSize() {
    return real.sectorSize();
  }

  @Override
  public long size() throws IOException {
    return real.size();
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    real.read(offset, dst);
  }

  @Override
  public void write(long offset, ByteBuffer src) throws IOException {
    if (dies()) {
      if (remaining == -1) {
        ByteBuffer torn = src.duplicate();
        int sectors = torn.remaining() / real.sectorSize();
        torn.limit(torn.position() + keptSectors.applyAsInt(sectors) * real.sectorSize());
        real.write(offset, torn);
      }
      throw new IOException("simulated power loss");
    }
    real.write(offset, src);
  }

  @Override
  public void sync() throws IOException {
    if (dies()) {
      throw new IOException("simulated power loss");
    }
    real.sync();
  }

  @Override
  public FileChannel channel() {
    throw new UnsupportedOperationException("the GPT goes through write()");
  }

  @Override
  public void close() throws IOException {
    real.close();
  }
}
