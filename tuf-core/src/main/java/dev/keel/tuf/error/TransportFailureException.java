package dev.keel.tuf.error;

/** Connecting or reading failed (after any retries): timeouts, resets, refused connections. */
public final class TransportFailureException extends DownloadException {
  public TransportFailureException(String url, String message, Throwable cause) {
    super(url, message, cause);
  }
}
