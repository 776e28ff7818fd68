package dev.keel.tuf.error;

/** A body arrived slower than the minimum average rate (slow retrieval attack). */
public final class SlowRetrievalException extends DownloadException {
  private final long bytesPerSecond;

  public SlowRetrievalException(String url, long bytesPerSecond, long minimum) {
    super(url, "download too slow: " + bytesPerSecond + " B/s, minimum " + minimum + " B/s", null);
    this.bytesPerSecond = bytesPerSecond;
  }

  public long bytesPerSecond() {
    return bytesPerSecond;
  }
}
