package dev.keel.tuf.error;

/**
 * A repository edit that cannot be signed as asked: the request itself, not a repository's data or
 * a file, is what is wrong. Each leaf is one refused check.
 */
public abstract sealed class EditException extends TufException
    permits ExpiryNotSetException, VersionNotIncreasedException {
  private final String role;

  protected EditException(String role, String message) {
    super(role + ": " + message);
    this.role = role;
  }

  /** The role the edit was for. */
  public String role() {
    return role;
  }
}
