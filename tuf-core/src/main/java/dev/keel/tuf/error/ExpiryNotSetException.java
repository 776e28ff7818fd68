package dev.keel.tuf.error;

/** A role was to be signed, but no expiration was given for it and none could be carried over. */
public final class ExpiryNotSetException extends EditException {
  public ExpiryNotSetException(String role) {
    super(role, "no expiration ('expires') was set for this role");
  }
}
