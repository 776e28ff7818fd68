package dev.keel.tuf.error;

/** Key material could not be read, parsed, or used: unsupported type, bad PEM, wrong passphrase. */
public final class KeyException extends TufException {
  public KeyException(String message) {
    super(message);
  }

  public KeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
