package dev.keel.reposerver.store;

/** The repository, release or upload named does not exist. */
public final class NotFoundException extends PublishException {
  public NotFoundException(String message) {
    super(message, null);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
