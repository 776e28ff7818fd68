package dev.keel.tuf.transport;

import dev.keel.tuf.error.SlowRetrievalException;

/**
 * Enforces a {@link MinimumRate} over the reads of one fetch. Pure bookkeeping: the caller measures
 * how long each read blocked and reports it with the number of bytes it returned.
 */
final class RateMonitor {
  private final MinimumRate rate;
  private final String url;
  private final long graceNanos;
  private final long windowNanos;
  private long totalNanos;
  private long windowElapsed;
  private long windowBytes;

  RateMonitor(MinimumRate rate, String url) {
    this.rate = rate;
    this.url = url;
    this.graceNanos = rate.grace().toNanos();
    this.windowNanos = rate.window().toNanos();
  }

  /**
   * Records one read.
   *
   * @param bytes bytes the read returned (0 at end of stream or on failure)
   * @param nanos how long the read blocked
   * @throws SlowRetrievalException if a full window has passed below the minimum rate
   */
  void record(long bytes, long nanos) throws SlowRetrievalException {
    if (!rate.enabled()) {
      return;
    }
    totalNanos += nanos;
    if (totalNanos <= graceNanos) {
      return;
    }
    windowElapsed += nanos;
    windowBytes += bytes;
    if (windowElapsed >= windowNanos) {
      long bytesPerSecond = (long) (windowBytes * 1e9 / windowElapsed);
      if (bytesPerSecond < rate.bytesPerSecond()) {
        throw new SlowRetrievalException(url, bytesPerSecond, rate.bytesPerSecond());
      }
      windowElapsed = 0;
      windowBytes = 0;
    }
  }
}
