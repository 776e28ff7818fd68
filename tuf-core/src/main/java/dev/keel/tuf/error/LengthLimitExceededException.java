package dev.keel.tuf.error;

/** A body was longer than the signed length or the configured cap (endless data attack). */
public final class LengthLimitExceededException extends DownloadException {
  private final long limit;

  public LengthLimitExceededException(String url, long limit) {
    super(url, "body exceeds the limit of " + limit + " bytes", null);
    this.limit = limit;
  }

  /** {@code detail} says how the excess was noticed, for example "Content-Length is 2000". */
  public LengthLimitExceededException(String url, long limit, String detail) {
    super(url, "body exceeds the limit of " + limit + " bytes: " + detail, null);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
