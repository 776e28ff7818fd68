package dev.keel.reposerver.http;

/** What an API token may do. {@code ADMIN} includes the others. */
public enum Scope {
  /** Upload targets and publish releases. */
  PUBLISH,
  /** Read {@code /metrics} (a Prometheus scraper's token). */
  METRICS,
  /** Everything: also pull and remove releases, refresh, validate and read expirations. */
  ADMIN;

  public boolean allows(Scope needed) {
    return this == ADMIN || this == needed;
  }
}
