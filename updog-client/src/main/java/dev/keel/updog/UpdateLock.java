package dev.keel.updog;

import dev.keel.updog.error.HostFileException;
import dev.keel.updog.error.LockHeldException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive update lock (Part A, 6): a lock on {@code /run/lock/updog.lock} held while a
 * command changes the disk or the caches. The kernel drops it when the process dies, however it
 * dies, so a stale lock file never blocks; the file only records the holder's pid for messages.
 */
final class UpdateLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private UpdateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock; fails at once if another process holds it, or waits when {@code wait}.
   *
   * @throws LockHeldException if it is held and {@code wait} is false
   */
  static UpdateLock acquire(Path file, boolean wait, Diagnostics log)
      throws LockHeldException, HostFileException {
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this JVM holds it already
      }
      if (lock == null) {
        String holder = holder(file);
        if (!wait) {
          throw new LockHeldException(file, holder);
        }
        log.info("waiting for " + holder + " to release " + file);
        lock = channel.lock();
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      return new UpdateLock(channel, lock);
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new HostFileException(
          file, "could not take the update lock " + file + ": " + e.getMessage(), e);
    } catch (LockHeldException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return pid.isEmpty() ? "another process" : "process " + pid;
    } catch (IOException e) {
      return "another process";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing was locked
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
