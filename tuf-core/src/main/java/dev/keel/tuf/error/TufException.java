package dev.keel.tuf.error;

/**
 * Root of every failure tuf-core reports. Checked, so that callers handle it (Vert.x code runs
 * tuf-core inside {@code executeBlocking(Callable)}, which accepts checked exceptions).
 *
 * <p>Families by what failed: {@link RepositoryException} for anything a repository's data can
 * inflict (every TUF attack lands here), {@link DownloadException} for transport failures, {@link
 * KeyException} for key material that cannot be read or used, {@link StorageException} for local
 * file IO, {@link EditException} for a repository edit that cannot be signed as asked, and {@link
 * ClockRollbackException} for a local clock that went backwards. One class per failed check; a
 * caller's own mistake (wrong order, an argument the caller should have checked) is unchecked
 * ({@link IllegalStateException}, {@link IllegalArgumentException}), never a leaf of this tree (ADR
 * 0002). Not-found is a normal outcome, never an exception.
 */
public abstract sealed class TufException extends Exception
    permits RepositoryException,
        DownloadException,
        KeyException,
        StorageException,
        EditException,
        ClockRollbackException {

  protected TufException(String message) {
    super(message);
  }

  protected TufException(String message, Throwable cause) {
    super(message, cause);
  }
}
