package dev.keel.tuf.error;

import java.time.Instant;

/** A role expired at or before the reference time of the update (freeze attack). */
public final class ExpiredMetadataException extends RepositoryException {
  private final String role;
  private final Instant expires;
  private final Instant referenceTime;

  public ExpiredMetadataException(String role, Instant expires, Instant referenceTime) {
    super(role + ": expired at " + expires + " (reference time " + referenceTime + ")");
    this.role = role;
    this.expires = expires;
    this.referenceTime = referenceTime;
  }

  public String role() {
    return role;
  }

  public Instant expires() {
    return expires;
  }

  public Instant referenceTime() {
    return referenceTime;
  }
}
