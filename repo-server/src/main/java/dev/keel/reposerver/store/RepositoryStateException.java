package dev.keel.reposerver.store;

/**
 * The repository could not be loaded, verified, signed or written. {@link StorageFullException}
 * says the cause was the server's full disk.
 */
public sealed class RepositoryStateException extends PublishException permits StorageFullException {
  public RepositoryStateException(String message) {
    super(message, null);
  }

  public RepositoryStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
