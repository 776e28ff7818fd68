package dev.keel.tuf.error;

/** A body was longer than the signed length or the configured cap (endless data attack). */
public final class LengthLimitExceededException extends DownloadException {
  private final long limit;

  public LengthLimitExceededException(String url, long limit) {
    super(url, "body exceeds the limit of " + limit + " bytes", null);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
