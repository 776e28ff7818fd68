package dev.keel.tuf.error;

/**
 * Root of every failure tuf-core reports. Checked, so that callers handle it (Vert.x code runs
 * tuf-core inside {@code executeBlocking(Callable)}, which accepts checked exceptions).
 *
 * <p>Four families: {@link RepositoryException} for anything a repository's data can inflict (every
 * TUF attack lands here), {@link DownloadException} for transport failures, {@link KeyException} for
 * key material that cannot be read or used, and {@link StorageException} for local file IO.
 * Not-found is a normal outcome, never an exception.
 */
public abstract sealed class TufException extends Exception
    permits RepositoryException, DownloadException, KeyException, StorageException {

  protected TufException(String message) {
    super(message);
  }

  protected TufException(String message, Throwable cause) {
    super(message, cause);
  }
}
