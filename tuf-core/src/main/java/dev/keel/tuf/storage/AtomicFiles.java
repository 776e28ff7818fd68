package dev.keel.tuf.storage;

import dev.keel.tuf.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Crash-safe file replacement: write a temporary file in the same directory, fsync it, rename it
 * over the target atomically, fsync the directory. A reader sees the old file or the new one, never
 * a partial one. Used for TUF metadata on both sides and for the datastore links.
 */
public final class AtomicFiles implements FileSink {

  @Override
  public void write(Path target, byte[] bytes) throws StorageException {
    replace(
        target,
        ch -> {
          ByteBuffer buf = ByteBuffer.wrap(bytes);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
        });
  }

  @Override
  public void copy(InputStream source, Path target) throws StorageException {
    replace(
        target,
        ch -> {
          byte[] buf = new byte[1 << 20];
          int n;
          while ((n = source.read(buf)) > 0) {
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
              ch.write(bb);
            }
          }
        });
  }

  @FunctionalInterface
  private interface Content {
    void writeTo(FileChannel channel) throws IOException;
  }

  /**
   * Writes {@code content} to a fresh temporary sibling, fsyncs it, and renames it over {@code
   * target}.
   */
  private static void replace(Path target, Content content) throws StorageException {
    Path tmp = tempSibling(target);
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        content.writeTo(ch);
        ch.force(true);
      }
      moveIntoPlace(tmp, target);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new StorageException(target, "could not write", e);
    }
  }

  @Override
  public void link(Path existing, Path target, LinkKind kind) throws StorageException {
    Path tmp = tempSibling(target);
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      switch (kind) {
        case HARD -> Files.createLink(tmp, existing);
        case SYMBOLIC -> Files.createSymbolicLink(tmp, existing);
      }
      moveIntoPlace(tmp, target);
    } catch (IOException | UnsupportedOperationException e) {
      deleteQuietly(tmp);
      throw new StorageException(target, "could not link to " + existing, e);
    }
  }

  private static Path tempSibling(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
  }

  private static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename atomically", e);
    }
    fsyncDirectory(target.toAbsolutePath().getParent());
  }

  /** Makes a rename durable. Some file systems refuse to open directories; that is not an error. */
  public static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Directories cannot be opened for fsync on every platform; the rename itself is atomic.
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // Best effort: a stray temporary file is harmless, a hidden original failure is not.
    }
  }
}
