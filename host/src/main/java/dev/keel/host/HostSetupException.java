package dev.keel.host;

/**
 * A host directory or image cannot be made as asked: it exists already, an image does not fit its
 * partition.
 */
public final class HostSetupException extends HostException {
  public HostSetupException(String message) {
    super(message);
  }

  public HostSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
