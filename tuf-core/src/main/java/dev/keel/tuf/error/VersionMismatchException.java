package dev.keel.tuf.error;

/**
 * A role's version differs from the version its parent role (timestamp, snapshot, root chain)
 * named.
 */
public final class VersionMismatchException extends RepositoryException {
  private final String role;
  private final long expected;
  private final long actual;

  public VersionMismatchException(String role, long expected, long actual) {
    super(role + ": expected version " + expected + ", got " + actual);
    this.role = role;
    this.expected = expected;
    this.actual = actual;
  }

  public String role() {
    return role;
  }

  public long expected() {
    return expected;
  }

  public long actual() {
    return actual;
  }
}
