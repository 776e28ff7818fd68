package dev.keel.manifest;

import java.time.Instant;
import java.util.Objects;

/**
 * A wave would start at a time manifest.json cannot hold (before year 0000 or after year 9999 in
 * UTC): the release start time is out of range, or a {@code start_after} offset takes it there.
 * Nothing was changed.
 *
 * @see Update#EARLIEST_WAVE_TIME
 * @see Update#LATEST_WAVE_TIME
 */
public final class WaveTimeOutOfRangeException extends ManifestException {
  private final long seed;
  private final Instant time;

  /**
   * @param seed the wave's starting seed, or -1 for the release start time itself
   */
  public WaveTimeOutOfRangeException(long seed, Instant time) {
    super(
        (seed < 0 ? "release start time " : "wave at seed " + seed + " would start at ")
            + time
            + ", outside "
            + Rfc3339.RANGE);
    this.seed = seed;
    this.time = Objects.requireNonNull(time);
  }

  /** The wave's starting seed, or -1 if the release start time itself is out of range. */
  public long seed() {
    return seed;
  }

  public Instant time() {
    return time;
  }
}
