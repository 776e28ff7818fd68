package dev.keel.tuf.storage;

import dev.keel.tuf.error.StorageException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where writers put files. Every operation replaces {@code target} atomically. The seam lets tests
 * fail a write midway to prove that a crash never leaves metadata pointing at a missing file.
 */
public interface FileSink {
  enum LinkKind {
    HARD,
    SYMBOLIC
  }

  void write(Path target, byte[] bytes) throws StorageException;

  void copy(InputStream source, Path target) throws StorageException;

  void link(Path existing, Path target, LinkKind kind) throws StorageException;
}
