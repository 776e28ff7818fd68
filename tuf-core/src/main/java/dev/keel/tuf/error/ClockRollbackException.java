package dev.keel.tuf.error;

import java.time.Instant;

/** The system clock reads earlier than a time already seen by a previous run. */
public final class ClockRollbackException extends TufException {
  private final Instant latestKnown;
  private final Instant now;

  public ClockRollbackException(Instant latestKnown, Instant now) {
    super("system clock went backwards: now " + now + " is before the latest known time " + latestKnown);
    this.latestKnown = latestKnown;
    this.now = now;
  }

  public Instant latestKnown() {
    return latestKnown;
  }

  public Instant now() {
    return now;
  }
}
