package dev.keel.tuf.error;

/** Fetching bytes failed: the {@link #url()} names what was being fetched. */
public abstract sealed class DownloadException extends TufException
    permits HttpStatusException,
        LengthLimitExceededException,
        SlowRetrievalException,
        TransportFailureException {
  private final String url;

  protected DownloadException(String url, String message, Throwable cause) {
    super(url + ": " + message, cause);
    this.url = url;
  }

  public String url() {
    return url;
  }
}
