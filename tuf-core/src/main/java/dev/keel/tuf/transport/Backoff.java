package dev.keel.tuf.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff between tries: the wait before retry {@code n} (1 for the first retry) is
 * {@code initial * factor^(n-1)}, at most {@code max}. No jitter, so tests can assert the delays.
 *
 * @param initial wait before the first retry
 * @param factor growth per retry, at least 1
 * @param max upper bound of any wait
 */
public record Backoff(Duration initial, double factor, Duration max) {

  /** tough's defaults: 100 ms, times 1.5, at most 1 s. */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofMillis(100), 1.5, Duration.ofSeconds(1));

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || max.isNegative()) {
      throw new IllegalArgumentException("backoff durations must not be negative");
    }
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("backoff factor must be a finite number >= 1: " + factor);
    }
  }

  /** The wait before retry {@code retry} (1-based). */
  public Duration delay(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry is 1-based: " + retry);
    }
    double nanos = initial.toNanos() * Math.pow(factor, retry - 1);
    return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
  }
}
