package dev.keel.reposerver.store;

import dev.keel.tuf.storage.FileSink;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where repositories and uploads live. Metadata of each variant/arch repository is under its own
 * {@link #metadataDir}; targets of every repository share one {@link #targetsDir}, named {@code
 * <sha256>.<name>}, so the same image published to two variants is stored once. Uploads are staged,
 * hashed while they stream in, and kept by content hash until a publish references them.
 */
public interface RepositoryStore {
  /** The root that every repository in this store is created with and verified against. */
  byte[] trustedRoot() throws RepositoryStateException;

  Path metadataDir(RepositoryId id);

  Path targetsDir();

  /** Whether a repository has been published for {@code id} (its timestamp.json exists). */
  boolean exists(RepositoryId id);

  /** Every repository published so far. */
  List<RepositoryId> repositories() throws RepositoryStateException;

  /** Starts an upload limited to {@code limit} bytes. */
  UploadWriter openUpload(long limit) throws RepositoryStateException;

  /** Streams {@code in} into a new upload (the blocking form of {@link #openUpload}). */
  default Upload receive(InputStream in, long limit)
      throws UploadTooLargeException, RepositoryStateException {
    UploadWriter writer = openUpload(limit);
    byte[] buf = new byte[1 << 20];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        writer.write(buf, 0, n);
      }
    } catch (java.io.IOException e) {
      writer.abort();
      throw new RepositoryStateException("could not read the upload: " + e.getMessage(), e);
    } catch (UploadTooLargeException | RepositoryStateException e) {
      writer.abort();
      throw e;
    }
    return writer.finish();
  }

  /** A finished upload by its SHA-256, if there is one. */
  Optional<Upload> findUpload(String sha256) throws RepositoryStateException;

  /** The file holding a finished upload's bytes. */
  Path uploadFile(String sha256);

  /** A fresh private directory for scratch files; the caller deletes it. */
  Path newWorkDir() throws RepositoryStateException;

  /** How files are written (atomic replace); tests substitute a failing sink. */
  FileSink sink();

  /**
   * Calls {@code listener} on the writing thread each time a repository's {@code timestamp.json}
   * has been replaced through {@link #sink}: the moment a publish, pull, removal or re-sign
   * commits. The writer's call returns only after the listener has.
   */
  void addCommitListener(Consumer<RepositoryId> listener);
}
