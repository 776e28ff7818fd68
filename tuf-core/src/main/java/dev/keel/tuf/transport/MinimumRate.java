package dev.keel.tuf.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Protection against slow retrieval (TUF's "slow retrieval attack"): a body must arrive at an
 * average of at least {@code bytesPerSecond}, measured over each {@code window} once a {@code
 * grace} period has passed.
 *
 * <p>Only the time spent waiting inside reads from the network counts, so a slow consumer (for
 * example one writing to a slow disk) is never blamed on the server. Windows do not restart on a
 * resumed connection: the check covers the whole fetch.
 *
 * @param bytesPerSecond minimum average rate per window; 0 disables the check
 * @param window how much read time each measurement covers
 * @param grace read time at the start of a body that is not measured (connection ramp-up)
 */
public record MinimumRate(long bytesPerSecond, Duration window, Duration grace) {

  /** 1 KiB/s over 10 s windows after a 10 s grace period. */
  public static final MinimumRate DEFAULT =
      new MinimumRate(1024, Duration.ofSeconds(10), Duration.ofSeconds(10));

  /** No slow-retrieval check; timeouts still apply. */
  public static final MinimumRate NONE = new MinimumRate(0, Duration.ofSeconds(10), Duration.ZERO);

  public MinimumRate {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(grace, "grace");
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("bytesPerSecond must be >= 0: " + bytesPerSecond);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
  }

  public boolean enabled() {
    return bytesPerSecond > 0;
  }
}
