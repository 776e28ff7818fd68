package dev.keel.reposerver.store;

/** An upload went over the configured size limit; it was discarded and nothing was changed. */
public final class UploadTooLargeException extends PublishException {
  private final long limit;

  public UploadTooLargeException(long limit) {
    super("upload exceeds the limit of " + limit + " bytes", null);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
