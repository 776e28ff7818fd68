package dev.keel.reposerver.store;

/**
 * Receives one upload chunk by chunk: each chunk is hashed and written to a staging file, never
 * kept in memory. Blocking; not thread-safe (callers feed chunks in order from one task at a time).
 * Exactly one of {@link #finish()} or {@link #abort()} ends it.
 */
public interface UploadWriter {
  /**
   * @throws UploadTooLargeException if the upload now exceeds the limit (the writer is aborted)
   */
  void write(byte[] chunk, int offset, int length)
      throws UploadTooLargeException, RepositoryStateException;

  /** Completes the upload: same content as an earlier upload is a no-op. */
  Upload finish() throws RepositoryStateException;

  /** Discards the staged bytes. Safe to call more than once. */
  void abort();
}
