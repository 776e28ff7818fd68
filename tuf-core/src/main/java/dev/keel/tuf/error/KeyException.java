package dev.keel.tuf.error;

/**
 * Key material could not be read, parsed, or used: unsupported type, bad PEM, wrong passphrase.
 * {@link #reason()} says which, for code and tests; the message names the file or value and the
 * problem, never secret material.
 */
public final class KeyException extends TufException {
  /** What was wrong with the key. */
  public enum Reason {
    /** The key type, scheme, curve or key source scheme is not one we support. */
    UNSUPPORTED,
    /** The public value, PEM or DER encoding could not be decoded. */
    MALFORMED,
    /** An RSA key outside 2048..8192 bits, or an unusable public exponent. */
    KEY_SIZE,
    /** The key is encrypted and no passphrase was given. */
    PASSPHRASE_REQUIRED,
    /** Decryption failed: wrong passphrase or a corrupt encrypted key. */
    WRONG_PASSPHRASE,
    /** The key file could not be read or written. */
    IO,
    /** The signing operation itself failed. */
    SIGNING_FAILED,
    /** Not classified (legacy constructors). */
    OTHER
  }

  private final Reason reason;

  public KeyException(String message) {
    this(Reason.OTHER, message);
  }

  public KeyException(String message, Throwable cause) {
    this(Reason.OTHER, message, cause);
  }

  public KeyException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public KeyException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
