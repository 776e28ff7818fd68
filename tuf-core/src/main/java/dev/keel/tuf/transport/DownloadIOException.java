package dev.keel.tuf.transport;

import dev.keel.tuf.error.DownloadException;
import dev.keel.tuf.error.TransportFailureException;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * Carries a {@link DownloadException} through {@link java.io.InputStream#read}, which can only
 * throw {@code IOException}.
 *
 * <p>Every failure of a stream returned by a {@link Transport} is thrown as this type, with the
 * typed exception as its {@linkplain #getCause() cause}: a length cap passed ({@link
 * dev.keel.tuf.error.LengthLimitExceededException}), a slow body ({@link
 * dev.keel.tuf.error.SlowRetrievalException}), a connection lost for good ({@link
 * TransportFailureException}). Code that reads a transport stream, possibly through wrapping
 * streams (digest, decompressor), converts at its boundary:
 *
 * <pre>{@code
 * try (InputStream in = found.body()) {
 *   ...
 * } catch (IOException e) {
 *   throw DownloadIOException.unwrap(e, found.url());
 * }
 * }</pre>
 */
public final class DownloadIOException extends IOException {
  private final DownloadException download;

  public DownloadIOException(DownloadException download) {
    super(Objects.requireNonNull(download, "download").getMessage(), download);
    this.download = download;
  }

  /** The typed failure. */
  public DownloadException download() {
    return download;
  }

  /**
   * Returns the {@link DownloadException} carried by {@code e} or by any exception in its cause
   * chain; any other {@code IOException} (for example from a wrapping stream) becomes a {@link
   * TransportFailureException} naming {@code url}, with {@code e} as its cause.
   */
  public static DownloadException unwrap(IOException e, URI url) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DownloadIOException d) {
        return d.download;
      }
    }
    return new TransportFailureException(String.valueOf(url), "reading failed: " + e, e);
  }
}
