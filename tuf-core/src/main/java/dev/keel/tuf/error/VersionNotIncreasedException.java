package dev.keel.tuf.error;

/**
 * A role was to be signed with a version below its current one: every client would refuse it as a
 * rollback.
 */
public final class VersionNotIncreasedException extends EditException {
  private final long requested;
  private final long current;

  public VersionNotIncreasedException(String role, long requested, long current) {
    super(role, "version " + requested + " is lower than the current version " + current);
    this.requested = requested;
    this.current = current;
  }

  public long requested() {
    return requested;
  }

  public long current() {
    return current;
  }
}
