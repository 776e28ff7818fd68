package dev.keel.reposerver.http;

/** What an API token may do. {@code ADMIN} includes {@code PUBLISH}. */
public enum Scope {
  /** Upload targets and publish releases. */
  PUBLISH,
  /** Everything: also pull and remove releases, refresh, validate and read expirations. */
  ADMIN;

  public boolean allows(Scope needed) {
    return this == ADMIN || this == needed;
  }
}
