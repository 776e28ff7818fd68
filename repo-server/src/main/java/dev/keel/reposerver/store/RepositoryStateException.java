package dev.keel.reposerver.store;

/** The repository could not be loaded, verified, signed or written. */
public final class RepositoryStateException extends PublishException {
  public RepositoryStateException(String message) {
    super(message, null);
  }

  public RepositoryStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
