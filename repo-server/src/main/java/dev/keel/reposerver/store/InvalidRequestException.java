package dev.keel.reposerver.store;

/** The request itself is wrong (bad variant, version, policy or a missing upload); nothing was changed. */
public final class InvalidRequestException extends PublishException {
  public InvalidRequestException(String message) {
    super(message, null);
  }

  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
