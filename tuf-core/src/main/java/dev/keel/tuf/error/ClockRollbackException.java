package dev.keel.tuf.error;

import java.time.Duration;
import java.time.Instant;

/**
 * The local clock reads earlier than a time already seen by a previous run, by more than the
 * tolerance allowed for clock noise: a local fault (or a freeze attack on the clock), not anything
 * a repository sent, so it is not a {@link RepositoryException}.
 */
public final class ClockRollbackException extends TufException {
  private final Instant latestKnown;
  private final Instant now;
  private final Duration tolerance;

  public ClockRollbackException(Instant latestKnown, Instant now, Duration tolerance) {
    super(
        "system clock went backwards: now "
            + now
            + " is more than "
            + tolerance
            + " before the latest known time "
            + latestKnown);
    this.latestKnown = latestKnown;
    this.now = now;
    this.tolerance = tolerance;
  }

  public Instant latestKnown() {
    return latestKnown;
  }

  public Instant now() {
    return now;
  }

  /** How far before {@link #latestKnown()} the clock could have read without this failure. */
  public Duration tolerance() {
    return tolerance;
  }
}
