package dev.keel.tuf.error;

/** The server answered with a status that is neither success nor not-found. */
public final class HttpStatusException extends DownloadException {
  private final int status;

  public HttpStatusException(String url, int status) {
    super(url, "HTTP status " + status, null);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
