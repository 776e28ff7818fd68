package dev.keel.reposerver.store;

/**
 * The request itself is wrong (bad variant, version, policy or a missing upload); nothing was
 * changed.
 */
public sealed class InvalidRequestException extends PublishException
    permits InvalidReleaseException {
  public InvalidRequestException(String message) {
    super(message, null);
  }

  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
