package dev.keel.tuf.error;

/** The server answered with a status that is neither success nor not-found. */
public final class HttpStatusException extends DownloadException {
  private final int status;

  public HttpStatusException(String url, int status) {
    super(url, "HTTP status " + status, null);
    this.status = status;
  }

  /** {@code detail} says why the status is final, for example "gave up after 4 tries". */
  public HttpStatusException(String url, int status, String detail) {
    super(url, "HTTP status " + status + " (" + detail + ")", null);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
