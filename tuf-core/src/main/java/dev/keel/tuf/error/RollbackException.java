package dev.keel.tuf.error;

/** A role's new version is lower than the one already trusted (rollback attack). */
public final class RollbackException extends RepositoryException {
  private final String role;
  private final long trusted;
  private final long received;

  public RollbackException(String role, long trusted, long received) {
    super(role + ": version " + received + " is older than the trusted version " + trusted);
    this.role = role;
    this.trusted = trusted;
    this.received = received;
  }

  public String role() {
    return role;
  }

  public long trusted() {
    return trusted;
  }

  public long received() {
    return received;
  }
}
