package dev.keel.tuf.error;

/** A body arrived slower than the minimum average rate (slow retrieval attack). */
public final class SlowRetrievalException extends DownloadException {
  private final long bytesPerSecond;
  private final long minimum;

  public SlowRetrievalException(String url, long bytesPerSecond, long minimum) {
    super(url, "download too slow: " + bytesPerSecond + " B/s, minimum " + minimum + " B/s", null);
    this.bytesPerSecond = bytesPerSecond;
    this.minimum = minimum;
  }

  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  public long minimum() {
    return minimum;
  }
}
